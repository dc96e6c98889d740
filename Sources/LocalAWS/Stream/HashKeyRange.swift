import StatesLanguage

/// The partition key → shard mapping of Kinesis: the MD5 digest of the key, read as a 128-bit
/// unsigned big-endian integer, falls into exactly one shard's hash key range; a stream created
/// with `n` shards splits 0 ... 2^128 - 1 into `n` equal ranges (the last one absorbing the
/// remainder).
///
///     HashKeyRange.ranges(shardCount: 2)
///     // [0 ... 170141183460469231731687303715884105727,
///     //  170141183460469231731687303715884105728 ... 340282366920938463463374607431768211455]
///
/// Source: Kinesis Data Streams developer guide, "Terminology and concepts" (partition key: "an
/// MD5 hash function is used to map partition keys to 128-bit integer values and to map
/// associated data records to shards using the hash key ranges of the shards") and the
/// `CreateStream`/`DescribeStream` API (each shard's `HashKeyRange` with `StartingHashKey` and
/// `EndingHashKey` as decimal strings; a new stream's ranges are even).
public struct HashKeyRange: Sendable, Hashable {
    public let startingHashKey: UInt128
    public let endingHashKey: UInt128

    /// The even split of the hash key space into `shardCount` ranges.
    public static func ranges(shardCount: Int) -> [HashKeyRange] {
        guard let step = width(shardCount: shardCount) else {
            return [HashKeyRange(startingHashKey: 0, endingHashKey: .max)]
        }
        return (0..<shardCount).map { index in
            let start = step * UInt128(index)
            let end = index == shardCount - 1 ? UInt128.max : step * UInt128(index + 1) - 1
            return HashKeyRange(startingHashKey: start, endingHashKey: end)
        }
    }

    /// The MD5 hash key of a partition key.
    public static func hashKey(forPartitionKey key: String) -> UInt128 {
        MD5.digest(Array(key.utf8)).reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
    }

    /// The index of the shard whose range holds `hashKey`.
    public static func shardIndex(forHashKey hashKey: UInt128, shardCount: Int) -> Int {
        guard let step = width(shardCount: shardCount) else { return 0 }
        return min(Int(hashKey / step), shardCount - 1)
    }

    /// `floor(2^128 / shardCount)`, the width of every range but possibly the last; `nil` for one
    /// shard (2^128 does not fit).
    private static func width(shardCount: Int) -> UInt128? {
        guard shardCount > 1 else { return nil }
        let count = UInt128(shardCount)
        let (quotient, remainder) = UInt128.max.quotientAndRemainder(dividingBy: count)
        return remainder + 1 == count ? quotient + 1 : quotient
    }
}
