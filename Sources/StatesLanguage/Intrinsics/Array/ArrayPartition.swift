import JSONCore

/// `States.ArrayPartition`: Splits an array into chunks of the given (positive) size; the last chunk may be shorter.
///
/// AWS's example: Input `{"inputArray": [1,2,3,4,5,6,7,8,9]}`, call `States.ArrayPartition($.inputArray, 4)`,
/// result `[[1,2,3,4], [5,6,7,8], [9]]`.
///
/// Observed on AWS (conformance suite): the size is truncated (`2.6` and `2.4` both chunk by 2,
/// AP-013/014); a size under 1 after truncation fails (`0.6`, `0.49`, `-0.4`, `0`, `-1`); an
/// empty array gives `[]`; a size beyond the length gives one chunk.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesArrayPartition {
    static let signature = IntrinsicSignature(.arrayPartition, parameters: [.array, .integer])

    static func call(_ arguments: [JSON]) throws(StatesError) -> JSON {
        try IntrinsicValue.checkCount(arguments, .arrayPartition)
        let elements = try IntrinsicValue.array(arguments[0], .arrayPartition)
        let size = Int(try IntrinsicValue.truncatedInt32(arguments[1], .arrayPartition))
        guard size >= 1 else { throw IntrinsicValue.invalid(.arrayPartition) }
        var chunks: [JSON] = []
        var start = 0
        while start < elements.count {
            let end = elements.count - start > size ? start + size : elements.count
            chunks.append(.array(Array(elements[start..<end])))
            start = end
        }
        return .array(chunks)
    }
}
