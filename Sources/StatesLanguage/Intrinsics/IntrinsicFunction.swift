/// The 18 intrinsic functions of JSONPath-mode ASL, by their written names.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath in Step Functions".
public enum IntrinsicFunction: String, Sendable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    /// The function's name as written in a definition, e.g. `States.Format`.
    public var name: String { rawValue }
}
