extension JSONReader {
    /// One open array or object. Its members wait on the reader's shared stacks until it closes.
    ///
    /// An object's keys are first kept as raw spans of the input only: duplicates are found by
    /// comparing bytes, and no `String` is made until the object closes, when an earlier object
    /// with the same keys usually lends its keys array (``Reader/sharedKeys(of:)``). An object
    /// whose keys hold an escape, or that grows beyond `JSONObject.maximumUnhashedCount` keys,
    /// switches to `String` keys on the key stack, compared as `JSONObject` compares them.
    struct Frame {
        var isObject: Bool
        /// Where this container's values start on the value stack.
        var valuesStart: Int
        /// Objects: where this object's key spans start on `keySpans` (one per member).
        var spansStart: Int
        /// Objects that compare strings: where their `String` keys start on the key stack.
        var keysStart: Int
        /// Objects: whether the keys are on the key stack as `String`s and compared as such.
        var comparesStrings = false
        /// Objects: whether a key held an escape (such an object never shares its keys array).
        var keysHaveEscapes = false
        /// Objects: the earlier position of the key whose value is being read, or -1 when it is new.
        var duplicatePosition = -1
        /// Objects beyond `JSONObject.maximumUnhashedCount` keys: their key index's slot on `keyIndexes`.
        var keyIndexSlot = -1
        /// Objects: one bit per raw key read so far (``KeySpan/filterBit``); a key whose bit is not
        /// set is certainly new, so most keys skip the comparison with every earlier key.
        var rawKeyFilter: UInt64 = 0
        /// Objects: a hash of the raw keys in order, to find an earlier object with the same keys.
        var shapeHash: UInt64 = 0
        /// Source map: this container's node, and where its members' nodes start on `pendingChildren`.
        var node: UInt32
        var childrenStart: Int
    }

    /// The raw bytes of an escape-free key, for duplicate checks without comparing `String`s.
    struct KeySpan {
        var start: Int
        /// -1 for a key that held an escape (such a key never matches raw bytes).
        var count: Int
        /// The first eight bytes (zero-padded), so most different keys differ in one comparison.
        var head: UInt64
    }

    /// The keys of an object met earlier in this document (``Reader/sharedKeys(of:)``): their raw
    /// spans on `shapeSpans` and the array the object was given.
    struct ShapeEntry {
        var spansStart: Int
        var count: Int
        var keys: [String]
    }

    /// A key met earlier in this document (``Reader/cachedKey(_:)``).
    struct KeyCacheEntry {
        var span: KeySpan
        var key: String
    }

    /// The state of one read: the cursor, the container stack, and the source map being built.
    ///
    /// Values, keys and source-map nodes of open containers wait on shared stacks; when a
    /// container closes, its run is moved off the top into arrays of exactly the right size, so
    /// nothing is built twice and no member is copied. The innermost open container is `current`;
    /// the ones around it wait on `parents`.
    ///
    /// Rationale: every method is `mutating`, even those that only look. The reader is a few
    /// hundred bytes, and a non-mutating call that is not inlined receives `self` as a borrowed
    /// value, which the caller materializes with a copy of the whole struct; `inout` passes its address.
    struct Reader: ~Copyable {
        var cursor: ByteCursor
        let options: Options
        let recordsMap: Bool
        /// The innermost open container (meaningless while `depth` is 0).
        var current = Frame(isObject: false, valuesStart: 0, spansStart: 0, keysStart: 0, node: 0, childrenStart: 0)
        var parents = ReaderStack<Frame>()
        var depth = 0
        var values = ReaderStack<JSON>()
        var keys = ReaderStack<String>()
        var keySpans = ReaderStack<KeySpan>()
        /// Key → position maps of the open objects that outgrew linear search, innermost last.
        var keyIndexes: [[CodeUnitString: Int]] = []
        var keyCache: [KeyCacheEntry] = []
        /// Recent object shapes by hash, and the raw key spans they were read from.
        var shapes: [ShapeEntry] = []
        var shapeSpans = ReaderStack<KeySpan>()
        var nodes = ReaderStack<SourceMap.Node>()
        var children = ReaderStack<UInt32>()
        var pendingChildren = ReaderStack<UInt32>()
        /// Key offset to record with the next value's node (`Node.noKey` for array elements and the root).
        var nextKeyOffset: UInt32 = SourceMap.Node.noKey

        init(cursor: consuming ByteCursor, options: Options) {
            self.recordsMap = options.recordsSourceMap && cursor.count < Int(UInt32.max)
            self.cursor = cursor
            self.options = options
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
            let map = SourceMap(root: value, nodes: nodes.popArray(from: 0), children: children.popArray(from: 0))
            return JSONDocument(value: value, sourceMap: map)
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
                    nodes.push(
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
                    if try open(isObject: true, node: node) {
                        value = .object(JSONObject())
                    } else {
                        try readKey()
                        continue
                    }
                case UInt8(ascii: "["):
                    if try open(isObject: false, node: node) {
                        value = .array([])
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
                    if depth == 0 { return value }
                    attach(consume value, node: node)
                    let isObject = current.isObject
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
                    node = current.node
                    value = close()
                }
            }
        }

