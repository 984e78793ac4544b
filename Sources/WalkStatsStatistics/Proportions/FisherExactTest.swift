import Foundation

/// Fisher's exact test of the 2×2 table of responders (arm x₁ of n₁, reference x₂ of n₂), with the
/// conditional maximum-likelihood odds ratio and its exact conditional interval, as R's `fisher.test`.
///
/// Conditional on the margins, the count X in the [1, 1] cell follows the noncentral hypergeometric
/// distribution with odds ratio ψ over the support k = lo … hi:
///
/// ```
/// m = n₁, n = n₂, s = x₁ + x₂,  lo = max(0, s − n),  hi = min(s, m)
/// P(X = k; ψ) = C(m, k)·C(n, s − k)·ψᵏ / Σⱼ C(m, j)·C(n, s − j)·ψʲ
/// p-value (two-sided) = Σ P(X = k; 1) over k with P(X = k; 1) ≤ P(X = x₁; 1)·(1 + 10⁻⁷)
/// OR (conditional MLE): E[X; ψ] = x₁      (0 when x₁ = lo, ∞ when x₁ = hi)
/// lower limit: P(X ≥ x₁; ψ) = α/2         (0 when x₁ = lo)
/// upper limit: P(X ≤ x₁; ψ) = α/2         (∞ when x₁ = hi)
/// ```
///
/// The weights are computed in log space: log C(m, k)·C(n, s − k) relative to k = lo by summing the logs
/// of the ratios (m − k)(s − k) / ((k + 1)(n − s + k + 1)), then, for each ψ, k·log ψ is added, the maximum
/// subtracted before exponentiating and the result normalised (R's `dnhyper`). The roots are found by
/// ``RootFinding`` on R's own parametrisations (ψ = t on [0, 1] when the root is below 1, ψ = 1/t on
/// [ε, 1] otherwise) but to machine precision rather than `uniroot`'s default tolerance.
///
/// *Matches R:* `fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2), conf.level = level)`: `$p.value`,
/// `$estimate`, `$conf.int`. The p-value agrees to rounding. R finds the estimate and limits with
/// `uniroot` at its default tol = ε^¼ ≈ 1.2 × 10⁻⁴ on the t scale, so R's printed values are only that
/// accurate (e.g. an upper limit of 1039.3 where the root is 1047.8); these functions return the roots to
/// machine precision, checked against the same R functions run with `uniroot(tol = .Machine$double.xmin)`.
///
/// *References:* Fisher RA (1935), The logic of inductive inference. JRSS 98:39–82.
/// Cornfield J (1956), A statistical problem arising from retrospective studies. Proc. Third Berkeley
/// Symp. 4:135–148 (the exact conditional interval). Agresti A (2002), Categorical Data Analysis, 2nd
/// ed., §3.5.
///
/// *Deviations:* the estimate and limits are more accurate than R's (see above). When the support has one
/// point (no responders at all, or only responders), R's rule x₁ = lo gives OR = 0 and the interval
/// [0, ∞]; that is kept, for agreement with R, although the odds ratio is then not identifiable.
///
/// - Returns: a result named ``TestName/fisherExact``; estimate = the conditional MLE odds ratio (may be 0
///   or +∞), interval = the exact conditional interval (lower may be 0, upper +∞); statistic = x₁, the
///   count the test conditions on (R reports no statistic); no degrees of freedom.
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``, ``StatisticsError/invalidRequest(_:)`` if a
///   root search fails to converge.
public func fisherExactTest(_ arm: ResponderCount, _ reference: ResponderCount,
                            confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let table = NoncentralHypergeometric(arm: arm, reference: reference)
    let x = arm.responders
    let alpha = (1 - confidenceLevel) / 2
    return HypothesisTestResult(
        name: .fisherExact, method: "Fisher's Exact Test for Count Data", statistic: Double(x),
        pValue: table.twoSidedPValue(x), estimate: try table.conditionalMLE(x),
        confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: try table.lowerLimit(x, alpha: alpha),
                                               upper: try table.upperLimit(x, alpha: alpha)),
        sampleSizes: [arm.participants, reference.participants])
}

/// The noncentral hypergeometric distribution of the [1, 1] cell of a 2×2 table with fixed margins
/// (formulas at ``fisherExactTest(_:_:confidenceLevel:)``), following R's `fisher.test` internals
/// (`dnhyper`, `mnhyper`, `pnhyper`, `mle`, `ncp.L`, `ncp.U`).
struct NoncentralHypergeometric {
    /// The smallest and largest possible count.
    let lo: Int, hi: Int
    /// log C(m, k)·C(n, s − k) − log C(m, lo)·C(n, s − lo) for k = lo … hi.
    let logWeights: [Double]

