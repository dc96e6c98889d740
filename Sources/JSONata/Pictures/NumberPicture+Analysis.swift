// The analysis of a `$formatNumber` picture (XPath F&O 3.1 §4.7.3–4.7.4) as jsonata-js 2.0.6
// `src/functions.js` `formatNumber` performs it (SPEC-NOTES §11), quirks included: a sub-picture without a decimal
// separator takes its suffix as its fractional part, the exponent position found in the whole
// sub-picture slices the active part, and fractional grouping positions are searched for in the
// integer part. Each is kept because it decides the output for some picture; SPEC-NOTES §11 lists them.

/// The pieces of one sub-picture (`splitParts`).
struct NumberSubPicture {
    var prefix: JSText
    var suffix: JSText
    var activePart: JSText
    var mantissaPart: JSText
    var exponentPart: JSText?
    var integerPart: JSText
    var fractionalPart: JSText
    var subpicture: JSText
}

/// What formatting needs of one sub-picture (`analyse`).
struct NumberPictureAnalysis {
    var integerGroupingPositions: [Int]
    var regularGrouping: Int
    var minimumIntegerPartSize: Int
    var scalingFactor: Int
    var prefix: JSText
    var fractionalGroupingPositions: [Int]
    var minimumFractionalPartSize: Int
    var maximumFractionalPartSize: Int
    var minimumExponentSize: Int
    var suffix: JSText
    var picture: JSText
}

/// The character classes of a decimal format.
struct NumberPictureAlphabet {
    let options: DecimalFormatOptions
    let family: [UInt16]
    private let active: [JSText]

    init(_ options: DecimalFormatOptions) {
        self.options = options
        family = options.digitFamily
        active =
            family.map { [$0] } + [
                options.decimalSeparator, options.exponentSeparator, options.groupingSeparator, options.digit,
                options.patternSeparator,
            ]
    }

    func isActive(_ unit: UInt16) -> Bool { active.contains([unit]) }
    func isFamilyDigit(_ unit: UInt16) -> Bool { family.contains(unit) }
    func isDigitSign(_ unit: UInt16) -> Bool { isFamilyDigit(unit) || [unit] == options.digit }
    /// An active character that may bound the active part (the exponent separator may not).
    func bounds(_ unit: UInt16) -> Bool { isActive(unit) && [unit] != options.exponentSeparator }

    /// - Throws: a `TypeError` for a sub-picture with no active character to bound it, where
    ///   jsonata-js 2.0.6 reads the length of its undefined prefix (2.2 goes on to D3085/D3086).
    func split(_ subpicture: JSText) throws(JSONataError) -> NumberSubPicture {
        guard let first = subpicture.firstIndex(where: bounds), let last = subpicture.lastIndex(where: bounds) else {
            throw .typeError("Cannot read properties of undefined (reading 'length')")
        }
        let prefix = subpicture.jsSubstring(0, first)
        let suffix = subpicture.jsSubstring(last + 1)
        let activePart = subpicture.jsSubstring(prefix.count, subpicture.count - suffix.count)
        let exponentPosition = subpicture.jsIndexOf(options.exponentSeparator, from: prefix.count)
        let mantissaPart: JSText
        let exponentPart: JSText?
        if exponentPosition == -1 || exponentPosition > subpicture.count - suffix.count {
            mantissaPart = activePart
            exponentPart = nil
        } else {
            mantissaPart = activePart.jsSubstring(0, exponentPosition)
            exponentPart = activePart.jsSubstring(exponentPosition + 1)
        }
        let decimalPosition = mantissaPart.jsIndexOf(options.decimalSeparator)
        let integerPart = decimalPosition == -1 ? mantissaPart : mantissaPart.jsSubstring(0, decimalPosition)
        let fractionalPart = decimalPosition == -1 ? suffix : mantissaPart.jsSubstring(decimalPosition + 1)
        return NumberSubPicture(
            prefix: prefix, suffix: suffix, activePart: activePart, mantissaPart: mantissaPart,
            exponentPart: exponentPart, integerPart: integerPart, fractionalPart: fractionalPart,
            subpicture: subpicture)
    }

