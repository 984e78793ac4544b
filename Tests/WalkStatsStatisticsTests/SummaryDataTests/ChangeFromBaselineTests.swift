import Testing
import WalkStats
import WalkStatsTestSupport

/// Change-from-baseline SD imputation (Cochrane Handbook 6.5.2.8) and the ρ sensitivity table of the
/// between-arm Welch test, against R 4.2.2 (`Fixtures/summary-data/generate.R`, dataset
/// `synthetic-change`: t.test on data with the change summaries).
struct ChangeFromBaselineTests {
    static let dataset = "synthetic-change"

    private func arms() throws -> [String: (baseline: ArmSummary, followUp: ArmSummary)] {
        let data = try SummaryDataFixture.dataset("synthetic-change.csv")
        var result: [String: (ArmSummary, ArmSummary)] = [:]
        for arm in ["retro", "control"] {
            result[arm] = (data.summary(study: "synthetic-change", arm: arm, timepoint: "baseline", outcome: "pain_nrs")!,
                           data.summary(study: "synthetic-change", arm: arm, timepoint: "week6", outcome: "pain_nrs")!)
        }
        return result
    }

    /// R: per ρ in 0.2…0.8, sqrt(sd_b^2 + sd_f^2 - 2 * rho * sd_b * sd_f) and t.test(change_retro, change_control).
    @Test func sensitivityTableMatchesR() throws {
        let arms = try arms()
        let (retro, control) = (arms["retro"]!, arms["control"]!)
        let rows = try changeScoreSensitivity(baselineA: retro.baseline.statistics, followUpA: retro.followUp.statistics,
                                              baselineB: control.baseline.statistics, followUpB: control.followUp.statistics)
        #expect(rows.map(\.correlation) == [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
        for row in rows {
            let rho = "rho=" + String(format: "%.1f", row.correlation)
            for (arm, change) in [("retro", row.changeA), ("control", row.changeB)] {
                let mean = try #require(SummaryDataFixture.value(Self.dataset, "\(rho)/\(arm)/mean"))
                let sd = try #require(SummaryDataFixture.value(Self.dataset, "\(rho)/\(arm)/sd"))
                #expect(relativeError(change.mean, mean) < 1e-12)
                #expect(relativeError(change.standardDeviation, sd) < 1e-12, "\(rho) \(arm): \(change.standardDeviation) vs \(sd)")
            }
            #expect(row.changeA.n == 28 && row.changeB.n == 29) // the follow-up n
            #expect(SummaryDataFixture.compare(row.test, dataset: Self.dataset, prefix: "\(rho)/welch") == [])
        }
        // A larger assumed correlation shrinks the change SDs, so |t| grows.
        #expect(zip(rows, rows.dropFirst()).allSatisfy { abs($0.test.statistic) < abs($1.test.statistic) })
    }

    @Test func armSummaryChangeIsFlagged() throws {
        let retro = try arms()["retro"]!
        let change = try changeFromBaseline(baseline: retro.baseline, followUp: retro.followUp, correlation: 0.5)
        #expect(change.timepoint == "change_baseline_to_week6")
        #expect(change.meanProvenance == .changeFromBaseline)
        #expect(change.standardDeviationProvenance == .imputedFromCorrelation(0.5))
        #expect(abs(change.mean - (3.9 - 6.1)) < 1e-12)
        #expect(!change.isFullyReported)
    }

    /// ρ = 1 with equal SDs gives a change SD of 0; ρ = 0 gives √(SD_b² + SD_f²); ρ = −1 gives SD_b + SD_f.
    @Test func formulaAtItsEnds() throws {
        #expect(try changeStandardDeviation(baseline: 2, followUp: 2, correlation: 1) == 0)
        #expect(try changeStandardDeviation(baseline: 3, followUp: 4, correlation: 0) == 5)
        #expect(try changeStandardDeviation(baseline: 3, followUp: 4, correlation: -1) == 7)
    }

    @Test func invalidInputThrows() throws {
        #expect(throws: StatisticsError.invalidRequest("a correlation must lie in [-1, 1], got 1.5")) {
            try changeStandardDeviation(baseline: 1, followUp: 1, correlation: 1.5)
        }
        #expect(throws: StatisticsError.invalidRequest("standard deviations must be ≥ 0, got -1.0 and 1.0")) {
            try changeStandardDeviation(baseline: -1, followUp: 1, correlation: 0.5)
        }
        let arms = try arms()
        #expect(throws: StatisticsError.self) {
            try changeFromBaseline(baseline: arms["retro"]!.baseline, followUp: arms["control"]!.followUp, correlation: 0.5)
        }
        let s = SummaryStatistics(n: 10, mean: 1, standardDeviation: 1)
        #expect(throws: StatisticsError.invalidRequest("expected at least one correlation")) {
            try changeScoreSensitivity(baselineA: s, followUpA: s, baselineB: s, followUpB: s, correlations: [])
        }
    }
}
