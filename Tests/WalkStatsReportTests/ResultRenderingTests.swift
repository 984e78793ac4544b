import Foundation
import Testing
import WalkStats

/// The renderers are generic: a plan entry the renderers have never heard of, and results of every shape
/// (a test, an effect, a table of model terms, a list of contrasts), reach Markdown, JSON and CSV without a
/// renderer edit.
struct ResultRenderingTests {
    static let trial = Trial(
        source: "inline", arms: [
            Arm(name: "a", participants: (1...6).map { participant("a\($0)", "a", Double($0), Double($0) - Double($0 % 3)) }),
            Arm(name: "b", participants: (1...5).map { participant("b\($0)", "b", Double($0), Double($0) + Double($0 % 2)) }),
        ], timepoints: ["pre", "post"], outcomes: ["pain"])

    static func participant(_ id: String, _ arm: String, _ pre: Double, _ post: Double) -> Participant {
        Participant(id: id, arm: arm, observations: [
            ObservationKey(outcome: "pain", timepoint: "pre"): Observation(value: pre),
            ObservationKey(outcome: "pain", timepoint: "post"): Observation(value: post),
        ])
    }

    /// A new between-arm test (here a t-test of the follow-up values, named `welch_t_follow_up`) and a new
    /// model table, added to the plan only.
    static func extendedResult() throws -> OutcomeResult {
        var plan = try PrePostPlan(trial: trial, request: AnalysisRequest())
        plan.betweenArms.append(PlannedAnalysis(
            name: "welch_t_follow_up", role: .test,
            presentation: Presentation(title: "Welch t-test of follow-up", estimateLabel: "difference in follow-up")) { data in
                let followUp = data.arms.map { arm in zip(data.ancova.arm, data.ancova.followUp).filter { $0.0 == arm }.map(\.1) }
                return .test(try welchTTest(followUp[0], followUp[1], confidenceLevel: data.confidenceLevel))
            })
        plan.betweenArms.append(PlannedAnalysis(
            name: "change_model", role: .test, presentation: Presentation(title: "Model of change", statisticSymbol: "t")) { data in
                .terms(method: "lm(change ~ arm)", [
                    ModelTerm(term: "(Intercept)", estimate: 1.5, standardError: 0.5, statistic: 3, degreesOfFreedom: 9, pValue: 0.0149),
                    ModelTerm(term: "arm\(data.arms[0])", estimate: -2, standardError: 0.8, statistic: -2.5, degreesOfFreedom: 9,
                              pValue: 0.0338),
                ])
            })
        plan.betweenArms.append(PlannedAnalysis(
            name: "pairwise", role: .test, presentation: Presentation(title: "Pairwise contrasts", estimateLabel: "difference")) { data in
                .contrasts(method: "emmeans", pairsAdjustment: "tukey", [
                    ContrastResult(name: data.arms.joined(separator: " - "), arms: data.arms, estimate: -2,
                                   confidenceInterval: ConfidenceInterval(level: 0.95, lower: -3.8, upper: -0.2),
                                   statistic: -2.5, degreesOfFreedom: 9, pValue: 0.0338, pairwiseAdjustedPValue: 0.0676),
                ])
            })
        return try plan.run(on: trial)[0]
    }

