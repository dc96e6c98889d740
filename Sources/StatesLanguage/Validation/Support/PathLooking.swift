import JSONCore

/// Recognises plain strings that look like they were meant to be evaluated: what AWS's
/// `NO_DOLLAR` and `PASS_RESULT_IS_STATIC` warnings look for.
enum PathLooking {
    /// `$`, `$$`, `$.…`, `$[…`, `$$.…`, or an intrinsic call `States.Name(…`.
    static func matches(_ text: String) -> Bool {
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

    /// Calls `body` for every object member at or below `json` (an object's members before their
    /// children) with the member's pointer.
    static func forEachMember(
        of json: JSON, at pointer: JSONPointer, _ body: (String, JSON, JSONPointer) -> Void
    ) {
        var stack: [(JSON, JSONPointer)] = [(json, pointer)]
        while let (value, here) = stack.popLast() {
            switch value {
            case .object(let object):
                var children: [(JSON, JSONPointer)] = []
                for (key, member) in object {
                    body(key, member, here / key)
                    children.append((member, here / key))
                }
                stack.append(contentsOf: children.reversed())
            case .array(let elements):
                stack.append(contentsOf: elements.enumerated().map { ($1, here / $0) }.reversed())
            default:
                break
            }
        }
    }
}
