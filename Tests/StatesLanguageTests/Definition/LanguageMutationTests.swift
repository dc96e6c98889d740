import JSONCore
import Testing

@testable import StatesLanguage

/// Tests written for guards that a mutation pass found unchecked (SPEC-NOTES §8.4): each one
/// fails when the guarded line named in its comment is mutated as the table says.
@Suite struct LanguageMutationTests {
    /// TaskResource: a Lambda ARN needs its region and account, an activity ARN a name
    /// (TaskResource.kind's guards; without them these read as a function or activity).
    @Test(arguments: [
        ("arn:aws:lambda::123456789012:function:Fn", TaskResource.Kind.unrecognized(.malformedLambda)),
        ("arn:aws:lambda:us-east-1::function:Fn", .unrecognized(.malformedLambda)),
        ("arn:aws:states:us-east-1:123456789012:activity:", .unrecognized(.malformedStates)),
        ("arn:aws:states::123456789012:activity:Act", .unrecognized(.malformedStates)),
    ])
    func incompleteFunctionAndActivityARNsAreMalformed(resource: String, kind: TaskResource.Kind) {
        #expect(TaskResource(resource).kind == kind)
    }

    /// ASL-W201: a catch-all Retrier warns past 10 attempts only (10 is the bound, exclusive), and
    /// only a catch-all one: a Retrier of one named error may poll as long as it likes.
    @Test(
        arguments: [
            (["States.ALL"], 11, ["/States/A/Retry/0/MaxAttempts"]),
            (["States.TaskFailed"], 11, ["/States/A/Retry/0/MaxAttempts"]),
            (["States.ALL"], 10, []),
            (["Custom.NotReady"], 11, []),
            (["Custom.NotReady"], 99_999_999, []),
        ] as [([String], Int, [String])])
    func retryBoundWarnsForCatchAllRetriersPastTenAttempts(errors: [String], attempts: Int, expected: [String])
        throws
    {
        // Four million seconds between attempts: ten attempts already wait past a year.
        let text =
            #"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "#
            + #""Retry": [{"ErrorEquals": [\#(errors.map { "\"\($0)\"" }.joined(separator: ", "))], "#
            + #""MaxAttempts": \#(attempts), "IntervalSeconds": 4000000, "BackoffRate": 1}], "End": true}}}"#
        let run = try ValidationRun(text: text)
        #expect(run.pointers(of: "ASL-W201") == expected, "\(ValidationRun.describe(run.diagnostics))")
    }
}
