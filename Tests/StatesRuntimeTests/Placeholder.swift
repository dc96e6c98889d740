import Testing

@Test func statesRuntimeBuilds() {}
