import Testing

@Test func parquetBuilds() {}
