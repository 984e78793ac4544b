import Foundation
import Testing
import WalkStatsTestSupport

/// `walkstats simulate` must reproduce the printed summaries, record its assumptions and be reproducible.
@Suite(.serialized)
struct SimulateCommandTests {
    static let root = WalkstatsCommandTests.root

    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func simulate(_ output: URL, seed: String = "2021", assumptions: String = "datasets/sample/assumptions/chen2021-baseline.csv") throws -> CommandResult {
        try runWalkstats(["simulate", "--like", "datasets/published/arm-summaries.csv", "--study", "chen2021", "--seed", seed,
                          "--assumptions", assumptions, "--output", output.path], in: Self.root)
    }

    /// The simulated week-4 pain prints as Chen 2021's 1.56 ± 0.63 and 2.25 ± 0.86, in whole NRS points.
    @Test func simulatedDataReproduceThePrintedSummaries() throws {
        let output = try scratch().appendingPathComponent("chen.csv")
        let result = try simulate(output)
        #expect(result.status == 0, "\(result.standardError)")
        let described = try runWalkstats(["describe", output.path, "--format", "json"], in: Self.root)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(described.standardOutput.utf8)) as? [String: Any])
        let cells = try #require(json["descriptives"] as? [[String: Any]])
        func printed(_ arm: String, _ outcome: String) throws -> (String, String) {
            let cell = try #require(cells.first { $0["arm"] as? String == arm && $0["timepoint"] as? String == "week4" && $0["outcome"] as? String == outcome })
            return (String(format: "%.2f", try #require(cell["mean"] as? Double)), String(format: "%.2f", try #require(cell["sd"] as? Double)))
        }
        #expect(try printed("backward_plus_conventional", "pain_nrs") == ("1.56", "0.63"))
        #expect(try printed("conventional", "pain_nrs") == ("2.25", "0.86"))
        #expect(try printed("backward_plus_conventional", "womac_total") == ("11.69", "2.50"))
        let csv = try String(contentsOf: output, encoding: .utf8)
        let painValues = csv.split(separator: "\n").filter { $0.contains(",pain_nrs,") }.map { $0.split(separator: ",").last! }
        #expect(painValues.allSatisfy { Int($0).map { (0...10).contains($0) } ?? false })
        let metadata = try String(contentsOf: output.deletingPathExtension().appendingPathExtension("metadata.json"), encoding: .utf8)
        #expect(metadata.contains("\"simulated\": true") && metadata.contains("assumption: baseline not printed"))
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let folder = try scratch()
        #expect(try simulate(folder.appendingPathComponent("a.csv")).status == 0)
        #expect(try simulate(folder.appendingPathComponent("b.csv")).status == 0)
        #expect(try simulate(folder.appendingPathComponent("c.csv"), seed: "7").status == 0)
        let a = try Data(contentsOf: folder.appendingPathComponent("a.csv"))
        #expect(a == (try Data(contentsOf: folder.appendingPathComponent("b.csv"))))
        #expect(a != (try Data(contentsOf: folder.appendingPathComponent("c.csv"))))
    }

    /// 16 whole-number WOMAC scores with mean 24.50 cannot have an SD that prints as 5.12.
    @Test func anImpossibleAssumptionIsExplained() throws {
        let folder = try scratch()
        let assumptions = folder.appendingPathComponent("bad.csv")
        try Data("""
            study,arm,timepoint,outcome,n,mean,sd
            chen2021,backward_plus_conventional,baseline,womac_total,16,24.50,5.12
            chen2021,conventional,baseline,womac_total,16,24.00,5.10

            """.utf8).write(to: assumptions)
        let result = try simulate(folder.appendingPathComponent("out.csv"), assumptions: assumptions.path)
        #expect(result.status == 1)
        #expect(result.standardError.contains("GRIMMER-inconsistent"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.csv").path))
    }

    /// The committed sample datasets are what `make sample-data` writes.
    @Test func committedSamplesAreReproducible() throws {
        let folder = try scratch()
        let output = folder.appendingPathComponent("chen2021-like.csv")
        #expect(try simulate(output).status == 0)
        #expect(try Data(contentsOf: output) == (try Data(contentsOf: Self.root.appendingPathComponent("datasets/sample/chen2021-like.csv"))))
    }
}

/// `simulate --reference` records the comparator in the sidecar, which `compare` then uses; an arm the
/// study lacks is a data error (exit 1), not a usage error.
struct SimulateReferenceTests {
    @Test func theReferenceReachesTheSidecarAndTheReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("chen.csv")
        let arguments = ["simulate", "--like", "datasets/published/arm-summaries.csv", "--study", "chen2021", "--seed", "5",
                         "--assumptions", "datasets/sample/assumptions/chen2021-baseline.csv", "--output", output.path]
        let result = try runWalkstats(arguments + ["--reference", "backward_plus_conventional"], in: WalkstatsCommandTests.root)
        #expect(result.status == 0, "\(result.standardError)")
        let metadata = try String(contentsOf: folder.appendingPathComponent("chen.metadata.json"), encoding: .utf8)
        #expect(metadata.contains(#""reference_arm": "backward_plus_conventional""#))
        let compared = try runWalkstats(["compare", output.path, "--outcome", "pain_nrs"], in: WalkstatsCommandTests.root)
        #expect(compared.standardOutput.contains("Reference arm: backward_plus_conventional (from the dataset's metadata)"))
        #expect(compared.standardOutput.contains("Between arms (conventional − backward_plus_conventional)"))

        let unknown = try runWalkstats(arguments + ["--reference", "placebo"], in: WalkstatsCommandTests.root)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("--reference 'placebo' is not an arm of study 'chen2021'"))
        #expect(!unknown.standardError.contains("Usage:"))
    }
}
