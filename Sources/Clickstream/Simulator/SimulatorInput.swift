import Foundation
import JSONCore
import LocalAWS

/// The simulator's two settings read from an invocation payload, with every refusal worded as a
/// sentence: what was given, what is accepted, and what to do.
///
/// `RECORD_COUNT` has no fixed ceiling: a count is refused only when the machine cannot hold the
/// events (``MachineCapacity``), and the message gives the figures and the largest count that fits.
struct SimulatorInput: Sendable, Hashable {
    /// What one simulated event costs the machine, measured on a 200,000-event run of the
    /// clickstream pipeline (SPEC-NOTES.md §12.4): a shard line of about 530 bytes, one raw
    /// object (a file of about 330 bytes, so one block), about 25 bytes of Parquet, and at the
    /// peak about 1.8 KB of memory (the record the stream keeps, the ETL's file list, the
    /// summary's listing of the raw bucket); each rounded up.
    static let footprint = EventFootprint(appendedBytes: 660, files: 1, memoryBytes: 2000)

    /// The fastest pace accepted: one event a millisecond of the execution clock.
    static let fastestRate = 1000.0
    /// The slowest pace accepted: one event every 1,000 seconds.
    static let slowestRate = 0.001

    var recordCount: Int
    var eventsPerSecond: Double

    /// Reads the payload's settings over the defaults.
    /// - Parameters:
    ///   - capacity: Measured only when a count is to be checked against the machine.
    ///   - dataDirectory: Named in the refusal of a count that does not fit.
    /// - Throws: The message of the first setting that is refused.
    static func read(
        _ payload: JSON, defaults: ClickstreamSimulator.Settings, dataDirectory: String,
        capacity: () -> MachineCapacity
    ) throws(SimulatorInputError) -> SimulatorInput {
        let count = try number("RECORD_COUNT", in: payload, default: Double(defaults.recordCount))
        guard count >= 0 else {
            throw SimulatorInputError(
                "RECORD_COUNT is the number of events to send, so it cannot be negative; got \(shown(payload, "RECORD_COUNT")). "
                    + "Give 0 or more, e.g. {\"RECORD_COUNT\": 20}.")
        }
        guard count == count.rounded() else {
            throw SimulatorInputError(
                "RECORD_COUNT is a number of events, so it must be a whole number; got \(shown(payload, "RECORD_COUNT")). "
                    + "Give e.g. {\"RECORD_COUNT\": \(Int64(count.rounded(.down)))}.")
        }
        let rate = try number("EVENTS_PER_SECOND", in: payload, default: defaults.eventsPerSecond)
        guard rate >= slowestRate, rate <= fastestRate else {
            throw SimulatorInputError(
                "EVENTS_PER_SECOND is the pace of the events on the execution clock and must be from 0.001 (one "
                    + "event every 1,000 seconds) to 1000 (one a millisecond); got "
                    + "\(shown(payload, "EVENTS_PER_SECOND")). Give e.g. {\"EVENTS_PER_SECOND\": 10}.")
        }
        if count > 0 {
            let measured = capacity()
            let fit = measured.eventsThatFit(footprint)
            if let fit, count > Double(fit) {
                throw SimulatorInputError(
                    tooMany(asked(payload, count), fit: fit, capacity: measured, directory: dataDirectory))
            }
            // Nothing measured (an unknown platform): still refuse what no counter can hold.
            guard count <= Double(Int64(1) << 53) else {
                throw SimulatorInputError(
                    "\(asked(payload, count)) events, more than can be counted exactly (2^53). Give a smaller number.")
            }
        }
        return SimulatorInput(recordCount: Int(count), eventsPerSecond: rate)
    }

    /// A setting as a number: a JSON number, or text holding one (as the original function's
    /// `int(event.get(...))` takes `"5"`); absent or `null` is the default.
    private static func number(_ name: String, in payload: JSON, default value: Double) throws(SimulatorInputError)
        -> Double
    {
        let parsed: Double?
        switch payload[name] {
        case nil, .null?: return value
        case .number(let number)?: parsed = number.doubleValue
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            parsed = trimmed.isEmpty ? nil : Double(trimmed)
        default: parsed = nil
        }
        guard let parsed, parsed.isFinite else {
            let example = name == "RECORD_COUNT" ? "{\"RECORD_COUNT\": 20}" : "{\"EVENTS_PER_SECOND\": 10}"
            throw SimulatorInputError(
                "\(name) must be a number (or text holding one); got \(shown(payload, name)). Give e.g. \(example).")
        }
        return parsed
    }

    /// The payload's value as the user wrote it, shortened when long.
    private static func shown(_ payload: JSON, _ name: String) -> String {
        guard let value = payload[name] else { return "nothing" }
        let text = JSONWriter.compact(value)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// `RECORD_COUNT asks for 200000` from the payload, or `recordCount (the configuration's
    /// RECORD_COUNT) asks for 200000` when the count is the configured default.
    private static func asked(_ payload: JSON, _ count: Double) -> String {
        if payload["RECORD_COUNT"] != nil, payload["RECORD_COUNT"] != .null {
            return "RECORD_COUNT asks for \(shown(payload, "RECORD_COUNT"))"
        }
        return "recordCount (the configuration's RECORD_COUNT) asks for \(Int64(count))"
    }

    private static func tooMany(_ asked: String, fit: Int64, capacity: MachineCapacity, directory: String) -> String {
        var limits: [String] = []
        let disk = footprint.diskBytes(blockSize: capacity.blockSize)
        if let free = capacity.freeBytes { limits.append("\(bytes(free)) free on disk") }
        if let files = capacity.freeFiles { limits.append("room for \(grouped(files)) more files") }
        if let memory = capacity.availableMemory { limits.append("\(bytes(memory)) of memory available") }
        return "\(asked) events, more than this machine can hold: each event takes about "
            + "\(bytes(disk)) of disk in the data directory (\(directory)) and one file there (its stream record "
            + "and its raw object), and about \(bytes(footprint.memoryBytes)) of memory while the run lasts; "
            + "there is \(limits.joined(separator: ", ")), enough for about \(grouped(fit)) events once a tenth "
            + "is kept free. Ask for at most \(fit) events, or free space (or give --data-dir on a larger disk)."
    }

    /// `4.7 KB`, `12.3 GB`: decimal units, one decimal.
    static func bytes(_ count: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(count) bytes" }
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) \(units[unit])"
    }

    /// `2,600,000`.
    static func grouped(_ count: Int64) -> String {
        let digits = Array(String(count.magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (count < 0 ? "-" : "") + text
    }
}

/// A refused simulator setting; the message is shown to the user as the Lambda error's message.
struct SimulatorInputError: Error, Sendable, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}
