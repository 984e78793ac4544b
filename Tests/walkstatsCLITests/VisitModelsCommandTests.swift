import Foundation
import Testing
import WalkStatsTestSupport

/// The models over every visit, through the whole pipeline (`compare --format json`) on the sample trial,
/// against R 4.2.2 (`Tests/WalkStatsStatisticsTests/Fixtures/visit-models/generate.R`: lm per visit, afex,
/// car, lmerTest, emmeans). Exact computations to relative 1e-8; the mixed model's estimates and SE to
/// 1e-6 and its Satterthwaite df and p to 1e-4 (lmerTest differentiates numerically).
struct VisitModelsCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsStatisticsTests/Fixtures/"
    static let reference = try! ReferenceValues(contentsOf: root.appendingPathComponent(folder + "visit-models/expected.csv"))

    func models(_ outcome: String) throws -> [String: [String: Any]] {
        let result = try runWalkstats(["compare", Self.folder + "r-reference/retro-walking-trial.csv", "--outcome", outcome,
                                       "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let section = try #require(document["models"] as? [String: Any])
        #expect(section["visits"] as? [String] == ["baseline", "week3", "week6"])
        let list = try #require(section["models"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0) })
    }

    func check(_ actual: Any?, _ outcome: String, _ key: String, tolerance: Double) throws {
        let expected = try #require(Self.reference.values[outcome]?[key], "\(outcome) \(key) not in the fixture")
        let value = try #require(actual as? Double, "\(outcome) \(key): no value")
        #expect(relativeError(value, expected) < tolerance, "\(outcome) \(key): WalkStats \(value), R \(expected)")
    }

    @Test(arguments: ["pain_nrs", "quad_strength", "walking_speed"])
    func everyVisitModelMatchesR(outcome: String) throws {
        let models = try models(outcome)
        #expect(Set(models.keys) == ["ancova_by_visit", "mixed_anova", "lmm", "mmrm"])

        let perVisit = try #require(models["ancova_by_visit"]?["visit_contrasts"] as? [[String: Any]])
        #expect(perVisit.map { $0["timepoint"] as? String } == ["week3", "week6"])
        for contrast in perVisit {
            let visit = contrast["timepoint"] as! String
            #expect(contrast["arms"] as? [String] == ["backward", "forward"])
            for (json, key) in [("estimate", "estimate"), ("se", "se"), ("df", "df"), ("statistic", "t"), ("p_value", "p"),
                                ("ci_low", "ci_low"), ("ci_high", "ci_high"), ("p_adjusted_visits", "p_holm")] {
                try check(contrast[json], outcome, "ancova_by_visit/\(visit)/\(key)", tolerance: 1e-8)
            }
        }

        let terms = try #require(models["mixed_anova"]?["terms"] as? [[String: Any]])
        func term(_ name: String) throws -> [String: Any] { try #require(terms.first { $0["term"] as? String == name }, "\(name)") }
        for effect in ["arm", "time", "arm:time"] {
            let row = try term(effect)
            for (json, key) in [("statistic", "F"), ("df", "df"), ("df2", "df2"), ("p_value", "p"), ("ges", "ges")] {
                try check(row[json], outcome, "mixed_anova/\(effect)/\(key)", tolerance: 1e-8)
            }
        }
        for effect in ["time", "arm:time"] {
            try check(try term("\(effect), Greenhouse–Geisser")["epsilon"], outcome, "mixed_anova/\(effect)/gg_epsilon", tolerance: 1e-8)
            try check(try term("\(effect), Greenhouse–Geisser")["p_value"], outcome, "mixed_anova/\(effect)/gg_p", tolerance: 1e-8)
            try check(try term("\(effect), Huynh–Feldt")["epsilon"], outcome, "mixed_anova/\(effect)/hf_epsilon", tolerance: 1e-8)
            try check(try term("\(effect), Huynh–Feldt")["p_value"], outcome, "mixed_anova/\(effect)/hf_p", tolerance: 1e-8)
            try check(try term("\(effect), Mauchly's test")["w"], outcome, "mixed_anova/\(effect)/mauchly_w", tolerance: 1e-8)
            try check(try term("\(effect), Mauchly's test")["p_value"], outcome, "mixed_anova/\(effect)/mauchly_p", tolerance: 1e-8)
        }

        let lmm = try #require(models["lmm"])
        let coefficients = try #require(lmm["terms"] as? [[String: Any]])
        for name in ["(Intercept)", "armbackward", "timeweek3", "timeweek6", "armbackward:timeweek3", "armbackward:timeweek6"] {
            let row = try #require(coefficients.first { $0["term"] as? String == name }, "\(name)")
            for (json, key, tolerance) in [("estimate", "estimate", 1e-6), ("se", "se", 1e-6), ("statistic", "t", 1e-6),
                                           ("df", "df", 1e-4), ("p_value", "p", 1e-4)] {
                try check(row[json], outcome, "lmm/\(name)/\(key)", tolerance: tolerance)
            }
        }
        try check(coefficients.first { $0["term"] as? String == "participant (intercept) variance" }?["estimate"], outcome,
                  "lmm/variance/participant", tolerance: 1e-6)
        try check(coefficients.first { $0["term"] as? String == "residual variance" }?["estimate"], outcome,
                  "lmm/variance/residual", tolerance: 1e-6)
        let differences = try #require(lmm["visit_contrasts"] as? [[String: Any]])
        #expect(differences.map { $0["timepoint"] as? String } == ["baseline", "week3", "week6"])
        for contrast in differences {
            let visit = contrast["timepoint"] as! String
            #expect(contrast["arms"] as? [String] == ["backward", "forward"])
            for (json, key, tolerance) in [("estimate", "estimate", 1e-6), ("se", "se", 1e-6), ("statistic", "t", 1e-6),
                                           ("ci_low", "ci_low", 1e-5), ("ci_high", "ci_high", 1e-5),
                                           ("df", "df", 1e-4), ("p_value", "p", 1e-4)] {
                try check(contrast[json], outcome, "lmm/\(visit)/\(key)", tolerance: tolerance)
            }
        }
    }

    /// The MMRM's estimates and SE equal nlme's gls (R run with both of its optimisers, the better fit kept),
    /// to relative 1e-5 (nlme's own stopping limits the agreement; its df are checked in Fixtures/mmrm/).
    @Test(arguments: ["pain_nrs", "quad_strength", "walking_speed"])
    func mmrmMatchesNlme(outcome: String) throws {
        let mmrm = try #require(try models(outcome)["mmrm"])
        let terms = try #require(mmrm["terms"] as? [[String: Any]])
        #expect(terms.map { $0["term"] as? String } == ["(Intercept)", "baseline", "armbackward", "timeweek6", "armbackward:timeweek6"])
        for row in terms {
            let term = row["term"] as! String
            try check(row["estimate"], outcome, "mmrm/\(term)/estimate", tolerance: 1e-5)
            try check(row["se"], outcome, "mmrm/\(term)/se", tolerance: 1e-5)
        }
        let differences = try #require(mmrm["visit_contrasts"] as? [[String: Any]])
        #expect(differences.map { $0["timepoint"] as? String } == ["week3", "week6"])
        for contrast in differences {
            let visit = contrast["timepoint"] as! String
            try check(contrast["estimate"], outcome, "mmrm/\(visit)/estimate", tolerance: 1e-5)
            try check(contrast["se"], outcome, "mmrm/\(visit)/se", tolerance: 1e-5)
        }
    }

    /// `--models` selects; two visits fit none; an unknown name is a usage error.
    @Test func modelsAreSelectedAndNeedThreeVisits() throws {
        let selected = try runWalkstats(["compare", Self.folder + "r-reference/retro-walking-trial.csv", "--outcome", "pain_nrs",
                                         "--models", "lmm", "--format", "json"], in: Self.root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(selected.standardOutput.utf8)) as? [String: Any])
        #expect(((document["models"] as? [String: Any])?["models"] as? [[String: Any]])?.map { $0["name"] as? String } == ["lmm"])
        let two = try runWalkstats(["compare", "datasets/sample/chen2021-like.csv", "--outcome", "pain_nrs", "--format", "json"], in: Self.root)
        #expect(!two.standardOutput.contains("\"models\""))
        let wrong = try runWalkstats(["compare", Self.folder + "r-reference/retro-walking-trial.csv", "--outcome", "pain_nrs",
                                      "--models", "mmrm2"], in: Self.root)
        #expect(wrong.status == 64)
        #expect(wrong.standardError.contains("--models takes ancova_by_visit, mixed_anova, lmm, mmrm or none"))
    }

    /// The report shows the models beside the trajectory they model, says how many each used, and that the
    /// models on every measurement assume values missing at random.
    @Test func theReportShowsTheModelsBesideTheTrajectory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-visits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("r.md").path
        let result = try runWalkstats(["report", Self.folder + "r-reference/retro-walking-trial.csv", "--output", output, "--figures", "figs"],
                                      in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("#### Every visit (baseline, week3, week6)\n\n![Knee pain, numeric rating scale 0-10: arm means over time "
            + "with 95% confidence intervals](figs/pain_nrs-trajectory.svg)\n"))
        #expect(text.contains("assumed missing at random"))
        let pain = try models("pain_nrs")
        #expect((pain["ancova_by_visit"]?["method"] as? String)?.contains("week3 46, week6 43 of 46") == true)
        #expect((pain["mixed_anova"]?["method"] as? String)?.contains("43 participants measured at every visit") == true)
        #expect((pain["lmm"]?["method"] as? String)?.contains("46 participants, 135 measurements") == true)
    }
}
