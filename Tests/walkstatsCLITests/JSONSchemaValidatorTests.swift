import Foundation
import Testing
import WalkStatsTestSupport

/// The test-support validator must reject what breaks a schema, or the contract tests could never fail.
struct JSONSchemaValidatorTests {
    static let root = WalkstatsCommandTests.root

    static var schema: [String: Any] { try! JSONSerialization.jsonObject(with: Data(schemaText.utf8)) as! [String: Any] }

    static let schemaText = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "walkstats.example.1.schema.json",
          "type": "object",
          "properties": {
            "schema": {"const": "walkstats.example/1", "description": "id"},
            "n": {"type": "integer", "minimum": 0, "description": "count"},
            "mean": {"type": ["number", "null"], "description": "mean"},
            "flag": {"type": "boolean", "description": "flag"},
            "measure": {"type": "string", "enum": ["MD", "SMD"], "description": "measure"},
            "id": {"type": "string", "pattern": "^[a-z]+[0-9]{4}$", "description": "study id"},
            "arms": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2, "description": "arms"},
            "per_arm": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "n per arm"},
            "test": {"$ref": "#/$defs/test", "description": "a test"}
          },
          "required": ["schema", "n", "mean", "flag", "measure", "id", "arms", "per_arm", "test"],
          "additionalProperties": false,
          "$defs": {
            "test": {
              "type": "object",
              "properties": {"name": {"type": "string"}, "df2": {"type": "number"}},
              "required": ["name"],
              "additionalProperties": false
            }
          }
        }
        """

    static let valid = """
        {"schema": "walkstats.example/1", "n": 3, "mean": null, "flag": true, "measure": "MD", "id": "chen2021",
         "arms": ["a", "b"], "per_arm": {"a": 1, "b": 2}, "test": {"name": "welch_t"}}
        """

    func errors(_ json: String) -> [String] {
        JSONSchemaValidator(schema: Self.schema).errors(inJSON: Data(json.utf8))
    }

    /// `valid` with `old` replaced by `new` (which must occur).
    func mutated(_ old: String, _ new: String) -> String {
        #expect(Self.valid.contains(old), "\(old)")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func aConformingDocumentHasNoErrors() {
        #expect(errors(Self.valid) == [])
        #expect(errors(mutated("\"mean\": null", "\"mean\": 1.5")) == [])
        #expect(errors(mutated("\"n\": 3", "\"n\": 3.0")) == [], "3.0 is an integer in draft 2020-12")
        #expect(errors(mutated("{\"name\": \"welch_t\"}", "{\"name\": \"levene_median\", \"df2\": 41.0}")) == [])
    }

    @Test(arguments: [
        ("missing required key", "\"n\": 3, ", "", "the required key 'n' is missing"),
        ("missing required key in a $ref", "{\"name\": \"welch_t\"}", "{}", "$.test: the required key 'name' is missing"),
        ("wrong type", "\"n\": 3", "\"n\": \"3\"", "$.n: expected integer, found string"),
        ("fraction for an integer", "\"n\": 3", "\"n\": 3.5", "$.n: expected integer, found number"),
        ("boolean for a number", "\"mean\": null", "\"mean\": true", "$.mean: expected number or null, found boolean"),
        ("number for a boolean", "\"flag\": true", "\"flag\": 1", "$.flag: expected boolean, found integer"),
        ("null where not allowed", "\"flag\": true", "\"flag\": null", "$.flag: expected boolean, found null"),
        ("extra key", "\"n\": 3", "\"n\": 3, \"extra\": 1", "the key 'extra' is not in the schema"),
        ("extra key in a $ref", "{\"name\": \"welch_t\"}", "{\"name\": \"welch_t\", \"p\": 1}", "$.test: the key 'p' is not in the schema"),
        ("wrong schema const", "walkstats.example/1", "walkstats.example/2", "expected the constant \"walkstats.example/1\""),
        ("value outside enum", "\"MD\"", "\"RR\"", "\"RR\" is not one of \"MD\", \"SMD\""),
        ("pattern", "chen2021", "Chen2021", "does not match the pattern"),
        ("minimum", "\"n\": 3", "\"n\": -1", "below the minimum"),
        ("too few items", "[\"a\", \"b\"]", "[\"a\"]", "1 items, fewer than 2"),
        ("too many items", "[\"a\", \"b\"]", "[\"a\", \"b\", \"c\"]", "3 items, more than 2"),
        ("wrong item type", "[\"a\", \"b\"]", "[\"a\", 2]", "$.arms[1]: expected string"),
        ("wrong additionalProperties value", "\"b\": 2", "\"b\": \"2\"", "$.per_arm.b: expected integer"),
        ("not JSON", "}", "", "not JSON"),
    ])
    func aBrokenDocumentIsRejected(_ name: String, _ old: String, _ new: String, _ expected: String) {
        let found = errors(mutated(old, new))
        #expect(found.contains { $0.contains(expected) }, "\(name): \(found)")
    }

    @Test func aKeywordTheValidatorCannotCheckIsAnError() {
        let schema: [String: Any] = ["type": "object", "oneOf": [["type": "null"]]]
        #expect(JSONSchemaValidator(schema: schema).errors(in: [String: Any]()).contains { $0.contains("'oneOf'") })
        let dangling: [String: Any] = ["$ref": "#/$defs/nothing"]
        #expect(JSONSchemaValidator(schema: dangling).errors(in: 1).contains { $0.contains("cannot resolve") })
    }

    /// Real `compare` output, broken in each of the ways the contract forbids, fails the real schema.
    @Test func theCompareSchemaRejectsBrokenRealOutput() throws {
        let validator = try JSONSchemaValidator(contentsOf: Self.root.appendingPathComponent("schemas/walkstats.compare.1.schema.json"))
        let result = try runWalkstats(["compare", WalkstatsCommandTests.sample, "--outcome", "pain_nrs", "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(validator.errors(in: document) == [])

        var missing = document
        missing["notes"] = nil
        #expect(validator.errors(in: missing) == ["$: the required key 'notes' is missing"])
        var wrongType = document
        wrongType["arms"] = "backward,forward"
        #expect(validator.errors(in: wrongType) == ["$.arms: expected array, found string"])
        var extra = document
        extra["p_value"] = 0.5
        #expect(validator.errors(in: extra) == ["$: the key 'p_value' is not in the schema"])
        var version = document
        version["schema"] = "walkstats.compare/2"
        #expect(validator.errors(in: version) == ["$.schema: expected the constant \"walkstats.compare/1\", found \"walkstats.compare/2\""])
        var nested = document
        var within = try #require(document["within"] as? [[String: Any]])
        var test = try #require((within[0]["tests"] as? [[String: Any]])?.first)
        test["df"] = "22"
        within[0]["tests"] = [test]
        nested["within"] = within
        #expect(validator.errors(in: nested) == ["$.within[0].tests[0].df: expected number or null, found string"])
    }
}
