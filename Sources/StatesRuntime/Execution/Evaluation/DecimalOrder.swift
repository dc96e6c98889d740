import JSONCore

/// Exact comparison of two JSON number literals without converting or allocating.
///
///     DecimalOrder.compare("19.95", "1.995e1")   // 0
///     DecimalOrder.compare("-0", "0.0")          // 0
///     DecimalOrder.compare("12345678901234567890", "12345678901234567891")   // -1
///
/// Each literal is read as `sign × 0.d₁d₂… × 10^point` (leading zeros dropped); the points decide
/// unless equal, then the digits, a missing digit counting as 0. The Choice state's numeric
/// operators run this once per rule, on the hot path.
enum DecimalOrder {
    /// -1, 0 or 1. Both texts must follow JSON's number grammar (as every `JSONNumber` does).
    static func compare(_ a: JSONNumber, _ b: JSONNumber) -> Int {
        var left = a.text
        var right = b.text
        return left.withUTF8 { x in right.withUTF8 { y in compare(x, y) } }
    }

    /// A literal's shape: where its digits are and where its point falls.
    private struct Shape {
        var negative = false
        /// Offset of the first non-zero digit, or nil for zero.
        var firstSignificant: Int?
        /// End of the digits (start of the exponent or the end).
        var digitsEnd = 0
        /// `point` in `0.d₁d₂… × 10^point`.
        var point = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var integerDigits = 0
            var leadingZeros = 0
            var afterPoint = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") {
                    afterPoint = true
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    if !afterPoint { integerDigits += 1 }
                    if firstSignificant == nil {
                        if byte == UInt8(ascii: "0") {
                            leadingZeros += 1
                        } else {
                            firstSignificant = index
                        }
                    }
                } else {
                    break
                }
                index += 1
            }
            digitsEnd = index
            var exponent = 0
            if index < bytes.count {  // e or E
                index += 1
                var exponentNegative = false
                if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                while index < bytes.count {
                    if exponent < 1_000_000_000_000 {
                        exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                    }
                    index += 1
                }
                if exponentNegative { exponent = -exponent }
            }
            point = integerDigits - leadingZeros + exponent
        }
    }

    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let x = Shape(a)
        let y = Shape(b)
        let signX = x.firstSignificant == nil ? 0 : (x.negative ? -1 : 1)
        let signY = y.firstSignificant == nil ? 0 : (y.negative ? -1 : 1)
        if signX != signY { return signX < signY ? -1 : 1 }
        guard signX != 0, var i = x.firstSignificant, var j = y.firstSignificant else { return 0 }
        if x.point != y.point { return x.point < y.point ? -signX : signX }
        while true {
            while i < x.digitsEnd, a[i] == UInt8(ascii: ".") { i += 1 }
            while j < y.digitsEnd, b[j] == UInt8(ascii: ".") { j += 1 }
            let dx: UInt8 = i < x.digitsEnd ? a[i] : UInt8(ascii: "0")
            let dy: UInt8 = j < y.digitsEnd ? b[j] : UInt8(ascii: "0")
            if dx != dy { return dx < dy ? -signX : signX }
            if i >= x.digitsEnd && j >= y.digitsEnd { return 0 }
            i += 1
            j += 1
        }
    }
}
