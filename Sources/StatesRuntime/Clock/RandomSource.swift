/// A seeded, splittable pseudo-random generator (SplitMix64), so `States.MathRandom`,
/// `States.UUID`, retry jitter and anything else random repeats exactly for the same seed.
///
/// Concurrent paths get their own stream from ``fork(_:)`` (derived from this stream's seed and
/// the path's index, not from how far the parent has drawn), so a Map iteration's random values
/// do not depend on the order iterations happen to run in.
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64
    /// The seed this stream started from.
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The stream for child path `index` (a branch or iteration).
    public func fork(_ index: Int) -> RandomSource {
        var mixer = RandomSource(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        return RandomSource(seed: mixer.next())
    }

    /// A uniformly distributed double in `[0, 1)`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
