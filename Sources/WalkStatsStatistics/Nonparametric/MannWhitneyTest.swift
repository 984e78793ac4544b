/// Wilcoxon rank-sum (Mann–Whitney) test of a location shift of 0 between two independent samples, with
/// the Hodges–Lehmann estimate of the shift `a − b` and its confidence interval, exactly as R computes them.
///
/// ```
/// r   = rank(a ∪ b)                           (average ranks for ties), m = |a|, n = |b|
/// W   = Σ_{i ∈ a} r_i − m(m+1)/2             (the number of pairs with a_i > b_j, ties counting ½)
///
/// exact (m < 50 and n < 50 without ties; or exact = true without ties):
///   p    = min(1, 2 · P(W' ≤ W))  if W ≤ mn/2,  else min(1, 2 · P(W' ≥ W)),  W' ~ rank-sum(m, n)
///   D    = the m·n differences a_i − b_j, sorted
///   est  = median(D)
///   q    = max(1, qwilcox(α/2, m, n)),  α = 1 − level
///   CI   = [D_q, D_{mn − q + 1}]  (1-based), achieved α* = 2 · P(W' ≤ q − 1);
///          when α* − α > α/2 the reported level is 1 − α*, otherwise the requested level (as R)
///
/// normal approximation (otherwise):
///   σ    = √( mn/12 · (m + n + 1 − Σ(t³ − t) / ((m + n)(m + n − 1))) )   t = sizes of tie groups
///   z    = (W − mn/2 − c) / σ,  c = sign(W − mn/2)/2 with the continuity correction, else 0
///   p    = 2 · min(Φ(z), 1 − Φ(z))
///   Z(μ) = the same z computed from a − μ and b
///   est  = root of Z(μ) = 0 on [min a − max b, max a − min b], Z here without the continuity
///          correction (as in R)
///   CI   = [root of Z(μ) = score{1−α/2}, root of Z(μ) = score{α/2}], an end of the search range when the
///          target is not bracketed
/// ```
///
/// The roots are found by `RootFinding` (Brent's method) with R's tolerance
/// (``RankTestDefaults/rootTolerance``, 1e-4) and iteration limit, so they are R's numbers, not a more
/// precise answer: Z is a step function and R's root is only as accurate as that tolerance.
///
/// *Assumptions.* Independent samples whose distributions differ at most by a shift. The exact p-value
/// and interval need untied values; otherwise the normal approximation is used, with the tie correction.
///
/// *Missing values.* None accepted (R drops NA values; WalkStats throws on NaN or infinity).
///
/// *Matches R:* `wilcox.test(a, b, conf.int = TRUE, conf.level = level, exact = exact,
/// correct = continuityCorrection)` (two-sided, mu = 0, R 4.2.2 `stats:::wilcox.test.default`):
/// `statistic` is W, `estimate` R's `difference in location`, `confidenceInterval.level` R's
/// `attr(conf.int, "conf.level")` (the achieved level, which R also announces with the warning
/// "Requested conf.level not achievable"), `method` R's method string.
///
/// *Differences from R.* When both samples are constant (with different values) in the normal
/// approximation, R's interval search meets an all-tied shift and R stops with "missing value where
/// TRUE/FALSE needed"; WalkStats returns R's statistic and p-value (those of `conf.int = FALSE`) with
/// `estimate == nil` and `confidenceInterval == nil`. When every value is the same, R's p-value is
/// `NaN` and this throws.
///
/// The normal quantiles come from GSL, which can differ from R's `qnorm` in the last bit at levels below
/// 0.85 (quantiles in AS 241's central region); the search over the step function may then take another
/// path, and the estimate and bounds differ from R's by up to R's tolerance (at most 3.5e-5 relative in
/// the fixtures; at levels of 0.85 and above every fixture value agrees with R to better than 1e-13).
///
/// *Related GSL documentation:* `gsl_cdf_ugaussian_P`, `gsl_cdf_ugaussian_Q`, `gsl_cdf_ugaussian_Pinv`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-gaussian-distribution). The exact
/// distribution is counted in Swift (`RankSumDistribution`).
///
/// *References:* Wilcoxon F (1945), Individual comparisons by ranking methods. Biometrics Bulletin
/// 1(6):80–83. doi:10.2307/3001968. Mann HB, Whitney DR (1947), On a test of whether one of two random
/// variables is stochastically larger than the other. Ann. Math. Statist. 18(1):50–60.
/// doi:10.1214/aoms/1177730491. Hodges JL, Lehmann EL (1963), Estimates of location based on rank tests.
/// Ann. Math. Statist. 34(2):598–611. doi:10.1214/aoms/1177704172. Bauer DF (1972), Constructing
/// confidence sets using rank statistics. JASA 67(339):687–690. doi:10.1080/01621459.1972.10481279.
/// Hollander M, Wolfe DA (1973), Nonparametric Statistical Methods, Wiley, §4.1–4.3.
///
/// - Parameters:
///   - a: the first sample (R's `x`).
///   - b: the second sample (R's `y`).
///   - confidenceLevel: the requested level, R's `conf.level` (default 0.95).
///   - exact: `true` for the exact distribution (used only without ties, as in R), `false` for the
///     normal approximation, `nil` (R's default) for exact when both samples have fewer than
///     ``RankTestDefaults/exactSampleSizeLimit`` (50) values.
///   - continuityCorrection: R's `correct` (default `true`): the ½ correction of the normal approximation.
/// - Returns: a result named ``TestName/mannWhitney``, statistic = W, no degrees of freedom,
///   estimate = the shift of `a` relative to `b`, `sampleSizes` = [m, n].
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when a sample is empty
///   (R: "not enough (non-missing) 'x' observations" / "not enough 'y' observations");
///   ``StatisticsError/zeroVariance(what:)`` when every value of both samples is the same (R: p-value
///   `NaN`); ``StatisticsError/nonFiniteInput(what:)``; ``StatisticsError/invalidConfidenceLevel(_:)``;
///   ``StatisticsError/invalidRequest(_:)`` when `exact: true` asks for samples whose exact distribution
///   does not fit in a `Double` (C(m+n, m) above about 1e308).
/// - Complexity: exact: O(m² n²) for the distribution and O(mn log mn) for the differences; normal
///   approximation: O((m + n) log(m + n)) per evaluation of Z, a few dozen evaluations.
public func mannWhitneyTest(_ a: [Double], _ b: [Double], confidenceLevel: Double = 0.95, exact: Bool? = nil,
                            continuityCorrection: Bool = true) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    guard a.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the first sample") }
    guard b.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the second sample") }
    guard !a.isEmpty else { throw StatisticsError.insufficientObservations(what: "values in the first sample", needed: 1, got: 0) }
    guard !b.isEmpty else { throw StatisticsError.insufficientObservations(what: "values in the second sample", needed: 1, got: 0) }

    let ranked = AverageRanks(a + b)
    let statistic = RankSumScore.statistic(ranked, firstCount: a.count)
    let limit = RankTestDefaults.exactSampleSizeLimit
    if exact ?? (a.count < limit && b.count < limit), !ranked.hasTies {
        return try exactRankSumTest(a, b, statistic: statistic, confidenceLevel: confidenceLevel)
    }
    return try normalRankSumTest(a, b, statistic: statistic, tieTerm: ranked.tieTerm, confidenceLevel: confidenceLevel,
                                 continuityCorrection: continuityCorrection)
}

