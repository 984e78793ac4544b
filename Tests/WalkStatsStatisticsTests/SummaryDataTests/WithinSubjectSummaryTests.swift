import Testing
import WalkStats
import WalkStatsTestSupport

/// Within-subject comparisons from two condition summaries (Roos 2012: the same 20 people running
/// forward and backward) against R 4.2.2 (`Fixtures/summary-data/generate.R`): the paired `t.test` on
/// data with the printed means and SDs and correlation ρ, and the smallest ρ at which p falls below a
/// threshold (R: `uniroot` on p(ρ) − α).
struct WithinSubjectSummaryTests {
    static let comparisons: [(file: String, key: SummaryComparisonKey)] = [
        ("published-arm-summaries.csv", SummaryComparisonKey(study: "roos2012", timepoint: "session", outcome: "pfj_compression_peak")),
        ("published-arm-summaries.csv", SummaryComparisonKey(study: "roos2012", timepoint: "session", outcome: "knee_moment_peak")),
        ("synthetic-within.csv", SummaryComparisonKey(study: "synthetic-within-every", timepoint: "session", outcome: "score")),
        ("synthetic-within.csv", SummaryComparisonKey(study: "synthetic-within-none", timepoint: "session", outcome: "score")),
        ("synthetic-within.csv", SummaryComparisonKey(study: "synthetic-within-equal-sd", timepoint: "session", outcome: "score")),
    ]
    static let grid: [Double] = [-0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]

    /// R: t.test(x, y, paired = TRUE) for data with cor(x, y) = ρ, at each ρ of the grid.
    @Test(arguments: comparisons.indices)
    func pairedTestOverTheGridMatchesR(index: Int) throws {
        let (file, key) = Self.comparisons[index]
        let (a, b) = SummaryDataFixture.pair(try SummaryDataFixture.dataset(file), key)
        let name = SummaryDataFixture.name(key)
        let rows = try withinSubjectCorrelationSensitivity(conditionA: a, conditionB: b, correlations: Self.grid)
        for row in rows {
            let rho = "rho=" + String(format: "%.2f", row.correlation)
            let sd = try #require(SummaryDataFixture.value(name, "\(rho)/sd_diff"))
            #expect(relativeError(row.differenceStandardDeviation, sd) < 1e-12)
            #expect(row.test.name == .pairedT && row.test.sampleSizes == [a.n])
            #expect(SummaryDataFixture.compare(row.test, dataset: name, prefix: "\(rho)/paired") == [])
        }
        #expect(try withinSubjectCorrelationSensitivity(conditionA: a, conditionB: b).map(\.correlation) == defaultWithinSubjectCorrelations)
    }

    /// R: uniroot(function(r) p(r) - alpha, c(-1, 1), tol = 1e-13) for alpha = 0.05, 0.01, 0.001.
    @Test(arguments: comparisons.indices)
    func smallestCorrelationMatchesR(index: Int) throws {
        let (file, key) = Self.comparisons[index]
        let (a, b) = SummaryDataFixture.pair(try SummaryDataFixture.dataset(file), key)
        let name = SummaryDataFixture.name(key)
        for alpha in ["0.05", "0.01", "0.001"] {
            let threshold = try smallestCorrelationForSignificance(conditionA: a, conditionB: b, pValueThreshold: Double(alpha)!)
            let criticalT = try #require(SummaryDataFixture.value(name, "threshold/\(alpha)/critical_t"))
            let criticalSD = try #require(SummaryDataFixture.value(name, "threshold/\(alpha)/critical_sd_diff"))
            #expect(relativeError(threshold.criticalT, criticalT) < 1e-12)
            #expect(relativeError(threshold.criticalDifferenceStandardDeviation, criticalSD) < 1e-12)
            let answer = try #require(SummaryDataFixture.value(name, "threshold/\(alpha)/answer"))
            switch threshold.answer {
            case .everyCorrelation:
                #expect(answer == 0, "\(name) α = \(alpha)")
            case let .above(rho):
                #expect(answer == 1, "\(name) α = \(alpha)")
                let expected = try #require(SummaryDataFixture.value(name, "threshold/\(alpha)/rho"))
                #expect(abs(rho - expected) < 1e-9, "\(name) α = \(alpha): WalkStats \(rho), R \(expected)")
                // At ρ* the paired p is the threshold itself.
                let p = try pairedTTest(conditionA: a, conditionB: b, correlation: rho).pValue
                #expect(relativeError(p, Double(alpha)!) < 1e-9)
            case .noCorrelation:
                #expect(answer == 2, "\(name) α = \(alpha)")
            }
        }
    }

    /// Roos 2012 printed "p < 0.01" for both outcomes without the correlation: the patellofemoral
    /// compression difference needs ρ > 0.298, the knee moment difference ρ > 0.519 (R values above).
    @Test func roos2012NeedsAPositiveCorrelation() throws {
        let dataset = try SummaryDataFixture.dataset("published-arm-summaries.csv")
        let (forward, backward) = SummaryDataFixture.pair(
            dataset, SummaryComparisonKey(study: "roos2012", timepoint: "session", outcome: "pfj_compression_peak"))
        let threshold = try smallestCorrelationForSignificance(conditionA: forward, conditionB: backward, pValueThreshold: 0.01)
        guard case let .above(rho) = threshold.answer else {
            Issue.record("expected a threshold, got \(threshold.answer)")
            return
        }
        #expect(rho > 0.29 && rho < 0.31)
        #expect(threshold.explanation.hasPrefix("p < 0.01 needs a correlation between the conditions above 0.298"))
        #expect(try pairedTTest(conditionA: forward, conditionB: backward, correlation: 0).pValue > 0.01)
    }

    @Test func invalidInputThrows() {
        let a = SummaryStatistics(n: 20, mean: 4.5, standardDeviation: 1.5)
        #expect(throws: StatisticsError.invalidRequest(
            "within-subject conditions are measured on the same people, so their n must be equal; got 20 and 19")) {
            try pairedTTest(conditionA: a, conditionB: SummaryStatistics(n: 19, mean: 3.4, standardDeviation: 1.4), correlation: 0.5)
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences implied by these SDs and correlation")) {
            try pairedTTest(conditionA: a, conditionB: SummaryStatistics(n: 20, mean: 3.4, standardDeviation: 1.5), correlation: 1)
        }
        #expect(throws: StatisticsError.invalidRequest("a correlation must lie in [-1, 1], got -1.2")) {
            try pairedTTest(conditionA: a, conditionB: a, correlation: -1.2)
        }
        #expect(throws: StatisticsError.invalidRequest("a p-value threshold must lie strictly between 0 and 1, got 0.0")) {
            try smallestCorrelationForSignificance(conditionA: a, conditionB: a, pValueThreshold: 0)
        }
        #expect(throws: StatisticsError.zeroVariance(what: "both conditions")) {
            try smallestCorrelationForSignificance(conditionA: SummaryStatistics(n: 5, mean: 1, standardDeviation: 0),
                                                   conditionB: SummaryStatistics(n: 5, mean: 2, standardDeviation: 0),
                                                   pValueThreshold: 0.05)
        }
    }

    /// Equal means: t = 0 at every ρ, so no correlation reaches significance.
    @Test func equalMeansNeverReachSignificance() throws {
        let a = SummaryStatistics(n: 12, mean: 3, standardDeviation: 1)
        let b = SummaryStatistics(n: 12, mean: 3, standardDeviation: 2)
        #expect(try smallestCorrelationForSignificance(conditionA: a, conditionB: b, pValueThreshold: 0.05).answer == .noCorrelation)
    }
}
