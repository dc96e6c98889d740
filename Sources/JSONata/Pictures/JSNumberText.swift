// JavaScript's number-to-text conversions, as the picture formatters need them.
//
// `string(_:)` is `Number.prototype.toString()` (ECMA-262 Number::toString: the shortest digits that
// read back to the same double, plain notation from 1e-7 up to 1e21, exponent notation outside);
// `fixed(_:digits:)` is `Number.prototype.toFixed(digits)` (the exact binary value rounded to
// `digits` places, a tie going up, computed here with exact integer arithmetic); `round(_:)` is
// `Math.round`; `roundHalfEven(_:precision:)` is jsonata-js's `$round`, which shifts the decimal
// point through the number's text. Example: `fixed(1.005, digits: 2)` is `"1.00"` (the double is
// 1.00499999999999989…), `string(1e21)` is `"1e+21"`, `string(0.000001)` is `"0.000001"`.

enum JSNumberText {
    /// The shortest decimal digits of a finite positive `value` and the exponent `n` that places the
    /// decimal point: value = 0.d₁d₂…dₖ × 10ⁿ.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], pointPosition: Int) {
        // Swift's description is also the shortest round-tripping text; only its layout differs.
        let text = Array(value.description.utf8)
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(of: UInt8(ascii: "e")) {
            mantissa = text[..<e]
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        var seenPoint = false
        for byte in mantissa {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(byte - UInt8(ascii: "0"))
            if !seenPoint { integerDigits += 1 }
        }
        var point = integerDigits + exponent
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }

    /// `Number.prototype.toString()` for any double.
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, n) = shortestDigits(Swift.abs(value))
        let k = digits.count
        let text = digits.map { Character(Unicode.Scalar($0 + 48)) }
        if k <= n && n <= 21 {
            return sign + String(text) + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return sign + String(text[..<n]) + "." + String(text[n...])
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + String(text)
        }
        let e = n - 1
        let mantissa = k == 1 ? String(text) : String(text[..<1]) + "." + String(text[1...])
        return sign + mantissa + "e" + (e >= 0 ? "+" : "-") + String(Swift.abs(e))
    }

    /// `Number.prototype.toFixed(digits)` for `digits` in 0...100.
    static func fixed(_ value: Double, digits: Int) -> String {
        if !value.isFinite { return string(value) }
        if Swift.abs(value) >= 1e21 { return string(value) }
        let sign = value < 0 ? "-" : ""
        let magnitude = Swift.abs(value)
        // magnitude = significand × 2^exponent exactly.
        let significand =
            UInt64(magnitude.significandBitPattern)
            | (magnitude.exponentBitPattern == 0 ? 0 : (UInt64(1) << 52))
        let exponent = (magnitude.exponentBitPattern == 0 ? -1074 : Int(magnitude.exponentBitPattern) - 1075)
        // n = round(significand × 10^digits × 2^exponent), a tie rounding up.
        var n = BigNatural(significand)
        for _ in 0..<digits { n.multiply(by: 10) }
        if exponent >= 0 {
            n.shiftLeft(exponent)
        } else {
            let shift = -exponent
            let roundUp = n.bit(shift - 1)
            n.shiftRight(shift)
            if roundUp { n.add(1) }
        }
        var text = n.decimalString()
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits + 1 - text.count) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return sign + text
    }

    /// `Math.round`: the nearest integer, a half going towards +∞.
    static func mathRound(_ value: Double) -> Double {
        guard value.isFinite, Swift.abs(value) < 4_503_599_627_370_496 else { return value }
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }

    /// jsonata-js's `$round(value, precision)`: half to even, the point shifted through the text.
    static func roundHalfEven(_ value: Double, precision: Int) -> Double {
        var argument = value
        if precision != 0 { argument = shifted(argument, by: precision) }
        var result = mathRound(argument)
        let difference = result - argument
        if Swift.abs(difference) == 0.5 && Swift.abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
            result -= 1
        }
        if precision != 0 { result = shifted(result, by: -precision) }
        return result == 0 ? 0 : result
    }

    /// `+(mantissa + 'e' + (exponent + places))`: moves the decimal point of the number's text.
    private static func shifted(_ value: Double, by places: Int) -> Double {
        let text = string(value)
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? text
        let exponent = parts.count > 1 ? (Int(parts[1]) ?? 0) : 0
        return Double(mantissa + "e" + String(exponent + places)) ?? .nan
    }
}
