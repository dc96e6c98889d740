import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

@Suite struct DefinitionAnalyzerTests {
    static func analyze(_ text: String, options: AnalysisOptions = AnalysisOptions()) -> AnalysisResult {
        DefinitionAnalyzer.analyze(SourceFile(path: "test.asl.json", text: text), options: options)
    }

    static func example(_ relative: String) throws -> SourceFile {
        let url = Fixtures.packageRoot.appendingPathComponent("Examples/clickstream").appendingPathComponent(relative)
        return SourceFile(path: relative, bytes: try [UInt8](Data(contentsOf: url)))
    }

    @Test func runnableClickstreamExampleIsClean() throws {
        let result = DefinitionAnalyzer.analyze(try Self.example("state_machine_definition.json"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.machine?.states.count == 6)
    }

    @Test func seedReportsItsPlaceholderValuesPrecisely() throws {
        let source = try Self.example("original/state_machine_definition.json")
        let result = DefinitionAnalyzer.analyze(source)
        let errors = result.diagnostics.filter { $0.severity == .error }
        let pointers = Set(errors.map(\.pointer.description))
        #expect(pointers.contains("/States/StartSimulatorLambda/Resource"))
        // The topic texts are warnings: AWS checks TopicArn only when the task runs.
        let warned = Set(result.diagnostics.filter { $0.severity == .warning }.map(\.pointer.description))
        #expect(warned.contains("/States/NotifySuccess/Parameters/TopicArn"))
        #expect(warned.contains("/States/NotifyFailure/Parameters/TopicArn"))
        for error in errors {
            let offset = try #require(error.offset)
            let location = source.location(ofOffset: offset)
            #expect(location.line > 1, "\(error.rule) \(error.message) should point into the file")
        }
    }

    @Test func syntaxErrorIsLocated() throws {
        let result = Self.analyze("{\n  \"StartAt\": \"A\",\n}")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule == .jsonSyntax)
        #expect(result.machine == nil)
        #expect(diagnostic.offset == 18)
    }

    @Test func duplicateKeysWarnAndKeepTheLastValue() throws {
        let result = Self.analyze(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "Next": "C"}, "C": {"Type": "Succeed"}}}"#)
        #expect(result.diagnostics.map(\.rule) == [.duplicateKey])
        #expect(result.diagnostics.first?.offset == 63)
    }

    @Test func placeholdersAreAcceptedUntilAskedFor() throws {
        let text = #"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${FunctionArn}", "End": true}}}"#
        #expect(Self.analyze(text).diagnostics.isEmpty)
        let strict = Self.analyze(text, options: AnalysisOptions(reportPlaceholders: true))
        #expect(strict.diagnostics.map(\.rule) == [.unsubstitutedPlaceholder])
        #expect(strict.diagnostics.first?.pointer == ["States", "A", "Resource"])
        let substituted = Self.analyze(
            text,
            options: AnalysisOptions(
                substitutions: ["FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:F"],
                reportPlaceholders: true))
        #expect(substituted.diagnostics.isEmpty)
    }

    @Test func wholeStringPlaceholderTakesTheSubstitutedValue() {
        let value: JSON = ["Seconds": "${Wait}", "Name": "job-${Stage}", "Keep": "${Unknown}"]
        let result = Placeholders.substitute(["Wait": 30, "Stage": "prod"], in: value)
        #expect(result == ["Seconds": 30, "Name": "job-prod", "Keep": "${Unknown}"])
    }

    @Test(arguments: [
        ("${A}", ["A"]), ("x${A}y${B.Arn}", ["A", "B.Arn"]), ("${!Literal}", []), ("${}", []), ("$ {A}", []),
        ("${AWS::Region}", ["AWS::Region"]), ("${A B}", []),
    ])
    func placeholderNames(text: String, names: [String]) {
        #expect(Placeholders.names(in: text) == names)
    }

    @Test func oversizedDefinitionIsAnError() {
        let padding = String(repeating: " ", count: DefinitionAnalyzer.maximumDefinitionBytes)
        let result = Self.analyze(#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"# + padding)
        #expect(result.diagnostics.map(\.rule) == [.definitionTooLarge])
    }
}
