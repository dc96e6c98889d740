import Foundation

/// `Double.toString(double)` as Java writes it: how AWS's intrinsic functions and its Jayway
/// path functions print doubles. One implementation for the package (the runtime's path
/// functions use it too).
///
///     1.1 → "1.1"    100.0 → "100.0"    1e7 → "1.0E7"    0.001 → "0.001"    1e-4 → "1.0E-4"
///     -0.0 → "-0.0"  1.5e300 → "1.5E300"  .infinity → "Infinity"  5e-324 → "4.9E-324"
///
/// Plain notation for magnitudes in [10^-3, 10^7), computerized scientific notation otherwise;
/// always at least one digit after the point. The digits are the shortest that read back as the
/// same double (Swift's `description`), except that when one digit suffices Java 19 and later
/// write the closest two-digit decimal that still rounds to the value (so the smallest
/// subnormal is `4.9E-324`).
package enum JavaDouble {
    package static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        var (digits, point) = shortestDigits(of: value.magnitude.description)
        if digits.count == 1 {
            let twoDigits = String(format: "%.1e", value.magnitude)
            if Double(twoDigits) == value.magnitude { (digits, point) = shortestDigits(of: twoDigits) }
        }
        let sign = value < 0 ? "-" : ""
        let exponent = point - 1
        if exponent >= -3 && exponent < 7 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count {
                return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
    }

    /// Digits (no leading or trailing zeros) and point position of a decimal text such as
    /// `1.5e-7` or `120.0`: the value is `0.digits × 10^point`.
    package static func shortestDigits(of text: String) -> (digits: String, point: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        let integerLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
        var digits = mantissa.filter { $0 != "." }
        var point = (integerLength ?? mantissa.count) + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? "0" : digits, point)
    }
}
