/// The decimal format of `$formatNumber`: the XPath F&O 3.1 §4.7.1 properties with jsonata-js's
/// defaults, any of them overridden by the function's third argument.
///
/// jsonata-js copies every key of the options object over its defaults and reads only the eleven it
/// knows, so an unknown key is ignored here too; each value is taken as a JavaScript string (its
/// UTF-16 code units), and only the first code unit of `zero-digit` counts, as in jsonata-js.
package struct DecimalFormatOptions: Sendable, Equatable {
    var decimalSeparator: JSText = JSText(js: ".")
    var groupingSeparator: JSText = JSText(js: ",")
    var exponentSeparator: JSText = JSText(js: "e")
    var minusSign: JSText = JSText(js: "-")
    var infinity: JSText = JSText(js: "Infinity")
    var notANumber: JSText = JSText(js: "NaN")
    var percent: JSText = JSText(js: "%")
    var perMille: JSText = JSText(js: "\u{2030}")
    var zeroDigit: JSText = JSText(js: "0")
    var digit: JSText = JSText(js: "#")
    var patternSeparator: JSText = JSText(js: ";")

    /// The defaults.
    package init() {}

    /// The defaults with `overrides` (the `$formatNumber` options object, keys as jsonata-js names
    /// them: `decimal-separator`, `grouping-separator`, `exponent-separator`, `minus-sign`,
    /// `infinity`, `NaN`, `percent`, `per-mille`, `zero-digit`, `digit`, `pattern-separator`).
    ///
    /// - Throws: nothing for any string value today, since jsonata-js checks none; the signature
    ///   leaves room for the checks F&O asks for (a `zero-digit` that is not a digit zero) without
    ///   changing callers.
    package init(overrides: [String: String]) throws(JSONataError) {
        for (key, value) in overrides {
            let text = JSText(js: value)
            switch key {
            case "decimal-separator": decimalSeparator = text
            case "grouping-separator": groupingSeparator = text
            case "exponent-separator": exponentSeparator = text
            case "minus-sign": minusSign = text
            case "infinity": infinity = text
            case "NaN": notANumber = text
            case "percent": percent = text
            case "per-mille": perMille = text
            case "zero-digit": zeroDigit = text
            case "digit": digit = text
            case "pattern-separator": patternSeparator = text
            default: continue
            }
        }
    }

    /// The ten digits of the family that starts at the first code unit of `zero-digit` (none when
    /// `zero-digit` is empty, as `''.charCodeAt(0)` is `NaN` in jsonata-js).
    var digitFamily: [UInt16] {
        guard let zero = zeroDigit.first else { return [] }
        return (0..<10).compactMap { offset in UInt16(exactly: Int(zero) + offset) }
    }
}
