internal import JSONCore

/// TagResource, UntagResource, ListTagsForResource, on state machines and activities. Tags
/// live in `sfn/tags.json` by resource ARN; an activity's existence is `tasks`' business, so
/// its tags are kept whatever the ARN names (SPEC-NOTES.md §18.2).
extension ExecutionService {
    static let maximumTags = 50

    static func tagPairs(_ list: [JSON]?) throws(ServiceError) -> [TagPair] {
        guard let list else { return [] }
        var pairs: [TagPair] = []
        for item in list {
            guard let key = item["key"]?.stringValue else {
                throw .wrongType("tags", expected: "a list of {key, value}")
            }
            pairs.append(TagPair(key: key, value: item["value"]?.stringValue ?? ""))
        }
        return pairs
    }

    static func merge(_ existing: [TagPair], _ added: [TagPair]) -> [TagPair] {
        var result = existing
        for pair in added {
            if let index = result.firstIndex(where: { $0.key == pair.key }) {
                result[index] = pair
            } else {
                result.append(pair)
            }
        }
        return result
    }

    /// The ARN of a resource that can carry tags: an existing state machine, or an activity.
    private func taggable(_ arn: String) throws(ServiceError) {
        let parsed = try StatesARN.parse(arn)
        switch parsed.resourceType {
        case "stateMachine":
            guard registry.withLock({ $0.machines[arn] != nil }) else { throw .resourceNotFound(arn) }
        case "activity":
            break
        default:
            throw .invalidArn("Resource type not valid in this context: \(parsed.resourceType.lowercased())")
        }
    }

    /// The activity tag store, when `arn` is an activity's and the activities keep their own tags.
    private func activityStore(_ arn: String) -> (any ActivityTagStore)? {
        guard let store = configuration.activityTags, (try? StatesARN.parse(arn))?.resourceType == "activity" else {
            return nil
        }
        return store
    }

    /// The tags of an activity kept by `store`, or `ResourceNotFound`.
    private func activityTags(_ arn: String, in store: any ActivityTagStore) throws(ServiceError) -> [TagPair] {
        guard let tags = store.tags(of: arn) else { throw .resourceNotFound(arn) }
        return tags.map { TagPair(key: $0.key, value: $0.value) }
    }

    private func setActivityTags(_ pairs: [TagPair], of arn: String, in store: any ActivityTagStore)
        throws(ServiceError)
    {
        guard try store.setTags(pairs.map { (key: $0.key, value: $0.value) }, of: arn) else {
            throw .resourceNotFound(arn)
        }
    }

    func tagResource(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("resourceArn")
        guard let list = try fields.array("tags") else { throw .missingMember("tags") }
        let pairs = try Self.tagPairs(list)
        try taggable(arn)
        if let store = activityStore(arn) {
            let merged = Self.merge(try activityTags(arn, in: store), pairs)
            guard merged.count <= Self.maximumTags else { throw Self.tooManyTags(arn) }
            try setActivityTags(merged, of: arn, in: store)
            return .object(JSONObject())
        }
        let tooMany = registry.withLock { registry -> Bool in
            let merged = Self.merge(registry.tags[arn] ?? [], pairs)
            guard merged.count <= Self.maximumTags else { return true }
            registry.tags[arn] = merged
            return false
        }
        if tooMany { throw Self.tooManyTags(arn) }
        try saveTags()
        return .object(JSONObject())
    }

    func untagResource(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("resourceArn")
        guard let list = try fields.array("tagKeys") else { throw .missingMember("tagKeys") }
        let keys = list.compactMap(\.stringValue)
        try taggable(arn)
        if let store = activityStore(arn) {
            let kept = try activityTags(arn, in: store).filter { !keys.contains($0.key) }
            try setActivityTags(kept, of: arn, in: store)
            return .object(JSONObject())
        }
        registry.withLock { registry in
            registry.tags[arn]?.removeAll { keys.contains($0.key) }
            if registry.tags[arn]?.isEmpty == true { registry.tags[arn] = nil }
        }
        try saveTags()
        return .object(JSONObject())
    }

    func listTags(_ fields: RequestFields) throws(ServiceError) -> JSON {
        let arn = try fields.requiredString("resourceArn")
        try taggable(arn)
        let pairs =
            try activityStore(arn).map { store throws(ServiceError) in try activityTags(arn, in: store) }
            ?? registry.withLock { $0.tags[arn] ?? [] }
        return [
            "tags": .array(pairs.map { ["key": .string($0.key), "value": .string($0.value)] })
        ]
    }

    static func tooManyTags(_ arn: String) -> ServiceError {
        ServiceError(
            "TooManyTags", "Too many tags for resource: '\(arn)'; a resource has at most \(maximumTags) tags")
    }

    /// Writes every tag to `sfn/tags.json` (atomically).
    func saveTags() throws(ServiceError) {
        let snapshot = registry.withLock { registry in
            registry.tags.sorted { $0.key < $1.key }
        }
        var object = JSONObject()
        for (arn, pairs) in snapshot {
            var tags = JSONObject()
            for pair in pairs { tags[pair.key] = .string(pair.value) }
            object[arn] = .object(tags)
        }
        try store.writeTags(.object(object))
    }
}
