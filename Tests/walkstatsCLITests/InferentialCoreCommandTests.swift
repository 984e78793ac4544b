import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end checks of the inferential core: every test, effect size, check and adjusted p-value
/// reaches the JSON contract and the Markdown report, with numbers equal to R's.
@Suite(.serialized)
struct InferentialCoreCommandTests {
    static let root = WalkstatsCommandTests.root
    static let sample = WalkstatsCommandTests.sample
    static let reference = try! ReferenceValues(contentsOf: root.appendingPathComponent(
        "Tests/WalkStatsStatisticsTests/Fixtures/r-reference/expected.csv"))

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try runWalkstats(arguments + ["--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test func compareListsEveryTestEffectAndCheck() throws {
        let output = try json(["compare", Self.sample, "--outcome", "quad_strength"])
        let within = try #require(output["within"] as? [[String: Any]])
        for arm in within {
            #expect((arm["tests"] as? [[String: Any]])?.map { $0["name"] as? String } == ["paired_t", "wilcoxon_signed_rank"])
            #expect((arm["effect_sizes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["cohens_dz"])
            #expect((arm["assumption_checks"] as? [[String: Any]])?.map { $0["name"] as? String } == ["shapiro_wilk"])
        }
        let between = try #require(output["between"] as? [String: Any])
        let tests = try #require(between["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["ancova", "welch_t", "student_t", "mann_whitney"])
        #expect((between["effect_sizes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["cohens_d", "hedges_g"])
        #expect((between["assumption_checks"] as? [[String: Any]])?.map { $0["name"] as? String } == ["levene_median"])
        // One outcome is a family of one: adjusted equals unadjusted.
        for test in tests { #expect(test["p_adjusted"] as? Double == test["p_value"] as? Double) }
        let ancova = tests[0]
        let r = try #require(Self.reference.values["retro-walking-trial"])
        let prefix = "between/backward/forward/quad_strength/baseline/week6/ancova/"
        #expect(relativeError(try #require(ancova["estimate"] as? Double), try #require(r[prefix + "estimate"])) < 1e-9)
        #expect(relativeError(try #require(ancova["se"] as? Double), try #require(r[prefix + "se"])) < 1e-9)
    }

    /// `walkstats report` adjusts across the three outcomes: R's p.adjust(…, "holm") of each family.
    @Test func reportAdjustsAcrossOutcomesAsR() throws {
        let output = try json(["report", Self.sample])
        let comparisons = try #require(output["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 3)
        let r = try #require(Self.reference.values["retro-walking-trial"])
        for comparison in comparisons {
            let outcome = try #require(comparison["outcome"] as? String)
            #expect((comparison["adjustment"] as? [String: Any])?["family_size"] as? Int == 3)
            let tests = try #require((comparison["between"] as? [String: Any])?["tests"] as? [[String: Any]])
            for test in tests {
                let name = try #require(test["name"] as? String)
                let expected = try #require(r["adjusted/holm/between/\(name)/\(outcome)"], "\(name) \(outcome)")
                #expect(relativeError(try #require(test["p_adjusted"] as? Double), expected) < 1e-9, "\(name) \(outcome)")
            }
        }
        let bh = try json(["report", Self.sample, "--adjust", "bh"])
        let first = try #require((bh["comparisons"] as? [[String: Any]])?.first)
        let welch = try #require(((first["between"] as? [String: Any])?["tests"] as? [[String: Any]])?[1])
        let expected = try #require(r["adjusted/BH/between/welch_t/pain_nrs"])
        #expect(relativeError(try #require(welch["p_adjusted"] as? Double), expected) < 1e-9)
    }

    @Test func covariatesEnterTheANCOVA() throws {
        let output = try json(["compare", Self.sample, "--outcome", "pain_nrs", "--covariates", "age,sex,kl_grade"])
        let between = try #require(output["between"] as? [String: Any])
        #expect(between["covariates"] as? [String] == ["age", "sex", "kl_grade"])
        let ancova = try #require((between["tests"] as? [[String: Any]])?.first)
        let expected = try #require(Self.reference.values["retro-walking-trial"]?[
            "between/backward/forward/pain_nrs/baseline/week6/ancova_cov/p_value"])
        #expect(relativeError(try #require(ancova["p_value"] as? Double), expected) < 1e-9)
    }

    @Test func unknownCovariateIsExplained() throws {
        let result = try runWalkstats(["compare", Self.sample, "--outcome", "pain_nrs", "--covariates", "bmi"], in: Self.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("no participant attribute for --covariates 'bmi' in the data; available: age, sex, kl_grade"))
    }

    @Test func markdownExplainsAndNamesVariants() throws {
        let result = try runWalkstats(["report", Self.sample], in: Self.root)
        #expect(result.status == 0)
        let text = result.standardOutput
        for phrase in ["ANCOVA is the primary between-arm analysis", "Holm (1979) step-down across the 3 outcomes",
                       "| Shapiro–Wilk normality |", "Cohen's d_z", "Hedges' g", "p (holm)",
                       "Lower is better: a negative change is an improvement"] {
            #expect(text.contains(phrase), "missing: \(phrase)")
        }
        #expect(text.firstMatch(of: /\bnan\b/) == nil && !text.contains("| NaN") && !text.contains("inf |"))
    }

    @Test func badAdjustmentIsAFlagError() throws {
        let result = try runWalkstats(["report", Self.sample, "--adjust", "sidak"], in: Self.root)
        #expect(result.status == 64)
    }
}

/// Data that no test can fully use: every problem becomes a note in the report, never NaN or a crash.
@Suite(.serialized)
struct DegenerateDataCommandTests {
    static let csv = """
    participant,arm,timepoint,outcome,value,site,age,age_months
    A1,a,pre,pain,5,north,60,720
    A1,a,post,pain,3,north,60,720
    A2,a,pre,pain,6,north,61,732
    A2,a,post,pain,4,north,61,732
    A3,a,pre,pain,7,north,62,744
    A3,a,post,pain,5,north,62,744
    A4,a,pre,pain,4,north,65,780
    A4,a,post,pain,2,north,65,780
    B1,b,pre,pain,5,north,70,840
    B1,b,post,pain,5,north,70,840
    B2,b,pre,pain,6,north,72,864
    B2,b,post,pain,6,north,72,864
    B3,b,pre,pain,3,north,58,696
    B3,b,post,pain,3,north,58,696

    """

    func run(_ extra: [String]) throws -> CommandResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-degenerate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("degenerate.csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: path))
        return try runWalkstats(["compare", path, "--outcome", "pain"] + extra, in: WalkstatsCommandTests.root)
    }

    @Test func constantChangesAndZeroDifferencesAreNotes() throws {
        let result = try run([])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        #expect(text.contains("paired_t (a) not computed: the paired differences are constant (zero variance)"))
        #expect(text.contains("wilcoxon_signed_rank (b) not computed:"))
        #expect(text.contains("shapiro_wilk (a) not computed:"))
        #expect(text.firstMatch(of: /\bnan\b/) == nil && !text.contains("| NaN") && !text.contains("inf |"))
    }

    @Test func constantCovariateIsExplained() throws {
        let result = try run(["--covariates", "site", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("ancova (a vs b) not computed: covariate 'site' is constant (north)"))
    }

    @Test func collinearCovariatesAreNamed() throws {
        let result = try run(["--covariates", "age,age_months", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("ancova (a vs b) not computed: the design matrix is rank-deficient: covariates 'age' and 'age_months' are perfectly collinear"))
    }
}
