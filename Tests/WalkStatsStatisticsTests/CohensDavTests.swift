import Testing
import WalkStats
import WalkStatsTestSupport

/// Cohen's d_av (average-SD standardiser) with the Algina & Keselman (2003) interval, against the
/// formula computed in R 4.2.2 (`Fixtures/within-subject/generate.R`): d_av = mean(to − from) /
/// ((sd(to) + sd(from)) / 2); bounds = the noncentrality roots of `pt(t, n − 1, ncp)` (R `uniroot`,
/// tol = 1e-13) times sd(d) / (√n · s_av). effectsize 0.8.3 has no `repeated_measures_d`, so there is
/// no package value to compare.
struct CohensDavTests {
    @Test func fixtureRecordsVersions() {
        let provenance = WithinSubjectFixture.reference.provenance
        #expect(provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(provenance.contains { $0.contains("effectsize 0.8.3 (has no repeated_measures_d)") })
        for dataset in WithinSubjectFixture.pairedDatasets {
            #expect(WithinSubjectFixture.paired[dataset] != nil, "paired.csv has no \(dataset)")
            #expect(WithinSubjectFixture.reference.values[dataset] != nil, "expected.csv has no \(dataset)")
        }
    }

    /// R: d_av and its Algina–Keselman interval from the formula (generate.R), levels 0.95 and 0.90.
    /// The value is arithmetic (1e-12 relative); the bounds are roots found to 1e-13 on both sides
    /// (1e-9 relative).
    @Test(arguments: WithinSubjectFixture.pairedDatasets, WithinSubjectFixture.levels)
    func matchesR(dataset: String, level: String) throws {
        let pairs = WithinSubjectFixture.paired[dataset]!
        let effect = try cohensDav(to: pairs.to, from: pairs.from, confidenceLevel: Double(level)!)
        func reference(_ field: String) -> Double { WithinSubjectFixture.value(dataset, "cohens_dav/\(level)/\(field)")! }
        #expect(effect.name == .cohensDav)
        #expect(effect.sampleSizes == [pairs.to.count])
        #expect(Double(pairs.to.count) == WithinSubjectFixture.value(dataset, "n"))
        #expect(effect.confidenceInterval!.level == Double(level)!)
        #expect(relativeError(effect.value, reference("value")) < 1e-12)
        #expect(relativeError(effect.confidenceInterval!.lower, reference("ci_low")) < 1e-9)
        #expect(relativeError(effect.confidenceInterval!.upper, reference("ci_high")) < 1e-9)
    }

    /// d_av and d_z share the numerator and the t statistic: d_av / d_z = sd(d) / s_av, and the bounds
    /// are the same noncentrality bounds, so they scale by the same ratio.
    @Test func scalesFromDz() throws {
        let pairs = WithinSubjectFixture.paired["ties-unequal-sd"]!
        let dav = try cohensDav(to: pairs.to, from: pairs.from)
        let dz = try cohensDz(to: pairs.to, from: pairs.from)
        let ratio = dav.value / dz.value
        #expect(relativeError(dav.confidenceInterval!.lower, dz.confidenceInterval!.lower * ratio) < 1e-12)
        #expect(relativeError(dav.confidenceInterval!.upper, dz.confidenceInterval!.upper * ratio) < 1e-12)
    }

    /// Swapping the conditions negates d_av and mirrors the interval.
    @Test func swappingConditionsMirrorsTheInterval() throws {
        let pairs = WithinSubjectFixture.paired["negative-correlation"]!
        let forward = try cohensDav(to: pairs.to, from: pairs.from)
        let backward = try cohensDav(to: pairs.from, from: pairs.to)
        #expect(relativeError(backward.value, -forward.value) < 1e-14)
        #expect(relativeError(backward.confidenceInterval!.lower, -forward.confidenceInterval!.upper) < 1e-10)
        #expect(relativeError(backward.confidenceInterval!.upper, -forward.confidenceInterval!.lower) < 1e-10)
    }

    /// One condition constant is allowed (s_av > 0); constant differences are not.
    @Test func oneConstantCondition() throws {
        let effect = try cohensDav(to: [3, 5, 4, 6], from: [2, 2, 2, 2])
        // s_av = sd(3, 5, 4, 6) / 2, mean difference 2.5
        let sdTo = (5.0 / 3).squareRoot()
        #expect(relativeError(effect.value, 2.5 / (sdTo / 2)) < 1e-14)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.invalidRequest("paired values must have equal lengths, got 3 and 2")) {
            try cohensDav(to: [1, 2, 3], from: [1, 2])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 1)) {
            try cohensDav(to: [1], from: [2])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences")) {
            try cohensDav(to: [2, 3, 4], from: [1, 2, 3])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "paired values")) {
            try cohensDav(to: [1, .nan, 3], from: [1, 2, 4])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) {
            try cohensDav(to: [1, 2, 3], from: [1, 3, 2], confidenceLevel: 1)
        }
        #expect(throws: StatisticsError.self) { try cohensDav(to: [1e300, -1e300, 1e300], from: [0, 0, 1]) }
    }
}
