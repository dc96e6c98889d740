public import JSONCore
public import StatesLanguage

/// Everything of a definition that an execution can cover: every state at any depth, and every
/// branch out of it. SPEC-NOTES.md §16.2.
///
/// A state's branches, in this order:
/// - a Choice state: each rule of `Choices` (`Choice`, index i), then `Default` when written;
/// - a Succeed state, or a state with `End: true`: `End`; a state with `Next`: `Next`;
/// - then each retrier of `Retry` (`Retry`, index i: covered when it fired at least once);
/// - then each catcher of `Catch` (`Catch`, index i).
///
/// A Fail state has no branch. ``branchSlot(of:in:)`` turns an ``ExecutionObservation`` into the
/// index of one of these.
public struct CoverageModel: Sendable {
    /// The kinds of branch.
    public enum BranchKind: String, Sendable, Hashable, CaseIterable {
        case next = "Next"
        case end = "End"
        case choice = "Choice"
        case defaultChoice = "Default"
        case retry = "Retry"
        case catcher = "Catch"
    }

    /// One branch out of a state.
    public struct Branch: Sendable, Hashable {
        public var kind: BranchKind
        /// The rule, retrier or catcher index (0-based) for `Choice`, `Retry` and `Catch`.
        public var index: Int?
        /// Where the branch goes; `nil` for `End` and `Retry` (which re-runs the state).
        public var target: StateID?
        /// Where the branch is written: the `Next`, `End` or `Default` member, the rule, retrier
        /// or catcher object (the state itself for a Succeed state's implicit end).
        public var pointer: JSONPointer

        public init(kind: BranchKind, index: Int?, target: StateID?, pointer: JSONPointer) {
            self.kind = kind
            self.index = index
            self.target = target
            self.pointer = pointer
        }

        /// `Next`, `End`, `Default`, `Choices[0]`, `Retry[1]`, `Catch[0]`.
        public var label: String {
            switch (kind, index) {
            case (.choice, let index?): "Choices[\(index)]"
            case (.retry, let index?): "Retry[\(index)]"
            case (.catcher, let index?): "Catch[\(index)]"
            default: kind.rawValue
            }
        }
    }

    /// One state and its branches.
    public struct Item: Sendable {
        public var id: StateID
        public var name: String
        public var kind: StateKind
        /// The state's object in the definition: stable, and unique where names need not be.
        public var pointer: JSONPointer
        /// How many Parallel branches and Map processors enclose the state (0 at the top level).
        public var depth: Int
        public var branches: [Branch]
    }

    /// Every state, by ``StatesLanguage/StateID/index`` (definition order, depth first).
    public let items: [Item]
    /// Index of each state's first retrier branch and first catcher branch.
    private let retryBase: [Int]
    private let catchBase: [Int]
    /// State pointer → state.
    private let byPointer: [JSONPointer: StateID]

    /// The coverable items of `machine`.
    public init(_ machine: ResolvedStateMachine) {
        let definition = machine.machine
        var items: [Item] = []
        var retryBase: [Int] = []
        var catchBase: [Int] = []
        var byPointer: [JSONPointer: StateID] = [:]
        items.reserveCapacity(definition.states.count)
        for state in definition.states {
            let common = state.common
            var branches: [Branch] = []
            switch machine.transition(of: common.id) {
            case .choice(let targets, let fallback):
                if case .choice(let choice) = state {
                    for (index, branch) in choice.choices.enumerated() where index < targets.count {
                        branches.append(
                            Branch(kind: .choice, index: index, target: targets[index], pointer: branch.rule.pointer))
                    }
                    if let fallback, let written = choice.defaultState {
                        branches.append(
                            Branch(kind: .defaultChoice, index: nil, target: fallback, pointer: written.pointer))
                    }
                }
            case .next(let target):
                branches.append(Branch(kind: .next, index: nil, target: target, pointer: common.pointer / "Next"))
            case .end:
                if case .fail = state { break }
                let pointer = state.transition == .end ? common.pointer / "End" : common.pointer
                branches.append(Branch(kind: .end, index: nil, target: nil, pointer: pointer))
            }
            let handling = state.coverageErrorHandling
            retryBase.append(branches.count)
            for (index, retrier) in handling.retriers.enumerated() {
                branches.append(Branch(kind: .retry, index: index, target: nil, pointer: retrier.pointer))
            }
            catchBase.append(branches.count)
            let targets = machine.catchTargets(of: common.id)
            for (index, catcher) in handling.catchers.enumerated() where index < targets.count {
                branches.append(Branch(kind: .catcher, index: index, target: targets[index], pointer: catcher.pointer))
            }
            byPointer[common.pointer] = common.id
            items.append(
                Item(
                    id: common.id, name: common.name, kind: state.kind, pointer: common.pointer,
                    depth: Self.depth(of: common.scope, in: definition), branches: branches))
        }
        self.items = items
        self.retryBase = retryBase
        self.catchBase = catchBase
        self.byPointer = byPointer
    }

    /// The state whose object is at `pointer`.
    public func state(at pointer: JSONPointer) -> StateID? { byPointer[pointer] }

    /// The index, in ``Item/branches`` of `state`, of the branch `event` reports; `nil` for
    /// ``ExecutionObservation/Event/entered`` and for an event that names no branch of the state.
    public func branchSlot(of event: ExecutionObservation.Event, in state: StateID) -> Int? {
        guard items.indices.contains(state.index) else { return nil }
        let branches = items[state.index].branches
        let slot: Int?
        switch event {
        case .entered: return nil
        case .next: slot = branches.firstIndex { $0.kind == .next }
        case .end: slot = branches.firstIndex { $0.kind == .end }
        case .choiceRule(let index, _): slot = index
        case .choiceDefault: slot = branches.firstIndex { $0.kind == .defaultChoice }
        case .retried(let index): slot = retryBase[state.index] + index
        case .caught(let index, _): slot = catchBase[state.index] + index
        }
        guard let slot, branches.indices.contains(slot) else { return nil }
        return slot
    }

    /// The slot of the branch of `kind` and `index` of `state` (what a coverage file names).
    public func branchSlot(kind: BranchKind, index: Int?, in state: StateID) -> Int? {
        guard items.indices.contains(state.index) else { return nil }
        return items[state.index].branches.firstIndex { $0.kind == kind && $0.index == index }
    }

    private static func depth(of scope: ScopeID, in machine: StateMachine) -> Int {
        var depth = 0
        var current = scope
        // Scopes nest as the definition does; the bound guards a malformed graph.
        while let parent = machine[scope: current].parent, depth < machine.scopes.count {
            depth += 1
            current = machine[parent].common.scope
        }
        return depth
    }
}

extension State {
    /// `Retry` and `Catch` of a Task, Parallel or Map state; empty for the other kinds.
    var coverageErrorHandling: ErrorHandling {
        switch self {
        case .task(let state): state.errorHandling
        case .parallel(let state): state.errorHandling
        case .map(let state): state.errorHandling
        default: ErrorHandling()
        }
    }
}
