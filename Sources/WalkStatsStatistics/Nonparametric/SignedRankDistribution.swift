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
struct SignedRankDistribution: SymmetricCountingDistribution {
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

    /// P(V = k), accumulated as R does (see the type's documentation).
    func probability(ofExactly k: Int) -> Double { counts[k] * unit }
}
