import Foundation
import WalkStatsGSL

/// The settings of R's `wilcox.test` that WalkStats follows, named so the code says where its numbers
/// come from (R 4.2.2, `stats:::wilcox.test.default` and `uniroot`).
public enum RankTestDefaults {
    /// With `exact: nil`, the exact null distribution is used only below this sample size: for the
    /// signed-rank test when the number of non-zero differences is below it, for the rank-sum test when
    /// both samples are below it (R: `exact <- (n < 50)`, `exact <- (n.x < 50) && (n.y < 50)`). Ties,
    /// and zero differences in the signed-rank test, force the normal approximation whatever `exact` says.
    public static let exactSampleSizeLimit = 50
    /// The absolute tolerance of the root searches behind the normal-approximation estimate and
    /// confidence interval (R: `wilcox.test(tol.root = 1e-4)`).
    public static let rootTolerance = 1e-4
    /// The iteration limit of those root searches (R: `uniroot(maxiter = 1000)`).
    public static let rootMaximumIterations = 1000
}

/// The steps the two Wilcoxon tests share.
enum RankInference {
    /// R's continuity correction for a two-sided test: `sign(z) * 0.5`, or 0 when switched off.
    static func continuityCorrection(_ z: Double, enabled: Bool) -> Double {
        guard enabled, z != 0 else { return 0 }
        return z > 0 ? 0.5 : -0.5
    }

    /// The two-sided normal p-value `2 * min(pnorm(z), pnorm(z, lower.tail = FALSE))`.
    static func twoSidedPValue(_ z: Double) throws -> Double {
        2 * min(try NormalDistribution.cumulativeProbability(z), try NormalDistribution.survivalProbability(z))
    }

    /// `qnorm(p)`.
    static func lowerNormalQuantile(_ p: Double) throws -> Double {
        try NormalDistribution.quantile(p)
    }

    /// `qnorm(p, lower.tail = FALSE)`, computed as −qnorm(p) (R's own identity in the tails).
    static func upperNormalQuantile(_ p: Double) throws -> Double {
        -(try NormalDistribution.quantile(p))
    }

    /// R's `signif(x, digits)`: x rounded to `digits` significant decimal digits, halves to even, by
    /// scaling with a power of ten that is exact in floating point.
    static func roundedToSignificantDigits(_ x: Double, _ digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let magnitude = abs(x)
        let exponent = digits - 1 - Int(floor(log10(magnitude)))
        let rounded: Double
        if exponent > 0 {
            let scale = powerOfTen(exponent)
            rounded = (magnitude * scale).rounded(.toNearestOrEven) / scale
        } else {
            let scale = powerOfTen(-exponent)
            rounded = (magnitude / scale).rounded(.toNearestOrEven) * scale
        }
        return x < 0 ? -rounded : rounded
    }

    private static func powerOfTen(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
