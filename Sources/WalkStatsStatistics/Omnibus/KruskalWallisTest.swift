import WalkStatsGSL

/// The Kruskal–Wallis rank sum test across k ≥ 2 independent groups, with the rank ε² effect size.
///
/// ```
/// r_gi = average rank of y_gi among all N values (ties get the mean of their positions)
/// R_g  = Σ_i r_gi,   T = Σ (t³ − t) over tie groups of size t
/// H    = (12 / (N (N + 1)) · Σ_g R_g² / n_g − 3 (N + 1)) / (1 − T / (N³ − N))
/// df   = k − 1,   p = P(χ²_df > H)
/// ε²_R = H / (N − 1)                  (= H / ((N² − 1) / (N + 1)), effectsize's form)
/// ```
///
/// Only the value of ε²_R is computed: effectsize's interval for it is a bootstrap (random resampling),
/// which WalkStats does not reproduce, so no interval is returned.
///
/// *Assumptions.* Independent observations; an ordinal or continuous response. The χ² reference
/// distribution is asymptotic (no exact version, as in R).
///
/// *Missing values.* None accepted: pass the observed values of each group (complete cases).
///
/// *Matches R:* `kruskal.test(y ~ g)` (statistic "Kruskal-Wallis chi-squared", parameter df, p.value) and
/// `effectsize::rank_epsilon_squared(y ~ g, ci = NULL)` (effectsize 0.8.3).
/// **Deviation:** R returns NaN when all N values are equal; this throws.
///
/// *Related GSL documentation:* `gsl_cdf_chisq_Q`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-chi-squared-distribution).
///
/// *References:* Kruskal WH, Wallis WA (1952), Use of ranks in one-criterion variance analysis. Journal of
/// the American Statistical Association 47(260):583–621. doi:10.1080/01621459.1952.10483441. Tomczak M,
/// Tomczak E (2014), The need to report effect size estimates revisited. Trends in Sport Sciences
/// 1(21):19–25 (ε²_R).
///
/// - Parameter groups: the values of each group (at least 2 groups, none empty).
/// - Returns: a ``KruskalWallisTest``: the test (named ``TestName/kruskalWallis``, method "Kruskal-Wallis
///   rank sum test", statistic H, `degreesOfFreedom` k − 1, the group sizes) and ε²_R.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` with fewer than 2 groups or an
///   empty group; ``StatisticsError/nonFiniteInput(what:)``; ``StatisticsError/zeroVariance(what:)`` when
///   every value is the same.
/// - Complexity: O(N log N).
public func kruskalWallisTest(_ groups: [[Double]]) throws -> KruskalWallisTest {
    let layout = try OneWayLayout(groups, needsResidualDegreesOfFreedom: false)
    let values = Array(groups.joined())
    let n = Double(values.count)
    let ranking = AverageRanks(values)
    let correction = 1 - ranking.tieTerm / (n * n * n - n)
    guard correction > 0 else { throw StatisticsError.zeroVariance(what: "the values of all groups together") }
    var sum = 0.0, start = 0
    for group in groups {
        let rankSum = ranking.ranks[start..<(start + group.count)].reduce(0, +)
        sum += rankSum * rankSum / Double(group.count)
        start += group.count
    }
    let h = (12 * sum / (n * (n + 1)) - 3 * (n + 1)) / correction
    let df = Double(groups.count - 1)
    let test = HypothesisTestResult(
        name: .kruskalWallis, method: "Kruskal-Wallis rank sum test", statistic: h, degreesOfFreedom: df,
        pValue: try ChiSquaredDistribution(degreesOfFreedom: df).survivalProbability(h), sampleSizes: layout.sizes)
    return KruskalWallisTest(test: test, rankEpsilonSquared: h / ((n * n - 1) / (n + 1)))
}

/// The result of ``kruskalWallisTest(_:)``.
public struct KruskalWallisTest: Sendable, Equatable {
    /// The test (``TestName/kruskalWallis``).
    public let test: HypothesisTestResult
    /// ε²_R = H / (N − 1) (``EffectSizeName/rankEpsilonSquared``), a value without an interval
    /// (effectsize's interval is a bootstrap).
    public let rankEpsilonSquared: Double

    /// Creates a result.
    public init(test: HypothesisTestResult, rankEpsilonSquared: Double) {
        self.test = test
        self.rankEpsilonSquared = rankEpsilonSquared
    }
}
