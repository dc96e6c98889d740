/// Something in a valid path that AWS evaluates differently from what its author probably meant:
/// the validator reports each as a warning (ASL-W300), never as an error, because AWS accepts
/// the definition.
///
///     Path.parse("$[?(@.lang == es)]").advisories     [.unquotedWord("es")]
///     Path.parse("$.a[-1]").advisories                [.negativeIndex(-1)]
///     Path.parse("$.a[(@.length-1)]").advisories      []
public enum PathAdvisory: Sendable, Hashable {
    /// A filter operand written without quotes; Jayway 2.0 compares it as a string.
    case unquotedWord(String)
    /// `[-1]`: AWS does not count a negative index from the end; it selects `null`, like an index
    /// past the end.
    case negativeIndex(Int)
    /// `.length()`, `.sum()`, …: AWS has no path functions and reads the text as a member name.
    case pathFunction(String)
}

extension Path {
    /// The advisories for this path, in the order their constructs appear.
    public var advisories: [PathAdvisory] {
        var found: [PathAdvisory] = []
        for segment in segments { Self.collect(segment, into: &found) }
        return found
    }

    private static func collect(_ segment: PathSegment, into found: inout [PathAdvisory]) {
        switch segment {
        case .index(let index) where index < 0:
            found.append(.negativeIndex(index))
        case .function(let name, let arguments):
            found.append(.pathFunction(PathSegment.functionMemberName(name, arguments)))
        case .union(let members):
            for member in members { collect(member, into: &found) }
        case .recursiveDescent(let inner):
            collect(inner, into: &found)
        case .filter(let expression):
            collect(expression, into: &found)
        default:
            break
        }
    }

    private static func collect(_ expression: FilterExpression, into found: inout [PathAdvisory]) {
        switch expression {
        case .word(let word):
            found.append(.unquotedWord(word))
        case .current(let segments):
            for segment in segments { collect(segment, into: &found) }
        case .absolute(let path):
            found.append(contentsOf: path.advisories)
        case .comparison(let left, _, let right), .and(let left, let right), .or(let left, let right):
            collect(left, into: &found)
            collect(right, into: &found)
        case .not(let operand):
            collect(operand, into: &found)
        case .literal, .regex:
            break
        }
    }
}

extension DynamicValue {
    /// The advisories of the path, or of every path argument of the intrinsic call.
    public var advisories: [PathAdvisory] {
        switch self {
        case .path(let path): path.advisories
        case .intrinsic(let call): Self.advisories(of: call)
        }
    }

    private static func advisories(of call: IntrinsicCall) -> [PathAdvisory] {
        var found: [PathAdvisory] = []
        for argument in call.arguments {
            switch argument {
            case .path(let path): found.append(contentsOf: path.advisories)
            case .call(let inner): found.append(contentsOf: advisories(of: inner))
            default: break
            }
        }
        return found
    }
}
