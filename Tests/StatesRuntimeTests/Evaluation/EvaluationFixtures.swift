import JSONCore
import StatesLanguage
import StatesRuntime

/// Shared inputs and helpers for the evaluation suites.
enum EvaluationFixtures {
    /// Stefan Goessner's JSONPath example document (Jayway's README uses it too).
    static let store = """
        {"store": {"book": [
          {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
          {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
          {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3",
           "price": 8.99},
          {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
           "isbn": "0-395-19395-8", "price": 22.99}
         ], "bicycle": {"color": "red", "price": 19.95}}, "expensive": 10}
        """

    static func json(_ text: String) throws -> JSON {
        try JSONReader.read(text).value
    }

    /// `JSONWriter.compact` of a JSON text, to compare results including number spelling.
    static func compact(_ text: String) throws -> String {
        JSONWriter.compact(try json(text))
    }

    /// Evaluates `path` on `input` with the context `{"Execution": {"Name": "run"}}` and the
    /// variable `$limit` = 10.
    static func evaluate(_ path: String, _ input: String, mode: PathEvaluator.Mode = .jayway) throws -> JSON {
        let compiled = try Path.parse(path)
        let document = try json(input)
        let context: JSON = ["Execution": ["Name": "run"]]
        return try PathEvaluator.evaluate(
            compiled, input: document, context: context, variables: { $0 == "limit" ? 10 : nil }, mode: mode)
    }
}
