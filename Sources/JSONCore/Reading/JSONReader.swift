// JSONReader: strict RFC 8259 bytes → (JSON, SourceMap), without recursion.
//
// Worked example. Reading the 31 bytes
//
//     {"StartAt": "A", "States": [1]}
//     0123456789012345678901234567890
//
// gives the value `["StartAt": "A", "States": [1]]` and records, in document order:
//
//     pointer        key offset   value offset
//     ""             –            0     the object's `{`
//     /StartAt       1            12    the key's opening quote, the string's opening quote
//     /States        17           27    the array's `[`
//     /States/0      –            28    the number `1`
//
// The reader keeps an explicit stack of open containers instead of recursing, so the depth of
// the input never touches the thread's stack: `[` × 100,000 fails with "nesting deeper than 512
// levels" at offset 512, the bracket that crossed the limit. The values of open containers wait
// on one shared value stack (object keys on a key stack beside it) and are moved once, into
// exactly sized arrays, when their `]` or `}` arrives; duplicate keys are found by comparing raw
// key bytes while an object is small and through a key index once it is large.

/// Reads RFC 8259 JSON from bytes, strictly.
///
/// Rejected: trailing commas, comments, leading zeros, control characters in strings, unknown
/// escapes, lone surrogate escapes, ill-formed UTF-8, a byte order mark, content after the value,
/// and (by default) duplicate keys. Any value may stand at the top level.
///
///     let document = try JSONReader.read(#"{"a": [true]}"#)
///     document.value["a"]                                  // [true]
///     document.sourceMap.valueOffset(at: ["a", "0"])       // 7
public enum JSONReader {
    /// What to do when an object repeats a key.
    public enum DuplicateKeyPolicy: Sendable, Hashable {
        /// Throw ``JSONSyntaxError/Kind/duplicateKey(_:)`` at the repeated key.
        case reject
        /// Keep the last value, at the position of the first occurrence (as `JSON.parse` does).
        case keepLast
        /// Keep the first value and ignore the later ones.
        case keepFirst
    }

    /// Reader settings.
    public struct Options: Sendable, Hashable {
        /// The deepest nesting of arrays and objects accepted; the top-level container is level 1.
        public var maximumDepth: Int
        /// What to do with a repeated key; ``DuplicateKeyPolicy/reject`` by default.
        public var duplicateKeys: DuplicateKeyPolicy
        /// Whether to record every value's offset in a ``SourceMap``. Turn off for speed when no
        /// diagnostic will point into the document. Inputs of 4 GiB or more never get a map.
        public var recordsSourceMap: Bool

        public init(maximumDepth: Int = 512, duplicateKeys: DuplicateKeyPolicy = .reject, recordsSourceMap: Bool = true)
        {
            self.maximumDepth = maximumDepth
            self.duplicateKeys = duplicateKeys
            self.recordsSourceMap = recordsSourceMap
        }
    }

    /// Reads one JSON text.
    /// - Parameters:
    ///   - bytes: The UTF-8 encoded text.
    ///   - options: Depth limit, duplicate-key policy, and whether to record a source map.
    /// - Returns: The value and its source map.
    /// - Throws: ``JSONSyntaxError`` naming the first broken rule and its byte offset.
    /// - Complexity: O(n) in the input length (duplicate checks are linear in an object's size up
    ///   to ``JSONObject/maximumUnhashedCount`` keys, hashed beyond).
    public static func read(_ bytes: [UInt8], options: Options = .init()) throws(JSONSyntaxError) -> JSONDocument {
        try ByteCursor.classTable.withUnsafeBufferPointer { classes throws(JSONSyntaxError) in
            try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                var reader = Reader(
                    cursor: ByteCursor(bytes: buffer, classes: classes),
                    options: options
                )
                return try reader.readDocument()
            }
        }
    }

    /// Reads one JSON text from a string's UTF-8.
    /// - Throws: ``JSONSyntaxError`` naming the first broken rule and its byte offset.
    public static func read(_ text: String, options: Options = .init()) throws(JSONSyntaxError) -> JSONDocument {
        try read(Array(text.utf8), options: options)
    }
}
