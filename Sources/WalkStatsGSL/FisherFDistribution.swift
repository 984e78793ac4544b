import CGSL

/// The F distribution with `numeratorDegreesOfFreedom` and `denominatorDegreesOfFreedom`, evaluated by GSL.
///
/// Related GSL documentation: https://www.gnu.org/software/gsl/doc/html/randist.html#the-f-distribution
public struct FisherFDistribution: Sendable {
    /// ν₁.
    public let numeratorDegreesOfFreedom: Double
    /// ν₂.
    public let denominatorDegreesOfFreedom: Double

    /// Creates the distribution.
    /// - Throws: ``GSLError`` when either degrees of freedom is not a finite number > 0.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws {
        for nu in [numeratorDegreesOfFreedom, denominatorDegreesOfFreedom] {
            try GSLInputChecks.degreesOfFreedom(nu, function: "gsl_cdf_fdist",
                                                inputs: "nu1=\(numeratorDegreesOfFreedom), nu2=\(denominatorDegreesOfFreedom)")
        }
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// P(F > f), R's `pf(f, df1, df2, lower.tail = FALSE)`.
    /// - Throws: ``GSLError`` when `f` is NaN or GSL returns no valid probability.
    public func survivalProbability(_ f: Double) throws -> Double {
        try GSLInputChecks.probability(gsl_cdf_fdist_Q(f, numeratorDegreesOfFreedom, denominatorDegreesOfFreedom), of: f,
                                       function: "gsl_cdf_fdist_Q",
                                       inputs: "x=\(f), nu1=\(numeratorDegreesOfFreedom), nu2=\(denominatorDegreesOfFreedom)")
    }
}
