import Testing
import WalkStats
import WalkStatsTestSupport

/// Welch's and Student's t-tests from printed summaries against R 4.2.2's `t.test` on data built to
/// have exactly those n, means and SDs (`Fixtures/summary-data/generate.R`, which also asserts the
/// textbook formulas, i.e. Stata's `ttesti`, agree).
struct SummaryTTestTests {
    /// Chen 2021's printed week-4 values (abstract) and four synthetic comparisons.
    static let comparisons: [(file: String, key: SummaryComparisonKey)] = [
        ("published-arm-summaries.csv", SummaryComparisonKey(study: "chen2021", timepoint: "week4", outcome: "pain_nrs")),
        ("published-arm-summaries.csv", SummaryComparisonKey(study: "chen2021", timepoint: "week4", outcome: "womac_total")),
        ("synthetic-two-sample.csv", SummaryComparisonKey(study: "synthetic-unequal", timepoint: "post", outcome: "score")),
        ("synthetic-two-sample.csv", SummaryComparisonKey(study: "synthetic-large", timepoint: "post", outcome: "score")),
        ("synthetic-two-sample.csv", SummaryComparisonKey(study: "synthetic-tiny", timepoint: "post", outcome: "score")),
        ("synthetic-two-sample.csv", SummaryComparisonKey(study: "synthetic-null", timepoint: "post", outcome: "score")),
    ]

    @Test func fixtureRecordsRVersion() {
        #expect(SummaryDataFixture.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(SummaryDataFixture.reference.provenance.contains { $0.contains("effectsize 0.8.3") })
    }

    /// R: t.test(x, y, conf.level = level) and t.test(x, y, var.equal = TRUE, conf.level = level).
    @Test(arguments: comparisons.indices, ["0.95", "0.90"])
    func matchesR(index: Int, level: String) throws {
        let (file, key) = Self.comparisons[index]
        let (a, b) = SummaryDataFixture.pair(try SummaryDataFixture.dataset(file), key)
        let name = SummaryDataFixture.name(key)
        let welch = try welchTTest(summaryA: a, summaryB: b, confidenceLevel: Double(level)!)
        let student = try studentTTest(summaryA: a, summaryB: b, confidenceLevel: Double(level)!)
        #expect(welch.name == .welchT && welch.method == "Welch Two Sample t-test")
        #expect(student.name == .studentT && student.method == "Two Sample t-test")
        #expect(welch.sampleSizes == [a.n, b.n] && student.sampleSizes == [a.n, b.n])
        #expect(welch.confidenceInterval?.level == Double(level)!)
        #expect(SummaryDataFixture.compare(welch, dataset: name, prefix: "welch/\(level)") == [])
        #expect(SummaryDataFixture.compare(student, dataset: name, prefix: "student/\(level)") == [])
    }

    /// Chen 2021 printed "P < 0.05" for both outcomes; the recomputed Welch p agrees (0.015 and 0.0007).
    @Test func chen2021IsSignificantAsPrinted() throws {
        let dataset = try SummaryDataFixture.dataset("published-arm-summaries.csv")
        for outcome in ["pain_nrs", "womac_total"] {
            let (a, b) = SummaryDataFixture.pair(dataset, SummaryComparisonKey(study: "chen2021", timepoint: "week4", outcome: outcome))
            #expect(try welchTTest(summaryA: a, summaryB: b).pValue < 0.05)
        }
    }

    @Test func swappingTheGroupsMirrorsTheResult() throws {
        let a = SummaryStatistics(n: 12, mean: 23.4, standardDeviation: 6.1)
        let b = SummaryStatistics(n: 30, mean: 19.8, standardDeviation: 3.2)
        let forward = try welchTTest(summaryA: a, summaryB: b)
        let backward = try welchTTest(summaryA: b, summaryB: a)
        #expect(forward.statistic == -backward.statistic)
        #expect(forward.pValue == backward.pValue)
        #expect(forward.confidenceInterval!.lower == -backward.confidenceInterval!.upper)
    }

    @Test func invalidSummariesThrow() {
        let good = SummaryStatistics(n: 10, mean: 1, standardDeviation: 1)
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in the second summary", needed: 2, got: 1)) {
            try welchTTest(summaryA: good, summaryB: SummaryStatistics(n: 1, mean: 2, standardDeviation: 0))
        }
        #expect(throws: StatisticsError.zeroVariance(what: "both summaries")) {
            try studentTTest(summaryA: SummaryStatistics(n: 5, mean: 1, standardDeviation: 0),
                             summaryB: SummaryStatistics(n: 5, mean: 2, standardDeviation: 0))
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the mean and SD of the first summary")) {
            try welchTTest(summaryA: SummaryStatistics(n: 5, mean: .nan, standardDeviation: 1), summaryB: good)
        }
        #expect(throws: StatisticsError.invalidRequest("the standard deviation of the first summary is negative (-1.0); expected a value ≥ 0")) {
            try welchTTest(summaryA: SummaryStatistics(n: 5, mean: 1, standardDeviation: -1), summaryB: good)
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(0)) {
            try welchTTest(summaryA: good, summaryB: good, confidenceLevel: 0)
        }
    }

    /// One SD of 0 is fine (Welch's df is then n − 1 of the other group, as R gives for a constant sample).
    @Test func oneConstantGroupIsAllowed() throws {
        let result = try welchTTest(summaryA: SummaryStatistics(n: 8, mean: 3, standardDeviation: 0),
                                    summaryB: SummaryStatistics(n: 6, mean: 2, standardDeviation: 1.5))
        #expect(abs(result.degreesOfFreedom! - 5) < 1e-12)
    }
}
