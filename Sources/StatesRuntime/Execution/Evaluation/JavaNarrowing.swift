/// Java's narrowing of a `double` to an `int` (`(int) d`, `Double.intValue()`), which saturates
/// where Swift's `Int(_:)` would trap: NaN gives 0, values beyond the `int` range give its nearest
/// end, others are truncated toward zero.
///
///     JavaNarrowing.int(2.9)      2
///     JavaNarrowing.int(-2.9)     -2
///     JavaNarrowing.int(1e300)    2147483647
///     JavaNarrowing.int(.nan)     0
///
/// Source: Java Language Specification §5.1.3, "Narrowing Primitive Conversion".
enum JavaNarrowing {
    static func int(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        if value >= Double(Int32.max) { return Int(Int32.max) }
        if value <= Double(Int32.min) { return Int(Int32.min) }
        return Int(value.rounded(.towardZero))
    }
}
