import Foundation

/// Markdown tables of every field of a JSON document, generated from its schema's `description`s, for
/// the README's "JSON output contracts" (so the README and `schemas/` cannot disagree).
///
/// Fields appear in the order of the schema's `required` list (the order `walkstats` writes them),
/// then optional fields by name. Inline objects are flattened into dotted paths (`within[].arm`); each
/// `$defs` entry gets its own table, in the order the document first refers to it.
public enum JSONSchemaDocumentation {
    /// The section of one document: heading, description, link to the schema file, field tables.
    /// - Parameters:
    ///   - schema: the parsed schema file.
    ///   - fileName: its name under `schemas/`, for the link.
    public static func markdown(schema: [String: Any], fileName: String) -> String {
        let id = (properties(of: schema)["schema"]?["const"] as? String) ?? fileName
        var definitionOrder: [String] = []
        var text = "#### `\(id)`: \(schema["title"] as? String ?? id)\n\n"
        text += (schema["description"] as? String ?? "") + " Schema: [`schemas/\(fileName)`](schemas/\(fileName)).\n\n"
        text += table(rows(of: schema, prefix: "", definitions: &definitionOrder))
        let definitions = schema["$defs"] as? [String: Any] ?? [:]
        var index = 0
        while index < definitionOrder.count {
            let name = definitionOrder[index]
            index += 1
            guard let definition = definitions[name] as? [String: Any] else { continue }
            text += "\n`\(name)` object: " + (definition["description"] as? String ?? "") + "\n\n"
            text += table(rows(of: definition, prefix: "", definitions: &definitionOrder))
        }
        return text
    }

    typealias Row = (field: String, type: String, always: Bool, description: String)

    static func properties(of schema: [String: Any]) -> [String: [String: Any]] {
        (schema["properties"] as? [String: Any] ?? [:]).compactMapValues { $0 as? [String: Any] }
    }

    /// The fields of the object `schema`, its inline objects flattened under `prefix`.
    static func rows(of schema: [String: Any], prefix: String, definitions: inout [String]) -> [Row] {
        let properties = properties(of: schema)
        let required = schema["required"] as? [String] ?? []
        let names = required.filter { properties[$0] != nil } + properties.keys.filter { !required.contains($0) }.sorted()
        var result: [Row] = []
        for name in names {
            let property = properties[name]!
            let path = prefix + name
            result.append((path, typeText(property, definitions: &definitions), required.contains(name),
                         property["description"] as? String ?? ""))
            if property["properties"] != nil {
                result += rows(of: property, prefix: path + ".", definitions: &definitions)
            } else if let items = property["items"] as? [String: Any], items["properties"] != nil {
                result += rows(of: items, prefix: path + "[].", definitions: &definitions)
            }
        }
        return result
    }

    /// How a field's type reads in the table: `number or null`, `array of test objects`, `"walkstats.meta/1"`.
    static func typeText(_ schema: [String: Any], definitions: inout [String]) -> String {
        if let constant = schema["const"] {
            if let string = constant as? String { return "`\"\(string)\"`" }
            return "`\(JSONSchemaValidator.text(constant))`"
        }
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            if !definitions.contains(name) { definitions.append(name) }
            return "`\(name)` object"
        }
        var types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if let options = schema["enum"] as? [Any] {
            let values = options.filter { !($0 is NSNull) }.map { "`\(JSONSchemaValidator.text($0).replacingOccurrences(of: "\"", with: ""))`" }
            return listed(values + (options.contains { $0 is NSNull } ? ["null"] : []))
        }
        if let index = types.firstIndex(of: "array"), let items = schema["items"] as? [String: Any] {
            let item = typeText(items, definitions: &definitions)
            types[index] = "array of " + (item.hasSuffix("object") ? item + "s"
                : item == "object" ? "objects" : item + (item.hasSuffix("s") || item.contains(" ") ? "" : "s"))
        }
        if let index = types.firstIndex(of: "object"), let values = schema["additionalProperties"] as? [String: Any] {
            types[index] = "object (arm → \(typeText(values, definitions: &definitions)))"
        }
        return types.isEmpty ? "any" : types.joined(separator: " or ")
    }

    /// `a`, `a or b`, `a, b or c`.
    static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    static func table(_ rows: [Row]) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        return "| field | type | always | description |\n| --- | --- | --- | --- |\n"
            + rows.map { "| `\(cell($0.field))` | \(cell($0.type)) | \($0.always ? "yes" : "no") | \(cell($0.description)) |\n" }.joined()
    }
}
