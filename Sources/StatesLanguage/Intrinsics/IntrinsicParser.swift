/// Parser for intrinsic calls; see ``IntrinsicCall``.
struct IntrinsicParser {
    let text: String
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parseWholeCall() throws(IntrinsicSyntaxError) -> IntrinsicCall {
        throw IntrinsicSyntaxError(message: "intrinsic parsing is not implemented yet", offset: position)
    }
}
