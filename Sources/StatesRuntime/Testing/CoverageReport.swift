import JSONCore
import StatesLanguage

/// What executions of one definition covered: the model and its counts, with totals and the
/// three renderings (``table()``, ``lcov(path:sourceMap:lines:testName:)``,
/// ``json(definitionPath:)``). SPEC-NOTES.md §16.2–16.5.
public struct CoverageReport: Sendable {
    public let model: CoverageModel
    public var counts: CoverageCounts

    public init(model: CoverageModel, counts: CoverageCounts) {
        self.model = model
        self.counts = counts
    }

    /// States entered at least once.
    public var statesCovered: Int { counts.entered.count { $0 > 0 } }
    public var statesTotal: Int { model.items.count }
    /// Branches taken at least once.
    public var branchesCovered: Int { counts.branches.reduce(0) { $0 + $1.count { $0 > 0 } } }
    public var branchesTotal: Int { model.items.reduce(0) { $0 + $1.branches.count } }

    /// `covered / total` as a percentage with one decimal, rounded half up: `"83.3"`; `"100.0"`
    /// when there is nothing to cover.
    public static func percentText(_ covered: Int, of total: Int) -> String {
        guard total > 0 else { return "100.0" }
        let tenths = (covered * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Adds the counts of `other`, a report of the same definition.
    /// - Throws: ``CoverageError`` when `other`'s states or branches differ.
    public mutating func merge(_ other: CoverageReport) throws(CoverageError) {
        try counts.add(other.counts, model: model)
    }

    /// The name of state `id`, for messages and labels.
    func name(of id: StateID?) -> String {
        guard let id, model.items.indices.contains(id.index) else { return "" }
        return model.items[id.index].name
    }
}

extension CoverageReport {
    /// A text table: one row per state in definition order (nested states indented two spaces
    /// per level), its type, how often it was entered, its branches covered/total and the
    /// branches never taken; then the totals.
    ///
    ///     State         Type    Entered  Branches  Not taken
    ///     Check         Choice        2  2/3       Default → Other
    ///     …
    ///     States: 5/6 (83.3%)  Branches: 6/9 (66.7%)
    public func table() -> String {
        var rows: [[String]] = [["State", "Type", "Entered", "Branches", "Not taken"]]
        for item in model.items {
            let hits = counts.branches[item.id.index]
            let covered = hits.count { $0 > 0 }
            let missing = item.branches.indices.filter { hits[$0] == 0 }.map { slot in
                let branch = item.branches[slot]
                return branch.target.map { "\(branch.label) → \(CoverageText.plain(name(of: $0)))" } ?? branch.label
            }
            rows.append([
                String(repeating: "  ", count: item.depth) + CoverageText.plain(item.name), item.kind.rawValue,
                String(counts.entered[item.id.index]), "\(covered)/\(item.branches.count)",
                missing.joined(separator: ", "),
            ])
        }
        var widths = [Int](repeating: 0, count: 5)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        var text = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // Counts align right, the rest left; the last column is not padded.
                if column == 2 {
                    line += padding + cell
                } else {
                    line += column == row.count - 1 ? cell : cell + padding
                }
                if column < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        text += "States: \(statesCovered)/\(statesTotal) (\(Self.percentText(statesCovered, of: statesTotal))%)"
        text += "  Branches: \(branchesCovered)/\(branchesTotal) "
        text += "(\(Self.percentText(branchesCovered, of: branchesTotal))%)\n"
        return text
    }
}

/// Text of names in one-line renderings.
enum CoverageText {
    /// `text` with control characters (line breaks, tabs, escapes) written `\u{…}`, so a row
    /// stays one line; graph labels keep `\n` as a line break (`keepingLineBreaks`).
    static func plain(_ text: String, keepingLineBreaks: Bool = false) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if keepingLineBreaks && scalar == "\n" {
                result.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
