/// A JSON number that keeps the text it was written with.
///
/// `1`, `1.0`, `1e400` and `12345678901234567890` all round-trip unchanged through reading and
/// writing. Equality and ordering are exact decimal comparisons of the written values (so `1`
/// equals `1.0` and `1e2` equals `100`), never comparisons of rounded doubles.
///
///     JSONNumber(text: "1.50")?.isInteger      // false: written with a fraction
///     JSONNumber(text: "1.50") == JSONNumber(2) // false
///     JSONNumber(text: "1e2")?.int64Value       // nil: written as a decimal
///     JSONNumber(text: "1e2")?.integralValue    // 100
public struct JSONNumber: Sendable {
    /// The literal as written (RFC 8259 number grammar).
    public let text: String
    /// `true` when the literal has neither a fraction nor an exponent.
    public let isInteger: Bool

    /// Wraps a literal the caller has already checked against RFC 8259's number grammar.
    public init(uncheckedText text: String, isInteger: Bool) {
        self.text = text
        self.isInteger = isInteger
    }

    /// Parses a literal; `nil` unless `text` follows RFC 8259's number grammar exactly.
    public init?(text: String) {
        guard let decimal = Decimal(parsing: text) else { return nil }
        self.text = text
        self.isInteger = decimal.writtenAsInteger
    }

    public init(_ value: Int) {
        text = String(value)
        isInteger = true
    }

    public init(_ value: Int64) {
        text = String(value)
        isInteger = true
    }

    /// A decimal number from a double; non-finite values, which JSON cannot hold, become `0`.
    public init(_ value: Double) {
        guard value.isFinite else {
            text = "0"
            isInteger = true
            return
        }
        text = value.description
        isInteger = false
    }

    /// The value as an `Int64` when it was written as an integer and fits.
    public var int64Value: Int64? {
        isInteger ? Int64(text) : nil
    }

    /// The value as an `Int64` when it is a whole number that fits, however it was written
    /// (`3`, `3.0` and `3e0` all give 3).
    public var integralValue: Int64? {
        if isInteger, let exact = Int64(text) { return exact }
        guard let decimal = Decimal(parsing: text) else { return nil }
        return decimal.int64IfIntegral
    }

    /// The nearest double; magnitudes beyond `Double`'s range give ±infinity.
    public var doubleValue: Double { Double(text) ?? 0 }
}

extension JSONNumber: Hashable, Comparable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        guard let left = Decimal(parsing: lhs.text), let right = Decimal(parsing: rhs.text) else { return false }
        return left.compare(to: right) == 0
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        guard let left = Decimal(parsing: lhs.text), let right = Decimal(parsing: rhs.text) else { return false }
        return left.compare(to: right) < 0
    }

    public func hash(into hasher: inout Hasher) {
        if let decimal = Decimal(parsing: text) {
            decimal.hashNormalized(into: &hasher)
        } else {
            hasher.combine(text)
        }
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String { text }
}

/// An exact decimal: `(-1)^negative × 0.digits × 10^exponent`, digits without leading or
/// trailing zeros (empty for zero).
private struct Decimal {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int
    var writtenAsInteger: Bool

    init?(parsing text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var integerPart: [UInt8] = []
        while let byte = bytes.first, byte.isDigit {
            integerPart.append(byte - UInt8(ascii: "0"))
            bytes = bytes.dropFirst()
        }
        guard !integerPart.isEmpty, integerPart.count == 1 || integerPart[0] != 0 else { return nil }
        var fraction: [UInt8] = []
        writtenAsInteger = true
        if bytes.first == UInt8(ascii: ".") {
            writtenAsInteger = false
            bytes = bytes.dropFirst()
            while let byte = bytes.first, byte.isDigit {
                fraction.append(byte - UInt8(ascii: "0"))
                bytes = bytes.dropFirst()
            }
            guard !fraction.isEmpty else { return nil }
        }
        var exponentValue = 0
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            writtenAsInteger = false
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            var sawDigit = false
            while let byte = bytes.first, byte.isDigit {
                sawDigit = true
                // Saturate: exponents this large compare the same either way.
                if exponentValue < 1_000_000_000_000 {
                    exponentValue = exponentValue * 10 + Int(byte - UInt8(ascii: "0"))
                }
                bytes = bytes.dropFirst()
            }
            guard sawDigit else { return nil }
            if exponentNegative { exponentValue = -exponentValue }
        }
        guard bytes.isEmpty else { return nil }
        var all = integerPart + fraction
        var pointPosition = integerPart.count + exponentValue
        while let first = all.first, first == 0 {
            all.removeFirst()
            pointPosition -= 1
        }
        while let last = all.last, last == 0 { all.removeLast() }
        if all.isEmpty {
            negative = false
            pointPosition = 0
        }
        digits = all
        exponent = pointPosition
    }

    /// -1, 0 or 1.
    func compare(to other: Decimal) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let magnitude = compareMagnitude(to: other)
        return negative ? -magnitude : magnitude
    }

    private func compareMagnitude(to other: Decimal) -> Int {
        if digits.isEmpty || other.digits.isEmpty {
            return digits.isEmpty ? (other.digits.isEmpty ? 0 : -1) : 1
        }
        if exponent != other.exponent { return exponent < other.exponent ? -1 : 1 }
        for (left, right) in zip(digits, other.digits) where left != right {
            return left < right ? -1 : 1
        }
        if digits.count == other.digits.count { return 0 }
        return digits.count < other.digits.count ? -1 : 1
    }

    var int64IfIntegral: Int64? {
        if digits.isEmpty { return 0 }
        guard exponent >= digits.count, exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for position in 0..<exponent {
            let digit = position < digits.count ? UInt64(digits[position]) : 0
            let (times, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    func hashNormalized(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(digits)
        hasher.combine(exponent)
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
