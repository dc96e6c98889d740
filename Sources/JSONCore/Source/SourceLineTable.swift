/// A 1-based line and column in a source file. The column counts UTF-8 bytes from the line start.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Turns byte offsets into line:column, built once per file and searched by binary search.
///
/// A line ends at `\n`, at `\r\n` (one break, not two) or at a lone `\r`.
///
///     let table = SourceLineTable(Array("{\n  \"a\": 1\n}".utf8))
///     table.location(ofOffset: 9)   // 2:8, the `1`
public struct SourceLineTable: Sendable {
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    public let byteCount: Int

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        lineStarts = starts
        byteCount = count
    }

    /// The line:column of a byte offset; offsets past the end clamp to the end.
    /// - Complexity: O(log lines).
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, byteCount))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return SourceLocation(line: low + 1, column: clamped - lineStarts[low] + 1)
    }

    /// The byte range of a 1-based line, without its line break.
    public func lineRange(_ line: Int, in bytes: [UInt8]) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return byteCount..<byteCount }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : byteCount
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}

/// A file's name, its bytes, and the line table to locate offsets in it.
public struct SourceFile: Sendable {
    /// The name diagnostics print: the path as the user gave it, or `<stdin>`.
    public let path: String
    public let bytes: [UInt8]
    public let lineTable: SourceLineTable

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lineTable = SourceLineTable(bytes)
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public func location(ofOffset offset: Int) -> SourceLocation {
        lineTable.location(ofOffset: offset)
    }

    /// The text of a 1-based line, invalid UTF-8 repaired.
    public func lineText(_ line: Int) -> String {
        String(decoding: bytes[lineTable.lineRange(line, in: bytes)], as: UTF8.self)
    }
}