        /// Opens the container at the cursor. Returns `true` when it closes at once (the caller
        /// makes the empty value), else makes it the current frame and returns `false`.
        private mutating func open(isObject: Bool, node: UInt32) throws(JSONSyntaxError) -> Bool {
            let bracket = cursor.index
            if depth >= options.maximumDepth {
                throw JSONSyntaxError(.tooDeep(limit: options.maximumDepth), at: bracket)
            }
            cursor.index += 1
            cursor.skipWhitespace()
            if !cursor.isAtEnd, cursor.peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                cursor.index += 1
                return true
            }
            parents.push(current)
            current = Frame(
                isObject: isObject,
                valuesStart: values.count,
                spansStart: keySpans.count,
                keysStart: keys.count,
                node: node,
                childrenStart: pendingChildren.count
            )
            depth += 1
            return false
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
            let span: KeySpan
            var key: String? = nil
            let duplicate: Int
            if let decoded = try cursor.readStringDeferringPlain() {
                span = KeySpan(start: keyOffset + 1, count: -1, head: 0)
                current.keysHaveEscapes = true
                if !current.comparesStrings { startComparingStrings() }
                key = decoded
                duplicate = stringKeyPosition(decoded)
            } else {
                span = KeySpan(in: cursor.bytes, start: keyOffset + 1, count: cursor.index - keyOffset - 2)
                if !current.comparesStrings && keySpans.count - current.spansStart >= JSONObject.maximumUnhashedCount {
                    startComparingStrings()
                }
                if current.comparesStrings {
                    let made = cachedKey(span)
                    key = made
                    duplicate = stringKeyPosition(made)
                } else if current.rawKeyFilter & span.filterBit == 0 {
                    duplicate = -1
                } else {
                    duplicate = rawKeyPosition(span)
                }
            }
            if duplicate >= 0 {
                if options.duplicateKeys == .reject {
                    throw JSONSyntaxError(.duplicateKey(key ?? span.string(in: cursor.bytes)), at: keyOffset)
                }
            } else {
                addKey(key, span: span)
            }
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

        /// Records a new key of the current object: its span always, its `String` when the object
        /// compares strings (an object that outgrows linear search then gets a key index).
        @inline(__always)
        private mutating func addKey(_ key: String?, span: KeySpan) {
            keySpans.push(span)
            current.rawKeyFilter |= span.filterBit
            current.shapeHash = (current.shapeHash &<< 9 | current.shapeHash &>> 55) ^ span.hash
            guard let key else { return }
            let position = keys.count - current.keysStart
            keys.push(key)
            if current.keyIndexSlot >= 0 {
                keyIndexes[current.keyIndexSlot][CodeUnitString(key)] = position
            } else if position + 1 > JSONObject.maximumUnhashedCount {
                var index = [CodeUnitString: Int](minimumCapacity: (position + 1) * 2)
                keys.withElements(from: current.keysStart) { members in
                    for (offset, member) in members.enumerated() { index[CodeUnitString(member)] = offset }
                }
                current.keyIndexSlot = keyIndexes.count
                keyIndexes.append(index)
            }
        }

        /// Switches the current object to `String` keys: makes the keys read so far (all raw).
        private mutating func startComparingStrings() {
            current.comparesStrings = true
            current.keysStart = keys.count
            for position in current.spansStart..<keySpans.count {
                keys.push(cachedKey(keySpans[position]))
            }
        }

        /// The `String` for an escape-free key, reused from an earlier key with the same bytes when the
        /// cache has one (keys repeat across a document; building them is a large part of reading).
        private mutating func cachedKey(_ span: KeySpan) -> String {
            if keyCache.isEmpty {
                keyCache = Array(
                    repeating: KeyCacheEntry(span: KeySpan(start: 0, count: -1, head: 0), key: ""), count: 256)
            }
            let slot = Int(truncatingIfNeeded: span.hash >> 56)
            let cached = keyCache[slot].span
            if cached.head == span.head, cached.count == span.count, cached.sameTail(as: span, in: cursor.bytes) {
                return keyCache[slot].key
            }
            let key = span.string(in: cursor.bytes)
            keyCache[slot] = KeyCacheEntry(span: span, key: key)
            return key
        }

        /// The member position of an earlier key of the current object with the same raw bytes, or -1.
        private mutating func rawKeyPosition(_ span: KeySpan) -> Int {
            // The closure captures locals only: capturing `self` would copy the whole reader.
            let bytes = cursor.bytes
            return keySpans.withElements(from: current.spansStart) { spans in
                for (position, other) in spans.enumerated()
                where other.head == span.head && other.count == span.count && other.sameTail(as: span, in: bytes) {
                    return position
                }
                return -1
            }
        }

        /// The member position of an earlier key of the current object with the same code units as
        /// `key` (like `JSONObject` lookups; `"\u00e9"` and `"e\u0301"` are two keys), or -1.
        private mutating func stringKeyPosition(_ key: String) -> Int {
            let slot = current.keyIndexSlot
            if slot >= 0 { return keyIndexes[slot][CodeUnitString(key)] ?? -1 }
            return keys.withElements(from: current.keysStart) { members in members.firstIndex(codeUnitsOf: key) ?? -1 }
        }

