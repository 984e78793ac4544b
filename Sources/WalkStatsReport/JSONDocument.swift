/// The versioned contract of each JSON document the command line writes. Its `rawValue` is the
/// document's first key, `"schema": "walkstats.<command>/<n>"`, and names the JSON Schema file
/// `schemas/walkstats.<command>.<n>.schema.json`.
///
/// The version `n` goes up when a field is removed or changes meaning; adding a field keeps it
/// (README, "JSON output contracts").
public enum JSONDocument: String, Sendable, CaseIterable {
    case describe = "walkstats.describe/1"
    case compare = "walkstats.compare/1"
    case report = "walkstats.report/1"
    case replicate = "walkstats.replicate/1"
    case meta = "walkstats.meta/1"
    /// The `NAME.metadata.json` written next to `walkstats simulate` output.
    case simulateMetadata = "walkstats.simulate-metadata/1"

    /// The JSON Schema file under `schemas/` that describes the document.
    public var schemaFileName: String {
        String(rawValue.map { $0 == "/" ? "." : $0 }) + ".schema.json"
    }
}

extension JSONValue {
    /// The object as the top-level JSON document `document`: `"schema": "walkstats.<command>/<n>"` first,
    /// then its own keys, serialised. Every document the command line writes goes through here, so the key
    /// is added in one place; the same object nested in another document (a comparison inside a report)
    /// carries no key of its own.
    public func serialized(as document: JSONDocument) -> String {
        guard case .object(let fields) = self else { return serialized() }
        return JSONValue.object([("schema", .string(document.rawValue))] + fields).serialized()
    }
}
