import JSONCore
import StatesLanguage
import StatesRuntime

/// What `asl test` found, per file, for the three report formats.
struct TestRunReport: Sendable {
    struct File: Sendable {
        var path: String
        var results: [TestCaseResult]
        /// Why the file could not run (located lines), or `nil`.
        var problem: [String]?
    }

    var files: [File]

    var passed: Int { files.reduce(0) { $0 + $1.results.filter(\.passed).count } }
    var failed: Int { files.reduce(0) { $0 + $1.results.filter { !$0.passed }.count } }
    var fileProblems: Int { files.filter { $0.problem != nil }.count }

    /// `3 passed, 1 failed (4 cases in 2 files)`, plus files that could not run.
    var summary: String {
        let cases = passed + failed
        var line = "\(passed) passed, \(failed) failed (\(cases) case\(cases == 1 ? "" : "s") in "
        line += "\(files.count) file\(files.count == 1 ? "" : "s"))"
        if fileProblems > 0 { line += ", \(fileProblems) file\(fileProblems == 1 ? "" : "s") could not run" }
        return line
    }

    // MARK: Text

    /// One line per case (✓/✗), each failure under its case with the first difference.
    func text(color: Bool) -> String {
        let check = color ? "\u{1B}[32m✓\u{1B}[0m" : "✓"
        let cross = color ? "\u{1B}[31m✗\u{1B}[0m" : "✗"
        var out = ""
        for file in files {
            out += TerminalText.escaped(file.path) + "\n"
            if let problem = file.problem {
                out += problem.map { "  " + $0 + "\n" }.joined()
                continue
            }
            for result in file.results {
                out += "  \(result.passed ? check : cross) \(TerminalText.name(result.name))\n"
                for failure in result.failures {
                    out += "      \(TerminalText.message(failure.message))\n"
                    if failure.expected != nil || failure.actual != nil {
                        out += "        expected: \(Self.shown(failure.expected))\n"
                        out += "        actual:   \(Self.shown(failure.actual))\n"
                    }
                }
            }
        }
        return out + summary + "\n"
    }

    static func shown(_ value: JSON?) -> String {
        guard let value else { return "(absent)" }
        let text = JSONWriter.compact(value)
        return TerminalText.message(text.count > 300 ? String(text.prefix(300)) + "…" : text)
    }

    // MARK: JUnit

    /// JUnit XML as GitHub Actions, GitLab and Jenkins read it: one `testsuite` per file, one
    /// `testcase` per case, a `failure` (message: the first unmet expectation; body: all of
    /// them) for each failed case, an `error` for a file that could not run.
    var junit: String {
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<testsuites name="asl test" tests="\#(passed + failed + fileProblems)" "#
        out += #"failures="\#(failed)" errors="\#(fileProblems)">"# + "\n"
        for file in files {
            let path = Self.xml(file.path)
            let failures = file.results.filter { !$0.passed }.count
            let tests = file.problem == nil ? file.results.count : 1
            out += #"  <testsuite name="\#(path)" tests="\#(tests)" failures="\#(failures)" "#
            out += #"errors="\#(file.problem == nil ? 0 : 1)" time="0">"# + "\n"
            if let problem = file.problem {
                out += #"    <testcase name="(load)" classname="\#(path)" time="0">"# + "\n"
                out += #"      <error message="\#(Self.xml(problem.first ?? ""))">"#
                out += Self.xml(problem.joined(separator: "\n")) + "</error>\n"
                out += "    </testcase>\n"
            }
            for result in file.results {
                out += #"    <testcase name="\#(Self.xml(result.name))" classname="\#(path)" time="0""#
                guard let first = result.failures.first else {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                let body = result.failures.map { failure in
                    var text = failure.message
                    if failure.expected != nil || failure.actual != nil {
                        text +=
                            "\n  expected: \(Self.plain(failure.expected))\n  actual:   \(Self.plain(failure.actual))"
                    }
                    return text
                }.joined(separator: "\n")
                out += #"      <failure message="\#(Self.xml(first.message))" type="ExpectationFailed">"#
                out += Self.xml(body) + "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private static func plain(_ value: JSON?) -> String {
        value.map(JSONWriter.compact) ?? "(absent)"
    }

    /// Text safe in XML 1.0 content and attribute values: the five special characters as
    /// entities, and the characters XML 1.0 forbids (controls other than tab, LF and CR; U+FFFE,
    /// U+FFFF) replaced by U+FFFD.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    // MARK: JSON

    /// `{"passed", "failed", "files": [{"file", "error"?, "cases": [{"name", "passed", "status",
    /// "error"?, "cause"?, "failures": [{"message", "path"?, "expected"?, "actual"?}]}]}]}`.
    var json: JSON {
        var root = JSONObject()
        root["passed"] = .number(JSONNumber(passed))
        root["failed"] = .number(JSONNumber(failed))
        root["files"] = .array(
            files.map { file in
                var object = JSONObject()
                object["file"] = .string(file.path)
                if let problem = file.problem { object["error"] = .string(problem.joined(separator: "\n")) }
                object["cases"] = .array(
                    file.results.map { result in
                        var item = JSONObject()
                        item["name"] = .string(result.name)
                        item["passed"] = .bool(result.passed)
                        item["status"] = .string(result.execution.status.rawValue)
                        if let error = result.execution.error { item["error"] = .string(error) }
                        if let cause = result.execution.cause { item["cause"] = .string(cause) }
                        item["failures"] = .array(
                            result.failures.map { failure in
                                var entry = JSONObject()
                                entry["message"] = .string(failure.message)
                                if let path = failure.path { entry["path"] = .string(path) }
                                if let expected = failure.expected { entry["expected"] = expected }
                                if let actual = failure.actual { entry["actual"] = actual }
                                return .object(entry)
                            })
                        return .object(item)
                    })
                return .object(object)
            })
        return .object(root)
    }
}
