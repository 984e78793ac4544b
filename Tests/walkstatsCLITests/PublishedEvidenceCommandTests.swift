import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: replicate, meta and evidence on the published abstracts and metafor's normand1999.
@Suite(.serialized)
struct PublishedEvidenceCommandTests {
    static let root = WalkstatsCommandTests.root
    static let published = "datasets/published/arm-summaries.csv"

    func run(_ arguments: [String]) throws -> CommandResult { try runWalkstats(arguments, in: Self.root) }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    /// Chen 2021's printed pain at week 4: 1.56 ± 0.63 vs 2.25 ± 0.86, n = 16 each. R 4.2.2:
    /// Welch formulas of t.test: t = -2.588954, df = 27.4996, p = 0.015208.
    @Test func replicateRecomputesChen2021() throws {
        let output = try json(["replicate", Self.published, "--study", "chen2021"])
        let comparisons = try #require(output["comparisons"] as? [[String: Any]])
        let pain = try #require(comparisons.first { $0["outcome"] as? String == "pain_nrs" })
        let welch = try #require((pain["tests"] as? [[String: Any]])?.first)
        #expect(welch["name"] as? String == "welch_t")
        #expect(abs(try #require(welch["p_value"] as? Double) - 0.015208) < 1e-6)
        let checks = try #require(pain["p_value_checks"] as? [[String: Any]])
        #expect(checks.allSatisfy { ($0["result"] as? [String: Any])?["verdict"] as? String == "consistent" })
        let integer = try #require(output["integer_checks"] as? [[String: Any]])
        #expect(integer.count == 4)
    }

    @Test func replicateOfAWithinSubjectStudySearchesTheCorrelation() throws {
        let result = try run(["replicate", Self.published, "--study", "roos2012"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("p < 0.01 needs a correlation between the conditions above 0.298"))
        #expect(result.standardOutput.contains("GRIM/GRIMMER do not apply to knee_moment_peak"))
    }

    @Test func unknownStudyIsExplained() throws {
        let result = try run(["replicate", Self.published, "--study", "smith2020"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("--study 'smith2020' is not in \(Self.published); studies there: chen2021, roos2012"))
        #expect(!result.standardError.contains("Usage:"))
    }

    /// metafor: rma(escalc("MD", …, data = dat.normand1999)) gives b = -15.1060, tau2 = 684.6 (REML).
    @Test func metaFollowsTheContract() throws {
        let output = try json(["meta", "datasets/examples/normand1999.csv", "--outcome", "length_of_stay",
                               "--arms", "specialist,routine", "--measure", "MD"])
        for key in ["measure", "method", "k", "estimate", "se", "ci_low", "ci_high", "p_value", "tau2", "i2", "h2", "q",
                    "q_p_value", "pi_low", "pi_high", "studies"] {
            #expect(output[key] != nil, "missing \(key)")
        }
        #expect(output["k"] as? Int == 9 && output["method"] as? String == "REML" && output["measure"] as? String == "MD")
        #expect(abs(try #require(output["estimate"] as? Double) + 15.106) < 1e-3)
        let studies = try #require(output["studies"] as? [[String: Any]])
        #expect(abs(studies.compactMap { $0["weight"] as? Double }.reduce(0, +) - 100) < 1e-9)
    }

    @Test func poolingOneStudyIsAClearError() throws {
        let result = try run(["meta", Self.published, "--outcome", "pain_nrs", "--arms", "backward_plus_conventional,conventional",
                              "--measure", "SMD"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("pooling needs at least 2 studies that print both backward_plus_conventional and conventional for pain_nrs; found 1 (chen2021)"))
    }

    @Test func badSummaryRowsAreLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("bad.csv").path
        try Data("study,arm,timepoint,outcome,n,mean,sd\ns1,a,post,pain_nrs,16,1.5,-0.6\ns1,b,post,pain_nrs,16,2.0,0.8\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let result = try run(["replicate", path, "--study", "s1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(path):2:7:"), "\(result.standardError)")
    }

    func summaryFile(_ contents: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("summaries.csv").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Baseline and follow-up printed: the change test over ρ = 0.2…0.8. At ρ = 0.5 the change SDs are
    /// √(1.2² + 1.1² − 1.2·1.1) = 1.1533 (A) and √(1.3² + 1.2² − 1.3·1.2) = 1.2530 (B); R:
    /// Welch formulas on changes −2.0 vs −1.0 with those SDs and n = 20, 22: t = −2.693240, df = 39.9913.
    @Test func changeFromBaselineIsRecomputedOverCorrelations() throws {
        let path = try summaryFile("""
            study,arm,timepoint,outcome,n,mean,sd
            t1,retro,baseline,pain_nrs,20,6.0,1.2
            t1,forward,baseline,pain_nrs,22,6.1,1.3
            t1,retro,week6,pain_nrs,20,4.0,1.1
            t1,forward,week6,pain_nrs,22,5.1,1.2

            """)
        let output = try json(["replicate", path, "--study", "t1"])
        let change = try #require((output["change_from_baseline"] as? [[String: Any]])?.first)
        let rows = try #require(change["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["correlation"] as? Double } == [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
        let half = try #require(rows.first { $0["correlation"] as? Double == 0.5 })
        #expect(abs(try #require(half["sd_change_a"] as? Double) - 1.1532562594670797) < 1e-12)
        let test = try #require(half["test"] as? [String: Any])
        #expect(abs(try #require(test["statistic"] as? Double) + 2.693240) < 1e-6)
    }

    @Test func aStudyWithOneArmIsAnErrorNamingTheRow() throws {
        let path = try summaryFile("study,arm,timepoint,outcome,n,mean,sd\nt1,retro,week6,pain_nrs,20,4.0,1.1\n")
        let result = try run(["replicate", path, "--study", "t1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(path):2:"), "\(result.standardError)")
    }

    @Test func evidenceQuotesPooledEffectsBesideRecomputedOnes() throws {
        let result = try run(["evidence", Self.published])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("| lin2025 | backward walking plus conventional vs control (knee OA) | pain | Hedges g | -0.997 |"))
        #expect(result.standardOutput.contains("Hedges' g = -0.89 [-1.60, -0.17]"))
        #expect(result.standardOutput.contains("## Interpretation"))
    }

    /// Pain beside function: every source's outcomes by domain (the codebook's for trial outcomes, the printed
    /// file's `domain` column for outcomes in a source's own words), and a source measuring pain without function
    /// is said not to show recovery.
    @Test func evidenceSetsPainBesideFunction() throws {
        let result = try run(["evidence", Self.published])
        #expect(result.status == 0)
        let text = result.standardOutput
        #expect(text.contains("## Pain beside function"))
        #expect(text.contains("| chen2021 | pain_nrs | – | – | womac_total | pain only (beside composite or other outcomes): "
            + "pain relief alone does not show that function recovered |"))
        #expect(text.contains("| balasukumaran2019 | pain | functional disability | quadriceps strength | – | pain and function both measured"))
        #expect(text.contains("| wen2022 | – | 10-m walk speed | – | – | function without pain |"))
        #expect(text.range(of: "## Pain beside function")!.lowerBound < text.range(of: "## Interpretation")!.lowerBound)
    }
}
