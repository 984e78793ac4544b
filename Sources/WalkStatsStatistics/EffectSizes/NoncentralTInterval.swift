import WalkStatsGSL

/// The confidence interval of a noncentrality parameter by inverting the noncentral t distribution,
/// the method of R's `effectsize` for Cohen's d and Hedges' g.
///
/// ```
/// given the observed t on df degrees of freedom and level 1 − α:
/// δ_low  solves  P(T ≤ t; df, δ_low)  = 1 − α/2
/// δ_high solves  P(T ≤ t; df, δ_high) = α/2
/// ```
///
/// P(T ≤ t; df, δ) decreases strictly in δ, so each equation has one root. It is bracketed by
/// stepping outwards from the normal approximation t + z · √(1 + t²/(2 df)) (z the normal quantile of
/// the target's complement), doubling the step, then solved by Brent's method to ``rootTolerance``.
///
/// *Differs from effectsize 0.8.3:* `effectsize:::.get_ncp_t` minimises
/// |P(δ₁) − α/2| + |P(δ₂) − (1 − α/2)| with `optim` (Nelder–Mead, `abstol = 1e-9`), which stops a little
/// short of the roots: its bounds differ from the exact roots by up to about 1e-5 relative (8.2e-6 in
/// the committed fixture), and move by about 2e-7 when t changes in its last bits. WalkStats returns the
/// exact roots, which agree with R's `uniroot(..., tol = 1e-13)` on R's `pt` to about 1e-13 relative in
/// the fixture (see `Tests/WalkStatsStatisticsTests/Fixtures/effect-sizes/README.md`).
///
/// *References:* Steiger JH, Fouladi RT (1997), Noncentrality interval estimation and the evaluation of
/// statistical models. In: Harlow, Mulaik, Steiger (eds), What If There Were No Significance Tests?
/// Erlbaum, 221–257. Cumming G, Finch S (2001), A primer on the understanding, use, and calculation of
/// confidence intervals that are based on central and noncentral distributions. Educational and
/// Psychological Measurement 61(4):532–574. doi:10.1177/0013164401614002
enum NoncentralTInterval {
    /// The absolute tolerance on δ for Brent's method, scaled by max(1, |t|) (the relative rounding
    /// term 2ε|δ| is added by the method). Far below the ~1e-12 accuracy of the CDF over its slope.
    static let rootTolerance = 1e-13

    /// The most times the initial bracket is widened (the step doubles each time).
    static let maximumBracketExpansions = 200
    /// The most evaluations Brent's method may take on the bracket (bisection alone reaches the tolerance
    /// of a finite bracket well within this).
    static let maximumIterations = 500

    /// (δ_low, δ_high) for the observed `t` on `degreesOfFreedom` at `confidenceLevel`.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` if no root can be bracketed or found (not
    ///   expected for finite t), and ``GSLError`` from the distribution.
    static func noncentralityBounds(t: Double, degreesOfFreedom: Double,
                                    confidenceLevel: Double) throws -> (lower: Double, upper: Double) {
        let alpha = 1 - confidenceLevel
        return (lower: try root(t: t, degreesOfFreedom: degreesOfFreedom, probability: 1 - alpha / 2),
                upper: try root(t: t, degreesOfFreedom: degreesOfFreedom, probability: alpha / 2))
    }

    /// The δ with P(T ≤ t; df, δ) = `probability`.
    static func root(t: Double, degreesOfFreedom: Double, probability: Double) throws -> Double {
        func excess(_ delta: Double) throws -> Double {
            try NoncentralTDistribution(degreesOfFreedom: degreesOfFreedom, noncentrality: delta)
                .cumulativeProbability(t) - probability
        }
        let spread = (1 + t * t / (2 * degreesOfFreedom)).squareRoot()
        let guess = t - (try NormalDistribution.quantile(probability)) * spread
        let failure = StatisticsError.invalidRequest(
            "no noncentral t confidence bound found for t = \(t), df = \(degreesOfFreedom), P = \(probability)")

        // excess decreases in δ: find lower with excess ≥ 0 and upper with excess ≤ 0.
        var step = 0.5 * spread
        var (lower, upper) = (guess - step, guess + step)
        var (fLower, fUpper) = (try excess(lower), try excess(upper))
        var expansions = 0
        while fLower < 0 || fUpper > 0 {
            expansions += 1
            guard expansions <= maximumBracketExpansions, lower.isFinite, upper.isFinite else { throw failure }
            step *= 2
            if fLower < 0 {
                (upper, fUpper) = (lower, fLower)
                lower -= step
                fLower = try excess(lower)
            } else {
                (lower, fLower) = (upper, fUpper)
                upper += step
                fUpper = try excess(upper)
            }
        }
        let root = try RootFinding.brent(lower: lower, upper: upper, valueAtLower: fLower, valueAtUpper: fUpper,
                                         tolerance: rootTolerance * max(1, abs(t)), maximumIterations: maximumIterations,
                                         excess)
        guard root.converged else { throw failure }
        return root.location
    }
}
