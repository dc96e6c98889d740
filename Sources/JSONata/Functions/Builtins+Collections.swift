import JSONCore

// Array, object and higher-order functions of jsonata-js 2.0.6.

extension Builtins {
    static var arrays: [Definition] {
        [
            define("append", "<xx:a>", arity: 2) { _, args in
                appendValues(args.argument(0), args.argument(1))
            },
            define("reverse", "<a:a>", arity: 1) { _, args in
                guard let array = args.array(0) else { return nil }
                if array.count <= 1 { return .array(array) }
                return .array(JArray(array.items.reversed()))
            },
            define("sort", "<af?:a>", arity: 2) { context, args in
                guard let array = args.array(0) else { return nil }
                if array.count <= 1 { return .array(array) }
                let evaluator = context.evaluator
                if let comparator = args.argument(1) {
                    let environment = context.environment
                    let sorted = try evaluator.mergeSort(array.items) { a, b in
                        truthy(try evaluator.apply(comparator, [a, b], nil, environment)) == true
                    }
                    return .array(JArray(sorted))
                }
                let allNumbers = try array.items.allSatisfy { try $0.isNumeric() }
                let allStrings = array.items.allSatisfy { $0.stringValue != nil }
                guard allNumbers || allStrings else { throw EvalError(code: "D3070", index: 1) }
                let sorted = try evaluator.mergeSort(array.items) { a, b in
                    switch (a, b) {
                    case (.number(let x), .number(let y)): return x > y
                    case (.string(let x), .string(let y)): return jsLess(y, x)
                    default: return false
                    }
                }
                return .array(JArray(sorted))
            },
            define("shuffle", "<a:a>", arity: 1) { context, args in
                guard let array = args.array(0) else { return nil }
                if array.count <= 1 { return .array(array) }
                var result: [Value] = []
                result.reserveCapacity(array.count)
                for (index, item) in array.items.enumerated() {
                    let j = Int((context.evaluator.nextRandom() * Double(index + 1)).rounded(.down))
                    if j == index {
                        result.append(item)
                    } else {
                        result.append(result[j])
                        result[j] = item
                    }
                }
                return .array(JArray(result))
            },
            define("distinct", "<x:x>", arity: 1) { _, args in
                guard let value = args.argument(0) else { return nil }
                guard case .array(let array) = value, array.count > 1 else { return value }
                let result = JArray([], sequence: array.isSequence)
                for item in array.items where !result.items.contains(where: { deepEqual($0, item) }) {
                    result.append(item)
                }
                return .array(result)
            },
            define("zip", "<a+>", arity: 0) { _, args in
                let arrays = args.map { value -> [Value] in
                    if case .array(let array)? = value { return array.items }
                    return []
                }
                let length = arrays.map(\.count).min() ?? 0
                var result: [Value] = []
                for index in 0..<length {
                    result.append(.array(JArray(arrays.map { $0[index] })))
                }
                return .array(JArray(result))
            },
        ]
    }

    static var objects: [Definition] {
        [
            define("keys", "<x-:a<s>>", arity: 1) { _, args in
                let result = JArray.sequence(keys(args.argument(0)).map { .string($0) })
                return .array(result)
            },
            define("lookup", "<x-s:x>", arity: 2) { context, args in
                context.evaluator.lookupField(args.argument(0), args.string(1) ?? "")
            },
            define("spread", "<x-:a<o>>", arity: 1) { _, args in
                spread(args.argument(0))
            },
            define("merge", "<a<o>:o>", arity: 1) { _, args in
                guard let array = args.array(0) else { return nil }
                let result = JObject()
                for item in array.items {
                    if case .object(let object) = item {
                        for (key, value) in object.entries { result[key] = value }
                    }
                }
                return .object(result)
            },
            define("each", "<o-f:a>", arity: 2) { context, args in
                let result = JArray.sequence()
                guard case .object(let object)? = args.argument(0), let function = args.argument(1) else {
                    return .array(result)
                }
                for (key, value) in object.entries {
                    let arguments = higherOrderArguments(function, value, .string(key), .object(object))
                    if let mapped = try context.evaluator.apply(function, arguments, nil, context.environment) {
                        result.append(mapped)
                    }
                }
                return .array(result)
            },
            define("sift", "<o-f?:o>", arity: 2) { context, args in
                guard case .object(let object)? = args.argument(0), let function = args.argument(1) else {
                    return nil
                }
                let result = JObject()
                for (key, value) in object.entries {
                    let arguments = higherOrderArguments(function, value, .string(key), .object(object))
                    if truthy(try context.evaluator.apply(function, arguments, nil, context.environment)) == true {
                        result[key] = value
                    }
                }
                return result.isEmpty ? nil : .object(result)
            },
        ]
    }

