internal import JSONCore

/// `SendTaskSuccess`, `SendTaskFailure`, `SendTaskHeartbeat` (SPEC-NOTES.md §18.3).
///
/// A token that is not one this server could have issued → `InvalidToken`; one it never issued
/// (or issued before a restart) → `TaskDoesNotExist`; one whose task has ended (succeeded,
/// failed, timed out, aborted) → `TaskTimedOut` with AWS's observed text "Task Timed Out:
/// 'Provided task does not exist anymore'".
extension TaskCoordinator {
    func sendTaskSuccess(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let token = try taskToken(fields)
        guard let text = try fields.optionalString("output") else { throw TasksRequestFields.missing("output") }
        // The limit is in UTF-8 bytes (API reference, SendTaskSuccess `output`).
        if text.utf8.count > 262_144 {
            throw TasksRequestFields.invalid("output", "Member must have length less than or equal to 262144")
        }
        let output: JSON
        do {
            output = try JSONReader.read(text).value
        } catch {
            throw ServiceError("InvalidOutput", "Invalid Output: '\(text)'")
        }
        try complete(token, with: .success(output))
        return .object(JSONObject())
    }

    func sendTaskFailure(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let token = try taskToken(fields)
        let error = try fields.optionalString("error")
        if let error { try fields.check(error, "error", length: 0...256) }
        let cause = try fields.optionalString("cause")
        if let cause { try fields.check(cause, "cause", length: 0...32_768) }
        try complete(token, with: .failure(error: error, cause: cause))
        return .object(JSONObject())
    }

    func sendTaskHeartbeat(_ fields: TasksRequestFields) throws(ServiceError) -> JSON {
        let token = try taskToken(fields)
        do {
            try callbacks.heartbeat(token)
        } catch {
            throw Self.tokenError(error)
        }
        return .object(JSONObject())
    }

    private func complete(_ token: String, with outcome: CallbackTable.Outcome) throws(ServiceError) {
        do {
            try callbacks.complete(token, with: outcome)
        } catch {
            throw Self.tokenError(error)
        }
    }

    /// `taskToken` (1–2,048 characters), checked to have the form of the tokens executions make
    /// (64 characters of URL-safe base64).
    private func taskToken(_ fields: TasksRequestFields) throws(ServiceError) -> String {
        let token = try fields.string("taskToken", length: 1...2048)
        guard Self.isWellFormed(token) else { throw ServiceError("InvalidToken", "Invalid Token: 'Invalid token'") }
        return token
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64
            && token.utf8.allSatisfy { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            }
    }

    static func tokenError(_ problem: TaskTokenProblem) -> ServiceError {
        switch problem {
        case .ended: ServiceError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")
        case .unknown: ServiceError("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'")
        }
    }
}
