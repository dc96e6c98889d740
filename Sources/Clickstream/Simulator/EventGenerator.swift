import Foundation
import JSONCore
import LocalAWS
import StatesLanguage
import StatesRuntime

/// Makes realistic clickstream events from a seeded random source: a few users browse at once,
/// each in a session of several events that moves through the shop like a visitor would
/// (`pageview` → `click` → `add_to_cart` → `checkout`), on one device, browser and address.
///
/// An event, with the seed README's fields in its order:
///
///     {"user_id":"u4821","session_id":"6f1c…","event_time":"2024-01-05T12:00:03.000000",
///      "event_type":"click","page_url":"/product/42","referrer_url":"/search",
///      "device_type":"mobile","browser":"Safari","geo":{"ip":"84.17.201.9","country":"DE","city":"Berlin"}}
struct EventGenerator {
    private var random: RandomSource
    private var sessions: [Session] = []

    struct Session {
        let userID: String
        let sessionID: String
        let device: String
        let browser: String
        let geo: JSON
        var remaining: Int
        var lastType: String?
    }

    init(random: RandomSource) {
        self.random = random
    }

    /// The next event, stamped `time`.
    mutating func next(at time: Date) -> JSON {
        if sessions.isEmpty || (sessions.count < 3 && random.nextUnit() < 0.3) {
            sessions.append(newSession())
        }
        let index = Int(random.next() % UInt64(sessions.count))
        var session = sessions[index]
        let type: String
        if let last = session.lastType {
            type = pick(EventCatalog.eventTypes, weights: EventCatalog.transitions[last] ?? [1, 1, 1, 1])
        } else {
            type = "pageview"
        }
        let page = pick(EventCatalog.pages, weights: EventCatalog.pagesByType[type] ?? [1, 1, 1, 1])
        let referrer = pick(EventCatalog.referrers, weights: session.lastType == nil ? [10, 50, 40] : [60, 20, 20])
        let event: JSON = [
            "user_id": .string(session.userID),
            "session_id": .string(session.sessionID),
            "event_time": .string(UTCTimestamp(time).iso8601Microseconds),
            "event_type": .string(type),
            "page_url": .string(page),
            "referrer_url": .string(referrer),
            "device_type": .string(session.device),
            "browser": .string(session.browser),
            "geo": session.geo,
        ]
        session.lastType = type
        session.remaining -= 1
        if session.remaining <= 0 {
            sessions.remove(at: index)
        } else {
            sessions[index] = session
        }
        return event
    }

    private mutating func newSession() -> Session {
        let country = pick(EventCatalog.countries, weights: EventCatalog.countryWeights)
        let city = country.cities[Int(random.next() % UInt64(country.cities.count))]
        let octets = [
            country.firstOctets[Int(random.next() % UInt64(country.firstOctets.count))],
            UInt8(truncatingIfNeeded: random.next()), UInt8(truncatingIfNeeded: random.next()),
            UInt8(1 + random.next() % 254),
        ]
        return Session(
            userID: "u" + String(1000 + random.next() % 9000),
            sessionID: UUIDText.random(using: &random),
            device: pick(EventCatalog.devices, weights: [55, 35, 10]),
            browser: pick(EventCatalog.browsers, weights: [60, 28, 12]),
            geo: [
                "ip": .string(octets.map(String.init).joined(separator: ".")),
                "country": .string(country.code),
                "city": .string(city),
            ],
            remaining: 3 + Int(random.next() % 6),
            lastType: nil)
    }

    private mutating func pick<T>(_ values: [T], weights: [Double]) -> T {
        let total = weights.reduce(0, +)
        var target = random.nextUnit() * total
        for (value, weight) in zip(values, weights) {
            if target < weight { return value }
            target -= weight
        }
        return values[values.count - 1]
    }
}
