import Foundation

/// The exact null distribution of the Wilcoxon signed-rank statistic V for n untied, non-zero
/// differences: V is the sum of a random subset of the ranks 1…n, each subset having probability 2⁻ⁿ.
///
/// ```
/// count(k) = number of subsets of {1, …, n} whose sum is k,   k = 0 … n(n+1)/2
///            (built rank by rank: count_i(k) = count_{i−1}(k) + count_{i−1}(k − i))
/// P(V = k) = count(k) · 2⁻ⁿ
/// ```
///
/// *Matches R:* `psignrank` and `qsignrank`. To reproduce R's results to the last bit (which matters
/// where R rounds an achieved confidence level with `signif`, or where a quantile sits on a boundary),
/// the probabilities are accumulated the way R accumulates them: each count is multiplied by
/// `exp(−n · log 2)` (not always exactly 2⁻ⁿ in floating point), and a tail is summed from its far end,
/// over the shorter side of the symmetric distribution. The counts themselves are whole numbers, exact
/// in a `Double` while below 2⁵³ (always, for n < 50).
///
/// *References:* Wilcoxon F (1945), Individual comparisons by ranking methods. Biometrics Bulletin
/// 1(6):80–83. doi:10.2307/3001968. Hollander M, Wolfe DA (1973), Nonparametric Statistical Methods,
/// Wiley, §3.1.
///
/// - Complexity: O(n³) time and O(n²) memory to build.
struct SignedRankDistribution {
    /// The number of non-zero differences.
    let n: Int
    /// count(k) for k = 0 … maximum.
    private let counts: [Double]
    /// exp(−n · log 2), R's per-subset probability.
    private let unit: Double

    /// The largest value of V, n(n+1)/2.
    var maximum: Int { n * (n + 1) / 2 }

    /// The largest n for which the counts stay finite in a `Double` (2¹⁰⁰⁰ is about 1e301).
    static let largestSize = 1000

    /// Builds the distribution for `n` (0 ≤ n ≤ ``largestSize``) differences.
    init(n: Int) {
        self.n = n
        let maximum = n * (n + 1) / 2
        var counts = [Double](repeating: 0, count: maximum + 1)
        counts[0] = 1
        var reach = 0
        for rank in stride(from: 1, through: n, by: 1) {
            reach += rank
            for k in stride(from: reach, through: rank, by: -1) { counts[k] += counts[k - rank] }
        }
        self.counts = counts
        self.unit = exp(-Double(n) * M_LN2)
    }

    /// P(V ≤ q), R's `psignrank(q, n)`.
    func cumulativeProbability(_ q: Int) -> Double { tail(q, lower: true) }

    /// P(V > q), R's `psignrank(q, n, lower.tail = FALSE)`.
    func survivalProbability(_ q: Int) -> Double { tail(q, lower: false) }

    /// The smallest q with P(V ≤ q) ≥ p, R's `qsignrank(p, n)`: like R it allows the cumulative
    /// probability to fall short of p by 10 machine epsilons, and for p > 1/2 it works from the upper
    /// tail by symmetry. `p` must lie in [0, 1].
    func quantile(_ p: Double) -> Int {
        if p == 0 { return 0 }
        if p == 1 { return maximum }
        let fuzz = 10 * Double.ulpOfOne
        var accumulated = 0.0
        var q = 0
        if p <= 0.5 {
            let target = p - fuzz
            while true {
                accumulated += counts[q] * unit
                if accumulated >= target { return q }
                q += 1
            }
        } else {
            let target = 1 - p + fuzz
            while true {
                accumulated += counts[q] * unit
                if accumulated > target { return maximum - q }
                q += 1
            }
        }
    }

    /// P(V ≤ q) (`lower`) or P(V > q), summing the shorter side of the distribution.
    private func tail(_ q: Int, lower: Bool) -> Double {
        if q < 0 { return lower ? 0 : 1 }
        if q >= maximum { return lower ? 1 : 0 }
        var sum = 0.0
        var lowerSide = lower
        if 4 * q <= n * (n + 1) {
            for k in 0...q { sum += counts[k] * unit }
        } else {
            // P(V > q) = P(V < maximum − q) = Σ_{k < maximum − q} P(V = k) by symmetry.
            for k in 0..<(maximum - q) { sum += counts[k] * unit }
            lowerSide.toggle()
        }
        return lowerSide ? sum : 0.5 - sum + 0.5
    }
}