    static func keys(_ value: Value?) -> [String] {
        switch value {
        case .array(let array)?:
            var seen: Set<CodeUnitString> = []
            var result: [String] = []
            for item in array.items {
                for key in keys(item) where seen.insert(CodeUnitString(key)).inserted { result.append(key) }
            }
            return result
        case .object(let object)?:
            return object.keys
        default:
            return []
        }
    }

    static func spread(_ value: Value?) -> Value? {
        switch value {
        case .array(let array)?:
            var result: Value? = .array(JArray.sequence())
            for item in array.items { result = appendValues(result, spread(item)) }
            return result
        case .object(let object)?:
            let result = JArray.sequence()
            for (key, item) in object.entries {
                let single = JObject()
                single[key] = item
                result.append(.object(single))
            }
            return .array(result)
        default:
            return value
        }
    }

    static var higherOrder: [Definition] {
        [
            define("map", "<af>", arity: 2) { context, args in
                guard let array = args.array(0), let function = args.argument(1) else { return nil }
                let result = JArray.sequence()
                for (index, item) in array.items.enumerated() {
                    try context.evaluator.tick()
                    let arguments = higherOrderArguments(function, item, .number(Double(index)), .array(array))
                    if let mapped = try context.evaluator.apply(function, arguments, nil, context.environment) {
                        result.append(mapped)
                    }
                }
                return .array(result)
            },
            define("filter", "<af>", arity: 2) { context, args in
                guard let array = args.array(0), let function = args.argument(1) else { return nil }
                let result = JArray.sequence()
                for (index, item) in array.items.enumerated() {
                    try context.evaluator.tick()
                    let arguments = higherOrderArguments(function, item, .number(Double(index)), .array(array))
                    if truthy(try context.evaluator.apply(function, arguments, nil, context.environment)) == true {
                        result.append(item)
                    }
                }
                return .array(result)
            },
            define("single", "<af?>", arity: 2) { context, args in
                guard let array = args.array(0) else { return nil }
                let function = args.argument(1)
                var found: Value?
                for (index, item) in array.items.enumerated() {
                    try context.evaluator.tick()
                    var matches = true
                    if let function {
                        let arguments = higherOrderArguments(function, item, .number(Double(index)), .array(array))
                        matches =
                            truthy(try context.evaluator.apply(function, arguments, nil, context.environment)) == true
                    }
                    if matches {
                        if found != nil { throw EvalError(code: "D3138", index: index) }
                        found = item
                    }
                }
                guard let found else { throw EvalError(code: "D3139") }
                return found
            },
            define("reduce", "<afj?:j>", arity: 3) { context, args in
                guard let array = args.array(0) else { return nil }
                guard case .function(let procedure)? = args.argument(1) else { return nil }
                let function = Value.function(procedure)
                let arity = procedure.arity
                if arity < 2 { throw EvalError(code: "D3050", index: 1) }
                var result: Value?
                var index: Int
                if args.argument(2) == nil && !array.isEmpty {
                    result = array.items[0]
                    index = 1
                } else {
                    result = args.argument(2)
                    index = 0
                }
                while index < array.count {
                    try context.evaluator.tick()
                    var arguments: [Value?] = [result, array.items[index]]
                    if arity >= 3 { arguments.append(.number(Double(index))) }
                    if arity >= 4 { arguments.append(.array(array)) }
                    result = try context.evaluator.apply(function, arguments, nil, context.environment)
                    index += 1
                }
                return result
            },
        ]
    }
}
