/// The values a simulated clickstream event is drawn from, as the seed README lists them.
enum EventCatalog {
    static let eventTypes = ["pageview", "click", "add_to_cart", "checkout"]
    static let pages = ["/home", "/products", "/product/42", "/cart"]
    static let referrers = ["/home", "/search", "/recommendations"]
    static let devices = ["mobile", "desktop", "tablet"]
    static let browsers = ["Chrome", "Safari", "Firefox"]

    /// A country (ISO 3166-1 alpha-2), some of its cities, and first octets of IPv4 blocks that the
    /// regional registries allocated to networks there. The addresses are plausible, not
    /// geolocated: any address drawn is public unicast (never private, loopback, link-local,
    /// shared, documentation or multicast space).
    struct Country {
        let code: String
        let cities: [String]
        let firstOctets: [UInt8]
    }

    static let countries: [Country] = [
        Country(
            code: "US", cities: ["New York", "San Francisco", "Chicago", "Seattle", "Austin"],
            firstOctets: [3, 18, 23, 50, 64, 98]),
        Country(code: "GB", cities: ["London", "Manchester", "Edinburgh"], firstOctets: [81, 86, 109]),
        Country(code: "DE", cities: ["Berlin", "Munich", "Hamburg"], firstOctets: [79, 84, 91, 93]),
        Country(code: "FR", cities: ["Paris", "Lyon", "Marseille"], firstOctets: [2, 90, 92]),
        Country(code: "IN", cities: ["Mumbai", "Bengaluru", "Delhi"], firstOctets: [49, 117]),
        Country(code: "JP", cities: ["Tokyo", "Osaka"], firstOctets: [60, 126, 133]),
        Country(code: "BR", cities: ["São Paulo", "Rio de Janeiro"], firstOctets: [177, 179, 187]),
        Country(code: "CA", cities: ["Toronto", "Vancouver", "Montreal"], firstOctets: [24, 70, 99]),
        Country(code: "AU", cities: ["Sydney", "Melbourne"], firstOctets: [1, 101, 120]),
    ]

    /// Relative weights of the countries (more traffic from larger markets).
    static let countryWeights: [Double] = [30, 10, 9, 8, 12, 8, 8, 8, 7]

    /// Which event tends to follow which in a session: weights over ``eventTypes`` for the event
    /// after a `pageview`, `click`, `add_to_cart` and `checkout`.
    static let transitions: [String: [Double]] = [
        "pageview": [35, 50, 15, 0],
        "click": [40, 20, 40, 0],
        "add_to_cart": [30, 20, 0, 50],
        "checkout": [100, 0, 0, 0],
    ]

    /// The pages an event of each type happens on, with weights over ``pages``.
    static let pagesByType: [String: [Double]] = [
        "pageview": [40, 30, 20, 10],
        "click": [0, 50, 50, 0],
        "add_to_cart": [0, 0, 100, 0],
        "checkout": [0, 0, 0, 100],
    ]
}
