import Foundation
import JSONCore
import StatesLanguage
import StatesTestSupport
import Testing

/// The published clickstream definition keeps its template texts ("arn value of your lambda
/// function", "arn value of your topic", "s3 bucket for athena output storage"): each must get
/// a precise diagnostic at the right field: an error for the Resource (AWS rejects an
/// unrecognized resource at creation), a warning for the parameters (AWS checks them only when
/// the task runs), and nothing else may be an error.
@Suite struct SeedDefinitionTests {
    static func run() throws -> ValidationRun {
        let text = try String(contentsOf: Fixtures.url("asl/valid/clickstream-seed.asl.json"), encoding: .utf8)
        return try ValidationRun(text: text)
    }

    @Test func placeholderTextsAreReported() throws {
        let run = try Self.run()
        #expect(run.parserDiagnostics.isEmpty)
        let errors = run.errors.map { "\($0.rule) \($0.pointer)" }
        #expect(
            errors == ["ASL-E212 /States/StartSimulatorLambda/Resource"], "\(ValidationRun.describe(run.diagnostics))")
        #expect(
            run.pointers(of: "ASL-W214") == [
                "/States/RepairAthenaPartitions/Parameters/ResultConfiguration/OutputLocation",
                "/States/NotifySuccess/Parameters/TopicArn",
                "/States/NotifyFailure/Parameters/TopicArn",
            ], "\(ValidationRun.describe(run.diagnostics))")
    }

    @Test func resourceMessageNamesTheValueAndAnExample() throws {
        let run = try Self.run()
        let message = try #require(run.errors.first { $0.rule == "ASL-E212" }?.message)
        #expect(message.hasPrefix("The resource provided \"arn value of your lambda function\" is not recognized"))
        #expect(message.contains("arn:aws:lambda:us-east-1:123456789012:function:Name"))
        let topic = try #require(
            run.diagnostics.first { $0.rule == "ASL-W214" && $0.pointer.lastToken == "TopicArn" })
        #expect(topic.message.contains("\"arn value of your topic\""))
        #expect(topic.message.contains("NotifySuccess"))
        #expect(topic.fixIt?.contains("TopicArn.$") == true)
    }
}

/// Diagnostics that would only repeat a parser error are left out.
@Suite struct CascadeTests {
    @Test func misspeltNextDoesNotAlsoMakeItsTargetUnreachable() throws {
        let run = try ValidationRun(
            machine(["A": ["Type": "Pass", "Next": "Lod"], "Load": ["Type": "Pass", "End": true]]))
        #expect(run.parserDiagnostics.map(\.rule) == ["ASL-E104"])
        #expect(run.diagnostics.isEmpty, "\(ValidationRun.describe(run.diagnostics))")
    }

    @Test func missingTransitionDoesNotAlsoReportMissingEnd() throws {
        let run = try ValidationRun(machine(["A": ["Type": "Pass"]]))
        #expect(!run.parserDiagnostics.isEmpty)
        #expect(run.pointers(of: "ASL-E201").isEmpty)
    }

    @Test func disabledRulesAreSkipped() throws {
        let definition = machine([
            "A": ["Type": "Choice", "Choices": [["Variable": "$.x", "IsPresent": true, "Next": "B"]]],
            "B": ["Type": "Succeed"],
        ])
        #expect(try ValidationRun(definition).pointers(of: "ASL-W200") == ["/States/A"])
        let quiet = try ValidationRun(definition, options: ValidationOptions(disabledRules: ["ASL-W200"]))
        #expect(quiet.diagnostics.isEmpty)
    }

    @Test func duplicateNameNotePointsAtTheFirstState() throws {
        let run = try ValidationRun(
            machine([
                "A": [
                    "Type": "Parallel", "End": true,
                    "Branches": [["StartAt": "A", "States": ["A": ["Type": "Pass", "End": true]]]],
                ]
            ]))
        let duplicate = try #require(run.diagnostics.first { $0.rule == "ASL-E203" })
        #expect(duplicate.anchor == .key)
        #expect(duplicate.notes.first?.pointer?.description == "/States/A")
    }
}
