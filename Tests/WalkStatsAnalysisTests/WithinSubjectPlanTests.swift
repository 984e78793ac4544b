import Testing
import WalkStats

/// Conditions measured in the same people: compared by each participant's difference, pair by pair, with
/// no between-arm or "change" wording, and the design taken from the request or the sidecar.
struct WithinSubjectPlanTests {
    /// Three conditions a, b, c; participant 4 misses condition c.
    static let trial: Trial = {
        let values: [(String, [String: Double])] = [
            ("1", ["a": 5, "b": 4, "c": 2]), ("2", ["a": 6, "b": 6, "c": 3]), ("3", ["a": 7, "b": 5, "c": 5]),
            ("4", ["a": 4, "b": 3]), ("5", ["a": 6, "b": 2, "c": 1]),
        ]
        let participants = values.map { id, byCondition in
            Participant(id: id, arm: "group", observations: Dictionary(uniqueKeysWithValues: byCondition.map {
                (ObservationKey(outcome: "pain", timepoint: $0.key), Observation(value: $0.value))
            }))
        }
        return Trial(source: "inline", arms: [Arm(name: "group", participants: participants)], timepoints: ["a", "b", "c"],
                     outcomes: ["pain"])
    }()

    @Test func theDesignComesFromTheRequestOrTheMetadata() throws {
        #expect(AnalysisRequest().resolvedDesign.design == .parallel)
        let metadata = DatasetMetadata(source: "x.metadata.json", design: .within)
        #expect(AnalysisRequest(metadata: metadata).resolvedDesign == (.within, "from the dataset's metadata"))
        #expect(AnalysisRequest(metadata: metadata, design: .parallel).resolvedDesign.design == .parallel)
        // A crossover needs periods, which these data lack.
        #expect(throws: CrossoverDataError.self) {
            try TrialAnalysis.run(AnalysisRequest(from: "a", to: "b", design: .crossover), on: Self.trial)
        }
    }

    @Test func everyPairOfConditionsIsComparedLaterMinusEarlier() throws {
        let plan = try WithinSubjectPlan(trial: Self.trial, request: AnalysisRequest(design: .within), designSource: "test")
        #expect(plan.pairs.map { "\($0.later) − \($0.earlier)" } == ["b − a", "c − a", "c − b"])
        let result = try plan.run(on: Self.trial)[0]
        #expect(result.direction == .conditions(later: "b", earlier: "a"))
        let groups = result.sections.filter { $0.key == "condition_pairs" }.flatMap(\.groups)
        #expect(groups.count == 3)
        // b − a: differences −1, 0, −2, −1, −4 → mean −1.6; the participant without c is left out of c − a.
        #expect(abs((groups[0].summary?.mean ?? 0) + 1.6) < 1e-12)
        #expect(groups[1].analysed == [4] && groups[1].randomised == [5])
        #expect(groups[0].items.map(\.name) == ["paired_t", "wilcoxon_signed_rank", "cohens_dz", "cohens_dav", "shapiro_wilk"])
        // Holm across the three pairs: the smallest paired-t p at least tripled.
        let paired = groups.compactMap { $0.items.first { $0.name == "paired_t" }?.test }
        let smallest = try #require(paired.min { $0.pValue < $1.pValue })
        #expect(smallest.pairwiseAdjustedPValue == min(1, 3 * smallest.pValue))
        // No change or between-arm language.
        let words = (result.methodsSentences + result.sections.map(\.explanation) + [result.heading]).joined(separator: " ")
        #expect(!words.contains("change") && !words.contains("between arms") && !words.contains("improvement"))
    }

    /// `from`/`to` narrow the comparison to that pair, and the paired t-test equals R's
    /// `t.test(c(2, 3, 5, 1), c(5, 6, 7, 6), paired = TRUE)`: t = −5.1656761925536712, df = 3 (R 4.2.2).
    @Test func aPairCanBeChosenAndMatchesR() throws {
        let plan = try WithinSubjectPlan(trial: Self.trial, request: AnalysisRequest(from: "a", to: "c"), designSource: "test")
        #expect(plan.conditions == ["a", "c"])
        let result = try plan.run(on: Self.trial)[0]
        let test = try #require(result.groups[0].items.first { $0.name == "paired_t" }?.test)
        #expect(abs(test.statistic + 5.1656761925536712) < 1e-12)
        #expect(test.degreesOfFreedom == 3)
        #expect(test.pairwiseAdjustedPValue == nil)
    }
}
