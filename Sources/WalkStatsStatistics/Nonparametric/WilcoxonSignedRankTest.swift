/// Wilcoxon signed-rank test of `to − from` against a location shift of 0, with the Hodges–Lehmann
/// estimate (the pseudo-median of the differences) and its confidence interval, exactly as R computes them.
///
/// ```
/// d_i = to_i − from_i;  zero differences are dropped, n = number left
/// r_i = rank(|d_i|)                          (average ranks for ties)
/// V   = Σ_{d_i > 0} r_i
///
/// exact (n < 50, no ties, no zeros; or exact = true without ties or zeros):
///   p    = min(1, 2 · P(V' ≤ V))  if V ≤ n(n+1)/4,  else min(1, 2 · P(V' ≥ V)),  V' ~ signed-rank(n)
///   A    = the n(n+1)/2 Walsh averages (d_i + d_j)/2, i ≤ j, sorted
///   est  = median(A)
///   q    = max(1, qsignrank(α/2, n)),  α = 1 − level
///   CI   = [A_q, A_{n(n+1)/2 − q + 1}]  (1-based), achieved α* = 2 · P(V' ≤ q − 1);
///          when α* − α > α/2 the reported level is 1 − signif(α*, 2), otherwise the requested
///          level (as R: n = 5 at 0.95 reports 0.95 for an interval of exact coverage 1 − α* = 0.9375)
///
/// normal approximation (otherwise):
///   σ    = √( n(n+1)(2n+1)/24 − Σ(t³ − t)/48 )        t = sizes of groups of tied |d_i|
///   z    = (V − n(n+1)/4 − c) / σ,  c = sign(V − n(n+1)/4)/2 with the continuity correction, else 0
///   p    = 2 · min(Φ(z), 1 − Φ(z))
///   W(μ) = the same z computed from d_i − μ (zeros among them dropped)
///   est  = root of W(μ) = 0 on [min d, max d], W here without the continuity correction (as in R)
///   CI   = [root of W(μ) = z_{1−α/2}, root of W(μ) = z_{α/2}], with α doubled until both roots are
///          bracketed by [min d, max d]; if α had to grow, the reported level is 1 − min(1, α) and an
///          α ≥ 1 gives the degenerate interval [median(d), median(d)]
/// ```
///
/// The roots are found by `RootFinding` (Brent's method) with R's tolerance
/// (``RankTestDefaults/rootTolerance``, 1e-4) and iteration limit, so they are R's numbers, not a more
/// precise answer: W is a step function and R's root is only as accurate as that tolerance (and anywhere
/// on a stretch where W equals its target). A tighter tolerance would move these numbers away from R's.
///
/// *Assumptions.* Pairs are independent; the differences are symmetric about their median. The exact
/// p-value and interval need untied, non-zero differences; otherwise the normal approximation is used,
/// with the tie correction to σ.
///
/// *Missing values.* None accepted (R drops incomplete pairs; WalkStats expects complete pairs from
/// ``PairedValues`` and throws on NaN or infinity). Zero differences are dropped as R drops them.
///
/// *Matches R:* `wilcox.test(to, from, paired = TRUE, conf.int = TRUE, conf.level = level, exact = exact,
/// correct = continuityCorrection)` (two-sided, mu = 0, R 4.2.2 `stats:::wilcox.test.default`):
/// `statistic` is V, `estimate` R's `(pseudo)median`, `confidenceInterval.level` R's
/// `attr(conf.int, "conf.level")` (the achieved level, which R also announces with the warning
/// "requested conf.level not achievable"), `method` R's method string.
///
/// *Differences from R.* Where R returns a p-value but no interval (all non-zero differences equal, in
/// the normal approximation; R gives `NaN` bounds with conf.level 0), the result has
/// `confidenceInterval == nil` and R's estimate (its `midrange`, which is then the common difference).
/// Where R's p-value is `NaN` (every difference zero) or R stops (no pairs), this throws.
///
/// The normal quantiles come from GSL, which can differ from R's `qnorm` in the last bit at levels below
/// 0.85 (quantiles in AS 241's central region); the search over the step function may then take another
/// path, and the estimate and bounds differ from R's by up to R's tolerance (at most 3.5e-5 relative in
/// the fixtures; at levels of 0.85 and above every fixture value agrees with R to better than 1e-13).
///
/// *Related GSL documentation:* `gsl_cdf_ugaussian_P`, `gsl_cdf_ugaussian_Q`, `gsl_cdf_ugaussian_Pinv`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-gaussian-distribution). The exact
/// distribution is counted in Swift (`SignedRankDistribution`).
///
/// *References:* Wilcoxon F (1945), Individual comparisons by ranking methods. Biometrics Bulletin
/// 1(6):80–83. doi:10.2307/3001968. Hodges JL, Lehmann EL (1963), Estimates of location based on rank
/// tests. Ann. Math. Statist. 34(2):598–611. doi:10.1214/aoms/1177704172. Bauer DF (1972), Constructing
/// confidence sets using rank statistics. JASA 67(339):687–690. doi:10.1080/01621459.1972.10481279.
/// Hollander M, Wolfe DA (1973), Nonparametric Statistical Methods, Wiley, §3.1–3.2.
///
/// - Parameters:
///   - to: values at the later timepoint.
///   - from: values at the earlier timepoint, aligned with `to`.
///   - confidenceLevel: the requested level, R's `conf.level` (default 0.95).
///   - exact: `true` for the exact distribution (used only without ties or zero differences, as in R),
///     `false` for the normal approximation, `nil` (R's default) for exact when fewer than
///     ``RankTestDefaults/exactSampleSizeLimit`` (50) non-zero differences.
///   - continuityCorrection: R's `correct` (default `true`): the ½ correction of the normal approximation.
/// - Returns: a result named ``TestName/wilcoxonSignedRank``, statistic = V, no degrees of freedom,
///   estimate = the pseudo-median of `to − from`, `sampleSizes` = [number of non-zero differences], the
///   n of the signed-rank distribution (the number of pairs is `to.count`; the difference is the number
///   of zero differences R drops).
/// - Throws: ``StatisticsError/invalidRequest(_:)`` when the lengths differ, or when `exact: true` asks
///   for more than 1000 non-zero differences (2¹⁰⁰⁰ nears the largest `Double`);
///   ``StatisticsError/invalidConfidenceLevel(_:)``; ``StatisticsError/nonFiniteInput(what:)`` for NaN or
///   infinite values or differences; ``StatisticsError/insufficientObservations(what:needed:got:)`` with
///   no pairs (R: "not enough (non-missing) 'x' observations") or when every difference is zero (R: p-value
///   `NaN`).
/// - Complexity: exact: O(n³) for the distribution and O(n² log n) for the Walsh averages; normal
///   approximation: O(n log n) per evaluation of W, a few dozen evaluations.
public func wilcoxonSignedRankTest(to: [Double], from: [Double], confidenceLevel: Double = 0.95,
                                   exact: Bool? = nil, continuityCorrection: Bool = true) throws -> HypothesisTestResult {
    guard to.count == from.count else {
        throw StatisticsError.invalidRequest("paired values must have equal lengths, got \(to.count) and \(from.count)")
    }
    try ConfidenceInterval.validate(level: confidenceLevel)
    guard to.allSatisfy(\.isFinite), from.allSatisfy(\.isFinite) else {
        throw StatisticsError.nonFiniteInput(what: "paired values")
    }
    let differences = zip(to, from).map { $0 - $1 }
    guard differences.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the paired differences") }
    guard !differences.isEmpty else { throw StatisticsError.insufficientObservations(what: "pairs", needed: 1, got: 0) }

    let hasZeros = differences.contains(0)
    let x = differences.filter { $0 != 0 }
    guard !x.isEmpty else { throw StatisticsError.insufficientObservations(what: "non-zero differences", needed: 1, got: 0) }
    let ranked = AverageRanks(x.map { abs($0) })
    let statistic = SignedRankScore.positiveRankSum(x, ranked)

    if exact ?? (x.count < RankTestDefaults.exactSampleSizeLimit), !ranked.hasTies, !hasZeros {
        return try exactSignedRankTest(x, statistic: statistic, confidenceLevel: confidenceLevel)
    }
    return try normalSignedRankTest(x, statistic: statistic, tieTerm: ranked.tieTerm, confidenceLevel: confidenceLevel,
                                    continuityCorrection: continuityCorrection)
}

