/// A method of adjusting a family of p-values for multiple testing, as R's `p.adjust` offers them.
///
/// The raw values are the spellings of the command line's flag. ``bh`` is R's `"BH"` (alias `"fdr"`):
/// the Benjamini–Hochberg step-up procedure, which controls the false discovery rate rather than the
/// family-wise error rate. ``rMethodName`` gives R's own spelling.
public enum PValueAdjustment: String, CaseIterable, Sendable {
    /// Holm's step-down procedure (R `"holm"`, `p.adjust`'s default): controls the family-wise error rate
    /// under any dependence and is never less powerful than Bonferroni.
    case holm
    /// Bonferroni's correction (R `"bonferroni"`): each p-value times the number of tests.
    case bonferroni
    /// Hochberg's step-up procedure (R `"hochberg"`): controls the family-wise error rate when the tests
    /// are independent or positively dependent.
    case hochberg
    /// The Benjamini–Hochberg procedure (R `"BH"`, also `"fdr"`): controls the false discovery rate.
    case bh
    /// No adjustment (R `"none"`): the p-values are returned unchanged.
    case none

    /// The method's name as R's `p.adjust(method =)` spells it: `"holm"`, `"bonferroni"`, `"hochberg"`,
    /// `"BH"`, `"none"`.
    public var rMethodName: String {
        switch self {
        case .holm: "holm"
        case .bonferroni: "bonferroni"
        case .hochberg: "hochberg"
        case .bh: "BH"
        case .none: "none"
        }
    }

    /// A short description for reports, such as "Holm (1979) step-down".
    public var reportDescription: String {
        switch self {
        case .holm: "Holm (1979) step-down"
        case .bonferroni: "Bonferroni"
        case .hochberg: "Hochberg (1988) step-up"
        case .bh: "Benjamini–Hochberg (1995) false discovery rate"
        case .none: "no adjustment"
        }
    }
}

/// Adjusts a family of p-values for multiple testing; the result is in the input's order.
///
/// ```
/// n = number of p-values; p_(1) ≤ … ≤ p_(n) sorted ascending, p_(i) the i-th smallest
/// bonferroni:  p̃_j = min(1, n·p_j)
/// holm:        p̃_(i) = min(1, max_{s ≤ i} (n − s + 1)·p_(s))          (step-down)
/// hochberg:    p̃_(i) = min(1, min_{s ≥ i} (n − s + 1)·p_(s))          (step-up)
/// bh:          p̃_(i) = min(1, min_{s ≥ i} (n / s)·p_(s))
/// none:        p̃_j = p_j
/// ```
///
/// Tied p-values receive the same adjusted value, whatever order the ties are taken in. A single
/// p-value (n = 1) and an empty family are returned unchanged, as in R.
///
/// *Assumptions.* Holm and Bonferroni hold under any dependence between the tests; Hochberg and
/// Benjamini–Hochberg need independent or positively dependent tests.
///
/// *Missing values.* None accepted. R's `p.adjust` passes `NA` through (and counts only the non-missing
/// values in n); WalkStats refuses a NaN instead, so that a missing p-value cannot silently shrink the
/// family.
///
/// *Matches R:* `p.adjust(p, method = m)` with the default `n = length(p)`, where m is
/// ``PValueAdjustment/rMethodName``.
///
/// *References:*
/// - Holm S (1979), A simple sequentially rejective multiple test procedure. Scandinavian Journal of
///   Statistics 6(2):65–70.
/// - Hochberg Y (1988), A sharper Bonferroni procedure for multiple tests of significance. Biometrika
///   75(4):800–802. doi:10.1093/biomet/75.4.800
/// - Benjamini Y, Hochberg Y (1995), Controlling the false discovery rate: a practical and powerful
///   approach to multiple testing. Journal of the Royal Statistical Society B 57(1):289–300.
///   doi:10.1111/j.2517-6161.1995.tb02031.x
///
/// - Parameters:
///   - pValues: the unadjusted p-values of one family of tests, each in [0, 1].
///   - method: the adjustment.
/// - Returns: the adjusted p-values, one per input, in the same order, each in [0, 1].
/// - Throws: ``StatisticsError/nonFiniteInput(what:)`` for a NaN, and ``StatisticsError/invalidRequest(_:)``
///   for a value outside [0, 1] (R would return adjusted values above 1 or below 0 without complaint).
/// - Complexity: O(n log n).
public func adjustPValues(_ pValues: [Double], method: PValueAdjustment) throws -> [Double] {
    for (index, p) in pValues.enumerated() {
        guard !p.isNaN else { throw StatisticsError.nonFiniteInput(what: "the p-values (p-value \(index + 1) is NaN)") }
        guard p >= 0, p <= 1 else {
            throw StatisticsError.invalidRequest("p-values must lie in [0, 1], but p-value \(index + 1) is \(p)")
        }
    }
    let n = pValues.count
    guard n > 1 else { return pValues }
    let count = Double(n)
    // Ranks of the ascending order; a stable sort keeps the result independent of how ties are broken.
    let ascending = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
    var adjusted = pValues
    switch method {
    case .none:
        break
    case .bonferroni:
        adjusted = pValues.map { min(1, count * $0) }
    case .holm:
        var running = 0.0
        for (rank, index) in ascending.enumerated() {
            running = max(running, Double(n - rank) * pValues[index])
            adjusted[index] = min(1, running)
        }
    case .hochberg, .bh:
        var running = Double.infinity
        for (rank, index) in ascending.enumerated().reversed() {
            let i = rank + 1
            let scaled = method == .hochberg ? Double(n + 1 - i) * pValues[index] : count / Double(i) * pValues[index]
            running = min(running, scaled)
            adjusted[index] = min(1, running)
        }
    }
    return adjusted
}