/// W and its standardised form, shared by the statistic and the root searches.
private enum RankSumScore {
    /// Σ ranks of the first `firstCount` values − m(m+1)/2.
    static func statistic(_ ranked: AverageRanks, firstCount: Int) -> Double {
        var sum = 0.0
        for rank in ranked.ranks[..<firstCount] { sum += rank }
        let m = Double(firstCount)
        return sum - m * (m + 1) / 2
    }

    /// √(mn/12 · (m + n + 1 − Σ(t³ − t)/((m + n)(m + n − 1)))), 0 when every value is tied.
    static func sigma(m: Double, n: Double, tieTerm: Double) -> Double {
        ((m * n / 12) * ((m + n + 1) - tieTerm / ((m + n) * (m + n - 1)))).squareRoot()
    }

    /// R's `W(d)` inside `wilcox.test`: the continuity-corrected, tie-corrected z of `a − shift` against
    /// `b`. NaN when every shifted value is tied (σ = 0), as in R.
    static func standardized(_ a: [Double], _ b: [Double], shift: Double, continuityCorrection: Bool) -> Double {
        let ranked = AverageRanks(a.map { $0 - shift } + b)
        let (m, n) = (Double(a.count), Double(b.count))
        let centred = statistic(ranked, firstCount: a.count) - m * n / 2
        let correction = RankInference.continuityCorrection(centred, enabled: continuityCorrection)
        return (centred - correction) / sigma(m: m, n: n, tieTerm: ranked.tieTerm)
    }
}

