internal import Foundation
internal import JSONCore
internal import LocalAWS
internal import Synchronization

/// The activities of `asl serve`, kept in `<data-dir>/sfn/activities/activities.json`: one JSON
/// document rewritten atomically on every change, so a restart finds them all.
///
///     {"activities": [{"activityArn": "arn:aws:states:us-east-1:123456789012:activity:resize",
///                      "name": "resize", "creationDate": 1733331234.5,
///                      "tags": [{"key": "team", "value": "media"}]}]}
final class ActivityStore: Sendable {
    struct Activity: Sendable, Equatable {
        var activityArn: String
        var name: String
        /// Seconds since 1970, as the API writes `creationDate`.
        var creationDate: Double
        var tags: [(key: String, value: String)]
        /// As given to CreateActivity (`nil`: AWS's default, `{"type": "AWS_OWNED_KEY"}`).
        var encryptionConfiguration: JSON? = nil

        static func == (lhs: Activity, rhs: Activity) -> Bool {
            lhs.activityArn == rhs.activityArn && lhs.name == rhs.name && lhs.creationDate == rhs.creationDate
                && lhs.tags.elementsEqual(rhs.tags) { $0.key == $1.key && $0.value == $1.value }
                && lhs.encryptionConfiguration == rhs.encryptionConfiguration
        }
    }

    static let file = "sfn/activities/activities.json"

    private let data: DataDirectory
    /// In creation order.
    private let activities: Mutex<[Activity]>

    /// Opens the store, reading what an earlier run left.
    /// - Throws: ``ActivityStoreError`` when the file cannot be read or is not the store's format.
    init(data: DataDirectory) throws(ActivityStoreError) {
        self.data = data
        let bytes: [UInt8]?
        do throws(FileIOError) {
            bytes = try data.contents(of: Self.file)
        } catch {
            throw ActivityStoreError(path: data.absolutePath(Self.file), problem: error.description)
        }
        var loaded: [Activity] = []
        if let bytes { loaded = try Self.decode(bytes, path: data.absolutePath(Self.file)) }
        activities = Mutex(loaded)
    }

    /// All activities, in creation order.
    var all: [Activity] { activities.withLock { $0 } }

    func activity(_ arn: String) -> Activity? {
        activities.withLock { $0.first { $0.activityArn == arn } }
    }

    /// Adds `activity` unless one of that ARN exists; returns the stored one either way.
    func insert(_ activity: Activity) throws(ActivityStoreError) -> Activity {
        try change { list in
            if let existing = list.first(where: { $0.activityArn == activity.activityArn }) { return existing }
            list.append(activity)
            return activity
        }
    }

    /// Removes the activity; `false` when there was none.
    @discardableResult
    func remove(_ arn: String) throws(ActivityStoreError) -> Bool {
        try change { list in
            guard let index = list.firstIndex(where: { $0.activityArn == arn }) else { return false }
            list.remove(at: index)
            return true
        }
    }

    /// Replaces the activity's tags; `false` when there is no such activity.
    @discardableResult
    func setTags(_ tags: [(key: String, value: String)], of arn: String) throws(ActivityStoreError) -> Bool {
        try change { list in
            guard let index = list.firstIndex(where: { $0.activityArn == arn }) else { return false }
            list[index].tags = tags
            return true
        }
    }

    /// Applies `body` and writes the result; on a failed write nothing changes.
    private func change<T>(_ body: (inout [Activity]) -> T) throws(ActivityStoreError) -> T {
        try activities.withLock { list throws(ActivityStoreError) -> T in
            var changed = list
            let result = body(&changed)
            guard !changed.elementsEqual(list) else { return result }
            do throws(FileIOError) {
                try data.writeAtomically(JSONWriter.prettyBytes(Self.encode(changed)) + [0x0A], to: Self.file)
            } catch {
                throw ActivityStoreError(path: data.absolutePath(Self.file), problem: error.description)
            }
            list = changed
            return result
        }
    }

    static func encode(_ list: [Activity]) -> JSON {
        let items: [JSON] = list.map { activity in
            var item: JSONObject = [
                "activityArn": .string(activity.activityArn),
                "name": .string(activity.name),
                "creationDate": .number(JSONNumber(activity.creationDate)),
                "tags": .array(activity.tags.map { ["key": .string($0.key), "value": .string($0.value)] }),
            ]
            if let encryption = activity.encryptionConfiguration { item["encryptionConfiguration"] = encryption }
            return .object(item)
        }
        return ["activities": .array(items)]
    }

    static func decode(_ bytes: [UInt8], path: String) throws(ActivityStoreError) -> [Activity] {
        let document: JSON
        do {
            document = try JSONReader.read(bytes).value
        } catch {
            throw ActivityStoreError(path: path, problem: "it is not valid JSON (\(error.message))")
        }
        guard let items = document["activities"]?.arrayValue else {
            throw ActivityStoreError(path: path, problem: "it has no \"activities\" array")
        }
        var result: [Activity] = []
        for (index, item) in items.enumerated() {
            guard let arn = item["activityArn"]?.stringValue, let name = item["name"]?.stringValue,
                let date = item["creationDate"]?.numberValue?.doubleValue
            else {
                throw ActivityStoreError(
                    path: path, problem: "activity \(index) needs \"activityArn\", \"name\" and \"creationDate\"")
            }
            var tags: [(key: String, value: String)] = []
            for tag in item["tags"]?.arrayValue ?? [] {
                guard let key = tag["key"]?.stringValue else {
                    throw ActivityStoreError(path: path, problem: "a tag of activity \(index) has no \"key\"")
                }
                tags.append((key, tag["value"]?.stringValue ?? ""))
            }
            result.append(
                Activity(
                    activityArn: arn, name: name, creationDate: date, tags: tags,
                    encryptionConfiguration: item["encryptionConfiguration"]))
        }
        return result
    }
}

/// The activity store's file cannot be read or written.
struct ActivityStoreError: Error, CustomStringConvertible {
    var path: String
    var problem: String

    var description: String {
        "\(path): \(problem); fix or remove the file (it holds only the activities of asl serve)"
    }
}
