/// `Double.toString(double)` as Java writes it.
///
///     1.1 → "1.1"    100.0 → "100.0"    1e7 → "1.0E7"    0.001 → "0.001"    1e-4 → "1.0E-4"
///     -0.0 → "-0.0"  1.5e300 → "1.5E300"  .infinity → "Infinity"
///
/// Plain notation for magnitudes in [10^-3, 10^7), computerized scientific notation otherwise;
/// always at least one digit after the point. The digits are the shortest that read back as the
/// same double (Swift's `description`; Java 19 and later choose the same digits, earlier Java
/// sometimes wrote one more), except `4.9E-324` for the smallest subnormal, as Java writes it.
enum JavaDouble {
    static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        // Java writes the smallest subnormal with two digits (its shortest form is "5.0E-324").
        if abs(value) == .leastNonzeroMagnitude { return sign + "4.9E-324" }
        let (digits, pointPosition) = shortestDigits(abs(value))
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            if pointPosition <= 0 {
                return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
            }
            if pointPosition >= digits.count {
                return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: pointPosition)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        return sign + first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(pointPosition - 1)
    }

    /// The significant digits of a positive finite double (no leading or trailing zeros) and
    /// where the decimal point goes: value = 0.d₁d₂… × 10^pointPosition.
    static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let description = value.description  // "1.5", "1e-05", "1.2345e+20", "100000.0"
        let parts = description.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerPart = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
        var digits = Array(mantissa.filter { $0 != "." })
        var pointPosition = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (String(digits), pointPosition)
    }
}
