/// `States.UUID`: Returns a version 4 UUID (from the injected random source at run time).
///
/// AWS's example: Call `States.UUID()`, result e.g. `"ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8"`.
///
/// Source: AWS Step Functions Developer Guide, "Intrinsic functions for JSONPath states".
enum StatesUUID {
    static let signature = IntrinsicSignature(.uuid, parameters: [])
}
