import Testing
import WalkStatsGSL

/// Spot checks of ``NoncentralFDistribution`` with R 4.2.2 values written next to their call; the full
/// grid against `pf(q, df1, df2, ncp)` lives in WalkStatsStatisticsTests
/// (NoncentralFDistributionReferenceTests), which has the fixture resources.
struct NoncentralFDistributionTests {
    /// R: sprintf("%.17g", pf(q, df1, df2, ncp)).
    @Test(arguments: [
        (2.0, 3.0, 20.0, 4.0, 0.47906954698890963),     // pf(2, 3, 20, 4)
        (0.7, 2.0, 10.0, 0.0, 0.48063133564018434),     // pf(0.7, 2, 10, 0) = pf(0.7, 2, 10)
        (30.0, 4.0, 12.0, 100.0, 0.58396679416845698),  // pf(30, 4, 12, 100): the series starts past j = 0
        (3.0, 1.0, 5.0, 0.5, 0.7784711464697206),       // pf(3, 1, 5, 0.5)
    ])
    func matchesR(q: Double, df1: Double, df2: Double, ncp: Double, expected: Double) throws {
        let p = try NoncentralFDistribution(numeratorDegreesOfFreedom: df1, denominatorDegreesOfFreedom: df2,
                                            noncentrality: ncp).cumulativeProbability(q)
        #expect(abs(p - expected) / expected < 1e-12, "pf(\(q), \(df1), \(df2), \(ncp)): WalkStats \(p), R \(expected)")
    }

    @Test func limitsAndMonotonicity() throws {
        let distribution = try NoncentralFDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 15,
                                                       noncentrality: 6)
        #expect(try distribution.cumulativeProbability(0) == 0)
        #expect(try distribution.cumulativeProbability(-1) == 0)
        #expect(try distribution.cumulativeProbability(.infinity) == 1)
        var previous = 0.0
        for q in stride(from: 0.0, through: 30, by: 0.25) {
            let p = try distribution.cumulativeProbability(q)
            #expect(p >= previous && p <= 1, "not a CDF at q = \(q)")
            previous = p
        }
        // Decreasing in the noncentrality, the property the confidence interval relies on.
        var last = 1.0
        for ncp in stride(from: 0.0, through: 80, by: 2) {
            let p = try NoncentralFDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 15,
                                                noncentrality: ncp).cumulativeProbability(4)
            #expect(p <= last, "not decreasing at ncp = \(ncp)")
            last = p
        }
    }
}