    init(arm: ResponderCount, reference: ResponderCount) {
        let m = arm.participants, n = reference.participants, s = arm.responders + reference.responders
        lo = max(0, s - n)
        hi = min(s, m)
        var weights = [0.0]
        var k = lo
        while k < hi {
            let numerator = Double(m - k) * Double(s - k)
            let denominator = Double(k + 1) * Double(n - s + k + 1)
            weights.append(weights[weights.count - 1] + log(numerator) - log(denominator))
            k += 1
        }
        logWeights = weights
    }

    /// P(X = k; ψ) for k = lo … hi, for 0 < ψ < ∞ (R's `dnhyper`).
    func probabilities(_ psi: Double) -> [Double] {
        let logPsi = log(psi)
        let logs = logWeights.enumerated().map { $0.element + logPsi * Double(lo + $0.offset) }
        let top = logs.max()!
        let terms = logs.map { exp($0 - top) }
        let total = terms.reduce(0, +)
        return terms.map { $0 / total }
    }

    /// E[X; ψ] (R's `mnhyper`).
    func mean(_ psi: Double) -> Double {
        if psi == 0 { return Double(lo) }
        if psi == .infinity { return Double(hi) }
        return probabilities(psi).enumerated().reduce(0) { $0 + Double(lo + $1.offset) * $1.element }
    }

    /// P(X ≤ q; ψ), or P(X ≥ q; ψ) with `upperTail` (R's `pnhyper`).
    func cumulative(_ q: Int, _ psi: Double, upperTail: Bool) -> Double {
        if psi == 0 { return (upperTail ? q <= lo : q >= lo) ? 1 : 0 }
        if psi == .infinity { return (upperTail ? q <= hi : q >= hi) ? 1 : 0 }
        return probabilities(psi).enumerated()
            .filter { upperTail ? lo + $0.offset >= q : lo + $0.offset <= q }
            .reduce(0) { $0 + $1.element }
    }

    /// R's two-sided p-value: the probabilities at ψ = 1 no larger than the observed one × (1 + 10⁻⁷).
    func twoSidedPValue(_ x: Int) -> Double {
        let d = probabilities(1)
        let observed = d[x - lo] * (1 + 1e-7)
        return d.filter { $0 <= observed }.reduce(0, +)
    }

    /// The conditional MLE: E[X; ψ] = x (R's `mle`).
    func conditionalMLE(_ x: Int) throws -> Double {
        if x == lo { return 0 }
        if x == hi { return .infinity }
        let mu = mean(1)
        if mu > x.asDouble { return try root { mean($0) - x.asDouble } }
        if mu < x.asDouble { return 1 / (try reciprocalRoot { mean(1 / $0) - x.asDouble }) }
        return 1
    }

    /// The lower limit: P(X ≥ x; ψ) = α (R's `ncp.L`).
    func lowerLimit(_ x: Int, alpha: Double) throws -> Double {
        if x == lo { return 0 }
        let p = cumulative(x, 1, upperTail: true)
        if p > alpha { return try root { cumulative(x, $0, upperTail: true) - alpha } }
        if p < alpha { return 1 / (try reciprocalRoot { cumulative(x, 1 / $0, upperTail: true) - alpha }) }
        return 1
    }

    /// The upper limit: P(X ≤ x; ψ) = α (R's `ncp.U`).
    func upperLimit(_ x: Int, alpha: Double) throws -> Double {
        if x == hi { return .infinity }
        let p = cumulative(x, 1, upperTail: false)
        if p < alpha { return try root { cumulative(x, $0, upperTail: false) - alpha } }
        if p > alpha { return 1 / (try reciprocalRoot { cumulative(x, 1 / $0, upperTail: false) - alpha }) }
        return 1
    }

    /// A root of f on [0, 1], to machine precision.
    private func root(_ f: (Double) -> Double) throws -> Double {
        try brent(lower: 0, upper: 1, f)
    }

    /// A root of f on [ε, 1] (f is evaluated at 1/t), to machine precision.
    private func reciprocalRoot(_ f: (Double) -> Double) throws -> Double {
        try brent(lower: Double.ulpOfOne, upper: 1, f)
    }

    private func brent(lower: Double, upper: Double, _ f: (Double) -> Double) throws -> Double {
        let result = RootFinding.brent(lower: lower, upper: upper, valueAtLower: f(lower), valueAtUpper: f(upper),
                                       tolerance: Double.leastNormalMagnitude, maximumIterations: 1000, f)
        guard result.converged else {
            throw StatisticsError.invalidRequest("the conditional odds-ratio root search did not converge")
        }
        return result.location
    }
}

private extension Int {
    var asDouble: Double { Double(self) }
}
