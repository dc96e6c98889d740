// The functions that format and parse with picture strings: $formatNumber, $formatInteger,
// $parseInteger, $fromMillis, $toMillis and $now. The formatters themselves live in
// Sources/JSONata/Pictures/.

extension Builtins {
    static var pictureFunctions: [Definition] {
        [
            define("formatNumber", "<n-so?:s>", arity: 3) { _, args in
                guard let value = args.number(0) else { return nil }
                var overrides: [String: String] = [:]
                if case .object(let options)? = args.argument(2) {
                    for (key, option) in options.entries {
                        overrides[key] = option.stringValue ?? (try? stringValue(option)) ?? ""
                    }
                }
                return try picture {
                    .string(
                        try NumberPicture.format(
                            value, picture: args.string(1) ?? "",
                            options: try DecimalFormatOptions(overrides: overrides)))
                }
            },
            define("formatInteger", "<n-s:s>", arity: 2) { _, args in
                guard let value = args.number(0) else { return nil }
                return try picture { .string(try IntegerPicture.format(value, picture: args.string(1) ?? "")) }
            },
            define("parseInteger", "<s-s:n>", arity: 2) { _, args in
                guard let text = args.string(0) else { return nil }
                return try picture {
                    try IntegerPicture.parse(text, picture: args.string(1) ?? "").map { .number($0) }
                }
            },
            define("fromMillis", "<n-s?s?:s>", arity: 3) { _, args in
                guard let millis = args.number(0) else { return nil }
                return try picture {
                    .string(
                        try DateTimePicture.format(
                            millis: millis, picture: args.string(1), timezone: args.string(2)))
                }
            },
            define("toMillis", "<s-s?:n>", arity: 2) { context, args in
                guard let text = args.string(0) else { return nil }
                return try picture {
                    try DateTimePicture.parse(text, picture: args.string(1), now: context.evaluator.millis).map {
                        .number($0)
                    }
                }
            },
            define("now", "<s?s?:s>", arity: 2) { context, args in
                let millis = context.evaluator.millis
                return try picture {
                    .string(
                        try DateTimePicture.format(
                            millis: millis, picture: args.string(0), timezone: args.string(1)))
                }
            },
        ]
    }

    /// Runs a formatter, carrying its error (already worded) up the evaluator.
    private static func picture(_ body: () throws -> Value?) throws -> Value? {
        do {
            return try body()
        } catch let error as JSONataError {
            throw EvalError(error)
        }
    }
}
