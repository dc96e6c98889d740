import JSONata

/// A seeded, splittable pseudo-random generator (SplitMix64), so `States.MathRandom`,
/// `States.UUID`, retry jitter and anything else random repeats exactly for the same seed.
///
/// Concurrent paths get their own stream from ``fork(_:)`` (derived from this stream's seed and
/// the path's index, not from how far the parent has drawn), so a Map iteration's random values
/// do not depend on the order iterations happen to run in.
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable {
    /// The stream itself: the JSONata engine's SplitMix64, the one generator of the package.
    private var generator: JSONata.SeededRandom
    /// The seed this stream started from.
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        generator = JSONata.SeededRandom(seed: seed)
    }

    public mutating func next() -> UInt64 { generator.next() }

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
