import JSONCore

/// A JavaScript object: insertion-ordered keys.
///
/// An object made from host JSON (``Value/init(json:)``) converts its members only when they are
/// read: `$states` is an object whose `context` member is never converted unless an expression
/// reaches it. A converted member is kept, so every read of it gives the same value (the same
/// `JArray`/`JObject` instance, as in JavaScript). Any change to such an object first converts
/// all its members, after which it is an ordinary object.
final class JObject {
    private(set) var keys: [String] = []
    /// Keyed by code units, as JavaScript tells keys apart (SPEC-NOTES §1 "String equality").
    private var storage: [CodeUnitString: Value] = [:]
    /// The members not converted yet; `nil` for an ordinary object.
    private var lazy: LazyMembers?

    init() {}

    init(keys: [String], storage: [CodeUnitString: Value]) {
        self.keys = keys
        self.storage = storage
    }

    /// An object over `source`, converting each member when it is first read.
    init(lazy source: LazyMembers.Source) {
        keys = source.keys
        lazy = LazyMembers(source: source)
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// Whether some members are still unconverted (for tests).
    var isLazy: Bool { lazy != nil }

    subscript(key: String) -> Value? {
        get {
            guard lazy != nil else { return storage[CodeUnitString(key)] }
            return lazyMember(key)
        }
        set {
            materialize()
            if let newValue {
                if storage.updateValue(newValue, forKey: CodeUnitString(key)) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: CodeUnitString(key)) != nil {
                keys.removeAll { $0.hasSameCodeUnits(as: key) }
            }
        }
    }

    func contains(_ key: String) -> Bool {
        if let lazy { return lazy.source.position(of: key) != nil }
        return storage[CodeUnitString(key)] != nil
    }

    func copy() -> JObject {
        materialize()
        return JObject(keys: keys, storage: storage)
    }

    var entries: [(String, Value)] {
        if lazy != nil {
            return keys.indices.compactMap { position in lazyMember(at: position).map { (keys[position], $0) } }
        }
        return keys.compactMap { key in storage[CodeUnitString(key)].map { (key, $0) } }
    }

    private func lazyMember(_ key: String) -> Value? {
        guard let position = lazy?.source.position(of: key) else { return nil }
        return lazyMember(at: position)
    }

    private func lazyMember(at position: Int) -> Value? {
        guard let lazy else { return nil }
        if let converted = lazy.converted[position] { return converted }
        let value = lazy.source.member(at: position).value
        self.lazy?.converted[position] = value
        return value
    }

    /// The member `key` without converting it when it is still the host's JSON: `nil` when
    /// absent. (A path that reads a scalar through unconverted objects converts nothing but the
    /// scalar.) A member the host computes is converted and kept, so it is computed once.
    func peek(_ key: String) -> HostValue.Peeked? {
        guard let lazy else { return storage[CodeUnitString(key)].map { .value($0) } }
        guard let position = lazy.source.position(of: key) else { return nil }
        if let converted = lazy.converted[position] { return .value(converted) }
        if case .host = lazy.source { return lazyMember(at: position).map { .value($0) } }
        return .host(lazy.source.member(at: position))
    }

    /// Converts every member still pending and makes this an ordinary object.
    private func materialize() {
        guard lazy != nil else { return }
        var converted: [CodeUnitString: Value] = [:]
        converted.reserveCapacity(keys.count)
        for position in keys.indices {
            if let value = lazyMember(at: position) { converted[CodeUnitString(keys[position])] = value }
        }
        storage = converted
        lazy = nil
    }
}

/// The members of a lazily converted ``JObject``: where they come from and those converted so far.
struct LazyMembers {
    enum Source {
        /// A JSON object (keys are unique, ``JSONCore/JSONObject``'s invariant).
        case json(JSONObject)
        /// An object whose members the host computes when asked.
        case host(any JSONata.HostObject)

        var keys: [String] {
            switch self {
            case .json(let object): object.keys
            case .host(let object): object.keys
            }
        }

        var count: Int {
            switch self {
            case .json(let object): object.count
            case .host(let object): object.keys.count
            }
        }

        func position(of key: String) -> Int? {
            switch self {
            case .json(let object): object.index(forKey: key)
            case .host(let object): object.keys.firstIndex(codeUnitsOf: key)
            }
        }

        /// The member at `position` as the host gives it.
        func member(at position: Int) -> HostValue {
            switch self {
            case .json(let object): .json(object.values[position])
            case .host(let object): .json(object.member(object.keys[position]) ?? .null)
            }
        }
    }

    let source: Source
    var converted: [Value?]

    init(source: Source) {
        self.source = source
        converted = Array(repeating: nil, count: source.count)
    }
}

/// A value as the host gave it, before conversion: JSON, or an object the host computes
/// member by member.
enum HostValue {
    case json(JSON)
    case object(any JSONata.HostObject)

    /// Either a value already converted or one still the host's.
    enum Peeked {
        case value(Value)
        case host(HostValue)
    }

    init(_ binding: JSONata.Binding) {
        switch binding {
        case .json(let json): self = .json(json)
        case .object(let object): self = .object(object)
        }
    }

    /// Whether this is JSON other than an array or an object.
    var isScalar: Bool {
        switch self {
        case .json(.array), .json(.object), .object: false
        case .json: true
        }
    }

    /// The engine's value.
    var value: Value {
        switch self {
        case .json(let json): Value(json: json)
        case .object(let object): .object(JObject(lazy: .host(object)))
        }
    }
}
