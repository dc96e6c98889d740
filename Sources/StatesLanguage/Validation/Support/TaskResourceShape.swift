import JSONCore

/// A Task `Resource` taken apart, with no judgement beyond its shape.
///
///     arn:aws:lambda:us-east-1:123456789012:function:Name[:qualifier]   → .lambdaFunction
///     arn:aws:states:us-east-1:123456789012:activity:Name               → .activity
///     arn:aws:states:::glue:startJobRun.sync                            → .optimized("glue", "startJobRun", ".sync")
///     arn:aws:states:::aws-sdk:s3:getObject                             → .sdk("s3", "getObject", "")
///     arn:aws:states:::states:startExecution.sync:2                     → .optimized("states", "startExecution", ".sync:2")
///
/// Source: AWS developer guide, "Task workflow state", section "Task state resource ARNs".
enum TaskResourceShape: Equatable {
    case lambdaFunction(name: String)
    case activity(name: String)
    /// `pattern` is the suffix as written: `""`, `.sync`, `.sync:2`, `.waitForTaskToken`, or
    /// anything else after the first `.` of the action.
    case optimized(service: String, action: String, pattern: String)
    case sdk(service: String, action: String, pattern: String)
    /// Why the text is not a Task resource at all.
    case invalid(Problem)

    enum Problem: Equatable {
        /// Does not start with `arn:` or has too few parts.
        case notAnARN
        case unknownPartition(String)
        /// A Lambda ARN without `function:<name>`, region or account.
        case malformedLambda
        /// A `states` ARN that is neither an activity nor an integration.
        case malformedStates
        /// An ARN of a service a Task cannot name directly (`arn:aws:sns:…`).
        case unsupportedService(String)
    }

    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }

    static func parse(_ resource: String) -> TaskResourceShape {
        var text = Substring(resource)
        var syncTwo = false
        if text.hasSuffix(".sync:2") {
            text = text.dropLast(2)
            syncTwo = true
        }
        let parts = colonSeparated(text)
        guard parts.count >= 6, parts[0] == "arn" else { return .invalid(.notAnARN) }
        guard isPartition(parts[1]) else { return .invalid(.unknownPartition(parts[1])) }
        let (service, region, account) = (parts[2], parts[3], parts[4])
        let rest = Array(parts[5...])
        switch service {
        case "lambda":
            guard !region.isEmpty, !account.isEmpty, rest.count == 2 || rest.count == 3, rest[0] == "function",
                !rest[1].isEmpty, !syncTwo
            else { return .invalid(.malformedLambda) }
            return .lambdaFunction(name: rest[1])
        case "states":
            if !region.isEmpty, !account.isEmpty {
                guard rest.count == 2, rest[0] == "activity", !rest[1].isEmpty, !syncTwo else {
                    return .invalid(.malformedStates)
                }
                return .activity(name: rest[1])
            }
            guard region.isEmpty, account.isEmpty else { return .invalid(.malformedStates) }
            if rest.first == "aws-sdk" {
                guard rest.count == 3, !rest[1].isEmpty else { return .invalid(.malformedStates) }
                let (action, pattern) = splitPattern(rest[2], syncTwo: syncTwo)
                return .sdk(service: rest[1], action: action, pattern: pattern)
            }
            guard rest.count == 2, !rest[0].isEmpty else { return .invalid(.malformedStates) }
            let (action, pattern) = splitPattern(rest[1], syncTwo: syncTwo)
            return .optimized(service: rest[0], action: action, pattern: pattern)
        default:
            return .invalid(.unsupportedService(service))
        }
    }

    /// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, … : `aws` then `-word` groups.
    /// `text.split(separator: ":", omittingEmptySubsequences: false)` as strings.
    ///
    /// Rationale: splitting walks `Character`s, which costs more than the rest of the parse; an
    /// ASCII text (every ARN in practice) has one `Character` per byte but for `\r\n`, which holds no
    /// `:`, so splitting its bytes gives the same parts.
    private static func colonSeparated(_ text: Substring) -> [String] {
        var contiguous = String(text)
        let parts = contiguous.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var parts: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ":") {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            return parts
        }
        return parts ?? text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    static func isPartition(_ text: String) -> Bool {
        var contiguous = text
        return contiguous.withUTF8 { asciiIsPartition($0) } ?? characterIsPartition(text)
    }

    /// ``isPartition(_:)`` decided on the bytes of an ASCII text (where `isLowercase` is a–z and
    /// `isNumber` is 0–9); `nil` when the text holds other bytes.
    private static func asciiIsPartition(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "a"), bytes[1] == UInt8(ascii: "w"),
            bytes[2] == UInt8(ascii: "s")
        else { return false }
        if bytes.count > 3, bytes[3] != UInt8(ascii: "-") { return false }
        // Groups after each '-': non-empty runs of a–z and 0–9.
        var groupLength = 0
        var inGroup = false
        for byte in bytes.dropFirst(3) {
            if byte == UInt8(ascii: "-") {
                if inGroup && groupLength == 0 { return false }
                inGroup = true
                groupLength = 0
            } else if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            {
                groupLength += 1
            } else {
                return false
            }
        }
        return !inGroup || groupLength > 0
    }

    private static func characterIsPartition(_ text: String) -> Bool {
        guard text.hasPrefix("aws") else { return false }
        let groups = text.dropFirst(3).split(separator: "-", omittingEmptySubsequences: false).dropFirst()
        if text.count > 3, !text.dropFirst(3).hasPrefix("-") { return false }
        return groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber } }
    }

    private static func splitPattern(_ text: String, syncTwo: Bool) -> (action: String, pattern: String) {
        guard let dot = text.firstIndex(of: ".") else { return (text, syncTwo ? ".sync:2" : "") }
        let pattern = String(text[dot...]) + (syncTwo ? ":2" : "")
        return (String(text[..<dot]), pattern)
    }
}
