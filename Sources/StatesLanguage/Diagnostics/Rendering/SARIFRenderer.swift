import JSONCore

/// Renders every file's diagnostics as one SARIF 2.1.0 log with a single run, for code-scanning
/// services.
///
///     {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
///      "runs": [{"tool": {"driver": {"name": "asl", "informationUri": "…",
///                                    "rules": [{"id": "ASL-E104", "shortDescription": {"text": "…"}}]}},
///                "columnKind": "utf16CodeUnits",
///                "results": [{"ruleId": "ASL-E104", "ruleIndex": 0, "level": "error",
///                             "message": {"text": "…"},
///                             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x.json"},
///                                                                 "region": {"startLine": 12, "startColumn": 15}},
///                                            "logicalLocations": [{"fullyQualifiedName": "/States/Load/Next"}]}]}]}]}
///
/// Columns: our positions are UTF-8 byte columns; SARIF's default unit is UTF-16 code units, so
/// the run says `"columnKind": "utf16CodeUnits"` and each column is converted using the line's
/// text (`"é": 1` puts `1` at byte column 6 but UTF-16 column 5). `rules` lists only the rules
/// that occur, in first-occurrence order. Located notes become `relatedLocations`; a fix-it goes
/// in the result's property bag as `fixIt`.
public struct SARIFRenderer: DiagnosticRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public var toolName: String
    public var toolVersion: String?
    public var informationURI: String
    /// One-line summaries by rule, for `shortDescription`; a rule without one uses the message of
    /// its first result.
    public var ruleSummaries: [RuleID: String]
    /// The absolute directory relative paths are relative to. When set, relative artifact URIs
    /// carry `"uriBaseId": "%SRCROOT%"` and the run maps `%SRCROOT%` to this directory, which
    /// lets code-scanning services resolve them.
    public var sourceRoot: String?

    public init(
        toolName: String = "asl",
        toolVersion: String? = nil,
        informationURI: String = "https://states-language.net/spec.html",
        ruleSummaries: [RuleID: String] = [:],
        sourceRoot: String? = nil
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.ruleSummaries = ruleSummaries
        self.sourceRoot = sourceRoot
    }

    public func render(_ reports: [DiagnosticReport]) -> String {
        var ruleIndex: [RuleID: Int] = [:]
        var rules: [JSON] = []
        var results: [JSON] = []
        for report in reports {
            for diagnostic in report.diagnostics {
                let index: Int
                if let known = ruleIndex[diagnostic.rule] {
                    index = known
                } else {
                    index = rules.count
                    ruleIndex[diagnostic.rule] = index
                    let summary = ruleSummaries[diagnostic.rule] ?? diagnostic.message
                    rules.append([
                        "id": .string(diagnostic.rule.rawValue), "shortDescription": ["text": .string(summary)],
                    ])
                }
                results.append(result(for: diagnostic, ruleIndex: index, in: report.source))
            }
        }
        var driver = JSONObject()
        driver["name"] = .string(toolName)
        if let toolVersion { driver["version"] = .string(toolVersion) }
        driver["informationUri"] = .string(informationURI)
        driver["rules"] = .array(rules)
        var run = JSONObject()
        run["tool"] = ["driver": .object(driver)]
        if let sourceRoot, sourceRoot.hasPrefix("/") {
            let root = Self.uri(forPath: sourceRoot.hasSuffix("/") ? sourceRoot : sourceRoot + "/")
            run["originalUriBaseIds"] = [Self.sourceRootID: ["uri": .string(root)]]
        }
        run["columnKind"] = "utf16CodeUnits"
        run["results"] = .array(results)
        let log: JSON = ["$schema": .string(Self.schemaURI), "version": "2.1.0", "runs": [.object(run)]]
        return JSONWriter.pretty(log) + "\n"
    }

    private func result(for diagnostic: Diagnostic, ruleIndex: Int, in source: SourceFile) -> JSON {
        var location = JSONObject()
        location["physicalLocation"] = physicalLocation(source, offset: diagnostic.offset)
        location["logicalLocations"] = [["fullyQualifiedName": .string(diagnostic.pointer.description)]]
        var result = JSONObject()
        result["ruleId"] = .string(diagnostic.rule.rawValue)
        result["ruleIndex"] = .number(JSONNumber(ruleIndex))
        result["level"] = .string(Self.level(of: diagnostic.severity))
        var text = diagnostic.message
        var related: [JSON] = []
        for note in diagnostic.notes {
            if let offset = note.offset {
                var relatedLocation = JSONObject()
                relatedLocation["id"] = .number(JSONNumber(related.count))
                relatedLocation["physicalLocation"] = physicalLocation(source, offset: offset)
                relatedLocation["message"] = ["text": .string(note.message)]
                related.append(.object(relatedLocation))
            } else {
                text += "\nnote: \(note.message)"
            }
        }
        result["message"] = ["text": .string(text)]
        result["locations"] = [.object(location)]
        if !related.isEmpty { result["relatedLocations"] = .array(related) }
        if let fixIt = diagnostic.fixIt { result["properties"] = ["fixIt": .string(fixIt)] }
        return .object(result)
    }

    static let sourceRootID = "%SRCROOT%"

    private func physicalLocation(_ source: SourceFile, offset: Int?) -> JSON {
        var artifact = JSONObject()
        artifact["uri"] = .string(Self.uri(forPath: source.path))
        if sourceRoot != nil, !source.path.hasPrefix("/"), source.path != "<stdin>" {
            artifact["uriBaseId"] = .string(Self.sourceRootID)
        }
        var physical = JSONObject()
        physical["artifactLocation"] = .object(artifact)
        if let offset {
            let location = source.location(ofOffset: offset)
            physical["region"] = [
                "startLine": .number(JSONNumber(location.line)),
                "startColumn": .number(JSONNumber(source.utf16Column(of: location))),
            ]
        }
        return .object(physical)
    }

    private static func level(of severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A URI reference for a file path: relative paths stay relative, absolute ones become
    /// `file://` URIs; bytes outside RFC 3986's unreserved set and `/` are percent-encoded.
    static func uri(forPath path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
