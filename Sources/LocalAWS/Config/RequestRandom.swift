import JSONCore
import StatesRuntime

/// The seeded random stream a handler uses for one request.
///
/// Derived from the run's seed, the handler's `salt` (so two services never draw the same
/// numbers) and the request's context object (`$$`: execution id, state name, entered time,
/// retry count, Map item index), so the values depend only on *which* attempt of *which* state
/// asks, never on the order concurrent branches happen to run in, and repeat exactly for the
/// same seed.
package enum RequestRandom {
    package static func source(seed: UInt64, salt: String, request: TaskRequest) -> RandomSource {
        var hash = fnv1a(Array(salt.utf8), into: 0xCBF2_9CE4_8422_2325)
        hash = fnv1a(JSONWriter.compactBytes(request.context), into: hash)
        hash = fnv1a(Array(request.stateName.utf8), into: hash)
        var mixer = RandomSource(seed: seed ^ hash)
        return RandomSource(seed: mixer.next())
    }

    /// FNV-1a, 64-bit.
    static func fnv1a(_ bytes: [UInt8], into start: UInt64) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
