public import JSONCore

extension CoverageReport {
    /// The coverage as an LCOV tracefile record for the definition file itself (the format of
    /// `geninfo(1)`), so LCOV tools annotate the `.asl.json` source:
    ///
    ///     TN:<testName>
    ///     SF:<path>
    ///     BRDA:<line>,<block>,<branch>,<taken>   one per branch; block = the state's index in
    ///                                            definition order, branch = its slot in the state;
    ///                                            taken = count, or "-" when the state was never
    ///                                            entered
    ///     BRF:<branches> BRH:<branches taken>
    ///     DA:<line>,<count>                      one per line holding a state's name key: the
    ///                                            times the state(s) on it were entered
    ///     LF:<lines> LH:<lines entered>
    ///     end_of_record
    ///
    /// A branch's line is that of its `Next`/`End`/`Default` key, or of its rule's, retrier's or
    /// catcher's `{`. States or branches whose place `sourceMap` does not know are left out.
    /// SPEC-NOTES.md §16.3.
    /// - Parameters:
    ///   - path: Written after `SF:` as given (the definition path the user named).
    ///   - sourceMap: The definition document's source map.
    ///   - lines: The line table of the definition file's bytes.
    public func lcov(path: String, sourceMap: SourceMap, lines: SourceLineTable, testName: String = "") -> String {
        func line(_ pointer: JSONPointer) -> Int? {
            guard let entry = sourceMap.entry(at: pointer) else { return nil }
            return lines.location(ofOffset: entry.keyOffset ?? entry.valueOffset).line
        }
        var lineHits: [Int: Int] = [:]
        var branchLines: [(line: Int, block: Int, branch: Int, taken: String, hit: Bool)] = []
        for item in model.items {
            let entered = counts.entered[item.id.index]
            if let stateLine = line(item.pointer) { lineHits[stateLine, default: 0] += entered }
            for (slot, branch) in item.branches.enumerated() {
                guard let branchLine = line(branch.pointer) else { continue }
                let taken = counts.branches[item.id.index][slot]
                branchLines.append(
                    (branchLine, item.id.index, slot, entered == 0 ? "-" : String(taken), taken > 0))
            }
        }
        branchLines.sort { ($0.line, $0.block, $0.branch) < ($1.line, $1.block, $1.branch) }
        // One record's field values are single-line: a path with a line break cannot be written.
        var text = "TN:\(Self.lcovField(testName))\nSF:\(Self.lcovField(path))\n"
        for branch in branchLines {
            text += "BRDA:\(branch.line),\(branch.block),\(branch.branch),\(branch.taken)\n"
        }
        text += "BRF:\(branchLines.count)\nBRH:\(branchLines.count { $0.hit })\n"
        for (number, hits) in lineHits.sorted(by: { $0.key < $1.key }) { text += "DA:\(number),\(hits)\n" }
        text += "LF:\(lineHits.count)\nLH:\(lineHits.values.count { $0 > 0 })\nend_of_record\n"
        return text
    }

    /// ``lcov(path:sourceMap:lines:testName:)`` for the definition `source` (its path after `SF:`,
    /// its line table), with the source map of the document read from it
    /// (`DefinitionAnalyzer.analyze(source).document?.sourceMap`).
    public func lcov(source: SourceFile, sourceMap: SourceMap, testName: String = "") -> String {
        lcov(path: source.path, sourceMap: sourceMap, lines: source.lineTable, testName: testName)
    }

    /// `text` with line breaks replaced by spaces.
    private static func lcovField(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
