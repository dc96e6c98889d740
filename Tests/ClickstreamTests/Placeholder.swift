import Testing

@Test func clickstreamBuilds() {}