/// The sum of the ranks of the positive values and its standardised form, shared by the statistic and
/// the root searches.
private enum SignedRankScore {
    /// Σ ranks of |x_i| over x_i > 0.
    static func positiveRankSum(_ x: [Double], _ ranked: AverageRanks) -> Double {
        var sum = 0.0
        for (value, rank) in zip(x, ranked.ranks) where value > 0 { sum += rank }
        return sum
    }

    /// R's `W(d)` inside `wilcox.test`: the continuity-corrected, tie-corrected z of the differences
    /// shifted by `shift`, zeros dropped. NaN when every shifted difference is zero (σ = 0), as in R.
    static func standardized(_ x: [Double], shift: Double, continuityCorrection: Bool) -> Double {
        let shifted = x.map { $0 - shift }.filter { $0 != 0 }
        let ranked = AverageRanks(shifted.map { abs($0) })
        let n = Double(shifted.count)
        let centred = positiveRankSum(shifted, ranked) - n * (n + 1) / 4
        let sigma = (n * (n + 1) * (2 * n + 1) / 24 - ranked.tieTerm / 48).squareRoot()
        return (centred - RankInference.continuityCorrection(centred, enabled: continuityCorrection)) / sigma
    }
}

/// The exact branch of `wilcox.test` for untied, non-zero differences `x`.
private func exactSignedRankTest(_ x: [Double], statistic: Double, confidenceLevel: Double) throws -> HypothesisTestResult {
    let n = x.count
    guard n <= SignedRankDistribution.largestSize else {
        throw StatisticsError.invalidRequest(
            "the exact signed-rank distribution is available for at most \(SignedRankDistribution.largestSize) non-zero differences, got \(n); use the normal approximation (exact: nil or false)")
    }
    let distribution = SignedRankDistribution(n: n)
    let pValue = distribution.twoSidedPValue(Int(statistic))

    var walshAverages: [Double] = []
    walshAverages.reserveCapacity(distribution.maximum)
    for i in 0..<n { for j in i..<n { walshAverages.append((x[i] + x[j]) / 2) } }
    walshAverages.sort()
    let interval = distribution.exactInterval(sortedCandidates: walshAverages, confidenceLevel: confidenceLevel,
                                              roundAchievedAlpha: true)
    return HypothesisTestResult(
        name: .wilcoxonSignedRank, method: "Wilcoxon signed rank exact test", statistic: statistic, pValue: pValue,
        estimate: SampleQuantile.median(sorted: walshAverages), confidenceInterval: interval, sampleSizes: [n])
}

