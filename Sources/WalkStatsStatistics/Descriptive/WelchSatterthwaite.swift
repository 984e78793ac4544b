import WalkStatsModel

/// The Welch–Satterthwaite degrees of freedom of a sum of independent variance estimates, as used by
/// Welch's t-test for the variance of mean_A − mean_B.
///
/// ```
/// v_i = s_i² / n_i                              (the squared standard error of group i's mean)
/// df  = (Σ v_i)² / Σ ( v_i² / (n_i − 1) )
///     = se⁴ / ( (s_A²/n_A)²/(n_A − 1) + (s_B²/n_B)²/(n_B − 1) )      for two groups, se² = v_A + v_B
/// ```
///
/// *Assumptions.* Independent groups, each roughly normal; the df is an approximation (exact only in
/// the limit of equal variances and sizes).
///
/// *Matches R:* the `df` of `stats:::t.test.default` with `var.equal = FALSE`
/// (`stderr^4/(stderrx^4/(nx - 1) + stderry^4/(ny - 1))`).
///
/// *References:* Satterthwaite FE (1946), An approximate distribution of estimates of variance
/// components. Biometrics Bulletin 2(6):110–114. doi:10.2307/3002019. Welch BL (1947), The
/// generalization of "Student's" problem when several different population variances are involved.
/// Biometrika 34:28–35. doi:10.1093/biomet/34.1-2.28
///
/// - Parameter groups: each group's n (≥ 2) and SD, validated by the caller.
/// - Returns: the squared standard error Σ v_i of the difference (or sum) of the means, and the df.
///   The df is NaN when every SD is 0.
/// - Complexity: O(k) for k groups.
public func welchSatterthwaite(_ groups: [SummaryStatistics]) -> (variance: Double, degreesOfFreedom: Double) {
    var variance = 0.0
    var denominator = 0.0
    for group in groups {
        let n = Double(group.n)
        let term = group.standardDeviation * group.standardDeviation / n
        variance += term
        denominator += term * term / (n - 1)
    }
    return (variance, variance * variance / denominator)
}
