import Foundation
import JSONata

/// A call of one picture function with literal arguments, as the JSONata test suite writes many of
/// its cases (`$formatNumber(12345.6, "#,###.00")`), and the direct call of this target it means.
struct PictureCall: Sendable, CustomStringConvertible {
    enum Argument: Sendable, Equatable {
        case number(Double)
        case string(String)
        case object([String: String])
        case undefined
    }

    enum Outcome: Sendable, Equatable {
        case string(String)
        case number(Double)
        case undefined
        case error(code: String)
    }

    var function: String
    var arguments: [Argument]

    var description: String { "$\(function)(\(arguments))" }

    /// The instant `$toMillis` takes for "now" in every test: 2019-06-15T08:30:00.000Z.
    static let now = 1_560_587_400_000.0

    /// Runs the call against this target's API.
    func run() -> Outcome {
        do {
            switch function {
            case "formatNumber":
                guard case .number(let value) = arguments.first else { return .undefined }
                var options: [String: String] = [:]
                if arguments.count > 2, case .object(let object) = arguments[2] { options = object }
                return .string(
                    try NumberPicture.format(
                        value, picture: string(1) ?? "", options: DecimalFormatOptions(overrides: options)))
            case "formatInteger":
                guard case .number(let value) = arguments.first else { return .undefined }
                return .string(try IntegerPicture.format(value, picture: string(1) ?? ""))
            case "parseInteger":
                guard let text = string(0) else { return .undefined }
                return number(try IntegerPicture.parse(text, picture: string(1) ?? ""))
            case "fromMillis":
                guard case .number(let value) = arguments.first else { return .undefined }
                return .string(try DateTimePicture.format(millis: value, picture: string(1), timezone: string(2)))
            case "toMillis":
                guard let text = string(0) else { return .undefined }
                return number(try DateTimePicture.parse(text, picture: string(1), now: Self.now))
            default:
                return .error(code: "unknown function \(function)")
            }
        } catch {
            return .error(code: error.code)
        }
    }

    private func string(_ index: Int) -> String? {
        guard index < arguments.count, case .string(let text) = arguments[index] else { return nil }
        return text
    }

    private func number(_ value: Double?) -> Outcome {
        guard let value else { return .undefined }
        return .number(value)
    }
}

extension PictureCall {
    /// Reads `expr` when it is exactly one call of a picture function whose arguments are number,
    /// string or flat object literals, `undefined`, `()` or a bare name (undefined without input).
    init?(expression: String) {
        var scanner = LiteralScanner(Array(expression.unicodeScalars))
        scanner.skipSpace()
        guard scanner.take("$"), let name = scanner.identifier(),
            ["formatNumber", "formatInteger", "parseInteger", "fromMillis", "toMillis"].contains(name),
            scanner.take("(")
        else { return nil }
        var arguments: [Argument] = []
        scanner.skipSpace()
        if !scanner.take(")") {
            while true {
                guard let argument = scanner.argument() else { return nil }
                arguments.append(argument)
                scanner.skipSpace()
                if scanner.take(")") { break }
                guard scanner.take(",") else { return nil }
            }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { return nil }
        self.init(function: name, arguments: arguments)
    }
}

private struct LiteralScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func skipSpace() {
        while let current, current.properties.isWhitespace { index += 1 }
    }

    mutating func take(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        guard index + wanted.count <= scalars.count, Array(scalars[index..<(index + wanted.count)]) == wanted else {
            return false
        }
        index += wanted.count
        return true
    }

    mutating func identifier() -> String? {
        var name = ""
        while let current, current.properties.isAlphabetic || ("0"..."9").contains(current) || current == "_" {
            name.unicodeScalars.append(current)
            index += 1
        }
        return name.isEmpty ? nil : name
    }

    mutating func argument() -> PictureCall.Argument? {
        skipSpace()
        guard let current else { return nil }
        if current == "\"" || current == "'" { return string().map { .string($0) } }
        if current == "{" { return object() }
        if take("()") { return .undefined }
        if current == "-" || ("0"..."9").contains(current) { return number() }
        if let name = identifier() { return ["true", "false", "null"].contains(name) ? nil : .undefined }
        return nil
    }

    mutating func number() -> PictureCall.Argument? {
        var text = ""
        while let current, "0123456789.eE+-".unicodeScalars.contains(current) {
            text.unicodeScalars.append(current)
            index += 1
        }
        return Double(text).map { .number($0) }
    }

    mutating func string() -> String? {
        guard let quote = current else { return nil }
        index += 1
        var text = ""
        while let current {
            index += 1
            if current == quote { return text }
            if current == "\\" {
                guard let escaped = self.current else { return nil }
                index += 1
                switch escaped {
                case "n": text += "\n"
                case "t": text += "\t"
                case "u":
                    guard index + 4 <= scalars.count,
                        let code = UInt32(String(String.UnicodeScalarView(scalars[index..<(index + 4)])), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { return nil }
                    index += 4
                    text.unicodeScalars.append(scalar)
                default: text.unicodeScalars.append(escaped)
                }
            } else {
                text.unicodeScalars.append(current)
            }
        }
        return nil
    }

    mutating func object() -> PictureCall.Argument? {
        guard take("{") else { return nil }
        var object: [String: String] = [:]
        skipSpace()
        if take("}") { return .object(object) }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard take(":") else { return nil }
            skipSpace()
            guard let value = string() else { return nil }
            object[key] = value
            skipSpace()
            if take("}") { return .object(object) }
            guard take(",") else { return nil }
        }
    }
}