    @Test func aNewTestReachesEveryFormat() throws {
        let report = ComparisonReport(result: try Self.extendedResult(), codebook: Codebook(definitions: []))
        let markdown = report.render(.markdown)
        #expect(markdown.contains("| Welch t-test of follow-up | 6 of 6 + 5 of 5 | difference in follow-up "))
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let between = try #require(json["between"] as? [String: Any])
        let tests = try #require(between["tests"] as? [[String: Any]])
        #expect(tests.compactMap { $0["name"] as? String }
            == ["ancova", "welch_t", "student_t", "mann_whitney", "welch_t_follow_up"])
        let newTest = try #require(tests.first { $0["name"] as? String == "welch_t_follow_up" })
        #expect(newTest["p_adjusted"] is Double, "a new test joins its multiplicity family")
        let csv = report.render(.csv)
        #expect(csv.split(separator: "\n").contains { $0.hasPrefix("between,pain,a - b,,pre,post,welch_t_follow_up,6;5,") })
    }

    @Test func termsAndContrastsRenderAsTables() throws {
        let report = ComparisonReport(result: try Self.extendedResult(), codebook: Codebook(definitions: []))
        let markdown = report.render(.markdown)
        #expect(markdown.contains("### Model of change (a, b)"))
        #expect(markdown.contains("| arma | -2.0 | 0.8 | t = -2.50 | 9 | 0.034 |"))
        #expect(markdown.contains("### Pairwise contrasts (a, b)"))
        // A list of one outcome: p adjusted across outcomes (Holm, one outcome) equals p.
        #expect(markdown.contains("| a − b | -2.0 | [-3.8, -0.2] | t = -2.50 | 9 | 0.034 | 0.034 | 0.068 |"))

        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let between = try #require(json["between"] as? [String: Any])
        let model = try #require((between["models"] as? [[String: Any]])?.first { $0["name"] as? String == "change_model" })
        #expect(model["method"] as? String == "lm(change ~ arm)")
        let terms = try #require(model["terms"] as? [[String: Any]])
        #expect(terms.map { $0["term"] as? String } == ["(Intercept)", "arma"])
        #expect(Set(terms[0].keys) == ["term", "estimate", "se", "statistic", "df", "df2", "p_value"])
        let contrasts = try #require(between["contrasts"] as? [[String: Any]])
        #expect(contrasts.first?["name"] as? String == "pairwise")
        #expect(contrasts.first?["arms"] as? [String] == ["a", "b"])
        #expect(contrasts.first?["p_adjusted_pairs"] as? Double == 0.0676)
        #expect(contrasts.first?["p_adjusted"] as? Double == 0.0338)
        #expect(contrasts.first?["pairs_adjustment"] as? String == "tukey")

        let lines = report.render(.csv).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains(",change_model: arma,") && $0.contains(",-2.0,,0.8,-2.5,9.0,") })
        #expect(lines.contains { $0.contains(",pairwise: a - b,") && $0.contains(",-3.8,-0.2,0.95,") })
    }

    /// With one arm there is no contrast: `between` is `null` in JSON and absent from Markdown and CSV.
    @Test func oneArmHasNoBetweenSection() throws {
        let single = Trial(source: "inline", arms: [Self.trial.arms[0]], timepoints: ["pre", "post"], outcomes: ["pain"])
        let result = try PrePostPlan(trial: single, request: AnalysisRequest()).run(on: single)[0]
        let report = ComparisonReport(result: result, codebook: Codebook(definitions: []))
        #expect(!report.render(.markdown).contains("Between arms"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        #expect(json["between"] is NSNull)
        #expect(!report.render(.csv).contains("\nbetween,"))
    }
}

/// An arm keeps its colour in every figure of a report, even when it has no change scores to draw.
struct ArmColourTests {
    @Test func anArmWithoutChangesDoesNotShiftTheOthersColours() throws {
        func participant(_ id: String, _ arm: String, _ pre: Double, _ post: Double?) -> Participant {
            var observations = [ObservationKey(outcome: "pain", timepoint: "pre"): Observation(value: pre)]
            if let post { observations[ObservationKey(outcome: "pain", timepoint: "post")] = Observation(value: post) }
            return Participant(id: id, arm: arm, observations: observations)
        }
        // "a" (first in sorted order, blue) is measured only at baseline; "b" must stay vermillion.
        let trial = Trial(source: "inline", arms: [
            Arm(name: "b", participants: [participant("1", "b", 5, 3), participant("2", "b", 6, 4), participant("3", "b", 4, 4)]),
            Arm(name: "a", participants: [participant("4", "a", 5, nil), participant("5", "a", 6, nil)]),
        ], timepoints: ["pre", "post"], outcomes: ["pain"])
        let report = TrialReport(analysis: try TrialAnalysis(trial: trial, request: AnalysisRequest()),
                                 codebook: Codebook(definitions: []))
        let change = try #require(report.figures.first { $0.fileName == "pain-change.svg" }?.svg)
        #expect(change.contains(FigurePalette.armColor(1)))
        #expect(!change.contains(FigurePalette.armColor(0)))
        let trajectory = try #require(report.figures.first { $0.fileName == "pain-trajectory.svg" }?.svg)
        #expect(trajectory.contains(FigurePalette.armColor(0)) && trajectory.contains(FigurePalette.armColor(1)))
    }
}
