public import JSONCore

// The details shapes of Map events. Members and their order follow the API model (botocore
// `stepfunctions/2016-11-23/service-2.json`); values observed on AWS in LocalStack's
// `test_base_scenarios.snapshot.json` (`test_map_state`, `test_map_state_catch`, …).

extension HistoryEvent {
    /// `mapStateStartedEventDetails`: `length`, the number of items.
    ///
    ///     {"length":8}
    public struct MapStateStarted: Sendable, Hashable {
        public var length: Int

        public init(length: Int) {
            self.length = length
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("length", length)
            return members.json
        }
    }

    /// `name` (the Map state's name) and `index` (the item's position), for
    /// `MapIterationStarted`/`Succeeded`/`Failed`/`Aborted`.
    ///
    ///     {"name":"MapState","index":0}
    public struct MapIteration: Sendable, Hashable {
        public var name: String
        public var index: Int

        public init(name: String, index: Int) {
            self.name = name
            self.index = index
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("name", .string(name))
            members.add("index", index)
            return members.json
        }
    }

    /// `mapRunStartedEventDetails`: `mapRunArn` (Distributed Map).
    public struct MapRunStarted: Sendable, Hashable {
        public var mapRunArn: String

        public init(mapRunArn: String) {
            self.mapRunArn = mapRunArn
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("mapRunArn", .string(mapRunArn))
            return members.json
        }
    }

    /// `mapRunRedrivenEventDetails`: `mapRunArn`, `redriveCount`.
    public struct MapRunRedriven: Sendable, Hashable {
        public var mapRunArn: String
        public var redriveCount: Int

        public init(mapRunArn: String, redriveCount: Int) {
            self.mapRunArn = mapRunArn
            self.redriveCount = redriveCount
        }

        public func json() -> JSON {
            var members = DetailsMembers()
            members.add("mapRunArn", .string(mapRunArn))
            members.add("redriveCount", redriveCount)
            return members.json
        }
    }
}
