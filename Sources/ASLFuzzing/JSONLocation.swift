import JSONCore

/// One step into a JSON value: an object's key or an array's index.
public enum JSONStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Reads and writes inside a `JSON` value by a list of steps, and lists every location.
enum JSONLocation {
    /// Every location in `value`, the root (the empty list) first, depth first.
    static func all(in value: JSON, under prefix: [JSONStep] = [], into result: inout [[JSONStep]]) {
        result.append(prefix)
        switch value {
        case .object(let object):
            for (key, child) in object { all(in: child, under: prefix + [.key(key)], into: &result) }
        case .array(let elements):
            for (index, child) in elements.enumerated() {
                all(in: child, under: prefix + [.index(index)], into: &result)
            }
        default:
            break
        }
    }

    static func all(in value: JSON) -> [[JSONStep]] {
        var result: [[JSONStep]] = []
        all(in: value, into: &result)
        return result
    }

    static func value(in root: JSON, at steps: [JSONStep]) -> JSON? {
        var current = root
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard case .array(let elements) = current, elements.indices.contains(index) else { return nil }
                current = elements[index]
            }
        }
        return current
    }

    /// Replaces the value at `steps` (nothing happens when the location does not exist); `nil`
    /// removes an object's key or an array's element.
    static func set(_ replacement: JSON?, in root: inout JSON, at steps: ArraySlice<JSONStep>) {
        guard let step = steps.first else {
            if let replacement { root = replacement }
            return
        }
        switch (step, root) {
        case (.key(let key), .object(var object)):
            if steps.count == 1 {
                if let replacement { object[key] = replacement } else { _ = object.removeValue(forKey: key) }
            } else if var child = object[key] {
                set(replacement, in: &child, at: steps.dropFirst())
                object[key] = child
            }
            root = .object(object)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            if steps.count == 1 {
                if let replacement { elements[index] = replacement } else { elements.remove(at: index) }
            } else {
                set(replacement, in: &elements[index], at: steps.dropFirst())
            }
            root = .array(elements)
        default:
            break
        }
    }
}
