extension JSONReader {
    /// One open array or object (or the document itself, at the bottom of the stack).
    struct Frame {
        enum Kind { case document, array, object }

        var kind: Kind
        /// Arrays: where this array's elements start on the shared value stack.
        var valuesStart: Int = 0
        /// Objects: the members read so far.
        var object = JSONObject()
        /// Objects: the key whose value is being read, and its earlier position when it repeats.
        var key = ""
        var duplicatePosition = -1
        /// Objects: where this object's raw key spans start on `keySpans`, and whether a key held an
        /// escape (then duplicates are found by comparing strings instead of raw bytes).
        var keySpansStart = 0
        var keysHaveEscapes = false
        /// Source map: this container's node, and where its members' nodes start on `pendingChildren`.
        var node: UInt32 = 0
        var childrenStart: Int = 0
    }

    /// The raw bytes of an escape-free key, for duplicate checks without comparing `String`s.
    struct KeySpan {
        var start: Int
        var count: Int
        /// The first eight bytes (zero-padded), so most different keys differ in one comparison.
        var head: UInt64
    }

    /// A key met earlier in this document (``Reader/cachedKey(_:)``).
    struct KeyCacheEntry {
        var span: KeySpan
        var key: String
    }

    /// The state of one read: the cursor, the container stack, and the source map being built.
    ///
    /// The innermost open container is `current`, kept out of the `parents` array so members are
    /// added to it in place; opening a container swaps a new frame in, closing swaps the parent back.
    struct Reader {
        var cursor: ByteCursor
        let options: Options
        let recordsMap: Bool
        var current = Frame(kind: .document)
        var parents: [Frame] = []
        var depth = 0
        var values: [JSON] = []
        var keySpans: [KeySpan] = []
        var keyCache: [KeyCacheEntry] = []
        var nodes: [SourceMap.Node] = []
        var children: [UInt32] = []
        var pendingChildren: [UInt32] = []
        /// Key offset to record with the next value's node (`Node.noKey` for array elements and the root).
        var nextKeyOffset: UInt32 = SourceMap.Node.noKey

        init(cursor: ByteCursor, options: Options) {
            self.cursor = cursor
            self.options = options
            self.recordsMap = options.recordsSourceMap && cursor.count < Int(UInt32.max)
        }

        mutating func readDocument() throws(JSONSyntaxError) -> JSONDocument {
            let count = cursor.count
            if count >= 3, cursor.bytes[0] == 0xEF, cursor.bytes[1] == 0xBB, cursor.bytes[2] == 0xBF {
                throw JSONSyntaxError(.byteOrderMark, at: 0)
            }
            cursor.skipWhitespace()
            if cursor.isAtEnd { throw JSONSyntaxError(.emptyInput, at: count) }
            let value = try readValue()
            cursor.skipWhitespace()
            if !cursor.isAtEnd { throw JSONSyntaxError(.trailingContent, at: cursor.index) }
            guard recordsMap else { return JSONDocument(value: value, sourceMap: .empty) }
            return JSONDocument(value: value, sourceMap: SourceMap(root: value, nodes: nodes, children: children))
        }

