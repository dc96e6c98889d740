/// How far a long step of a local service has got, reported as it goes so a command line can
/// show a live line (`asl run` on a terminal). The services only report; they never write to
/// a terminal themselves.
///
///     let sink: ServiceProgress.Sink = { progress in print(progress.source, progress.text) }
///     // clickstream-simulator 1,200 of 200,000 events simulated
public struct ServiceProgress: Sendable, Hashable {
    /// Receives reports, from any thread, possibly often (once per event): it must be cheap and
    /// do its own throttling.
    public typealias Sink = @Sendable (ServiceProgress) -> Void

    public enum Kind: Sendable, Hashable {
        /// The simulator has put `sent` of the `total` events it was asked for.
        case eventsSimulated(sent: Int, total: Int)
        /// A stream consumer has delivered `delivered` records to its function since it was
        /// opened (each one an object written by the ingest function); `waiting` are put but not
        /// delivered yet.
        case recordsIngested(delivered: Int, waiting: Int)
        /// A Glue job has written `rows` rows so far, reading `files` input files in all.
        case rowsWritten(rows: Int, files: Int)
    }

    /// The function or job reporting.
    public var source: String
    public var kind: Kind

    public init(source: String, kind: Kind) {
        self.source = source
        self.kind = kind
    }

    /// `1,200 of 200,000 events simulated` (without the source).
    public var text: String {
        switch kind {
        case .eventsSimulated(let sent, let total):
            "\(Self.grouped(sent)) of \(Self.grouped(total)) events simulated"
        case .recordsIngested(let delivered, let waiting):
            "\(Self.grouped(delivered)) records ingested, \(Self.grouped(waiting)) waiting"
        case .rowsWritten(let rows, let files):
            "\(Self.grouped(rows)) rows written from \(Self.grouped(files)) files"
        }
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