    /// F&O §4.7.3. Every rule is checked and the last one broken is reported, as jsonata-js does.
    func validate(_ parts: NumberSubPicture) throws(JSONataError) {
        var error: String?
        let picture = parts.subpicture
        let decimalPosition = picture.jsIndexOf(options.decimalSeparator)
        if decimalPosition != picture.jsLastIndexOf(options.decimalSeparator) { error = "D3081" }
        if picture.jsIndexOf(options.percent) != picture.jsLastIndexOf(options.percent) { error = "D3082" }
        if picture.jsIndexOf(options.perMille) != picture.jsLastIndexOf(options.perMille) { error = "D3083" }
        if picture.jsContains(options.percent) && picture.jsContains(options.perMille) { error = "D3084" }
        if !parts.mantissaPart.contains(where: isDigitSign) { error = "D3085" }
        if parts.activePart.contains(where: { !isActive($0) }) { error = "D3086" }
        if decimalPosition != -1 {
            if picture.jsCharAt(decimalPosition - 1) == options.groupingSeparator
                || picture.jsCharAt(decimalPosition + 1) == options.groupingSeparator
            {
                error = "D3087"
            }
        } else if parts.integerPart.jsCharAt(parts.integerPart.count - 1) == options.groupingSeparator {
            error = "D3088"
        }
        if picture.jsContains(options.groupingSeparator + options.groupingSeparator) { error = "D3089" }
        let firstOptional = parts.integerPart.jsIndexOf(options.digit)
        if firstOptional != -1 && parts.integerPart.jsSubstring(0, firstOptional).contains(where: isFamilyDigit) {
            error = "D3090"
        }
        let lastOptional = parts.fractionalPart.jsLastIndexOf(options.digit)
        if lastOptional != -1 && parts.fractionalPart.jsSubstring(lastOptional).contains(where: isFamilyDigit) {
            error = "D3091"
        }
        if let exponent = parts.exponentPart {
            if !exponent.isEmpty && (picture.jsContains(options.percent) || picture.jsContains(options.perMille)) {
                error = "D3092"
            }
            if exponent.isEmpty || exponent.contains(where: { !isFamilyDigit($0) }) { error = "D3093" }
        }
        if let error { throw .numberPicture(error) }
    }

    /// F&O §4.7.4.
    func analyse(_ parts: NumberSubPicture) -> NumberPictureAnalysis {
        let integerGroupingPositions = groupingPositions(in: parts.integerPart, countingLeft: false, parts: parts)
        let fractionalGroupingPositions = groupingPositions(in: parts.fractionalPart, countingLeft: true, parts: parts)
        var minimumIntegerPartSize = parts.integerPart.filter(isFamilyDigit).count
        let scalingFactor = minimumIntegerPartSize
        var minimumFractionalPartSize = parts.fractionalPart.filter(isFamilyDigit).count
        var maximumFractionalPartSize = parts.fractionalPart.filter(isDigitSign).count
        let exponentPresent = parts.exponentPart != nil
        if minimumIntegerPartSize == 0 && maximumFractionalPartSize == 0 {
            if exponentPresent {
                minimumFractionalPartSize = 1
                maximumFractionalPartSize = 1
            } else {
                minimumIntegerPartSize = 1
            }
        }
        if exponentPresent && minimumIntegerPartSize == 0 && parts.integerPart.jsContains(options.digit) {
            minimumIntegerPartSize = 1
        }
        if minimumIntegerPartSize == 0 && minimumFractionalPartSize == 0 { minimumFractionalPartSize = 1 }
        return NumberPictureAnalysis(
            integerGroupingPositions: integerGroupingPositions,
            regularGrouping: regularInterval(integerGroupingPositions),
            minimumIntegerPartSize: minimumIntegerPartSize, scalingFactor: scalingFactor, prefix: parts.prefix,
            fractionalGroupingPositions: fractionalGroupingPositions,
            minimumFractionalPartSize: minimumFractionalPartSize, maximumFractionalPartSize: maximumFractionalPartSize,
            minimumExponentSize: parts.exponentPart.map { $0.filter(isFamilyDigit).count } ?? 0,
            suffix: parts.suffix, picture: parts.subpicture)
    }

    /// The number of digit signs right (or left) of each grouping separator of `part`; the next
    /// separator is looked for in the integer part, as jsonata-js does.
    private func groupingPositions(in part: JSText, countingLeft: Bool, parts: NumberSubPicture) -> [Int] {
        var positions: [Int] = []
        var position = part.jsIndexOf(options.groupingSeparator)
        while position != -1 {
            let side = countingLeft ? part.jsSubstring(0, position) : part.jsSubstring(position)
            positions.append(side.filter(isDigitSign).count)
            let next = parts.integerPart.jsIndexOf(options.groupingSeparator, from: position + 1)
            // An empty separator would find itself forever (jsonata-js loops); D3089 has already
            // rejected it, and this stops the search regardless.
            guard next > position else { break }
            position = next
        }
        return positions
    }
}

/// The interval of grouping positions that are all multiples of one number and include every
/// multiple up to their count; 0 when irregular or empty (jsonata-js's `regular`).
func regularInterval(_ positions: [Int]) -> Int {
    guard let first = positions.first else { return 0 }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let factor = positions.dropFirst().reduce(first, gcd)
    for index in 1...positions.count where !positions.contains(index * factor) { return 0 }
    return factor
}