        /// Reads the value at the cursor, with everything nested in it, by a loop over an explicit stack.
        private mutating func readValue() throws(JSONSyntaxError) -> JSON {
            while true {
                // Read one value, or open a container and go on to its first member.
                cursor.skipWhitespace()
                guard !cursor.isAtEnd else {
                    throw JSONSyntaxError(.unexpectedEndOfInput(expected: "a value"), at: cursor.count)
                }
                let start = cursor.index
                var node: UInt32 = 0
                if recordsMap {
                    node = UInt32(truncatingIfNeeded: nodes.count)
                    nodes.append(
                        SourceMap.Node(
                            valueOffset: UInt32(truncatingIfNeeded: start), keyOffset: nextKeyOffset, firstChild: 0)
                    )
                    nextKeyOffset = SourceMap.Node.noKey
                }
                var value: JSON
                switch cursor.peek() {
                case UInt8(ascii: "\""):
                    value = .string(try cursor.readString())
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    value = .number(try cursor.readNumber())
                case UInt8(ascii: "{"):
                    if let empty = try open(isObject: true, node: node) {
                        value = empty
                    } else {
                        try readKey()
                        continue
                    }
                case UInt8(ascii: "["):
                    if let empty = try open(isObject: false, node: node) {
                        value = empty
                    } else {
                        continue
                    }
                case UInt8(ascii: "t"):
                    try cursor.expectLiteral("true")
                    value = .bool(true)
                case UInt8(ascii: "f"):
                    try cursor.expectLiteral("false")
                    value = .bool(false)
                case UInt8(ascii: "n"):
                    try cursor.expectLiteral("null")
                    value = .null
                case let byte:
                    throw JSONSyntaxError(.unexpectedCharacter(byte, expected: "a value"), at: start)
                }

                // Attach the finished value to its container; close containers while their closer follows.
                while true {
                    if current.kind == .document { return value }
                    attach(consume value, node: node)
                    let isObject = current.kind == .object
                    let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    cursor.skipWhitespace()
                    guard !cursor.isAtEnd else {
                        throw JSONSyntaxError(
                            .unexpectedEndOfInput(expected: isObject ? "',' or '}'" : "',' or ']'"),
                            at: cursor.count
                        )
                    }
                    let separator = cursor.peek()
                    if separator == UInt8(ascii: ",") {
                        let comma = cursor.index
                        cursor.index += 1
                        cursor.skipWhitespace()
                        if !cursor.isAtEnd, cursor.peek() == closer {
                            throw JSONSyntaxError(.trailingComma(closing: closer), at: comma)
                        }
                        if isObject { try readKey() }
                        break
                    }
                    guard separator == closer else {
                        throw JSONSyntaxError(
                            .unexpectedCharacter(separator, expected: isObject ? "',' or '}'" : "',' or ']'"),
                            at: cursor.index
                        )
                    }
                    cursor.index += 1
                    (value, node) = close()
                }
            }
        }

        /// Opens the container at the cursor. Returns the empty value when it closes at once,
        /// else makes it the current frame and returns `nil`.
        private mutating func open(isObject: Bool, node: UInt32) throws(JSONSyntaxError) -> JSON? {
            let bracket = cursor.index
            if depth >= options.maximumDepth {
                throw JSONSyntaxError(.tooDeep(limit: options.maximumDepth), at: bracket)
            }
            cursor.index += 1
            cursor.skipWhitespace()
            if !cursor.isAtEnd, cursor.peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                cursor.index += 1
                return isObject ? .object(JSONObject()) : .array([])
            }
            var frame = Frame(
                kind: isObject ? .object : .array,
                valuesStart: values.count,
                keySpansStart: keySpans.count,
                node: node,
                childrenStart: pendingChildren.count
            )
            swap(&current, &frame)
            parents.append(frame)
            depth += 1
            return nil
        }

