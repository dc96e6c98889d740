import JSONCore

/// A scope of variable bindings (jsonata-js `createFrame`).
///
/// Most frames hold a handful of names (a lambda's parameters, a block's variables, a tuple's
/// bindings), searched linearly; a frame past ``maximumUnhashedCount`` names (the built-in
/// functions) keeps an index. The frame of one evaluation also holds the host's bindings,
/// converted to values only when first read.
final class Frame {
    private var entries: [(name: String, value: Value?)] = []
    /// Names compare by code units, as JavaScript's do (SPEC-NOTES §1 "String equality").
    private var index: [CodeUnitString: Int]?
    /// The host's JSON bindings, converted when first read (then kept in `entries`, so every
    /// read sees the same value): an expression that never reads a large binding does not pay
    /// for converting it. Never mutated, so the host's dictionary is shared, not copied.
    private let pending: [CodeUnitString: JSON]?
    /// The host's other bindings (objects it computes member by member), converted when first read.
    private let pendingHost: [JSONata.Binding.Member]?
    let parent: Frame?
    /// Whether this is an evaluation's root frame, where `$` is `rootInput` until the
    /// expression binds `$` itself.
    private var isRoot = false
    private var rootInput: Value?

    static let maximumUnhashedCount = 8

    init(parent: Frame?) {
        self.parent = parent
        pending = nil
        pendingHost = nil
    }

    /// The root frame of an evaluation: `$` (read as `$$`) is `input`, whatever the host's
    /// bindings `json` and `host` say; those are converted lazily, `host` shadowing `json`.
    init(parent: Frame?, input: Value?, json: [CodeUnitString: JSON], host: [JSONata.Binding.Member] = []) {
        self.parent = parent
        pending = json.isEmpty ? nil : json
        pendingHost = host.isEmpty ? nil : host
        isRoot = true
        rootInput = input
    }

    func bind(_ name: String, _ value: Value?) {
        if let position = position(of: name) {
            entries[position].value = value
            return
        }
        entries.append((name, value))
        if index != nil {
            index?[CodeUnitString(name)] = entries.count - 1
        } else if entries.count > Self.maximumUnhashedCount {
            var built = [CodeUnitString: Int](minimumCapacity: entries.count * 2)
            for (offset, entry) in entries.enumerated() { built[CodeUnitString(entry.name)] = offset }
            index = built
        }
    }

    private func position(of name: String) -> Int? {
        if let index { return index[CodeUnitString(name)] }
        return entries.firstIndex { $0.name.hasSameCodeUnits(as: name) }
    }

    /// The binding of `name` in this frame alone, converting a pending host binding. The
    /// converted value is kept, so that every read gives the same instance, except a JSON
    /// scalar, converted again at each read (the same value, and no storage for one read).
    private func local(_ name: String) -> Value?? {
        if let position = position(of: name) { return .some(entries[position].value) }
        if isRoot && name == "$" { return .some(rootInput) }
        guard let host = pendingValue(name) else { return nil }
        let value = host.value
        if !host.isScalar { bind(name, value) }
        return .some(value)
    }

    private func pendingValue(_ name: String) -> HostValue? {
        if let pendingHost, let member = pendingHost.first(where: { $0.key.hasSameCodeUnits(as: name) }) {
            return HostValue(member.value)
        }
        if let json = pending?[name] { return .json(json) }
        return nil
    }

    /// The binding of `name` without converting a pending host binding: `nil` when unbound or
    /// bound to undefined.
    func peek(_ name: String) -> HostValue.Peeked? {
        var frame: Frame? = self
        while let current = frame {
            if let position = current.position(of: name) { return current.entries[position].value.map { .value($0) } }
            if current.isRoot && name == "$" { return current.rootInput.map { .value($0) } }
            if let host = current.pendingValue(name) { return .host(host) }
            frame = current.parent
        }
        return nil
    }

    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let current = frame {
            if let found = current.local(name) { return found }
            frame = current.parent
        }
        return nil
    }

    func isBound(_ name: String) -> Bool {
        var frame: Frame? = self
        while let current = frame {
            if current.local(name) != nil { return true }
            frame = current.parent
        }
        return false
    }
}
