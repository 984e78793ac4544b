import WalkStatsModel

/// The pooled variance of independent groups from each group's standard deviation and size: the
/// variance estimate of Student's t-test, Cohen's d and Hedges' g.
///
/// ```
/// s_p² = Σ (n_i − 1) · s_i²  /  Σ (n_i − 1)
///      = ((n_A − 1) s_A² + (n_B − 1) s_B²) / (n_A + n_B − 2)        for two groups
/// ```
///
/// Each term is (n_i − 1) · (s_i · s_i), the order of R's `((nx - 1) * var(x) + (ny - 1) * var(y)) / df`.
/// A group of one value contributes nothing (weight n − 1 = 0), as in R's `t.test(var.equal = TRUE)`.
///
/// *Assumptions.* The groups share one variance (the model behind Student's test and the pooled d).
///
/// *Matches R:* the `v` of `stats:::t.test.default` with `var.equal = TRUE`;
/// `effectsize:::.sd_pooled` (its square) for `effectsize::cohens_d(x, y, pooled_sd = TRUE)`.
///
/// *References:* Cohen J (1988), Statistical Power Analysis for the Behavioral Sciences, 2nd ed., §2.2
/// (formula 2.3.2). Erlbaum.
///
/// - Parameter groups: each group's n and SD (the mean is not used). The caller validates them
///   (n ≥ 1, finite SD ≥ 0); see ``SummaryStatistics``.
/// - Returns: s_p²; NaN when Σ (n_i − 1) = 0 (no group has two values).
/// - Complexity: O(k) for k groups.
public func pooledVariance(_ groups: [SummaryStatistics]) -> Double {
    var weightedSum = 0.0
    var degreesOfFreedom = 0.0
    for group in groups {
        let weight = Double(group.n) - 1
        weightedSum += weight * (group.standardDeviation * group.standardDeviation)
        degreesOfFreedom += weight
    }
    return weightedSum / degreesOfFreedom
}

/// The pooled standard deviation s_p = √(pooled variance) of independent groups; see
/// ``pooledVariance(_:)`` for the formula, R call and references.
///
/// ```
/// s_p = √( Σ (n_i − 1) · s_i²  /  Σ (n_i − 1) )
/// ```
///
/// *Matches R:* `effectsize::sd_pooled(x, y)` (effectsize 0.8.3).
///
/// - Parameter groups: each group's n and SD, validated by the caller.
/// - Returns: s_p; NaN when no group has two values.
public func pooledStandardDeviation(_ groups: [SummaryStatistics]) -> Double {
    pooledVariance(groups).squareRoot()
}
