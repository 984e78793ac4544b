import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// `leveneMedianTest` against R 4.2.2's `car::leveneTest(y ~ group)` (car 3.1-1, center = median).
struct LeveneMedianTestTests {
    static let inputs: [String: [[Double]]] = try! AssumptionsFixture.rows("levene-input.csv").mapValues { rows in
        let groupCount = rows.map { Int($0.keys[0])! }.max()!
        return (1...groupCount).map { g in rows.filter { Int($0.keys[0])! == g }.map(\.value) }
    }
    static let datasets = AssumptionsFixture.datasets(prefix: "lev-")

    @Test func fixtureHasEveryDataset() {
        #expect(Set(Self.inputs.keys) == Set(Self.datasets))
        #expect(Self.datasets.count >= 10)
    }

    /// R: car::leveneTest(y ~ group) with group = factor(levene-input.csv$group).
    @Test(arguments: datasets)
    func matchesR(dataset: String) throws {
        let groups = try #require(Self.inputs[dataset])
        let expected = try #require(AssumptionsFixture.reference.values[dataset])
        let result = try leveneMedianTest(groups)
        #expect(result.name == .leveneMedian)
        #expect(result.method == "Levene's Test for Homogeneity of Variance (center = median)")
        #expect(result.degreesOfFreedom == expected["df"])
        #expect(result.denominatorDegreesOfFreedom == expected["df_denominator"])
        #expect(result.sampleSizes == (1...groups.count).map { Int(expected["n/\($0)"]!) })
        let f = try #require(expected["statistic"])
        let p = try #require(expected["p_value"])
        // lev-equal-spread has F = 0 exactly (equal deviations in both groups): WalkStats gets 0, while R's
        // least-squares fit leaves rounding noise (F = 3.7e-32), so there both must merely be below 1e-12.
        let bothZero = abs(result.statistic) < 1e-12 && abs(f) < 1e-12
        #expect(relativeError(result.statistic, f) < 1e-6 || bothZero, "\(dataset) F: WalkStats \(result.statistic), R \(f)")
        #expect(relativeError(result.pValue, p) < 1e-6, "\(dataset) p: WalkStats \(result.pValue), R \(p)")
    }

    /// R: leveneTest(y ~ g) with one level stops ("contrasts can be applied only to factors with 2 or more levels").
    @Test func needsTwoGroups() {
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try leveneMedianTest([[1, 2, 4]])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 0)) {
            try leveneMedianTest([])
        }
    }

    @Test func emptyGroupIsRefused() {
        #expect(throws: StatisticsError.insufficientObservations(what: "values in group 2", needed: 1, got: 0)) {
            try leveneMedianTest([[1, 2, 4], [], [3, 5]])
        }
    }

    /// R: leveneTest(c(1, 2, 4) ~ factor(1:3)) has 0 residual df and prints F = NaN.
    @Test func needsMoreValuesThanGroups() {
        #expect(throws: StatisticsError.insufficientObservations(
            what: "values in all groups together (more than the 3 groups)", needed: 4, got: 3)) {
            try leveneMedianTest([[1], [2], [4]])
        }
    }

    /// R: leveneTest(c(1, 3, 1, 5) ~ factor(c(1, 1, 2, 2))) warns "ANOVA F-tests on an essentially perfect
    /// fit are unreliable" and prints F = 8.1e31: with two values per group the deviations are constant
    /// within each group. Also when every deviation is zero (R: NaN).
    @Test func constantDeviationsWithinGroupsAreRefused() {
        let error = StatisticsError.zeroVariance(what: "within every group, the absolute deviations from the group median")
        #expect(throws: error) { try leveneMedianTest([[1, 3], [1, 5]]) }
        #expect(throws: error) { try leveneMedianTest([[0.1, 0.7], [1, 5]]) }
        #expect(throws: error) { try leveneMedianTest([[2], [3, 3, 3]]) }
    }

    @Test func nonFiniteValuesAreRefused() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values of group 2")) {
            try leveneMedianTest([[1, 2, 3], [1, .nan, 4]])
        }
    }

    /// The test depends only on the deviations: shifting one group leaves F unchanged, and the order of the
    /// groups does not matter.
    @Test func invariantToGroupShiftsAndOrder() throws {
        let groups = try #require(Self.inputs["lev-three-unequal"])
        let base = try leveneMedianTest(groups)
        let shifted = try leveneMedianTest([groups[0].map { $0 + 100 }, groups[1], groups[2]])
        let reordered = try leveneMedianTest([groups[2], groups[0], groups[1]])
        #expect(relativeError(shifted.statistic, base.statistic) < 1e-10)
        #expect(relativeError(reordered.statistic, base.statistic) < 1e-12)
        #expect(reordered.sampleSizes == [groups[2].count, groups[0].count, groups[1].count])
    }
}
