import JSONCore

/// Recognises plain strings that look like they were meant to be evaluated: what AWS's
/// `NO_DOLLAR` and `PASS_RESULT_IS_STATIC` warnings look for.
enum PathLooking {
    /// `$`, `$$`, `$.…`, `$[…`, `$$.…`, or an intrinsic call `States.Name(…`.
    static func matches(_ text: String) -> Bool {
        // Every form starts with the byte `$` or `S`; most strings are rejected on that byte alone.
        guard let first = text.utf8.first, first == UInt8(ascii: "$") || first == UInt8(ascii: "S") else {
            return false
        }
        if text == "$" || text == "$$" { return true }
        if text.hasPrefix("$.") || text.hasPrefix("$[") || text.hasPrefix("$$.") { return true }
        return looksLikeIntrinsic(text)
    }

    static func looksLikeIntrinsic(_ text: String) -> Bool {
        guard text.hasPrefix("States.") else { return false }
        let rest = text.dropFirst("States.".count)
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber })
        return !name.isEmpty && rest.dropFirst(name.count).first == "("
    }

    /// Where a member found by ``forEachMember(of:at:_:)`` sits; its pointer is built only when
    /// asked for (a diagnostic), not for every member walked.
    struct MemberLocation {
        let base: JSONPointer
        /// Tokens from `base` to the member.
        let trail: [String]

        var pointer: JSONPointer { base.appending(JSONPointer(trail)) }
    }

    /// Calls `body` for every object member at or below `json` (an object's members before their
    /// children) with the member's location. `json` sits at `pointer` followed by `trail`.
    static func forEachMember(
        of json: JSON, at pointer: JSONPointer, trail: [String] = [], _ body: (String, JSON, MemberLocation) -> Void
    ) {
        var trail = trail
        visit(json, base: pointer, trail: &trail, body)
    }

    private static func visit(
        _ value: JSON, base: JSONPointer, trail: inout [String], _ body: (String, JSON, MemberLocation) -> Void
    ) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                trail.append(key)
                body(key, member, MemberLocation(base: base, trail: trail))
                trail.removeLast()
            }
            for (key, member) in object where member.isContainer {
                trail.append(key)
                visit(member, base: base, trail: &trail, body)
                trail.removeLast()
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.isContainer {
                trail.append(String(index))
                visit(element, base: base, trail: &trail, body)
                trail.removeLast()
            }
        default:
            break
        }
    }
}

extension JSON {
    /// Whether this is an array or an object.
    fileprivate var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
