import Foundation
import JSONCore
import StatesLanguage

/// Records a path's events: each event follows the path's previous one
/// (``PathContext/previousEventID``) and is stamped with the path's clock.
struct EventLog: Sendable {
    let recorder: HistoryRecorder

    /// Records an event after the path's last one and makes it the path's last one.
    /// - Throws: ``HistoryLimitExceeded`` when the history quota is used up.
    @discardableResult
    func record(
        _ type: HistoryEventType, on path: inout PathContext,
        _ details: @autoclosure () -> HistoryEvent.Details = .none
    ) throws(HistoryLimitExceeded) -> Int {
        let clock = path.clock
        let id = try recorder.record(
            type, previousEventId: path.previousEventID, timestamp: clock.now(), details: details())
        path.previousEventID = id
        return id
    }

    /// Whether events are kept (details need not be built when they are not).
    var isRecording: Bool { recorder.isEnabled }
}

extension StateKind {
    /// `PassStateEntered`, `TaskStateEntered`, … (`FailStateEntered` for Fail).
    var enteredEventType: HistoryEventType {
        switch self {
        case .pass: .passStateEntered
        case .task: .taskStateEntered
        case .choice: .choiceStateEntered
        case .wait: .waitStateEntered
        case .succeed: .succeedStateEntered
        case .fail: .failStateEntered
        case .parallel: .parallelStateEntered
        case .map: .mapStateEntered
        }
    }

    /// `PassStateExited`, …; `nil` for Fail, which has no exited event.
    var exitedEventType: HistoryEventType? {
        switch self {
        case .pass: .passStateExited
        case .task: .taskStateExited
        case .choice: .choiceStateExited
        case .wait: .waitStateExited
        case .succeed: .succeedStateExited
        case .fail: nil
        case .parallel: .parallelStateExited
        case .map: .mapStateExited
        }
    }

    /// `TaskStateAborted`, `MapStateAborted`, … for states that can be interrupted.
    var abortedEventType: HistoryEventType? {
        switch self {
        case .task: .taskStateAborted
        case .wait: .waitStateAborted
        case .parallel: .parallelStateAborted
        case .map: .mapStateAborted
        default: nil
        }
    }
}
