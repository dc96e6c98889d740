/// `States.Format`: Builds a string from a template and values: each `{}` in the first argument is replaced by the
/// next argument (strings as is, other values as JSON text). The first argument must be a string;
/// there must be as many further arguments as placeholders.
///
/// AWS's example: Input `{"name": "Arnav"}`, call `States.Format('Hello, my name is {}.', $.name)`,
/// result `"Hello, my name is Arnav."`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesFormat {
    static let signature = IntrinsicSignature(.format, parameters: [.string], variadic: .any, minimumArguments: 1)
}