        /// Adds a finished value to the current container.
        @inline(__always)
        private mutating func attach(_ value: consuming JSON, node: UInt32) {
            let duplicate = current.isObject ? current.duplicatePosition : -1
            if duplicate < 0 {
                values.push(value)
                if recordsMap { pendingChildren.push(node) }
            } else if options.duplicateKeys == .keepLast {
                values[current.valuesStart + duplicate] = value
                if recordsMap { pendingChildren[current.childrenStart + duplicate] = node }
            }
        }

        /// Closes the current container, making its parent current; returns its value.
        private mutating func close() -> JSON {
            let finished = current
            current = parents.popLast()
            depth -= 1
            if recordsMap {
                nodes[Int(finished.node)].firstChild = UInt32(truncatingIfNeeded: children.count)
                children.append(contentsOf: pendingChildren, from: finished.childrenStart)
                pendingChildren.removeAll(from: finished.childrenStart)
            }
            let members = values.popArray(from: finished.valuesStart)
            guard finished.isObject else { return .array(members) }
            let memberKeys =
                finished.comparesStrings ? keys.popArray(from: finished.keysStart) : sharedKeys(of: finished)
            keySpans.removeAll(from: finished.spansStart)
            let index = finished.keyIndexSlot >= 0 ? keyIndexes.removeLast() : nil
            return .object(JSONObject(uniqueKeys: memberKeys, values: members, index: index))
        }

        /// The keys array for the object `frame` is closing: the array of an earlier object with
        /// the same raw keys in the same order when the shape cache has one (objects of one kind
        /// repeat their keys across a document: states, retriers, parameters), else a new one.
        ///
        /// Sharing saves an allocation per object and keeps one copy of each key list in memory.
        /// Objects whose keys held escapes are never shared: only raw bytes decide sameness.
        private mutating func sharedKeys(of frame: Frame) -> [String] {
            let count = keySpans.count - frame.spansStart
            let cacheable = count <= Self.largestSharedShape
            if cacheable && shapes.isEmpty {
                shapes = Array(repeating: ShapeEntry(spansStart: 0, count: -1, keys: []), count: 64)
            }
            let slot = Int(truncatingIfNeeded: (frame.shapeHash &* 0x9E37_79B9_7F4A_7C15) >> 58)
            let bytes = cursor.bytes
            if cacheable, shapes[slot].count == count,
                shapeSpans.elementsEqual(
                    from: shapes[slot].spansStart, keySpans, from: frame.spansStart, count: count,
                    by: { $0.head == $1.head && $0.count == $1.count && $0.sameTail(as: $1, in: bytes) })
            {
                return shapes[slot].keys
            }
            var made: [String] = []
            made.reserveCapacity(count)
            for position in frame.spansStart..<keySpans.count {
                made.append(cachedKey(keySpans[position]))
            }
            guard cacheable else { return made }
            if shapeSpans.count + count > Self.shapeSpanCapacity {
                // Start over rather than stop learning: later parts of a document may repeat other shapes.
                shapeSpans.removeAll(from: 0)
                for position in shapes.indices { shapes[position] = ShapeEntry(spansStart: 0, count: -1, keys: []) }
            }
            shapes[slot] = ShapeEntry(spansStart: shapeSpans.count, count: count, keys: made)
            shapeSpans.append(contentsOf: keySpans, from: frame.spansStart)
            return made
        }

        /// Objects with more keys than this are not looked up in the shape cache.
        static let largestSharedShape = 64
        /// The most key spans the shape cache keeps before it starts over.
        static let shapeSpanCapacity = 4096
    }
}

extension JSONReader.KeySpan {
    init(in bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) {
        var head: UInt64 = 0
        if start + 8 <= bytes.count, let base = bytes.baseAddress {
            // Reading past a short key stays inside the input; the mask drops those bytes.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            head = count >= 8 ? word : word & ((1 << (UInt64(count) &* 8)) &- 1)
        } else {
            for position in 0..<min(count, 8) {
                head |= UInt64(bytes[start + position]) << (8 * position)
            }
        }
        self.init(start: start, count: count, head: head)
    }

    /// The key's text (the span holds no escape).
    func string(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + count]), as: UTF8.self)
    }

    /// A hash of the head and count: its top byte picks the key cache slot, bits 50–55 the filter bit.
    @inline(__always)
    var hash: UInt64 { (head &+ UInt64(bitPattern: Int64(count))) &* 0x9E37_79B9_7F4A_7C15 }

    /// This key's bit in a frame's `rawKeyFilter`.
    @inline(__always)
    var filterBit: UInt64 { 1 &<< ((hash >> 50) & 63) }

    /// Whether `other`, with the same head and count, also agrees beyond the first eight bytes.
    @inline(__always)
    func sameTail(as other: JSONReader.KeySpan, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 8
        while position < other.count, bytes[start + position] == bytes[other.start + position] {
            position += 1
        }
        return position >= other.count
    }
}
