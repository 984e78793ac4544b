import WalkStatsGSL

/// Levene's test of equal variances across k groups with median centring (the Brown–Forsythe
/// variant): a one-way ANOVA F test on the absolute deviations from each group's median.
///
/// ```
/// z_gi = |y_gi − median(y_g)|                   group g = 1…k, observation i = 1…n_g, N = Σ n_g
/// z̄_g  = mean of z_g·,  z̄ = mean of all z
/// SSB  = Σ_g n_g (z̄_g − z̄)²,   SSW = Σ_g Σ_i (z_gi − z̄_g)²
/// F    = (SSB / (k − 1)) / (SSW / (N − k)),   df = (k − 1, N − k)
/// p    = P(F_{k−1, N−k} > F)
/// ```
///
/// *Assumptions.* Independent observations; the groups are the levels of one factor. Median centring
/// keeps the test robust to skewed and heavy-tailed data (Brown and Forsythe 1974). A group of one value
/// contributes a single deviation of 0, as in R.
///
/// *Missing values.* None accepted: remove them first (R drops incomplete cases).
///
/// *Matches R:* `car::leveneTest(y ~ group)` (car's default `center = median`), which fits
/// `anova(lm(abs(y - median_of_group) ~ group))`; statistic = its `F value`, degrees of freedom = its
/// `Df` column, p-value = `Pr(>F)`.
///
/// Differences from R:
/// - R (through `anova.lm`) only *warns* "ANOVA F-tests on an essentially perfect fit are unreliable" when
///   the residual sum of squares is below 1e-10 times the sum of squared fitted values, then prints an F
///   of the order of 1e31 (or NaN when every deviation is 0). That happens when the deviations are
///   constant within every group (for example when every group has two values). WalkStats uses the same
///   rule but throws ``StatisticsError/zeroVariance(what:)``, because F is undefined there.
/// - An empty group is refused, whereas R silently drops an unused factor level (and its degree of freedom).
///
/// *Related GSL documentation:* `gsl_cdf_fdist_Q`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-f-distribution).
///
/// *References:*
/// - Levene H (1960), Robust tests for equality of variances. In Olkin I (ed.), Contributions to
///   Probability and Statistics, Stanford University Press, 278–292.
/// - Brown MB, Forsythe AB (1974), Robust tests for the equality of variances. Journal of the American
///   Statistical Association 69(346):364–367. doi:10.1080/01621459.1974.10482955
/// - Fox J, Weisberg S (2019), An R Companion to Applied Regression, 3rd ed., Sage (package car).
/// - NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.5.10, Levene Test for Equality of Variances.
///
/// - Parameters:
///   - groups: the values of each group (at least 2 groups, none empty, more values than groups).
/// - Returns: a result named ``TestName/leveneMedian`` with method "Levene's Test for Homogeneity of
///   Variance (center = median)", statistic F, `degreesOfFreedom` k − 1, `denominatorDegreesOfFreedom`
///   N − k, the p-value, no estimate or interval, and the group sizes as `sampleSizes`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 groups
///   (R: "contrasts can be applied only to factors with 2 or more levels"), an empty group, or N ≤ k
///   (no residual degrees of freedom; R gives NaN); ``StatisticsError/nonFiniteInput(what:)`` for NaN or
///   infinite values; ``StatisticsError/zeroVariance(what:)`` when the deviations are (essentially)
///   constant within every group, by R's "essentially perfect fit" rule above.
/// - Complexity: O(N log N) for the medians.
public func leveneMedianTest(_ groups: [[Double]]) throws -> HypothesisTestResult {
    let layout = try OneWayLayout(groups)
    let deviations = try OneWayLayout(groups.map { group in
        let centre = SampleQuantile.median(sorted: group.sorted())
        return group.map { abs($0 - centre) }
    })
    let (between, within, fittedSquares) = deviations.sumsOfSquares()
    guard within > OneWayLayout.perfectFitRatio * fittedSquares else {
        throw StatisticsError.zeroVariance(what: "within every group, the absolute deviations from the group median")
    }
    let numeratorDF = Double(groups.count - 1)
    let denominatorDF = Double(layout.total - groups.count)
    let f = (between / numeratorDF) / (within / denominatorDF)
    let distribution = try FisherFDistribution(numeratorDegreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF)
    return HypothesisTestResult(
        name: .leveneMedian, method: "Levene's Test for Homogeneity of Variance (center = median)", statistic: f,
        degreesOfFreedom: numeratorDF, denominatorDegreesOfFreedom: denominatorDF,
        pValue: try distribution.survivalProbability(f), sampleSizes: layout.sizes)
}