        /// Reads `"key" :` for the current object, checking for a repeated key.
        private mutating func readKey() throws(JSONSyntaxError) {
            cursor.skipWhitespace()
            guard !cursor.isAtEnd else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "a string key"), at: cursor.count)
            }
            let keyOffset = cursor.index
            let byte = cursor.peek()
            guard byte == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(.unexpectedCharacter(byte, expected: "a string key"), at: keyOffset)
            }
            let key: String
            let duplicate: Int
            if let decoded = try cursor.readStringDeferringPlain() {
                key = decoded
                current.keysHaveEscapes = true
                duplicate = current.object.index(forKey: key) ?? -1
            } else {
                let span = keySpan(start: keyOffset + 1, count: cursor.index - keyOffset - 2)
                key = cachedKey(span)
                if current.keysHaveEscapes || current.object.count >= JSONObject.maximumUnhashedCount {
                    duplicate = current.object.index(forKey: key) ?? -1
                } else {
                    duplicate = rawKeyPosition(span)
                    if duplicate < 0 { keySpans.append(span) }
                }
            }
            if duplicate >= 0, options.duplicateKeys == .reject {
                throw JSONSyntaxError(.duplicateKey(key), at: keyOffset)
            }
            current.key = key
            current.duplicatePosition = duplicate
            cursor.skipWhitespace()
            guard !cursor.isAtEnd else {
                throw JSONSyntaxError(.unexpectedEndOfInput(expected: "':'"), at: cursor.count)
            }
            guard cursor.peek() == UInt8(ascii: ":") else {
                throw JSONSyntaxError(
                    .unexpectedCharacter(cursor.peek(), expected: "':' after the key"), at: cursor.index)
            }
            cursor.index += 1
            nextKeyOffset = UInt32(truncatingIfNeeded: keyOffset)
        }

        private func keySpan(start: Int, count: Int) -> KeySpan {
            var head: UInt64 = 0
            if start + 8 <= cursor.count, let base = cursor.bytes.baseAddress {
                // Reading past a short key stays inside the input; the mask drops those bytes.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
                head = count >= 8 ? word : word & ((1 << (UInt64(count) &* 8)) &- 1)
            } else {
                for position in 0..<min(count, 8) {
                    head |= UInt64(cursor.bytes[start + position]) << (8 * position)
                }
            }
            return KeySpan(start: start, count: count, head: head)
        }

        /// The `String` for an escape-free key, reused from an earlier key with the same bytes when the
        /// cache has one (keys repeat across a document; building them is a large part of reading).
        private mutating func cachedKey(_ span: KeySpan) -> String {
            if keyCache.isEmpty {
                keyCache = Array(
                    repeating: KeyCacheEntry(span: KeySpan(start: 0, count: -1, head: 0), key: ""), count: 256)
            }
            let slot = Int(truncatingIfNeeded: ((span.head &+ UInt64(span.count)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
            let cached = keyCache[slot].span
            if cached.head == span.head, cached.count == span.count, sameTail(cached, span) {
                return keyCache[slot].key
            }
            let bytes = cursor.bytes
            let key = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[span.start..<span.start + span.count]), as: UTF8.self)
            keyCache[slot] = KeyCacheEntry(span: span, key: key)
            return key
        }

        /// Whether two spans with equal heads and counts also agree beyond their first eight bytes.
        @inline(__always)
        private func sameTail(_ left: KeySpan, _ right: KeySpan) -> Bool {
            let bytes = cursor.bytes
            var position = 8
            while position < right.count, bytes[left.start + position] == bytes[right.start + position] {
                position += 1
            }
            return position >= right.count
        }

        /// The member position of an earlier key of the current object with the same raw bytes, or -1.
        private func rawKeyPosition(_ span: KeySpan) -> Int {
            for slot in current.keySpansStart..<keySpans.count {
                let other = keySpans[slot]
                if other.head == span.head, other.count == span.count, sameTail(other, span) {
                    return slot - current.keySpansStart
                }
            }
            return -1
        }

        /// Adds a finished value to the current container.
        @inline(__always)
        private mutating func attach(_ value: consuming JSON, node: UInt32) {
            if current.kind == .array {
                values.append(value)
                if recordsMap { pendingChildren.append(node) }
                return
            }
            let duplicate = current.duplicatePosition
            if duplicate < 0 {
                current.object.appendUnchecked(key: current.key, value: value)
                if recordsMap { pendingChildren.append(node) }
            } else if options.duplicateKeys == .keepLast {
                current.object[current.key] = value
                if recordsMap { pendingChildren[current.childrenStart + duplicate] = node }
            }
        }

        /// Closes the current container, making its parent current; returns its value and node.
        private mutating func close() -> (JSON, UInt32) {
            var finished = parents.removeLast()
            swap(&current, &finished)
            depth -= 1
            if recordsMap {
                nodes[Int(finished.node)].firstChild = UInt32(truncatingIfNeeded: children.count)
                children.append(contentsOf: pendingChildren[finished.childrenStart...])
                pendingChildren.removeSubrange(finished.childrenStart...)
            }
            if finished.kind == .object {
                keySpans.removeSubrange(finished.keySpansStart...)
                return (.object(finished.object), finished.node)
            }
            let elements = Array(values[finished.valuesStart...])
            values.removeSubrange(finished.valuesStart...)
            return (.array(elements), finished.node)
        }
    }
}
