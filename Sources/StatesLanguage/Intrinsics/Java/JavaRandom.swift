/// `java.util.Random`: the 48-bit linear congruential generator of Knuth, TAOCP vol. 2, 3.2.1,
/// exactly as Java specifies it, so a seeded `States.MathRandom` gives AWS's number.
///
///     var random = JavaRandom(seed: 42)
///     random.nextInt(bound: 10)   // 0, as `new java.util.Random(42).nextInt(10)`
///
/// Evidence that AWS uses it: `States.MathRandom(-5, 5, 42)` returns -5 on AWS (conformance
/// suite case MRAND-026), which is `-5 + new Random(42).nextInt(10)`.
struct JavaRandom {
    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1
    private var seed: UInt64

    /// `new Random(seed)`: the seed scrambled with the multiplier.
    init(seed: Int64) {
        self.seed = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    /// `next(bits)`: the top `bits` bits of the next state.
    mutating func next(bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: seed >> UInt64(48 - bits))
    }

    /// `nextInt()`.
    mutating func nextInt() -> Int32 { next(bits: 32) }

    /// `nextInt(bound)`: uniform in `0..<bound`, with Java's rejection loop; `bound` must be positive.
    mutating func nextInt(bound: Int32) -> Int32 {
        var result = next(bits: 31)
        let limit = bound &- 1
        if bound & limit == 0 {
            return Int32(truncatingIfNeeded: (Int64(bound) &* Int64(result)) >> 31)
        }
        var candidate = result
        while true {
            result = candidate % bound
            if candidate &- result &+ limit >= 0 { return result }
            candidate = next(bits: 31)
        }
    }
}
