import CGSL

/// Student's t distribution with `degreesOfFreedom` ν > 0 (not necessarily an integer, as Welch's
/// test needs), evaluated by GSL.
///
/// Accuracy: GSL's `gsl_cdf_tdist_*` agree with R's `pt`/`qt` to about 1e-15 relative error in the
/// range WalkStats uses.
///
/// Related GSL documentation: https://www.gnu.org/software/gsl/doc/html/randist.html#the-t-distribution
public struct StudentTDistribution: Sendable {
    /// The degrees of freedom ν.
    public let degreesOfFreedom: Double

    /// Creates the distribution.
    /// - Throws: ``GSLError`` when ν is not a finite positive number (GSL would silently return 1 or NaN).
    public init(degreesOfFreedom: Double) throws {
        try GSLInputChecks.degreesOfFreedom(degreesOfFreedom, function: "gsl_cdf_tdist", inputs: "nu=\(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T ≤ t), R's `pt(t, df)`.
    /// - Throws: ``GSLError`` when `t` is NaN or GSL returns a non-finite probability.
    public func cumulativeProbability(_ t: Double) throws -> Double {
        try checkedProbability(gsl_cdf_tdist_P(t, degreesOfFreedom), function: "gsl_cdf_tdist_P", t: t)
    }

    /// P(T > t), R's `pt(t, df, lower.tail = FALSE)`, accurate in the far upper tail.
    /// - Throws: ``GSLError`` when `t` is NaN or GSL returns a non-finite probability.
    public func survivalProbability(_ t: Double) throws -> Double {
        try checkedProbability(gsl_cdf_tdist_Q(t, degreesOfFreedom), function: "gsl_cdf_tdist_Q", t: t)
    }

    /// The quantile t with P(T ≤ t) = p, R's `qt(p, df)`; ±infinity at p = 0 and 1.
    /// - Throws: ``GSLError`` when p is outside [0, 1] or NaN.
    public func quantile(_ p: Double) throws -> Double {
        try GSLInputChecks.probabilityArgument(p, function: "gsl_cdf_tdist_Pinv", inputs: "P=\(p), nu=\(degreesOfFreedom)")
        let value = gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
        guard !value.isNaN else {
            throw GSLError(status: .domainError, function: "gsl_cdf_tdist_Pinv",
                           inputs: "P=\(p), nu=\(degreesOfFreedom)", reason: "GSL returned NaN")
        }
        return value
    }

    private func checkedProbability(_ value: Double, function: String, t: Double) throws -> Double {
        try GSLInputChecks.probability(value, of: t, function: function, inputs: "x=\(t), nu=\(degreesOfFreedom)")
    }
}
