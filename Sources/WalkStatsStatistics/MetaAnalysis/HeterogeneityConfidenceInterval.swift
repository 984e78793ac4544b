import WalkStatsGSL

/// The Q-profile confidence interval of τ² and the matching intervals of τ, I² and H², as
/// `confint(rma(...))` reports them in its `random` table.
///
/// ```
/// Q(τ²) = Σ w_i (y_i − μ̂(τ²))²,   w_i = 1/(v_i + τ²),  μ̂(τ²) = Σ w_i y_i / Σ w_i     (decreasing in τ²)
/// lower bound: Q(τ²) = χ²_{k−1, 1 − α/2}         upper bound: Q(τ²) = χ²_{k−1, α/2}
/// searched on [0, L],  L = max(100, 10 τ̂²)  (metafor's tau2.max)
/// τ bounds = √(τ² bounds),  I² bounds = 100 τ²/(vt + τ²),  H² bounds = τ²/vt + 1   (vt: typical variance)
/// ```
///
/// Bounds that are not roots, exactly as `confint.rma.uni` decides them:
/// - Q(0) < χ²_{k−1, α/2}: even τ² = 0 makes the effects more homogeneous than expected; both bounds
///   are 0 and the interval is the null set (metafor's `ci.null`, printed "null set").
/// - otherwise Q(0) < χ²_{k−1, 1−α/2}: the lower bound is 0.
/// - Q(L) > χ²_{k−1, α/2}: the upper bound lies beyond the search limit and is reported as L (printed
///   "> L"); Q(L) > χ²_{k−1, 1−α/2}: both bounds lie beyond it and both are L.
///
/// metafor finds the roots with `uniroot(tol = 1.2e-4)` (absolute); WalkStats runs Brent's method to full
/// precision, so its bounds equal `confint(fit, control = list(tol = 1e-15))`.
///
/// *References:* Viechtbauer W (2007), Confidence intervals for the amount of heterogeneity in
/// meta-analysis. Statistics in Medicine 26(1):37–52. doi:10.1002/sim.2514
public struct HeterogeneityConfidenceInterval: Sendable, Equatable {
    /// How a bound was determined.
    public enum Bound: String, Sendable, Equatable {
        /// A root of the Q-profile inside the search range.
        case root
        /// 0: Q(0) is already below the critical value (metafor: the bound equals `tau2.min` = 0).
        case zero
        /// Beyond the search limit ``searchLimit``; the bound is reported as the limit (metafor prints
        /// `>` before it).
        case beyondSearchLimit
    }

    /// The confidence level, such as 0.95.
    public let level: Double
    /// τ² bounds (metafor `confint(fit)$random["tau^2", c("ci.lb", "ci.ub")]`).
    public let tau2Lower: Double
    /// See ``tau2Lower``.
    public let tau2Upper: Double
    /// τ bounds, √ of the τ² bounds (`["tau", ]`).
    public let tauLower: Double
    /// See ``tauLower``.
    public let tauUpper: Double
    /// I² bounds in percent (`["I^2(%)", ]`).
    public let i2Lower: Double
    /// See ``i2Lower``.
    public let i2Upper: Double
    /// H² bounds (`["H^2", ]`).
    public let h2Lower: Double
    /// See ``h2Lower``.
    public let h2Upper: Double
    /// How the lower bound was found (metafor `lb.sign`).
    public let lowerBound: Bound
    /// How the upper bound was found (metafor `ub.sign`).
    public let upperBound: Bound
    /// The interval is empty: Q(0) is below the lower critical value (metafor `ci.null`).
    public let isNullSet: Bool
    /// The upper end of the search range, max(100, 10 τ̂²) (metafor `tau2.max`).
    public let searchLimit: Double

    /// Creates an interval (for callers that assemble their own).
    public init(level: Double, tau2Lower: Double, tau2Upper: Double, tauLower: Double, tauUpper: Double,
                i2Lower: Double, i2Upper: Double, h2Lower: Double, h2Upper: Double, lowerBound: Bound,
                upperBound: Bound, isNullSet: Bool, searchLimit: Double) {
        self.level = level
        self.tau2Lower = tau2Lower
        self.tau2Upper = tau2Upper
        self.tauLower = tauLower
        self.tauUpper = tauUpper
        self.i2Lower = i2Lower
        self.i2Upper = i2Upper
        self.h2Lower = h2Lower
        self.h2Upper = h2Upper
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isNullSet = isNullSet
        self.searchLimit = searchLimit
    }

    /// The Q-profile interval for the intercept-only model `model` with estimate `tau2` and typical
    /// within-study variance `typicalVariance`.
    static func qProfile(_ model: MetaRegression, tau2: Double, typicalVariance: Double,
                         confidenceLevel: Double) throws -> HeterogeneityConfidenceInterval {
        let alpha = 1 - confidenceLevel
        let chiSquared = try ChiSquaredDistribution(degreesOfFreedom: Double(model.residualDegreesOfFreedom))
        let criticalUpper = try chiSquared.upperQuantile(alpha / 2)
        let criticalLower = try chiSquared.quantile(alpha / 2)
        let limit = max(100, 10 * tau2)
        let qAtZero = try model.generalizedQ(tau2: 0)
        let qAtLimit = try model.generalizedQ(tau2: limit)

        func root(_ critical: Double, _ what: String) throws -> Double {
            let metafor = model.convergence == .metaforDefault
            return try MetaRegression.root(lower: 0, upper: limit, valueAtLower: qAtZero - critical,
                                           valueAtUpper: qAtLimit - critical,
                                           tolerance: metafor ? MetaRegression.metaforTolerance : 0,
                                           maximumIterations: MetaRegression.maximumRootIterations, what: what) {
                try model.generalizedQ(tau2: $0) - critical
            }
        }

        var lower = 0.0, upper = 0.0
        var lowerKind = Bound.zero, upperKind = Bound.zero
        var isNullSet = false
        if qAtZero < criticalLower {
            isNullSet = true
        } else if qAtLimit > criticalLower {
            (upper, upperKind) = (limit, .beyondSearchLimit)
        } else {
            (upper, upperKind) = (try root(criticalLower, "the upper bound of tau^2"), .root)
        }
        if qAtLimit > criticalUpper {
            (lower, lowerKind) = (limit, .beyondSearchLimit)
            (upper, upperKind) = (limit, .beyondSearchLimit)
        } else if qAtZero < criticalUpper {
            (lower, lowerKind) = (0, .zero)
        } else {
            (lower, lowerKind) = (try root(criticalUpper, "the lower bound of tau^2"), .root)
        }
        return HeterogeneityConfidenceInterval(
            level: confidenceLevel, tau2Lower: lower, tau2Upper: upper,
            tauLower: lower.squareRoot(), tauUpper: upper.squareRoot(),
            i2Lower: 100 * lower / (typicalVariance + lower), i2Upper: 100 * upper / (typicalVariance + upper),
            h2Lower: lower / typicalVariance + 1, h2Upper: upper / typicalVariance + 1,
            lowerBound: lowerKind, upperBound: upperKind, isNullSet: isNullSet, searchLimit: limit)
    }
}
