import Foundation
import Synchronization

/// `$formatNumber(number, picture [, options])`: XPath F&O 3.1 `format-number` as jsonata-js
/// 2.0.6 implements it (`src/functions.js` `formatNumber`).
///
/// Example: `format(12345.6, picture: "#,###.00", options: DecimalFormatOptions())` is
/// `"12,345.60"`; `format(1234.5678, picture: "00.000e0", …)` is `"12.346e2"`.
package enum NumberPicture {
    /// Formats `value` by `picture`.
    ///
    /// - Throws: `D3080` for more than two sub-pictures, `TypeError` for a sub-picture without an
    ///   active character (as jsonata-js 2.0.6 fails), `D3081`…`D3093` for a sub-picture that
    ///   breaks a rule of F&O §4.7.3 (the last rule broken is named, as in jsonata-js).
    /// - Complexity: linear in the picture and in the digits printed.
    package static func format(_ value: Double, picture: String, options: DecimalFormatOptions) throws(JSONataError)
        -> String
    {
        let analysed = try NumberPictureCache.shared.analysed(picture, options)
        let picture = value >= 0 ? analysed.positive : analysed.negative
        return try render(value, picture, analysed.alphabet).string
    }

    /// Splits, validates and analyses `picture` (what `format` needs besides the value).
    fileprivate static func analyse(_ picture: String, _ options: DecimalFormatOptions) throws(JSONataError)
        -> NumberPictureCache.Analysed
    {
        let alphabet = NumberPictureAlphabet(options)
        let subPictures = JSText(js: picture).jsSplit(options.patternSeparator)
        if subPictures.count > 2 { throw .numberPicture("D3080") }
        var parts: [NumberSubPicture] = []
        for subPicture in subPictures { parts.append(try alphabet.split(subPicture)) }
        for part in parts { try alphabet.validate(part) }
        var variables = parts.map(alphabet.analyse)
        if variables.count == 1 {
            var negative = variables[0]
            negative.prefix = options.minusSign + negative.prefix
            variables.append(negative)
        }
        return .init(alphabet: alphabet, positive: variables[0], negative: variables[1])
    }

    /// F&O §4.7.5 bullets 1–14 for a valid, analysed sub-picture.
    private static func render(_ value: Double, _ pic: NumberPictureAnalysis, _ alphabet: NumberPictureAlphabet)
        throws(JSONataError) -> JSText
    {
        let options = alphabet.options
        // Bullets 1 and 4 (NaN, infinity) are not special-cased, as in jsonata-js: JSON numbers are
        // finite, and a product that overflows prints through `toFixed` as "NaN" as it does there.
        var adjusted = value
        if pic.picture.jsContains(options.percent) {
            adjusted = value * 100
        } else if pic.picture.jsContains(options.perMille) {
            adjusted = value * 1000
        }
        // Bullet 5: scale the mantissa into the integer digits the picture has (#785: zero is 0e0).
        var mantissa = adjusted
        var exponent: Int?
        if pic.minimumExponentSize != 0 {
            let maximumMantissa = pow(10, Double(pic.scalingFactor))
            let minimumMantissa = pow(10, Double(pic.scalingFactor - 1))
            var scale = 0
            // jsonata-js loops forever on an infinite mantissa; it is left as it is here.
            if mantissa != 0 && mantissa.isFinite {
                while Swift.abs(mantissa) < minimumMantissa {
                    mantissa *= 10
                    scale -= 1
                }
                while Swift.abs(mantissa) > maximumMantissa {
                    mantissa /= 10
                    scale += 1
                }
            }
            exponent = scale
        }
        // Bullets 6 and 7.
        let rounded = JSNumberText.roundHalfEven(mantissa, precision: pic.maximumFractionalPartSize)
        var text = try digits(of: rounded, places: pic.maximumFractionalPartSize, alphabet)
        let point = text.jsIndexOf(JSText(js: "."))
        if point == -1 {
            text += options.decimalSeparator
        } else {
            text.replaceSubrange(point..<(point + 1), with: options.decimalSeparator)
        }
        while !text.isEmpty && text.jsCharAt(0) == options.zeroDigit { text.removeFirst() }
        while !text.isEmpty && text.jsCharAt(text.count - 1) == options.zeroDigit { text.removeLast() }
        // Bullets 8 and 9: pad to the minimum sizes.
        var decimalPosition = text.jsIndexOf(options.decimalSeparator)
        let padLeft = pic.minimumIntegerPartSize - decimalPosition
        let padRight = pic.minimumFractionalPartSize - (text.count - decimalPosition - 1)
        if padLeft > 0 { text = Array(repeatElement(options.zeroDigit, count: padLeft).joined()) + text }
        if padRight > 0 { text += Array(repeatElement(options.zeroDigit, count: padRight).joined()) }
        // Bullet 10: integer grouping.
        decimalPosition = text.jsIndexOf(options.decimalSeparator)
        if pic.regularGrouping > 0 {
            let groups = Int((Double(decimalPosition - 1) / Double(pic.regularGrouping)).rounded(.down))
            if groups >= 1 {
                for group in 1...groups {
                    text = insert(
                        options.groupingSeparator, into: text, at: decimalPosition - group * pic.regularGrouping)
                }
            }
        } else {
            for position in pic.integerGroupingPositions {
                text = insert(options.groupingSeparator, into: text, at: decimalPosition - position)
                decimalPosition += 1
            }
        }
        // Bullet 11: fractional grouping.
        decimalPosition = text.jsIndexOf(options.decimalSeparator)
        for position in pic.fractionalGroupingPositions {
            text = insert(options.groupingSeparator, into: text, at: position + decimalPosition + 1)
        }
        // Bullet 12: drop a trailing or unasked-for decimal separator (one code unit, as jsonata-js).
        decimalPosition = text.jsIndexOf(options.decimalSeparator)
        if !pic.picture.jsContains(options.decimalSeparator) || decimalPosition == text.count - 1 {
            text = text.jsSubstring(0, text.count - 1)
        }
        // Bullet 13: the exponent.
        if let exponent {
            var exponentText = try digits(of: Double(exponent), places: 0, alphabet)
            let pad = pic.minimumExponentSize - exponentText.count
            if pad > 0 { exponentText = Array(repeatElement(options.zeroDigit, count: pad).joined()) + exponentText }
            text += options.exponentSeparator + (exponent < 0 ? options.minusSign : []) + exponentText
        }
        // Bullet 14.
        return pic.prefix + text + pic.suffix
    }

    /// `Math.abs(value).toFixed(places)` with its ASCII digits mapped to the digit family.
    /// - Throws: JavaScript's `RangeError` for more than 100 places, where `toFixed` stops.
    private static func digits(of value: Double, places: Int, _ alphabet: NumberPictureAlphabet) throws(JSONataError)
        -> JSText
    {
        guard places <= 100 else { throw .fixedDigitsOutOfRange }
        let text = JSText(js: JSNumberText.fixed(Swift.abs(value), digits: places))
        guard alphabet.options.zeroDigit != JSText(js: "0") else { return text }
        return text.flatMap { unit -> JSText in
            guard (0x30...0x39).contains(unit) else { return [unit] }
            let index = Int(unit - 0x30)
            return index < alphabet.family.count ? [alphabet.family[index]] : []
        }
    }

    /// `[text.slice(0, at), separator, text.slice(at)].join('')`.
    private static func insert(_ separator: JSText, into text: JSText, at position: Int) -> JSText {
        text.jsSlice(0, position) + separator + text.jsSlice(position)
    }
}

/// Analysed pictures with the default decimal format, by picture text (the analysis is a pure
/// function of the two): `$formatNumber` over many values with one picture analyses it once.
/// Only successful analyses are kept, so errors are raised exactly as before. Bounded: when full,
/// the cache starts over.
final class NumberPictureCache: Sendable {
    static let shared = NumberPictureCache()
    static let capacity = 64
    private static let defaultOptions = DecimalFormatOptions()

    struct Analysed: Sendable {
        let alphabet: NumberPictureAlphabet
        let positive: NumberPictureAnalysis
        let negative: NumberPictureAnalysis
    }

    private let analysed = Mutex<[String: Analysed]>([:])

    /// How many pictures are kept now.
    var count: Int { analysed.withLock { $0.count } }

    func analysed(_ picture: String, _ options: DecimalFormatOptions) throws(JSONataError) -> Analysed {
        guard options == Self.defaultOptions else { return try NumberPicture.analyse(picture, options) }
        if let cached = analysed.withLock({ $0[picture] }) { return cached }
        let result = try NumberPicture.analyse(picture, options)
        analysed.withLock { table in
            if table.count >= Self.capacity { table.removeAll() }
            table[picture] = result
        }
        return result
    }
}