/// The exact branch of `wilcox.test` for untied samples.
private func exactRankSumTest(_ a: [Double], _ b: [Double], statistic: Double,
                              confidenceLevel: Double) throws -> HypothesisTestResult {
    guard RankSumDistribution.canCount(m: a.count, n: b.count) else {
        throw StatisticsError.invalidRequest(
            "the exact rank-sum distribution for samples of \(a.count) and \(b.count) values is too large to count; use the normal approximation (exact: nil or false)")
    }
    let distribution = RankSumDistribution(m: a.count, n: b.count)
    let pValue = distribution.twoSidedPValue(Int(statistic))

    var differences: [Double] = []
    differences.reserveCapacity(distribution.maximum)
    for x in a { for y in b { differences.append(x - y) } }
    differences.sort()
    let interval = distribution.exactInterval(sortedCandidates: differences, confidenceLevel: confidenceLevel,
                                              roundAchievedAlpha: false)
    return HypothesisTestResult(
        name: .mannWhitney, method: "Wilcoxon rank sum exact test", statistic: statistic, pValue: pValue,
        estimate: SampleQuantile.median(sorted: differences), confidenceInterval: interval, sampleSizes: [a.count, b.count])
}

/// The normal-approximation branch of `wilcox.test` for two samples.
private func normalRankSumTest(_ a: [Double], _ b: [Double], statistic: Double, tieTerm: Double, confidenceLevel: Double,
                               continuityCorrection: Bool) throws -> HypothesisTestResult {
    let (m, n) = (Double(a.count), Double(b.count))
    let sigma = RankSumScore.sigma(m: m, n: n, tieTerm: tieTerm)
    guard sigma > 0 else { throw StatisticsError.zeroVariance(what: "the values of both samples together") }
    let centred = statistic - m * n / 2
    let z = (centred - RankInference.continuityCorrection(centred, enabled: continuityCorrection)) / sigma
    let pValue = try RankInference.twoSidedPValue(z)
    let method = continuityCorrection ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test"
    let sizes = [a.count, b.count]

    let lowest = a.min()! - b.max()!, highest = a.max()! - b.min()!
    let score = { (shift: Double) in RankSumScore.standardized(a, b, shift: shift, continuityCorrection: continuityCorrection) }
    let zLowest = score(lowest), zHighest = score(highest)
    guard zLowest.isFinite, zHighest.isFinite, lowest < highest else {
        // Both samples constant: R stops here ("missing value where TRUE/FALSE needed").
        return HypothesisTestResult(name: .mannWhitney, method: method, statistic: statistic, pValue: pValue,
                                    estimate: nil, confidenceInterval: nil, sampleSizes: sizes)
    }

    func root(_ target: Double) -> Double {
        // R's root(): an end of the range when the target is not bracketed.
        let atLowest = zLowest - target
        if atLowest <= 0 { return lowest }
        let atHighest = zHighest - target
        if atHighest >= 0 { return highest }
        return RootFinding.brent(lower: lowest, upper: highest, valueAtLower: atLowest, valueAtUpper: atHighest,
                                 tolerance: RankTestDefaults.rootTolerance, maximumIterations: RankTestDefaults.rootMaximumIterations,
                                 { score($0) - target }).location
    }

    let alpha = 1 - confidenceLevel
    let interval = ConfidenceInterval(level: confidenceLevel, lower: root(try RankInference.upperNormalQuantile(alpha / 2)),
                                      upper: root(try RankInference.lowerNormalQuantile(alpha / 2)))
    // R: uniroot(W, lower = mumin, upper = mumax) after `correct <- FALSE`; W reads `correct` when called,
    // so the estimate is the root of Z without the continuity correction. Z(min) ≥ 0 ≥ Z(max) holds here.
    let uncorrected = { (shift: Double) in RankSumScore.standardized(a, b, shift: shift, continuityCorrection: false) }
    let (atLowest, atHighest) = (uncorrected(lowest), uncorrected(highest))
    guard !(atLowest > 0 && atHighest > 0), !(atLowest < 0 && atHighest < 0) else {
        throw StatisticsError.invalidRequest("the rank-sum estimate is not bracketed (Z = \(atLowest) and \(atHighest) at the ends of the search range)")
    }
    let estimate = RootFinding.brent(lower: lowest, upper: highest, valueAtLower: atLowest, valueAtUpper: atHighest,
                                     tolerance: RankTestDefaults.rootTolerance,
                                     maximumIterations: RankTestDefaults.rootMaximumIterations, uncorrected).location
    return HypothesisTestResult(name: .mannWhitney, method: method, statistic: statistic, pValue: pValue,
                                estimate: estimate, confidenceInterval: interval, sampleSizes: sizes)
}
