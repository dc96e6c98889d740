import JSONCore

// The errors of the picture formatters, worded as jsonata-js 2.0.6 words them (`src/jsonata.js`,
// `errorCodes`), one factory per code so each text lives in one place. A `{{value}}` insert is
// `JSON.stringify(value)`, as `populateMessage` fills it: D3132 for `[q]` reads
// `Unknown component specifier "q" in date/time picture string`.

extension JSONataError {
    /// D3080–D3093: a `$formatNumber` picture that breaks a rule of XPath F&O 3.1 §4.7.3.
    static func numberPicture(_ code: String) -> JSONataError {
        JSONataError(code: code, message: numberPictureMessages[code] ?? "Invalid picture string")
    }

    private static let numberPictureMessages: [String: String] = [
        "D3080": "The picture string must only contain a maximum of two sub-pictures",
        "D3081": "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
        "D3082": "The sub-picture must not contain more than one instance of the 'percent' character",
        "D3083": "The sub-picture must not contain more than one instance of the 'per-mille' character",
        "D3084": "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
        "D3085":
            "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
        "D3086":
            "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
        "D3087":
            "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
        "D3088": "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
        "D3089": "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
        "D3090":
            "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
        "D3091":
            "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
        "D3092":
            "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
        "D3093":
            "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
    ]

    /// D3110: `$toMillis` without a picture given a string that is not ISO 8601.
    static func notISO8601(_ text: String) -> JSONataError {
        JSONataError(
            code: "D3110",
            message:
                "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \(stringified(text))",
            value: .string(text))
    }

    /// D3130: an integer picture that is a numbering sequence (no digit, not a/A/i/I/w/W/Ww).
    static func unsupportedSequence(_ token: String) -> JSONataError {
        JSONataError(
            code: "D3130",
            message:
                "Formatting or parsing an integer as a sequence starting with \(stringified(token)) is not supported by this implementation",
            value: .string(token))
    }

    /// D3131: digits of two decimal digit families in one pattern.
    static let mixedDigitFamilies = JSONataError(
        code: "D3131", message: "In a decimal digit pattern, all digits must be from the same decimal group")

    /// D3132: a date/time marker whose component letter is unknown.
    static func unknownComponent(_ component: String) -> JSONataError {
        JSONataError(
            code: "D3132", message: "Unknown component specifier \(stringified(component)) in date/time picture string",
            value: .string(component))
    }

    /// D3133: the name modifier on a component that has no names.
    static func namesNotSupported(_ component: String) -> JSONataError {
        JSONataError(
            code: "D3133",
            message:
                "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(stringified(component))",
            value: .string(component))
    }

    /// D3134: a timezone picture of more than four digits.
    static func timezoneTooWide(_ digits: Int) -> JSONataError {
        JSONataError(
            code: "D3134", message: "The timezone integer format specifier cannot have more than four digits",
            value: .number(JSONNumber(Int64(digits))))
    }

    /// D3135: `[` without its `]`.
    static let unclosedMarker = JSONataError(
        code: "D3135", message: "No matching closing bracket ']' in date/time picture string")

    /// D3136: a parse picture that leaves a gap in the date or time, or names a form not supported.
    static let underspecifiedPicture = JSONataError(
        code: "D3136", message: "The date/time picture string is missing specifiers required to parse the timestamp")

    /// Where jsonata-js itself fails with a JavaScript `RangeError` (a recursion too deep for its
    /// stack): reported with that name and message instead of exhausting ours.
    static let callStackExceeded = JSONataError(code: "RangeError", message: "Maximum call stack size exceeded")

    /// Where jsonata-js fails with JavaScript's `RangeError` from `toFixed` (a picture with more
    /// than 100 fractional digits).
    static let fixedDigitsOutOfRange = JSONataError(
        code: "RangeError", message: "toFixed() digits argument must be between 0 and 100")

    /// A width modifier beyond `DateTimePictureSpec.maximumWidth` (jsonata-js would try to build
    /// the padding and run out of memory or fail with `RangeError: Invalid array length`).
    static let widthTooLarge = JSONataError(
        code: "RangeError",
        message: "Invalid array length: a width modifier beyond 100000 either way in a date/time picture")

    /// Where jsonata-js fails with a JavaScript `TypeError` (a name or fraction of an invalid date).
    static func typeError(_ message: String) -> JSONataError {
        JSONataError(code: "TypeError", message: message)
    }

    /// Where jsonata-js fails with JavaScript's `RangeError` for an array grown past its limit.
    static let invalidArrayLength = JSONataError(code: "RangeError", message: "Invalid array length")

    /// `JSON.stringify` of a string: quoted, with the quote, the backslash and control characters escaped.
    static func stringified(_ text: String) -> String {
        jsonStringLiteral(text)
    }
}
