// Exact integer arithmetic for `JSNumberText.fixed`: a double's binary value times a power of ten,
// shifted and rounded, then printed in decimal. Example: 0.125 (1 × 2⁻³) to 2 places is
// BigNatural(1) × 10² = 100, shifted right 3 bits = 12 remainder 4 (half of 8): a tie, rounded up
// to 13, printed "0.13".

/// A natural number of any size, little-endian 32-bit limbs: just what exact `toFixed` needs.
struct BigNatural {
    private var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func add(_ value: UInt32) {
        var carry = UInt64(value)
        var index = 0
        while carry != 0 {
            if index == limbs.count { limbs.append(0) }
            let sum = UInt64(limbs[index]) + carry
            limbs[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
            index += 1
        }
    }

    /// Whether bit `index` (0 = least significant) is set.
    func bit(_ index: Int) -> Bool {
        guard index >= 0 else { return false }
        let limb = index / 32
        return limb < limbs.count && (limbs[limb] >> UInt32(index % 32)) & 1 == 1
    }

    mutating func shiftLeft(_ bits: Int) {
        guard bits > 0, !limbs.isEmpty else { return }
        let whole = bits / 32
        let part = UInt32(bits % 32)
        var result = [UInt32](repeating: 0, count: whole)
        var carry: UInt32 = 0
        for limb in limbs {
            result.append(part == 0 ? limb : (limb << part) | carry)
            carry = part == 0 ? 0 : limb >> (32 - part)
        }
        if carry != 0 { result.append(carry) }
        limbs = result
    }

    mutating func shiftRight(_ bits: Int) {
        guard bits > 0 else { return }
        let whole = bits / 32
        guard whole < limbs.count else {
            limbs = []
            return
        }
        let part = UInt32(bits % 32)
        var result: [UInt32] = []
        for index in whole..<limbs.count {
            let low = limbs[index] >> part
            let high = part == 0 || index + 1 >= limbs.count ? 0 : limbs[index + 1] << (32 - part)
            result.append(low | high)
        }
        limbs = result
        trim()
    }

    /// The number in decimal digits ("0" for zero).
    func decimalString() -> String {
        var remaining = limbs
        var chunks: [UInt32] = []
        while !remaining.isEmpty {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let current = (remainder << 32) | UInt64(remaining[index])
                remaining[index] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while let last = remaining.last, last == 0 { remaining.removeLast() }
        }
        guard let top = chunks.last else { return "0" }
        var text = String(top)
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}
