/// The language a state's dynamic fields are written in.
///
/// Source: AWS developer guide, "Transforming data with JSONata in Step Functions": the
/// top-level `QueryLanguage` sets the default (JSONPath when absent); a state may set its own,
/// except that a JSONata machine cannot contain a JSONPath state.
public enum QueryLanguage: String, Sendable, Hashable, CaseIterable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}
