import WalkStatsGSL

/// The confidence interval of the noncentrality parameter λ of an F statistic by inverting the noncentral
/// F distribution, the method of R's `effectsize` for η², ω² and ε² (`effectsize:::.get_ncp_F`).
///
/// ```
/// given the observed f on (df1, df2) degrees of freedom and level 1 − α:
/// λ_low  solves  P(F ≤ f; df1, df2, λ_low)  = 1 − α/2,   λ_low  = 0 when P(F ≤ f; df1, df2, 0) ≤ 1 − α/2
/// λ_high solves  P(F ≤ f; df1, df2, λ_high) = α/2,       λ_high = 0 when P(F ≤ f; df1, df2, 0) ≤ α/2
/// ```
///
/// P(F ≤ f; λ) decreases strictly in λ, so each equation has at most one root on λ ≥ 0. It is bracketed
/// by [0, u] with u = max(1, 2·f·df1) doubled until P(F ≤ f; u) is below the target, then solved by
/// Brent's method to ``rootTolerance``.
///
/// *Differs from effectsize 0.8.3:* `.get_ncp_F` minimises |P(λ₁) − α/2| + |P(λ₂) − (1 − α/2)| with
/// `optim` (Nelder–Mead, `abstol = 1e-9`), which stops short of the roots: its η² and ω² bounds differ
/// from the exact ones by up to 2.8e-7 absolute (1.7e-6 relative) in the committed fixture. WalkStats
/// returns the exact roots, which agree with R's `uniroot(tol = 1e-13)` on R's `pf` to 1e-14 relative
/// on the bounds (see `Tests/WalkStatsStatisticsTests/Fixtures/omnibus/`).
///
/// *References:* Steiger JH (2004), Beyond the F test: effect size confidence intervals and tests of
/// close fit in the analysis of variance and contrast analysis. Psychological Methods 9(2):164–182.
/// doi:10.1037/1082-989X.9.2.164
enum NoncentralFInterval {
    /// The absolute tolerance on λ for Brent's method, scaled by max(1, f·df1).
    static let rootTolerance = 1e-13
    /// The most times the bracket's upper end is doubled.
    static let maximumBracketExpansions = 200
    /// The most evaluations Brent's method may take on the bracket.
    static let maximumIterations = 500

    /// (λ_low, λ_high) for the observed `f` ≥ 0 on (`numeratorDegreesOfFreedom`, `denominatorDegreesOfFreedom`)
    /// at `confidenceLevel`.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` if no root can be bracketed or found (not expected
    ///   for finite f), and ``GSLError`` from the distribution.
    static func noncentralityBounds(f: Double, numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double,
                                    confidenceLevel: Double) throws -> (lower: Double, upper: Double) {
        let alpha = 1 - confidenceLevel
        func root(_ probability: Double) throws -> Double {
            try self.root(f: f, numeratorDegreesOfFreedom: numeratorDegreesOfFreedom,
                          denominatorDegreesOfFreedom: denominatorDegreesOfFreedom, probability: probability)
        }
        return (lower: try root(1 - alpha / 2), upper: try root(alpha / 2))
    }

    /// The λ ≥ 0 with P(F ≤ f; df1, df2, λ) = `probability`, or 0 when P at λ = 0 is already at most that.
    static func root(f: Double, numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double,
                     probability: Double) throws -> Double {
        func excess(_ lambda: Double) throws -> Double {
            try NoncentralFDistribution(numeratorDegreesOfFreedom: numeratorDegreesOfFreedom,
                                        denominatorDegreesOfFreedom: denominatorDegreesOfFreedom,
                                        noncentrality: lambda).cumulativeProbability(f) - probability
        }
        let failure = StatisticsError.invalidRequest(
            "no noncentral F confidence bound found for F = \(f), df = (\(numeratorDegreesOfFreedom), "
                + "\(denominatorDegreesOfFreedom)), P = \(probability)")
        let atZero = try excess(0)
        if atZero <= 0 { return 0 }
        var upper = max(1, 2 * f * numeratorDegreesOfFreedom)
        var atUpper = try excess(upper)
        var lower = 0.0, atLower = atZero
        var expansions = 0
        while atUpper > 0 {
            expansions += 1
            guard expansions <= maximumBracketExpansions, upper.isFinite else { throw failure }
            (lower, atLower) = (upper, atUpper)
            upper *= 2
            atUpper = try excess(upper)
        }
        let root = try RootFinding.brent(lower: lower, upper: upper, valueAtLower: atLower, valueAtUpper: atUpper,
                                         tolerance: rootTolerance * max(1, f * numeratorDegreesOfFreedom),
                                         maximumIterations: maximumIterations, excess)
        guard root.converged else { throw failure }
        return root.location
    }
}