/// The normal-approximation branch of `wilcox.test` for non-zero differences `x`.
private func normalSignedRankTest(_ x: [Double], statistic: Double, tieTerm: Double, confidenceLevel: Double,
                                  continuityCorrection: Bool) throws -> HypothesisTestResult {
    let n = Double(x.count)
    let centred = statistic - n * (n + 1) / 4
    let sigma = (n * (n + 1) * (2 * n + 1) / 24 - tieTerm / 48).squareRoot()
    let z = (centred - RankInference.continuityCorrection(centred, enabled: continuityCorrection)) / sigma
    let pValue = try RankInference.twoSidedPValue(z)
    let method = continuityCorrection ? "Wilcoxon signed rank test with continuity correction" : "Wilcoxon signed rank test"

    let lowest = x.min()!, highest = x.max()!
    let w = { (shift: Double) in SignedRankScore.standardized(x, shift: shift, continuityCorrection: continuityCorrection) }
    let wLowest = w(lowest)
    let wHighest = wLowest.isFinite ? w(highest) : .nan
    guard wHighest.isFinite else {
        // Every difference is the same: R reports conf.int = c(NaN, NaN) and the midrange as estimate.
        return HypothesisTestResult(name: .wilcoxonSignedRank, method: method, statistic: statistic, pValue: pValue,
                                    estimate: (lowest + highest) / 2, confidenceInterval: nil, sampleSizes: [x.count])
    }

    func root(_ target: Double) -> Double {
        RootFinding.brent(lower: lowest, upper: highest, valueAtLower: wLowest - target, valueAtUpper: wHighest - target,
                          tolerance: RankTestDefaults.rootTolerance, maximumIterations: RankTestDefaults.rootMaximumIterations,
                          { w($0) - target }).location
    }

    // Widen α until both interval ends are bracketed by [min x, max x] (R's repeat loop).
    var alpha = 1 - confidenceLevel
    while true {
        let belowLowest = wLowest - (try RankInference.upperNormalQuantile(alpha / 2))
        let aboveHighest = wHighest - (try RankInference.lowerNormalQuantile(alpha / 2))
        guard belowLowest < 0 || aboveHighest > 0 else { break }
        alpha *= 2
    }
    var level = confidenceLevel
    if alpha >= 1 || 1 - confidenceLevel < alpha * 0.75 {
        // R: conf.level <- 1 - pmin(1, alpha); warning("requested conf.level not achievable")
        level = 1 - min(1, alpha)
    }
    let interval: ConfidenceInterval
    if alpha < 1 {
        interval = ConfidenceInterval(level: level, lower: root(try RankInference.upperNormalQuantile(alpha / 2)),
                                      upper: root(try RankInference.lowerNormalQuantile(alpha / 2)))
    } else {
        let median = SampleQuantile.median(sorted: x.sorted())
        interval = ConfidenceInterval(level: level, lower: median, upper: median)
    }
    // R sets `correct <- FALSE` before this search, and W reads `correct` when called: the estimate is
    // the root of W without the continuity correction, whatever `continuityCorrection` says.
    let uncorrected = { (shift: Double) in SignedRankScore.standardized(x, shift: shift, continuityCorrection: false) }
    let estimate = RootFinding.brent(lower: lowest, upper: highest, valueAtLower: uncorrected(lowest),
                                     valueAtUpper: uncorrected(highest), tolerance: RankTestDefaults.rootTolerance,
                                     maximumIterations: RankTestDefaults.rootMaximumIterations, uncorrected).location
    return HypothesisTestResult(name: .wilcoxonSignedRank, method: method, statistic: statistic, pValue: pValue,
                                estimate: estimate, confidenceInterval: interval, sampleSizes: [x.count])
}
