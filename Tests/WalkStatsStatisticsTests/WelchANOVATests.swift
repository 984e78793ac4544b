import Foundation
import Testing
import WalkStats
import WalkStatsModel
import WalkStatsTestSupport

/// ``welchANOVA(_:)`` against R 4.2.2's `oneway.test(post ~ arm, var.equal = FALSE)` on the complete
/// cases of `Fixtures/omnibus/input.csv`.
struct WelchANOVATests {
    /// R: oneway.test(post ~ arm, var.equal = FALSE): statistic, parameter (num df, denom df), p.value.
    @Test(arguments: OmnibusFixture.datasets)
    func matchesR(dataset: String) throws {
        let groups = OmnibusFixture.groups(dataset)
        let result = try welchANOVA(groups)
        let expected = { (key: String) in OmnibusFixture.value(dataset, "welch/" + key)! }
        #expect(result.name == .welchANOVA)
        #expect(result.method == "One-way analysis of means (not assuming equal variances)")
        #expect(result.degreesOfFreedom == expected("df1"))
        #expect(result.sampleSizes == groups.map(\.count))
        #expect(relativeError(result.denominatorDegreesOfFreedom!, expected("df2")) < 1e-12)
        #expect(relativeError(result.statistic, expected("F")) < 1e-12, "\(dataset) F \(result.statistic)")
        #expect(relativeError(result.pValue, expected("p")) < 1e-10, "\(dataset) p \(result.pValue)")
    }

    /// With two groups Welch's ANOVA is Welch's t-test: the same denominator df as Welch–Satterthwaite.
    @Test func twoGroupsIsWelchT() throws {
        let (x, y) = ([5.1, 6.3, 4.8, 7.0, 5.5], [6.9, 8.2, 7.7, 9.9, 6.1, 8.8, 7.3])
        let result = try welchANOVA([x, y])
        let summaries = try [x, y].map { SummaryStatistics(n: $0.count, mean: try SampleStatistics.mean($0),
                                                            standardDeviation: try SampleStatistics.standardDeviation($0)) }
        let welch = welchSatterthwaite(summaries)
        #expect(relativeError(result.denominatorDegreesOfFreedom!, welch.degreesOfFreedom) < 1e-12)
        let difference = try SampleStatistics.mean(x) - SampleStatistics.mean(y)
        #expect(relativeError(result.statistic, difference * difference / welch.variance) < 1e-12)
    }

    /// R: oneway.test gives NaN for a constant group and stops with "not enough observations" for n = 1.
    @Test func refusesDegenerateGroups() {
        #expect(throws: StatisticsError.insufficientObservations(what: "values in group 2", needed: 2, got: 1)) {
            try welchANOVA([[1, 2, 4], [3]])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the values of group 1")) {
            try welchANOVA([[2, 2, 2], [3, 4]])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try welchANOVA([[1, 2, 4]])
        }
    }
}
