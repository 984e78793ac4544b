import Foundation
import Testing
import WalkStats

/// The `schema` key: added first, in one place, with ids that match the files in `schemas/`.
struct JSONDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theSchemaKeyComesFirstAndNothingElseChanges() {
        let body = JSONValue.object([("outcome", .string("pain_nrs")), ("n", .int(3)), ("mean", .number(nil)),
                                     ("nested", .object([("k", .bool(true))]))])
        let plain = body.serialized()
        let document = body.serialized(as: .compare)
        #expect(document == "{\n  \"schema\": \"walkstats.compare/1\",\n" + plain.dropFirst(2))
        #expect(document.components(separatedBy: "\"schema\"").count == 2, "nested objects carry no key")
    }

    /// Every id names a schema file whose `$id` is the file name and whose `schema` const is the id.
    @Test(arguments: JSONDocument.allCases)
    func everyDocumentHasItsSchemaFile(_ document: JSONDocument) throws {
        #expect(document.rawValue.hasPrefix("walkstats.") && document.rawValue.hasSuffix("/1"))
        let url = Self.root.appendingPathComponent("schemas").appendingPathComponent(document.schemaFileName)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(schema["$id"] as? String == document.schemaFileName)
        let property = (schema["properties"] as? [String: Any])?["schema"] as? [String: Any]
        #expect(property?["const"] as? String == document.rawValue)
    }

    @Test func idsAreDistinctAndCoverTheSchemasFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("schemas").path)
            .filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(JSONDocument.allCases.map(\.schemaFileName)))
        #expect(Set(JSONDocument.allCases.map(\.rawValue)).count == JSONDocument.allCases.count)
    }
}
