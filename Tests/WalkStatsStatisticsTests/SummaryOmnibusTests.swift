import Testing
import WalkStats
import WalkStatsTestSupport

/// From printed n, means and SDs, the one-way ANOVA, Welch's ANOVA and Tukey's HSD equal the same tests on
/// participant-level data with those summaries (which the omnibus and Tukey fixtures check against R): the
/// two paths share one core.
struct SummaryOmnibusTests {
    static func summaries(_ groups: [[Double]]) throws -> [SummaryStatistics] {
        try groups.map { try SummaryStatistics(n: $0.count, mean: SampleStatistics.mean($0), standardDeviation: SampleStatistics.standardDeviation($0)) }
    }

    @Test(arguments: OmnibusFixture.datasets)
    func summariesGiveTheParticipantLevelResults(_ dataset: String) throws {
        let groups = OmnibusFixture.groups(dataset)
        let summaries = try Self.summaries(groups)
        let raw = try onewayANOVA(groups), printed = try onewayANOVA(summaries: summaries)
        #expect(relativeError(printed.test.statistic, raw.test.statistic) < 1e-12)
        #expect(relativeError(printed.test.pValue, raw.test.pValue) < 1e-10)
        #expect(printed.test.denominatorDegreesOfFreedom == raw.test.denominatorDegreesOfFreedom)
        #expect(relativeError(printed.etaSquared.value, raw.etaSquared.value) < 1e-12)
        #expect(abs(printed.omegaSquared.confidenceInterval!.upper - raw.omegaSquared.confidenceInterval!.upper) < 1e-10)
        let welchRaw = try welchANOVA(groups), welchPrinted = try welchANOVA(summaries: summaries)
        #expect(relativeError(welchPrinted.statistic, welchRaw.statistic) < 1e-12)
        #expect(relativeError(try #require(welchPrinted.denominatorDegreesOfFreedom), try #require(welchRaw.denominatorDegreesOfFreedom)) < 1e-12)
        let names = OmnibusFixture.arms(dataset)
        let tukeyRaw = try tukeyHSD(groups: groups, names: names), tukeyPrinted = try tukeyHSD(summaries: summaries, names: names)
        for (a, b) in zip(tukeyRaw.comparisons, tukeyPrinted.comparisons) {
            #expect(a.arms == b.arms)
            #expect(abs(a.estimate - b.estimate) < 1e-12 * (tukeyRaw.means.map(abs).max()! + 1))
            #expect(relativeError(b.pValue, a.pValue) < 1e-9)
            #expect(relativeError(b.confidenceInterval.upper - b.confidenceInterval.lower,
                                  a.confidenceInterval.upper - a.confidenceInterval.lower) < 1e-10)
        }
    }

    @Test func badSummariesAreErrorsThatDescribeTheData() {
        let ok = SummaryStatistics(n: 5, mean: 1, standardDeviation: 1)
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try onewayANOVA(summaries: [ok])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the mean and SD of group 2")) {
            try welchANOVA(summaries: [ok, SummaryStatistics(n: 5, mean: .nan, standardDeviation: 1)])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the values of group 2")) {
            try welchANOVA(summaries: [ok, SummaryStatistics(n: 5, mean: 2, standardDeviation: 0)])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the values within every group")) {
            try onewayANOVA(summaries: [SummaryStatistics(n: 3, mean: 1, standardDeviation: 0), SummaryStatistics(n: 3, mean: 2, standardDeviation: 0)])
        }
    }
}
