/// Recursive-descent parser for the JSONPath dialect; see ``Path``.
struct PathParser {
    let text: String
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parseWholePath() throws(PathSyntaxError) -> Path {
        throw PathSyntaxError(message: "path parsing is not implemented yet", offset: position)
    }
}
