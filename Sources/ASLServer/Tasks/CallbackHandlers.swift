internal import JSONCore
internal import StatesLanguage
internal import StatesRuntime

/// What `TaskCoordinator.decorate(_:)` installs in a ``HandlerRegistry``: activity ARNs are
/// served by the activity's workers, and every `.waitForTaskToken` resource waits for its
/// callback after its own handler ran (SPEC-NOTES.md §18.3).
struct CallbackDecorator: TaskHandlerDecorator {
    let coordinator: TaskCoordinator

    func handler(for resource: TaskResource, resolved: (any TaskHandler)?) -> (any TaskHandler)? {
        if case .activity = resource.kind {
            // A handler registered for the exact ARN (a run configuration's stand-in) wins.
            return resolved ?? ActivityTaskHandler(coordinator: coordinator)
        }
        if resource.pattern == .waitForTaskToken {
            return CallbackTaskHandler(inner: resolved, coordinator: coordinator)
        }
        return resolved
    }
}

/// A Task whose `Resource` is an activity ARN: the task goes to the activity's workers
/// (`GetActivityTask`) and ends with their `SendTaskSuccess`/`SendTaskFailure`.
struct ActivityTaskHandler: TaskHandler {
    let coordinator: TaskCoordinator

    var reportsStart: Bool { true }

    func handle(_ request: TaskRequest) async throws -> JSON {
        let arn = request.resource.text
        guard coordinator.activityStore.activity(arn) != nil else {
            // Our reading: the task fails with the API's error for the missing activity.
            throw StatesError("States.Runtime", "Activity Does Not Exist: '\(arn)'")
        }
        guard let token = request.taskToken else {
            throw StatesError(.runtime, "The activity task of state '\(request.stateName)' has no task token")
        }
        let callbacks = coordinator.callbacks
        guard callbacks.open(token, heartbeat: request.heartbeat) else {
            throw StatesError(.runtime, Self.duplicateToken(request))
        }
        let task = ActivityQueue.ScheduledTask(
            taskToken: token, input: JSONWriter.compact(request.parameters), taken: request.started)
        coordinator.activityQueue.schedule(task, on: arn)
        let outcome = await callbacks.wait(token)
        coordinator.activityQueue.withdraw(token: token, from: arn)
        return try CallbackTaskHandler.result(of: outcome)
    }

    static func duplicateToken(_ request: TaskRequest) -> String {
        "Another waiting task already has the task token of state '\(request.stateName)': give each execution "
            + "its own seed (the token comes from the execution's random stream)"
    }
}

/// A `.waitForTaskToken` Task: the integration's own handler runs first (it usually sends
/// `$$.Task.Token` somewhere); its result is dropped and the task waits for the callback.
/// When nothing serves the resource the task waits all the same, so a test can drive it with
/// `SendTaskSuccess`/`SendTaskFailure`.
struct CallbackTaskHandler: TaskHandler {
    let inner: (any TaskHandler)?
    let coordinator: TaskCoordinator

    func handle(_ request: TaskRequest) async throws -> JSON {
        guard let token = request.taskToken else {
            throw StatesError(.runtime, "The .waitForTaskToken task of state '\(request.stateName)' has no task token")
        }
        let callbacks = coordinator.callbacks
        // Opened before the call so that a handler that calls back at once is heard.
        guard callbacks.open(token, heartbeat: request.heartbeat) else {
            throw StatesError(.runtime, ActivityTaskHandler.duplicateToken(request))
        }
        if let inner {
            do {
                _ = try await inner.handle(request)
            } catch {
                callbacks.close(token)
                throw error
            }
        }
        return try Self.result(of: await callbacks.wait(token))
    }

    /// The task's result, or the error it ends with.
    static func result(of outcome: CallbackTable.Outcome) throws -> JSON {
        switch outcome {
        case .success(let output): return output
        case .failure(let error, let cause): throw StatesError(StatesErrorName(rawValue: error ?? ""), cause)
        case .cancelled: throw CancellationError()
        }
    }
}
