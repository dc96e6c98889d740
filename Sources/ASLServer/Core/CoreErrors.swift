internal import JSONCore

/// The errors of the machine and execution operations, each worded as AWS words it (LocalStack's
/// snapshots recorded on AWS, `tests/aws/services/stepfunctions/v2/test_sfn_api*.snapshot.json`;
/// SPEC-NOTES.md §18.2).
extension ServiceError {
    static func stateMachineDoesNotExist(_ arn: String) -> ServiceError {
        ServiceError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
    }

    static func stateMachineAlreadyExists(_ arn: String) -> ServiceError {
        ServiceError("StateMachineAlreadyExists", "State Machine Already Exists: '\(arn)'")
    }

    static func stateMachineDeleting(_ arn: String) -> ServiceError {
        ServiceError("StateMachineDeleting", "State Machine Is Being Deleted: '\(arn)'")
    }

    static func executionDoesNotExist(_ arn: String) -> ServiceError {
        ServiceError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
    }

    static func executionAlreadyExists(_ arn: String) -> ServiceError {
        ServiceError("ExecutionAlreadyExists", "Execution Already Exists: '\(arn)'")
    }

    static func invalidArn(_ detail: String) -> ServiceError {
        ServiceError("InvalidArn", "Invalid Arn: '\(detail)'")
    }

    static func invalidName(_ name: String) -> ServiceError {
        ServiceError("InvalidName", "Invalid Name: '\(name)'")
    }

    static func invalidDefinition(_ detail: String) -> ServiceError {
        ServiceError("InvalidDefinition", "Invalid State Machine Definition: '\(detail)'")
    }

    static func invalidExecutionInput(_ detail: String) -> ServiceError {
        ServiceError("InvalidExecutionInput", "Invalid State Machine Execution Input: '\(detail)'")
    }

    static func invalidToken(_ token: String) -> ServiceError {
        ServiceError("InvalidToken", "Invalid Token: '\(token)'")
    }

    static let typeNotSupported = ServiceError(
        "StateMachineTypeNotSupported", "This operation is not supported by this type of state machine")

    static func resourceNotFound(_ arn: String) -> ServiceError {
        ServiceError("ResourceNotFound", "Resource not found: '\(arn)'")
    }

    /// AWS's modelled-constraint failure: `1 validation error detected: Value 'x' at 'field'
    /// failed to satisfy constraint: …`.
    static func validation(value: String?, field: String, constraint: String) -> ServiceError {
        let shown = value.map { "'\($0)'" } ?? "null"
        return ServiceError(
            "ValidationException",
            "1 validation error detected: Value \(shown) at '\(field)' failed to satisfy constraint: \(constraint)")
    }

    static func missingMember(_ field: String) -> ServiceError {
        validation(value: nil, field: field, constraint: "Member must not be null")
    }

    /// A member of the wrong JSON type: AWS's protocol layer answers `SerializationException`.
    static func wrongType(_ field: String, expected: String) -> ServiceError {
        ServiceError("SerializationException", "The member '\(field)' must be \(expected)")
    }

    /// Something on disk failed: the request could not be completed (HTTP 500).
    static func internalFailure(_ message: String) -> ServiceError {
        ServiceError("InternalFailure", message, httpStatus: 500)
    }
}

/// The members of one request body, read with the errors AWS gives for missing or mistyped
/// ones. `null` counts as absent.
struct RequestFields {
    let input: JSON

    init(_ input: JSON) { self.input = input }

    private func member(_ key: String) -> JSON? {
        guard let value = input[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) throws(ServiceError) -> String? {
        guard let value = member(key) else { return nil }
        guard let text = value.stringValue else { throw .wrongType(key, expected: "a string") }
        return text
    }

    func requiredString(_ key: String) throws(ServiceError) -> String {
        guard let text = try string(key) else { throw .missingMember(key) }
        return text
    }

    func bool(_ key: String) throws(ServiceError) -> Bool? {
        guard let value = member(key) else { return nil }
        guard let flag = value.boolValue else { throw .wrongType(key, expected: "a boolean") }
        return flag
    }

    func integer(_ key: String) throws(ServiceError) -> Int? {
        guard let value = member(key) else { return nil }
        guard let number = value.numberValue?.integralValue, let integer = Int(exactly: number) else {
            throw .wrongType(key, expected: "an integer")
        }
        return integer
    }

    func object(_ key: String) throws(ServiceError) -> JSONObject? {
        guard let value = member(key) else { return nil }
        guard let object = value.objectValue else { throw .wrongType(key, expected: "an object") }
        return object
    }

    func array(_ key: String) throws(ServiceError) -> [JSON]? {
        guard let value = member(key) else { return nil }
        guard let array = value.arrayValue else { throw .wrongType(key, expected: "an array") }
        return array
    }

    /// `maxResults`: 0 or absent means `defaultValue`; AWS allows 0…1000.
    func maxResults(default defaultValue: Int = 100) throws(ServiceError) -> Int {
        guard let value = try integer("maxResults") else { return defaultValue }
        if value > 1000 {
            throw .validation(
                value: String(value), field: "maxResults",
                constraint: "Member must have value less than or equal to 1000")
        }
        if value < 0 {
            throw .validation(
                value: String(value), field: "maxResults",
                constraint: "Member must have value greater than or equal to 0")
        }
        return value == 0 ? defaultValue : value
    }

    /// `nextToken`, refused past `maximumLength` as AWS refuses it.
    func nextToken(maximumLength: Int) throws(ServiceError) -> String? {
        guard let token = try string("nextToken") else { return nil }
        if token.utf16.count > maximumLength {
            throw .validation(
                value: token, field: "nextToken",
                constraint: "Member must have length less than or equal to \(maximumLength)")
        }
        if token.isEmpty {
            throw .validation(
                value: token, field: "nextToken", constraint: "Member must have length greater than or equal to 1")
        }
        return token
    }
}
