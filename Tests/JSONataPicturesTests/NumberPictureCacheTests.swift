import Testing

@testable import JSONata

/// `$formatNumber` analyses a picture once (default decimal format) and reuses it: the same
/// results, errors never cached, and the table bounded.
@Suite struct NumberPictureCacheTests {
    @Test func cachedPicturesFormatAsFreshOnes() throws {
        let options = DecimalFormatOptions()
        let picture = "#,##0.00;(#,##0.00)·cache-test"
        let first = try NumberPicture.format(-1234.5, picture: picture, options: options)
        let second = try NumberPicture.format(-1234.5, picture: picture, options: options)
        let positive = try NumberPicture.format(9.5, picture: picture, options: options)
        #expect(first == "(1,234.50)·cache-test")
        #expect(second == first)
        #expect(positive == "9.50")
        #expect(NumberPictureCache.shared.count > 0)
    }

    @Test func errorsAreRaisedEveryTime() {
        for _ in 0..<2 {
            #expect(throws: JSONataError.self) {
                try NumberPicture.format(20, picture: "#;#;#", options: DecimalFormatOptions())
            }
        }
    }

    @Test func theTableIsBounded() throws {
        let cache = NumberPictureCache()
        for index in 0..<(NumberPictureCache.capacity + 5) {
            _ = try cache.analysed(String(repeating: "a", count: index + 1) + "#0.00", DecimalFormatOptions())
        }
        #expect(cache.count <= NumberPictureCache.capacity)
        #expect(cache.count > 0)
    }
}
