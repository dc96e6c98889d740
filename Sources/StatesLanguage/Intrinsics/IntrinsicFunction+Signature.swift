extension IntrinsicFunction {
    /// The argument count and literal types this function accepts (one file per function under
    /// `Intrinsics/<Category>/`).
    public var signature: IntrinsicSignature {
        switch self {
        case .format: StatesFormat.signature
        case .stringToJson: StatesStringToJson.signature
        case .jsonToString: StatesJsonToString.signature
        case .jsonMerge: StatesJsonMerge.signature
        case .array: StatesArray.signature
        case .arrayPartition: StatesArrayPartition.signature
        case .arrayContains: StatesArrayContains.signature
        case .arrayRange: StatesArrayRange.signature
        case .arrayGetItem: StatesArrayGetItem.signature
        case .arrayLength: StatesArrayLength.signature
        case .arrayUnique: StatesArrayUnique.signature
        case .base64Encode: StatesBase64Encode.signature
        case .base64Decode: StatesBase64Decode.signature
        case .hash: StatesHash.signature
        case .mathRandom: StatesMathRandom.signature
        case .mathAdd: StatesMathAdd.signature
        case .stringSplit: StatesStringSplit.signature
        case .uuid: StatesUUID.signature
        }
    }
}
