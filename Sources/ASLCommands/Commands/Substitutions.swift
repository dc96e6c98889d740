import JSONCore

/// Reads the `--substitutions` file: a JSON object whose members are placeholder names and the
/// values (any JSON) that replace `${name}` in a definition.
enum Substitutions {
    struct LoadError: Error, Hashable {
        var message: String
    }

    static func load(_ path: String, io: CommandIO) -> Result<[String: JSON], LoadError> {
        let name = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try io.readStandardInput() : try io.readFile(path)
        } catch {
            return .failure(
                LoadError(message: "cannot read substitutions file '\(name)': \(FileReadError.reason(of: error))"))
        }
        let value: JSON
        do {
            value = try JSONReader.read(bytes).value
        } catch {
            let location = SourceFile(path: name, bytes: bytes).location(ofOffset: error.offset)
            return .failure(
                LoadError(message: "substitutions file '\(name)' is not valid JSON: \(location): \(error.message)"))
        }
        guard case .object(let object) = value else {
            return .failure(
                LoadError(
                    message: "substitutions file '\(name)' must hold a JSON object of placeholder names and values, "
                        + "not \(value.typeName == "array" ? "an" : "a") \(value.typeName)"))
        }
        var substitutions: [String: JSON] = [:]
        for (key, member) in object { substitutions[key] = member }
        return .success(substitutions)
    }
}
