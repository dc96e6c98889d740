import JSONCore

/// A `java.math.BigDecimal`: how Jayway's filters hold numbers (`NumberNode`).
///
/// Filters compare numbers exactly as decimals, and compare a string with a number by writing
/// the number with `BigDecimal.toString()`, so `"1E+2"` is the text of the literal `1e2`:
///
///     JavaDecimal(javaText: "1e2")?.text      // "1E+2"
///     JavaDecimal(javaText: "0.00000012")?.text  // "1.2E-7"
///     JavaDecimal(javaText: "12.50")?.text    // "12.50"
///     JavaDecimal(javaText: "abc")            // nil (NumberFormatException)
struct JavaDecimal: Sendable, Hashable {
    /// Sign of a non-zero value.
    var negative: Bool
    /// The unscaled value's magnitude in decimal, without leading zeros (`"0"` for zero).
    var digits: String
    /// Digits to the right of the decimal point (negative: zeros to append).
    var scale: Int

    /// Parses like `new BigDecimal(String)`: optional sign, digits with an optional point (at
    /// least one digit overall), optional exponent.
    init?(javaText: String) {
        var bytes = Array(javaText.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var all: [UInt8] = []
        var fraction = 0
        var sawPoint = false
        while let byte = bytes.first {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                all.append(byte)
                if sawPoint { fraction += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard !all.isEmpty else { return nil }
        var exponent = 0
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
            for byte in bytes {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
            }
            if exponentNegative { exponent = -exponent }
            bytes = bytes[bytes.endIndex...]
        }
        guard bytes.isEmpty else { return nil }
        while all.count > 1, all.first == UInt8(ascii: "0") { all.removeFirst() }
        self.digits = String(decoding: all, as: UTF8.self)
        self.negative = negative && self.digits != "0"
        self.scale = fraction - exponent
    }

    /// The decimal Jayway builds for a document number (`createNumberNode(res.toString())`):
    /// integers as written, decimals through `Double`.
    init(json number: JSONNumber) {
        let java = JavaText.javaNumber(number)
        self = JavaDecimal(javaText: java.text) ?? .zero
    }

    static let zero = JavaDecimal(negative: false, digits: "0", scale: 0)

    private init(negative: Bool, digits: String, scale: Int) {
        self.negative = negative
        self.digits = digits
        self.scale = scale
    }

    /// `BigDecimal.toString()`.
    var text: String {
        let sign = negative ? "-" : ""
        if scale == 0 { return sign + digits }
        let adjusted = -scale + (digits.count - 1)
        if scale > 0 && adjusted >= -6 {
            if digits.count > scale {
                let split = digits.index(digits.startIndex, offsetBy: digits.count - scale)
                return sign + digits[..<split] + "." + digits[split...]
            }
            return sign + "0." + String(repeating: "0", count: scale - digits.count) + digits
        }
        var text = sign + digits.prefix(1)
        if digits.count > 1 { text += "." + digits.dropFirst() }
        text += "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
        return text
    }

    /// The same value as a JSON number, for exact comparison.
    var jsonNumber: JSONNumber {
        let text = (negative ? "-" : "") + digits + (scale == 0 ? "" : "e" + String(-scale))
        return JSONNumber(text: text) ?? JSONNumber(0)
    }

    /// `BigDecimal.compareTo`: -1, 0 or 1.
    func compare(_ other: JavaDecimal) -> Int {
        DecimalOrder.compare(jsonNumber, other.jsonNumber)
    }
}
