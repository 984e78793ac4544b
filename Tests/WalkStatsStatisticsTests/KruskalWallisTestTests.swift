import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``kruskalWallisTest(_:)`` against R 4.2.2's `kruskal.test(post ~ arm)` and effectsize 0.8.3's
/// `rank_epsilon_squared(post ~ arm, ci = NULL)` on the complete cases of `Fixtures/omnibus/input.csv`
/// (every dataset has tied values).
struct KruskalWallisTestTests {
    /// R: kruskal.test(post ~ arm): statistic, parameter, p.value; rank_epsilon_squared(...)$r_rank_epsilon2.
    @Test(arguments: OmnibusFixture.datasets)
    func matchesR(dataset: String) throws {
        let groups = OmnibusFixture.groups(dataset)
        let result = try kruskalWallisTest(groups)
        let expected = { (key: String) in OmnibusFixture.value(dataset, key)! }
        #expect(result.test.name == .kruskalWallis)
        #expect(result.test.method == "Kruskal-Wallis rank sum test")
        #expect(result.test.degreesOfFreedom == expected("kruskal/df"))
        #expect(result.test.denominatorDegreesOfFreedom == nil)
        #expect(result.test.sampleSizes == groups.map(\.count))
        #expect(relativeError(result.test.statistic, expected("kruskal/H")) < 1e-12, "\(dataset) H \(result.test.statistic)")
        #expect(relativeError(result.test.pValue, expected("kruskal/p")) < 1e-10, "\(dataset) p \(result.test.pValue)")
        #expect(relativeError(result.rankEpsilonSquared, expected("rank_epsilon2/value")) < 1e-12)
    }

    @Test func fixtureHasTies() {
        for dataset in OmnibusFixture.datasets {
            let values = OmnibusFixture.groups(dataset).joined()
            #expect(Set(values).count < values.count, "\(dataset) has no ties")
        }
    }

    /// R: kruskal.test(list(c(1, 2), 3)) works with a group of one value; all values equal gives NaN.
    @Test func edgeCases() throws {
        // R: kruskal.test(list(c(1, 2), 3)): statistic 1.5, df 1, p = 0.22067136191984676.
        let single = try kruskalWallisTest([[1, 2], [3]])
        #expect(relativeError(single.test.statistic, 1.5) < 1e-14)
        #expect(relativeError(single.test.pValue, 0.22067136191984676) < 1e-12)
        #expect(throws: StatisticsError.zeroVariance(what: "the values of all groups together")) {
            try kruskalWallisTest([[4, 4], [4, 4, 4]])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try kruskalWallisTest([[1, 2, 4]])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values in group 1", needed: 1, got: 0)) {
            try kruskalWallisTest([[], [1, 2]])
        }
    }
}
