import JSONCore

/// ASL-W214 (formerly ASL-E216): a literal parameter of an optimized integration that can never work: SNS
/// `TopicArn`/`TargetArn` that is not an ARN, Lambda `FunctionName` that is empty or holds
/// whitespace, Athena `ResultConfiguration.OutputLocation` that is not an `s3://` URI, Glue
/// `JobName` that is empty.
///
/// Source: the service API references (SNS Publish: TopicArn/TargetArn are ARNs; Lambda Invoke:
/// FunctionName is a name, ARN or partial ARN without spaces; Athena ResultConfiguration:
/// "OutputLocation … such as s3://path/to/query/bucket/"; Glue StartJobRun: JobName length ≥ 1)
/// and AWS developer guide, "Integrating optimized services", which says Step Functions checks
/// optimized-integration Parameters against the API shape.
///
/// Rationale: a warning, not an error. CreateStateMachine does not check these values: a
/// definition with an SNS `TopicArn` of `"TOPIC_ARN_PLACEHOLDER"` deploys, and SNS rejects the
/// value only when the task runs (SPEC-NOTES §4). The typical case is a template placeholder text
/// such as `"arn value of your topic"` that was never filled in, which is worth a warning.
/// Values computed at run time (`.$`, `{% %}`) and `${…}` placeholders are skipped.
enum IntegrationParameters: ValidationRule {
    static let description = RuleDescription(
        id: "ASL-W214", severity: .warning,
        summary: "An optimized-integration parameter whose literal value fails when the task runs "
            + "(SNS TopicArn, Lambda FunctionName, Athena OutputLocation, Glue JobName)",
        source: "Service API references; AWS developer guide, \"Integrating optimized services\"")
    static let targets: [RuleTarget] = [.state(.task)]

    static func check(state: State, in context: ValidationContext, into diagnostics: inout [Diagnostic]) {
        for parameter in IntegrationParameter.find(
            in: state, context: context, service: "sns", action: "publish", paths: [["TopicArn"], ["TargetArn"]])
        where !isARN(parameter.value) {
            diagnostics.append(
                diagnostic(
                    notARNMessage(state.name, parameter: parameter), at: parameter.pointer,
                    fixIt: "use the topic's ARN, e.g. \"arn:aws:sns:us-east-1:123456789012:MyTopic\", "
                        + "or \"\(parameter.path.joined(separator: ".")).$\" with a path"))
        }
        for parameter in IntegrationParameter.find(
            in: state, context: context, service: "lambda", action: "invoke", paths: [["FunctionName"]])
        where parameter.value.isEmpty || parameter.value.contains(where: \.isWhitespace) {
            diagnostics.append(
                diagnostic(
                    functionNameMessage(state.name, parameter: parameter), at: parameter.pointer,
                    fixIt:
                        "use the function's name or ARN, e.g. \"arn:aws:lambda:us-east-1:123456789012:function:Name\""))
        }
        for parameter in IntegrationParameter.find(
            in: state, context: context, service: "athena", action: "startQueryExecution",
            paths: [["ResultConfiguration", "OutputLocation"]])
        where !parameter.value.hasPrefix("s3://") {
            diagnostics.append(
                diagnostic(
                    outputLocationMessage(state.name, parameter: parameter), at: parameter.pointer,
                    fixIt: "use an S3 URI such as \"s3://my-athena-results/\""))
        }
        for parameter in IntegrationParameter.find(
            in: state, context: context, service: "glue", action: "startJobRun", paths: [["JobName"]])
        where parameter.value.isEmpty {
            diagnostics.append(diagnostic(emptyJobNameMessage(state.name), at: parameter.pointer))
        }
    }

    /// `arn:` followed by at least partition, service, region, account and resource, no spaces.
    static func isARN(_ text: String) -> Bool {
        text.hasPrefix("arn:") && !text.contains(where: \.isWhitespace)
            && text.split(separator: ":", omittingEmptySubsequences: false).count >= 6
    }
}

extension IntegrationParameters {
    fileprivate static func notARNMessage(_ state: String, parameter: IntegrationParameter) -> String {
        "\(parameter.path.joined(separator: ".")) \(DiagnosticText.quoted(parameter.value)) of state \(DiagnosticText.quoted(state)) is not an ARN: "
            + "sns:publish needs the ARN of an SNS topic (arn:aws:sns:<region>:<account>:<topic>)"
    }

    fileprivate static func functionNameMessage(_ state: String, parameter: IntegrationParameter) -> String {
        "FunctionName \(DiagnosticText.quoted(parameter.value)) of state \(DiagnosticText.quoted(state)) is not a Lambda function name or ARN "
            + "(names hold letters, digits, - and _ and no spaces)"
    }

    fileprivate static func outputLocationMessage(_ state: String, parameter: IntegrationParameter) -> String {
        "ResultConfiguration.OutputLocation \(DiagnosticText.quoted(parameter.value)) of state \(DiagnosticText.quoted(state)) is not an S3 location: "
            + "Athena needs an s3://bucket/prefix/ URI for query results"
    }

    fileprivate static func emptyJobNameMessage(_ state: String) -> String {
        "JobName of state \(DiagnosticText.quoted(state)) is empty: glue:startJobRun needs the name of a Glue job"
    }
}
