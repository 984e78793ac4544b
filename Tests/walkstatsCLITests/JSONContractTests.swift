import Foundation
import Testing
import WalkStatsTestSupport

/// Every JSON document `walkstats` writes, on real data, conforms to its schema in `schemas/`, names that
/// schema in its first key, and the README documents exactly what the schemas say.
@Suite(.serialized)
struct JSONContractTests {
    static let root = WalkstatsCommandTests.root
    static let sample = WalkstatsCommandTests.sample
    static let published = "datasets/published/arm-summaries.csv"
    static let schemas = root.appendingPathComponent("schemas")
    /// The documents, in README order.
    static let documents = ["describe", "compare", "report", "replicate", "meta", "simulate-metadata"]

    static func schemaURL(_ document: String) -> URL {
        schemas.appendingPathComponent("walkstats.\(document).1.schema.json")
    }

    static func schema(_ document: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL(document))) as? [String: Any])
    }

    /// A scratch folder with `contents` written to `name`.
    func scratchFile(_ name: String, _ contents: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// Checks `text` against the schema of `document`: valid, `schema` its first key and equal to the const.
    func expectConforms(_ text: String, to document: String, _ what: String) throws {
        let validator = JSONSchemaValidator(schema: try Self.schema(document))
        let errors = validator.errors(inJSON: Data(text.utf8))
        #expect(errors == [], "\(what): \(errors.prefix(10))")
        #expect(text.hasPrefix("{\n  \"schema\": \"walkstats.\(document)/1\",\n"), "\(what): schema is not the first key")
    }

    func runJSON(_ arguments: [String], document: String) throws {
        let result = try runWalkstats(arguments + ["--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        try expectConforms(result.standardOutput, to: document, arguments.joined(separator: " "))
    }

    // MARK: Real output of every command

    /// A study printing three arms: `replicate` adds one-way and Welch's ANOVA and Tukey's HSD from the printed
    /// numbers (R: anova, oneway.test and TukeyHSD on data with these summaries: F = 6.1061, p = 0.003956;
    /// Welch F = 6.3011, df2 = 37.61; retro_walking − usual_care Tukey p = 0.0026348), and its JSON conforms.
    @Test func replicateOfThreePrintedArmsConforms() throws {
        let file = try scratchFile("three.csv", """
            study,arm,timepoint,outcome,n,mean,sd
            alg,retro_walking,week6,pain_nrs,20,3.1,1.2
            alg,forward_walking,week6,pain_nrs,19,3.9,1.4
            alg,usual_care,week6,pain_nrs,21,4.6,1.5

            """)
        try runJSON(["replicate", file, "--study", "alg"], document: "replicate")
        let result = try runWalkstats(["replicate", file, "--study", "alg", "--format", "json"], in: Self.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let all = try #require((json["all_arms"] as? [[String: Any]])?.first)
        #expect(all["reference"] as? String == "usual_care")
        let omnibus = try #require(all["omnibus"] as? [String: Any])
        let tests = try #require(omnibus["tests"] as? [[String: Any]])
        let anova = try #require(tests.first { $0["name"] as? String == "oneway_anova" })
        #expect(abs((anova["statistic"] as? Double ?? 0) - 6.1061) < 1e-4)
        #expect(abs((anova["p_value"] as? Double ?? 0) - 0.003956) < 1e-6)
        let welch = try #require(tests.first { $0["name"] as? String == "welch_anova" })
        #expect(abs((welch["df2"] as? Double ?? 0) - 37.61) < 5e-3)
        let contrasts = try #require(omnibus["contrasts"] as? [[String: Any]])
        let retro = try #require(contrasts.first { $0["arms"] as? [String] == ["retro_walking", "usual_care"] })
        #expect(abs((retro["p_adjusted_pairs"] as? Double ?? 0) - 0.0026348) < 1e-7)
        let markdown = try runWalkstats(["replicate", file, "--study", "alg"], in: Self.root).standardOutput
        #expect(markdown.contains("## All arms together (three or more printed arms)"))
        #expect(markdown.contains("| retro_walking − usual_care | -1.50 | [-2.53, -0.47] | q = -4.94 | 57 | < 0.001 | 0.003 |"))
    }


    @Test(arguments: ["retro-walking-trial", "teaching-set", "chen2021-like", "roos2012-like", "alghadir2019-shaped"])
    func describeConforms(_ name: String) throws {
        try runJSON(["describe", "datasets/sample/\(name).csv"], document: "describe")
    }

    @Test(arguments: [
        [sample, "--outcome", "pain_nrs"],
        [sample, "--outcome", "quad_strength", "--covariates", "age,sex,kl_grade", "--adjust", "bonferroni"],
        [sample, "--outcome", "walking_speed", "--from", "week3", "--to", "week6"],
        // Three arms, two chosen with --arms.
        ["datasets/sample/alghadir2019-shaped.csv", "--arms", "retro_walking,forward_walking", "--outcome", "pain_nrs"],
        // One arm: between is null.
        ["datasets/sample/roos2012-like.csv", "--outcome", "pfj_compression_peak"],
        // A 2×2 crossover.
        ["Tests/WalkStatsStatisticsTests/Fixtures/within-subject/crossover-long.csv", "--design", "crossover", "--outcome", "y"],
    ])
    func compareConforms(_ arguments: [String]) throws {
        try runJSON(["compare"] + arguments, document: "compare")
    }

    /// Constant changes and a constant covariate: tests are not computed and listed in `notes`.
    @Test func compareWithTestsNotComputedConforms() throws {
        let path = try scratchFile("degenerate.csv", DegenerateDataCommandTests.csv)
        let result = try runWalkstats(["compare", path, "--outcome", "pain", "--covariates", "site", "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        try expectConforms(result.standardOutput, to: "compare", "degenerate compare")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect((document["notes"] as? [String])?.contains { $0.hasPrefix("ancova (a vs b) not computed") } == true)
        #expect(((document["between"] as? [String: Any])?["tests"] as? [[String: Any]])?.map { $0["name"] as? String } == ["mann_whitney"])
        try runJSON(["describe", path], document: "describe")
    }

    @Test(arguments: [
        [sample],
        [sample, "--adjust", "none"],
        ["datasets/sample/chen2021-like.csv", "--arms", "backward_plus_conventional,conventional"],
        ["datasets/sample/alghadir2019-shaped.csv", "--arms", "retro_walking,forward_walking"],
        ["Tests/WalkStatsStatisticsTests/Fixtures/within-subject/crossover-long.csv", "--design", "crossover"],
    ])
    func reportConforms(_ arguments: [String]) throws {
        try runJSON(["report"] + arguments, document: "report")
    }

    /// The committed report is real output too.
    @Test func committedReportConforms() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("reports/sample-trial.json"), encoding: .utf8)
        try expectConforms(text, to: "report", "reports/sample-trial.json")
    }

    @Test(arguments: ["chen2021", "roos2012", "alghadir2019"])
    func replicateConforms(_ study: String) throws {
        try runJSON(["replicate", Self.published, "--study", study], document: "replicate")
    }

    /// Baseline printed: `change_from_baseline` is filled.
    @Test func replicateWithChangeFromBaselineConforms() throws {
        let path = try scratchFile("summaries.csv", """
            study,arm,timepoint,outcome,n,mean,sd
            t1,retro,baseline,pain_nrs,20,6.0,1.2
            t1,forward,baseline,pain_nrs,22,6.1,1.3
            t1,retro,week6,pain_nrs,20,4.0,1.1
            t1,forward,week6,pain_nrs,22,5.1,1.2

            """)
        try runJSON(["replicate", path, "--study", "t1"], document: "replicate")
    }

    @Test(arguments: [
        ["--measure", "MD"],
        ["--measure", "SMD", "--method", "DL"],
        ["--measure", "MD", "--method", "FE"],
        ["--measure", "MD", "--hksj"],
    ])
    func metaConforms(_ options: [String]) throws {
        try runJSON(["meta", "datasets/examples/normand1999.csv", "--outcome", "length_of_stay", "--arms", "specialist,routine"] + options,
                    document: "meta")
    }

    @Test func simulateMetadataConforms() throws {
        let folder = try scratchFile("unused", "")
        let output = URL(fileURLWithPath: folder).deletingLastPathComponent()
        let runs = [
            ["--like", Self.published, "--study", "chen2021", "--seed", "2021", "--assumptions", "datasets/sample/assumptions/chen2021-baseline.csv"],
            ["--like", Self.published, "--study", "roos2012", "--seed", "2012", "--correlation", "0.6"],
        ]
        for (index, options) in runs.enumerated() {
            let csv = output.appendingPathComponent("simulated-\(index).csv")
            let result = try runWalkstats(["simulate"] + options + ["--output", csv.path, "--format", "json"], in: Self.root)
            #expect(result.status == 0, "\(result.standardError)")
            let text = try String(contentsOf: output.appendingPathComponent("simulated-\(index).metadata.json"), encoding: .utf8)
            try expectConforms(text, to: "simulate-metadata", options.joined(separator: " "))
            // `--format json` prints the same document on standard output.
            #expect(result.standardOutput == text, "simulate --format json prints the metadata it writes")
        }
    }

    /// The committed sidecars of the sample datasets are real output too.
    @Test(arguments: ["chen2021-like", "roos2012-like", "alghadir2019-shaped", "teaching-set"])
    func committedMetadataConforms(_ name: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("datasets/sample/\(name).metadata.json"), encoding: .utf8)
        try expectConforms(text, to: "simulate-metadata", name)
    }

    // MARK: The schema files themselves

    /// One file per document, each naming itself in `$id` and the document's `schema` value in its const.
    @Test func everySchemaFileNamesItsDocument() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemas.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == Self.documents.map { "walkstats.\($0).1.schema.json" }.sorted())
        for document in Self.documents {
            let schema = try Self.schema(document)
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema["$id"] as? String == "walkstats.\(document).1.schema.json")
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect((properties["schema"] as? [String: Any])?["const"] as? String == "walkstats.\(document)/1")
            #expect((schema["required"] as? [String])?.first == "schema")
        }
    }

    /// Every field of every schema says what it is, and every fixed-shape object forbids unknown keys.
    @Test func everyFieldIsDescribedAndEveryObjectIsClosed() throws {
        func walk(_ schema: [String: Any], _ path: String, _ problems: inout [String]) {
            if schema["properties"] != nil, (schema["additionalProperties"] as? NSNumber)?.boolValue != false {
                problems.append("\(path): additionalProperties is not false")
            }
            for (name, value) in schema["properties"] as? [String: Any] ?? [:] {
                guard let property = value as? [String: Any] else { continue }
                if (property["description"] as? String ?? "").isEmpty { problems.append("\(path).\(name): no description") }
                walk(property, "\(path).\(name)", &problems)
            }
            if let items = schema["items"] as? [String: Any] { walk(items, path + "[]", &problems) }
            for (name, value) in schema["$defs"] as? [String: Any] ?? [:] {
                if let definition = value as? [String: Any] { walk(definition, "\(path)#\(name)", &problems) }
            }
        }
        for document in Self.documents {
            var problems: [String] = []
            walk(try Self.schema(document), document, &problems)
            #expect(problems == [], "\(problems)")
        }
    }

    // MARK: The README

    static let readmeBegin = "<!-- BEGIN JSON contract tables: generated from schemas/ by "
        + "`WALKSTATS_RECORD_README=1 swift test --filter JSONContractTests`; do not edit by hand -->\n"
    static let readmeEnd = "<!-- END JSON contract tables -->\n"

    /// The README's field tables are generated from the schemas' descriptions and must equal a fresh
    /// generation. `WALKSTATS_RECORD_README=1` rewrites them (and fails, as recording snapshots does).
    @Test func readmeDocumentsEveryFieldOfEverySchema() throws {
        let generated = try Self.documents.map { document in
            JSONSchemaDocumentation.markdown(schema: try Self.schema(document), fileName: "walkstats.\(document).1.schema.json")
        }.joined(separator: "\n")
        let readmeURL = Self.root.appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let begin = try #require(readme.range(of: Self.readmeBegin), "README.md lacks the line \(Self.readmeBegin)")
        let end = try #require(readme.range(of: Self.readmeEnd, range: begin.upperBound..<readme.endIndex))
        let current = String(readme[begin.upperBound..<end.lowerBound])
        if ProcessInfo.processInfo.environment["WALKSTATS_RECORD_README"] == "1" {
            if current != "\n" + generated + "\n" {
                try (readme[..<begin.upperBound] + "\n" + generated + "\n" + readme[end.lowerBound...])
                    .write(to: readmeURL, atomically: true, encoding: .utf8)
            }
            Issue.record("Recorded the JSON contract tables in README.md. Unset WALKSTATS_RECORD_README and run the tests again.")
        } else {
            #expect(current == "\n" + generated + "\n",
                    "README.md's JSON contract tables differ from schemas/: run WALKSTATS_RECORD_README=1 swift test --filter JSONContractTests")
        }
    }
}
