import Testing
import WalkStats
import WalkStatsTestSupport

/// The participant-level t-tests and effect sizes reduce the data to (mean, SD, n) and call the same
/// cores as the summary-level functions, so both paths agree on the same numbers (to 1e-12 relative;
/// they are in fact identical). R: `t.test(a, b)`, `t.test(a, b, var.equal = TRUE)`,
/// `t.test(to, from, paired = TRUE)`, `effectsize::cohens_d`/`hedges_g` on data equal their
/// summary-statistics formulas.
struct ParticipantSummaryAgreementTests {
    static let a = [12.1, 14.3, 9.8, 15.2, 11.7, 13.9, 10.4, 16.8, 12.5]
    static let b = [10.2, 9.1, 11.8, 8.4, 12.9, 9.7, 10.6]
    static let to = [5.0, 4.2, 6.1, 3.9, 5.5, 4.8, 6.4, 3.1]
    static let from = [6.2, 5.9, 6.0, 5.1, 6.8, 5.0, 7.7, 4.9]

    static func summary(_ values: [Double]) throws -> SummaryStatistics {
        SummaryStatistics(n: values.count, mean: try SampleStatistics.mean(values),
                          standardDeviation: try SampleStatistics.standardDeviation(values))
    }

    static func expectAgreement(_ participant: HypothesisTestResult, _ summary: HypothesisTestResult) {
        #expect(participant.name == summary.name)
        #expect(participant.method == summary.method)
        #expect(participant.sampleSizes == summary.sampleSizes)
        #expect(relativeError(participant.statistic, summary.statistic) <= 1e-12)
        #expect(relativeError(participant.degreesOfFreedom!, summary.degreesOfFreedom!) <= 1e-12)
        #expect(relativeError(participant.pValue, summary.pValue) <= 1e-12)
        #expect(relativeError(participant.estimate!, summary.estimate!) <= 1e-12)
        #expect(relativeError(participant.confidenceInterval!.lower, summary.confidenceInterval!.lower) <= 1e-12)
        #expect(relativeError(participant.confidenceInterval!.upper, summary.confidenceInterval!.upper) <= 1e-12)
    }

    static func expectAgreement(_ participant: EffectSize, _ summary: EffectSize) {
        #expect(participant.name == summary.name)
        #expect(participant.sampleSizes == summary.sampleSizes)
        #expect(relativeError(participant.value, summary.value) <= 1e-12)
        #expect(relativeError(participant.confidenceInterval!.lower, summary.confidenceInterval!.lower) <= 1e-12)
        #expect(relativeError(participant.confidenceInterval!.upper, summary.confidenceInterval!.upper) <= 1e-12)
    }

    @Test(arguments: [0.95, 0.90])
    func pairedAgrees(level: Double) throws {
        let differences = try Self.summary(zip(Self.to, Self.from).map { $0 - $1 })
        Self.expectAgreement(try pairedTTest(to: Self.to, from: Self.from, confidenceLevel: level),
                             try pairedTTest(differences: differences, confidenceLevel: level))
        Self.expectAgreement(try cohensDz(to: Self.to, from: Self.from, confidenceLevel: level),
                             try cohensDz(differences: differences, confidenceLevel: level))
    }

    @Test(arguments: [0.95, 0.90])
    func twoSampleTestsAndEffectSizesAgree(level: Double) throws {
        let (sa, sb) = (try Self.summary(Self.a), try Self.summary(Self.b))
        Self.expectAgreement(try welchTTest(Self.a, Self.b, confidenceLevel: level),
                             try welchTTest(summaryA: sa, summaryB: sb, confidenceLevel: level))
        Self.expectAgreement(try studentTTest(Self.a, Self.b, confidenceLevel: level),
                             try studentTTest(summaryA: sa, summaryB: sb, confidenceLevel: level))
        Self.expectAgreement(try cohensD(Self.a, Self.b, confidenceLevel: level),
                             try cohensD(summaryA: sa, summaryB: sb, confidenceLevel: level))
        Self.expectAgreement(try hedgesG(Self.a, Self.b, confidenceLevel: level),
                             try hedgesG(summaryA: sa, summaryB: sb, confidenceLevel: level))
    }

    /// The within-subject summary test with SD_diff from ρ is the paired test on a differences summary.
    @Test func withinSubjectUsesThePairedCore() throws {
        let (ca, cb) = (SummaryStatistics(n: 20, mean: 31.5, standardDeviation: 6.2),
                        SummaryStatistics(n: 20, mean: 28.9, standardDeviation: 5.4))
        let rho = 0.6
        let sdDiff = (6.2 * 6.2 + 5.4 * 5.4 - 2 * rho * 6.2 * 5.4).squareRoot()
        Self.expectAgreement(try pairedTTest(conditionA: ca, conditionB: cb, correlation: rho),
                             try pairedTTest(differences: SummaryStatistics(n: 20, mean: 31.5 - 28.9, standardDeviation: sdDiff)))
    }

    /// R: sd_pooled = sqrt(((9 - 1) * 2^2 + (7 - 1) * 3^2) / 14); Welch df of (2, 9), (3, 7) by hand.
    @Test func poolingFormulas() {
        let groups = [SummaryStatistics(n: 9, mean: 0, standardDeviation: 2), SummaryStatistics(n: 7, mean: 0, standardDeviation: 3)]
        #expect(relativeError(pooledVariance(groups), (8 * 4 + 6 * 9) / 14) <= 1e-15)
        #expect(relativeError(pooledStandardDeviation(groups), ((8 * 4 + 6 * 9) / 14.0).squareRoot()) <= 1e-15)
        let (va, vb) = (4.0 / 9, 9.0 / 7)
        let welch = welchSatterthwaite(groups)
        #expect(relativeError(welch.variance, va + vb) <= 1e-15)
        #expect(relativeError(welch.degreesOfFreedom, (va + vb) * (va + vb) / (va * va / 8 + vb * vb / 6)) <= 1e-15)
    }
}
