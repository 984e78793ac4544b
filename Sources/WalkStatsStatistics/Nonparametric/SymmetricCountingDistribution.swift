/// A discrete distribution on 0…``maximum``, symmetric about maximum/2, given by its point
/// probabilities: the exact null distributions of the signed-rank (V) and rank-sum (W) statistics.
///
/// Tails and quantiles are computed once here, the way R's `psignrank`/`pwilcox` and
/// `qsignrank`/`qwilcox` compute them, so boundary cases resolve as in R: a tail is summed term by term
/// from its far end over the shorter side of the distribution, and a quantile allows the cumulative
/// probability to fall short of p by 10 machine epsilons, working from the upper tail for p > 1/2.
protocol SymmetricCountingDistribution {
    /// The largest value of the statistic.
    var maximum: Int { get }
    /// P(X = k) for 0 ≤ k ≤ ``maximum``.
    func probability(ofExactly k: Int) -> Double
}

extension SymmetricCountingDistribution {
    /// P(X ≤ q), R's `psignrank(q, n)` / `pwilcox(q, m, n)`.
    func cumulativeProbability(_ q: Int) -> Double { tail(q, lower: true) }

    /// P(X > q), R's `psignrank(q, n, lower.tail = FALSE)` / `pwilcox(q, m, n, lower.tail = FALSE)`.
    func survivalProbability(_ q: Int) -> Double { tail(q, lower: false) }

    /// The smallest q with P(X ≤ q) ≥ p, R's `qsignrank(p, n)` / `qwilcox(p, m, n)`. `p` must lie in [0, 1].
    func quantile(_ p: Double) -> Int {
        if p == 0 { return 0 }
        if p == 1 { return maximum }
        let fuzz = 10 * Double.ulpOfOne
        var accumulated = 0.0
        var q = 0
        if p <= 0.5 {
            let target = p - fuzz
            while true {
                accumulated += probability(ofExactly: q)
                if accumulated >= target { return q }
                q += 1
            }
        } else {
            let target = 1 - p + fuzz
            while true {
                accumulated += probability(ofExactly: q)
                if accumulated > target { return maximum - q }
                q += 1
            }
        }
    }

    /// The two-sided exact p-value of an observed statistic: twice the smaller tail, at most 1 (R).
    func twoSidedPValue(_ statistic: Int) -> Double {
        let tail = 2 * statistic > maximum ? survivalProbability(statistic - 1) : cumulativeProbability(statistic)
        return min(2 * tail, 1)
    }

    /// R's exact confidence interval: the order statistics q and maximum − q (1-based) of the sorted
    /// candidates (Walsh averages, or pairwise differences), with q = max(1, quantile(α/2)). When the
    /// achieved α exceeds 1.5·α, R warns "requested conf.level not achievable" and reports
    /// 1 − achieved α as the level — rounded with `signif(·, 2)` by the signed-rank test only
    /// (`roundAchievedAlpha`).
    func exactInterval(sortedCandidates: [Double], confidenceLevel: Double, roundAchievedAlpha: Bool) -> ConfidenceInterval {
        let alpha = 1 - confidenceLevel
        let q = max(1, quantile(alpha / 2))
        let achievedAlpha = 2 * cumulativeProbability(q - 1)
        var level = confidenceLevel
        if achievedAlpha - alpha > alpha / 2 {
            level = 1 - (roundAchievedAlpha ? RankInference.roundedToSignificantDigits(achievedAlpha, 2) : achievedAlpha)
        }
        return ConfidenceInterval(level: level, lower: sortedCandidates[q - 1], upper: sortedCandidates[maximum - q])
    }

    /// P(X ≤ q) (`lower`) or P(X > q), summing the shorter side of the symmetric distribution:
    /// P(X > q) = P(X < maximum − q).
    private func tail(_ q: Int, lower: Bool) -> Double {
        if q < 0 { return lower ? 0 : 1 }
        if q >= maximum { return lower ? 1 : 0 }
        var sum = 0.0
        var lowerSide = lower
        if 2 * q <= maximum {
            for k in 0...q { sum += probability(ofExactly: k) }
        } else {
            for k in 0..<(maximum - q) { sum += probability(ofExactly: k) }
            lowerSide.toggle()
        }
        return lowerSide ? sum : 0.5 - sum + 0.5
    }
}
