import Foundation

/// A JSON Schema (draft 2020-12) validator for the subset the files in `schemas/` use, so tests can
/// check real `walkstats` output against its contract without a dependency.
///
/// Supported: `type` (a name or an array of names; `integer` is a number with no fractional part, as the
/// specification says), `properties`, `required`, `additionalProperties` (`false` or a schema), `items`,
/// `minItems`, `maxItems`, `enum`, `const`, `pattern`, `minimum`, and `$ref` to `#/$defs/NAME`.
/// Annotations (`$schema`, `$id`, `$defs`, `title`, `description`, `$comment`) are ignored. Any other
/// keyword is reported as an error, so a schema can never rely on a check this validator silently skips.
///
/// Instances are what `JSONSerialization.jsonObject` returns: `[String: Any]`, `[Any]`, `String`,
/// `NSNumber` (booleans are the `NSNumber`s whose `objCType` is `c`) and `NSNull`.
public struct JSONSchemaValidator {
    /// The whole schema document; `$ref`s resolve against its `$defs`.
    public let schema: [String: Any]

    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "$comment"]
    static let assertions: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "minItems",
                                          "maxItems", "enum", "const", "pattern", "minimum", "$ref"]

    /// A validator of `schema`, a parsed schema document.
    public init(schema: [String: Any]) {
        self.schema = schema
    }

    /// A validator of the schema file at `url`.
    public init(contentsOf url: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let schema = object as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.init(schema: schema)
    }

    /// Every way `instance` breaks the schema, each as `path: problem` (path `$` is the document, `$.a[0]`
    /// a member); empty when it conforms.
    public func errors(in instance: Any) -> [String] {
        var errors: [String] = []
        check(instance, against: schema, at: "$", errors: &errors)
        return errors
    }

    /// Every way the JSON text `data` breaks the schema, or the parse error.
    public func errors(inJSON data: Data) -> [String] {
        do {
            return errors(in: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            return ["$: not JSON: \(error)"]
        }
    }

    private func check(_ instance: Any, against schema: [String: Any], at path: String, errors: inout [String]) {
        for key in schema.keys.sorted() where !Self.annotations.contains(key) && !Self.assertions.contains(key) {
            errors.append("\(path): the schema uses '\(key)', which this validator does not support")
        }
        if let reference = schema["$ref"] {
            let prefix = "#/$defs/"
            if let reference = reference as? String, reference.hasPrefix(prefix),
               let target = (self.schema["$defs"] as? [String: Any])?[String(reference.dropFirst(prefix.count))] as? [String: Any] {
                check(instance, against: target, at: path, errors: &errors)
            } else {
                errors.append("\(path): cannot resolve $ref \(reference)")
            }
        }
        if let type = schema["type"] {
            let names = (type as? [String]) ?? (type as? String).map { [$0] } ?? []
            if names.isEmpty { errors.append("\(path): the schema's type must be a name or a list of names") }
            if !names.isEmpty, !names.contains(where: { Self.instance(instance, is: $0) }) {
                errors.append("\(path): expected \(names.joined(separator: " or ")), found \(Self.typeName(of: instance))")
                return
            }
        }
        if let constant = schema["const"], !Self.equal(instance, constant) {
            errors.append("\(path): expected the constant \(Self.text(constant)), found \(Self.text(instance))")
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(instance, $0) }) {
            errors.append("\(path): \(Self.text(instance)) is not one of \(options.map(Self.text).joined(separator: ", "))")
        }
        if let pattern = schema["pattern"] as? String, let string = instance as? String,
           string.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): \(Self.text(string)) does not match the pattern \(pattern)")
        }
        if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, let number = Self.number(instance), number < minimum {
            errors.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let object = instance as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in (schema["required"] as? [String] ?? []) where object[name] == nil {
                errors.append("\(path): the required key '\(name)' is missing")
            }
            for name in object.keys.sorted() {
                if let property = properties[name] as? [String: Any] {
                    check(object[name]!, against: property, at: "\(path).\(name)", errors: &errors)
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? [String: Any] {
                        check(object[name]!, against: allowed, at: "\(path).\(name)", errors: &errors)
                    } else if Self.isBoolean(additional), (additional as? NSNumber)?.boolValue == false {
                        errors.append("\(path): the key '\(name)' is not in the schema")
                    }
                }
            }
        }
        if let array = instance as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum {
                errors.append("\(path): \(array.count) items, fewer than \(minimum)")
            }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum {
                errors.append("\(path): \(array.count) items, more than \(maximum)")
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    check(item, against: items, at: "\(path)[\(index)]", errors: &errors)
                }
            }
        }
    }

    // MARK: JSON values as Foundation parses them

    /// Whether `value` is a JSON boolean: Foundation parses `true`/`false` as `NSNumber`s of ObjC type `c`
    /// (numbers come back as `i`, `q` or `d`), and `value is Bool` is also true for the numbers 0 and 1.
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The numeric value of a JSON number, `nil` for anything else (booleans included).
    static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !isBoolean(value) else { return nil }
        return number.doubleValue
    }

    static func instance(_ value: Any, is type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBoolean(value)
        case "number": return number(value) != nil
        case "integer": return number(value).map { $0.isFinite && $0 == $0.rounded() } ?? false
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    static func typeName(of value: Any) -> String {
        ["null", "boolean", "integer", "number", "string", "array", "object"].first { instance(value, is: $0) } ?? "\(type(of: value))"
    }

    /// JSON equality, as `const` and `enum` need it (numbers by value, booleans apart from numbers).
    static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case let (a as String, b as String): return a == b
        case let (a as [Any], b as [Any]): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case let (a as [String: Any], b as [String: Any]):
            return Set(a.keys) == Set(b.keys) && a.allSatisfy { key, value in equal(value, b[key]!) }
        default:
            if isBoolean(a) || isBoolean(b) {
                return isBoolean(a) && isBoolean(b) && (a as? NSNumber)?.boolValue == (b as? NSNumber)?.boolValue
            }
            if let x = number(a), let y = number(b) { return x == y }
            return false
        }
    }

    static func text(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if isBoolean(value) { return (value as? NSNumber)?.boolValue == true ? "true" : "false" }
        if let string = value as? String { return "\"\(string)\"" }
        if let number = number(value) { return "\(number)" }
        return typeName(of: value)
    }
}
