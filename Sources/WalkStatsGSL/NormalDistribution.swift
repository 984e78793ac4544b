import CGSL

/// The standard normal distribution, evaluated by GSL (`gsl_cdf_ugaussian_*`).
///
/// Related GSL documentation: https://www.gnu.org/software/gsl/doc/html/randist.html#the-gaussian-distribution
public enum NormalDistribution {
    /// P(Z ≤ z), R's `pnorm(z)`.
    /// - Throws: ``GSLError`` when `z` is NaN.
    public static func cumulativeProbability(_ z: Double) throws -> Double {
        try checked(z, gsl_cdf_ugaussian_P(z), "gsl_cdf_ugaussian_P")
    }

    /// P(Z > z), R's `pnorm(z, lower.tail = FALSE)`, accurate in the far upper tail.
    /// - Throws: ``GSLError`` when `z` is NaN.
    public static func survivalProbability(_ z: Double) throws -> Double {
        try checked(z, gsl_cdf_ugaussian_Q(z), "gsl_cdf_ugaussian_Q")
    }

    /// The quantile z with P(Z ≤ z) = p, R's `qnorm(p)`; ±infinity at p = 0 and 1.
    /// - Throws: ``GSLError`` when p is outside [0, 1] or NaN.
    public static func quantile(_ p: Double) throws -> Double {
        GSLRuntime.prepare()
        try GSLInputChecks.probabilityArgument(p, function: "gsl_cdf_ugaussian_Pinv", inputs: "P=\(p)")
        return gsl_cdf_ugaussian_Pinv(p)
    }

    private static func checked(_ z: Double, _ value: Double, _ function: String) throws -> Double {
        GSLRuntime.prepare()
        return try GSLInputChecks.probability(value, of: z, function: function, inputs: "x=\(z)")
    }
}
