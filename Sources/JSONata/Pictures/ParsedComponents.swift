// The components `$toMillis` read with a picture, and jsonata-js 2.0.6's rules that turn them into
// an instant (`parseDateTime`, after the match). Its quirks are kept: a component counts as given
// in the date/time masks only when its value is truthy (0 is not), a `P` defaulted from now never
// means pm, the {Y, d} form lines up as "Y D", and a timezone of 0 minutes adjusts nothing.

struct ParsedComponents {
    /// Components the match assigned, even to undefined (jsonata-js counts them by key).
    private var assigned: Set<String> = []
    private var values: [String: Double] = [:]

    var isEmpty: Bool { assigned.isEmpty }

    mutating func set(_ component: String, _ value: Double?) {
        assigned.insert(component)
        values[component] = value
    }

    private func truthy(_ component: String) -> Bool {
        guard let value = values[component] else { return false }
        return value != 0 && !value.isNaN
    }

    /// `!(~type & mask) && !!(type & mask)` over the components in `order`.
    private func matches(_ type: Int, order: String) -> Bool {
        var mask = 0
        for component in order { mask = (mask << 1) | (truthy(String(component)) ? 1 : 0) }
        return (~type & mask) == 0 && (type & mask) != 0
    }

    /// The instant, in milliseconds since the epoch (NaN for an impossible date).
    ///
    /// - Throws: D3136 for a gap between given components or a week-based date.
    mutating func millis(now: JSDateFields) throws(JSONataError) -> Double {
        let dateOrder = "YXMxWwdD"
        let dateA = matches(0b1010_0001, order: dateOrder)
        let dateB = !dateA && matches(0b1000_0010, order: dateOrder)
        let dateC = matches(0b0101_0100, order: dateOrder)
        let dateD = !dateC && matches(0b0100_1000, order: dateOrder)
        let timeOrder = "PHhmsf"
        let timeA = matches(0b01_0111, order: timeOrder)
        let timeB = !timeA && matches(0b10_1111, order: timeOrder)

        let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        let timeComponents = timeB ? "Phmsf" : "Hmsf"
        var startSpecified = false
        var endSpecified = false
        for character in dateComponents + timeComponents {
            let component = String(character)
            if values[component] == nil {
                if startSpecified {
                    values[component] = "MDd".contains(component) ? 1 : 0
                    endSpecified = true
                } else {
                    switch DateTimeFragment.value(of: component, in: now) {
                    case .number(let value): values[component] = value
                    // "am"/"pm" from now: a string, never equal to 1.
                    case .text: values[component] = -1
                    case .none: values[component] = nil
                    }
                }
            } else {
                startSpecified = true
                if endSpecified { throw .underspecifiedPicture }
            }
        }
        if let month = values["M"], month > 0 {
            values["M"] = month - 1
        } else {
            values["M"] = 0
        }
        if dateB {
            let firstJanuary = JSCalendar.utc(value("Y"), 0)
            let derived = JSDateFields(millis: firstJanuary + (value("d") - 1) * JSCalendar.millisPerDay)
            values["M"] = derived.month
            values["D"] = derived.day
        }
        if dateC || dateD { throw .underspecifiedPicture }
        if timeB {
            let hour = value("h") == 12 ? 0 : value("h")
            values["H"] = value("P") == 1 ? hour + 12 : hour
        }
        var millis = JSCalendar.utc(
            value("Y"), value("M"), value("D"), value("H"), value("m"), value("s"), value("f"))
        if truthy("Z") {
            millis -= value("Z") * 60 * 1000
        } else if truthy("z") {
            millis -= value("z") * 60 * 1000
        }
        return millis
    }

    /// A component for `Date.UTC`: undefined is NaN there.
    private func value(_ component: String) -> Double { values[component] ?? .nan }
}
