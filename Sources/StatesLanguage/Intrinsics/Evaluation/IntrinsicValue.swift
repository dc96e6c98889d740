import JSONCore

/// Argument checks and conversions shared by the function bodies. Each failure is AWS's
/// `States.Runtime` "Invalid arguments in States.X" (the text the conformance suite observed for
/// ArrayRange, ArrayPartition and MathRandom and field reports quote for MathAdd and
/// StringToJson); ``IntrinsicCall/evaluate(resolve:random:)`` adds which call failed.
enum IntrinsicValue {
    /// AWS's limit on the string `States.Base64Encode`, `States.Base64Decode` and `States.Hash`
    /// accept, in Java characters (UTF-16 code units); 10,000 passes, 10,001 fails (conformance
    /// suite cases B64E-009/010, B64D-008, HASH-012/013).
    static let maximumTextLength = 10_000

    static func invalid(_ function: IntrinsicFunction) -> StatesError {
        StatesError(.runtime, "Invalid arguments in \(function.rawValue)")
    }

    /// Checks the argument count against the function's signature (the parser checks it too;
    /// this guards calls built by hand).
    static func checkCount(_ arguments: [JSON], _ function: IntrinsicFunction) throws(StatesError) {
        let signature = function.signature
        guard arguments.count >= signature.minimumArguments,
            signature.maximumArguments.map({ arguments.count <= $0 }) ?? true
        else { throw invalid(function) }
    }

    static func string(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> String {
        guard case .string(let text) = value else { throw invalid(function) }
        return text
    }

    static func array(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> [JSON] {
        guard case .array(let elements) = value else { throw invalid(function) }
        return elements
    }

    static func object(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> JSONObject {
        guard case .object(let object) = value else { throw invalid(function) }
        return object
    }

    /// A number as Java's `intValue()` of Jackson's number takes it: decimals truncated toward
    /// zero (AWS: `States.ArrayRange(1.6, 1.4, 1)` gives `[1]`, `States.ArrayPartition(a, 2.6)`
    /// uses 2, `States.ArrayGetItem(a, 1.2)` uses 1, `States.MathRandom(1.6, 5.4)` can give 1).
    /// Values outside the 32-bit range, and non-numbers, are invalid.
    static func truncatedInt32(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> Int32 {
        guard case .number(let number) = value else { throw invalid(function) }
        if number.isInteger {
            guard let exact = Int64(number.text), let small = Int32(exactly: exact) else { throw invalid(function) }
            return small
        }
        let double = Double(number.text) ?? .nan
        guard double.isFinite, let small = Int32(exactly: double.rounded(.towardZero)) else {
            throw invalid(function)
        }
        return small
    }

    /// A number as Java's `Math.round` takes it: halves up (`2.5` → 3, `-2.5` → -2; AWS: `States.
    /// MathAdd(1.6, 2.7)` is 5, LocalStack's AWS-validated `test_math_add`). Values outside the
    /// 32-bit range, and non-numbers, are invalid (AWS: `States.MathAdd(3000000000, 1)` fails).
    static func roundedInt32(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> Int32 {
        guard case .number(let number) = value else { throw invalid(function) }
        if number.isInteger {
            guard let exact = Int64(number.text), let small = Int32(exactly: exact) else { throw invalid(function) }
            return small
        }
        let double = Double(number.text) ?? .nan
        guard double.isFinite else { throw invalid(function) }
        let floor = double.rounded(.down)
        let rounded = double - floor >= 0.5 ? floor + 1 : floor
        guard let small = Int32(exactly: rounded) else { throw invalid(function) }
        return small
    }

    /// A seed as Java's `longValue()` takes it: decimals truncated toward zero. Values outside
    /// the 64-bit range, and non-numbers, are invalid.
    static func truncatedInt64(_ value: JSON, _ function: IntrinsicFunction) throws(StatesError) -> Int64 {
        guard case .number(let number) = value else { throw invalid(function) }
        if number.isInteger {
            guard let exact = Int64(number.text) else { throw invalid(function) }
            return exact
        }
        let double = (Double(number.text) ?? .nan).rounded(.towardZero)
        guard double.isFinite, double >= -0x1p63, double < 0x1p63 else { throw invalid(function) }
        return Int64(double)
    }
}
