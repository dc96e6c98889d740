internal import JSONCore

/// The members of a request body, read with AWS's `ValidationException` texts for a missing or
/// mistyped member ("1 validation error detected: Value null at 'name' failed to satisfy
/// constraint: Member must not be null", as AWS's services word it).
struct TasksRequestFields {
    let input: JSON

    init(_ input: JSON) { self.input = input }

    /// A string member, or `nil` when absent.
    func optionalString(_ name: String) throws(ServiceError) -> String? {
        switch input[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .some: throw Self.invalid(name, "Member must be a string")
        }
    }

    /// A string member that must be there, of `length` characters.
    func string(_ name: String, length: ClosedRange<Int>) throws(ServiceError) -> String {
        guard let text = try optionalString(name) else { throw Self.missing(name) }
        try check(text, name, length: length)
        return text
    }

    func check(_ text: String, _ name: String, length: ClosedRange<Int>) throws(ServiceError) {
        if text.count < length.lowerBound {
            throw Self.invalid(name, "Member must have length greater than or equal to \(length.lowerBound)", text)
        }
        if text.count > length.upperBound {
            throw Self.invalid(name, "Member must have length less than or equal to \(length.upperBound)", text)
        }
    }

    /// An integer member, or `nil` when absent.
    func optionalInteger(_ name: String, range: ClosedRange<Int>) throws(ServiceError) -> Int? {
        switch input[name] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard let value = number.integralValue, let int = Int(exactly: value) else {
                throw Self.invalid(name, "Member must be an integer")
            }
            if int < range.lowerBound {
                throw Self.invalid(
                    name, "Member must have value greater than or equal to \(range.lowerBound)", "\(int)")
            }
            if int > range.upperBound {
                throw Self.invalid(name, "Member must have value less than or equal to \(range.upperBound)", "\(int)")
            }
            return int
        case .some: throw Self.invalid(name, "Member must be an integer")
        }
    }

    static func missing(_ name: String) -> ServiceError {
        ServiceError(
            "ValidationException",
            "1 validation error detected: Value null at '\(name)' failed to satisfy constraint: Member must not be null"
        )
    }

    static func invalid(_ name: String, _ constraint: String, _ value: String? = nil) -> ServiceError {
        let shown = value.map { "'\($0)'" } ?? "of the wrong type"
        return ServiceError(
            "ValidationException",
            "1 validation error detected: Value \(shown) at '\(name)' failed to satisfy constraint: \(constraint)")
    }
}
