import Testing

@Test func contentPlaceholderBuilds() { #expect(Bool(true)) }
