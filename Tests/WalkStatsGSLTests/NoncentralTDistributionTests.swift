import Testing
import WalkStatsGSL

/// Spot checks of ``NoncentralTDistribution`` with R 4.2.2 values written next to their call; the full
/// grid against `pt(q, df, ncp)` lives in WalkStatsStatisticsTests (NoncentralTDistributionReferenceTests),
/// which has the fixture resources.
struct NoncentralTDistributionTests {
    /// R: sprintf("%.17g", pt(q, df, ncp)).
    @Test(arguments: [
        (2.0, 10.0, 1.0, 0.80761156253031108),      // pt(2, 10, 1)
        (-1.0, 5.0, -2.0, 0.84186435644320856),     // pt(-1, 5, -2)
        (-1.0, 5.0, 2.0, 0.0023163756541634273),    // pt(-1, 5, 2)
        (1.3, 7.0, 0.0, 0.88261608230381139),       // pt(1.3, 7, 0): the central t
    ])
    func matchesR(q: Double, df: Double, ncp: Double, expected: Double) throws {
        let p = try NoncentralTDistribution(degreesOfFreedom: df, noncentrality: ncp).cumulativeProbability(q)
        #expect(abs(p - expected) / expected < 1e-12, "pt(\(q), \(df), \(ncp)): WalkStats \(p), R \(expected)")
    }

    /// At t = 0 only Φ(−δ) remains: R pt(0, 3, 1.5) = pnorm(-1.5) = 0.066807201268858071.
    @Test func zeroIsTheNormalTail() throws {
        let p = try NoncentralTDistribution(degreesOfFreedom: 3, noncentrality: 1.5).cumulativeProbability(0)
        #expect(abs(p - 0.066807201268858071) < 1e-16)
    }

    @Test func limitsAndMonotonicity() throws {
        let distribution = try NoncentralTDistribution(degreesOfFreedom: 4, noncentrality: 2.5)
        #expect(try distribution.cumulativeProbability(.infinity) == 1)
        #expect(try distribution.cumulativeProbability(-.infinity) == 0)
        var previous = 0.0
        for q in stride(from: -10.0, through: 40, by: 0.25) {
            let p = try distribution.cumulativeProbability(q)
            #expect(p >= previous && p <= 1, "not a CDF at q = \(q)")
            previous = p
        }
        // Decreasing in the noncentrality, the property the confidence interval relies on.
        var last = 1.0
        for ncp in stride(from: -12.0, through: 12, by: 0.5) {
            let p = try NoncentralTDistribution(degreesOfFreedom: 6, noncentrality: ncp).cumulativeProbability(1.7)
            #expect(p <= last, "not decreasing at ncp = \(ncp)")
            last = p
        }
    }

    @Test func invalidParametersThrow() {
        #expect(throws: GSLError.self) { try NoncentralTDistribution(degreesOfFreedom: 0, noncentrality: 1) }
        #expect(throws: GSLError.self) { try NoncentralTDistribution(degreesOfFreedom: -3, noncentrality: 1) }
        #expect(throws: GSLError.self) { try NoncentralTDistribution(degreesOfFreedom: .infinity, noncentrality: 1) }
        #expect(throws: GSLError.self) { try NoncentralTDistribution(degreesOfFreedom: 5, noncentrality: .nan) }
        #expect(throws: GSLError.self) {
            try NoncentralTDistribution(degreesOfFreedom: 5, noncentrality: 1).cumulativeProbability(.nan)
        }
    }
}

/// ``SpecialFunctions`` against R 4.2.2 (`lgamma`, `lbeta`, `pbeta`), and GSL domain errors that must
/// come back as thrown errors, never an abort.
struct SpecialFunctionsTests {
    @Test func matchR() throws {
        #expect(abs(try SpecialFunctions.logGamma(0.5) - 0.57236494292470008) < 1e-15)              // lgamma(0.5)
        #expect(abs(try SpecialFunctions.logGamma(100.5) / 361.43554046777757 - 1) < 1e-14)         // lgamma(100.5)
        #expect(abs(try SpecialFunctions.logGamma(-0.5) - 1.2655121234846454) < 1e-14)              // lgamma(-0.5)
        #expect(abs(try SpecialFunctions.logBeta(0.5, 100) / -1.7289701552775227 - 1) < 1e-14)      // lbeta(0.5, 100)
        #expect(abs(try SpecialFunctions.regularizedIncompleteBeta(a: 0.5, b: 4, x: 0.3) - 0.89877848420613371) < 1e-14) // pbeta(0.3, 0.5, 4)
        #expect(try SpecialFunctions.regularizedIncompleteBeta(a: 2.5, b: 100, x: 0.999) == 1)      // pbeta(0.999, 2.5, 100)
        #expect(try SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 0) == 0)
        // Γ*(1) = e / √(2π) (R: exp(1) / sqrt(2 * pi)); Γ*(10⁴) by Stirling's series 1 + 1/(12x) + 1/(288x²),
        // where R's exp(lgamma(x) − …) loses 4e-12 to cancellation.
        #expect(abs(try SpecialFunctions.regulatedGamma(1) / 1.0844375514192277 - 1) < 1e-15)
        #expect(abs(try SpecialFunctions.regulatedGamma(10_000) - (1 + 1 / 120_000 + 1 / 288e8)) < 1e-14)
    }

    @Test func domainErrorsThrow() {
        #expect(throws: GSLError.self) { try SpecialFunctions.logGamma(-1) }       // a pole: GSL_EDOM
        #expect(throws: GSLError.self) { try SpecialFunctions.logGamma(0) }
        #expect(throws: GSLError.self) { try SpecialFunctions.logGamma(.nan) }
        #expect(throws: GSLError.self) { try SpecialFunctions.logBeta(0, 1) }
        #expect(throws: GSLError.self) { try SpecialFunctions.regulatedGamma(0) }
        #expect(throws: GSLError.self) { try SpecialFunctions.regularizedIncompleteBeta(a: 1, b: 1, x: 1.5) }
        #expect(throws: GSLError.self) { try SpecialFunctions.regularizedIncompleteBeta(a: -1, b: 1, x: 0.5) }
    }
}
