import Foundation

/// The exact null distribution of the Wilcoxon rank-sum (Mann–Whitney) statistic W for samples of m and
/// n untied values: W = Σ ranks of the first sample − m(m+1)/2, the number of pairs (a_i, b_j) with
/// a_i > b_j; every one of the C(m+n, m) assignments of ranks to the first sample is equally likely.
///
/// ```
/// count(k) = number of partitions of k into at most m parts, each at most n,   k = 0 … m·n
///            (the rank-sum offsets of the first sample, sorted, form such a partition)
/// P(W = k) = count(k) / C(m+n, m),   C(m+n, m) = Σ_k count(k)
/// ```
///
/// The counts are built by adding part sizes 1…max(m, n) one at a time, with at most min(m, n) parts
/// (partitions fitting an m × n box are counted the same either way round), using only
/// additions of non-negative numbers, so they are exact whole numbers while below 2⁵³ and accurate to a
/// few units in the last place beyond.
///
/// *Matches R:* `pwilcox` and `qwilcox`: a tail is summed term by term (each count divided by the
/// total), from its far end over the shorter side, and the quantile allows the same 10-epsilon
/// shortfall as R, so boundary cases resolve as in R.
///
/// *References:* Mann HB, Whitney DR (1947), On a test of whether one of two random variables is
/// stochastically larger than the other. Ann. Math. Statist. 18(1):50–60. doi:10.1214/aoms/1177730491.
/// Hollander M, Wolfe DA (1973), Nonparametric Statistical Methods, Wiley, §4.1.
///
/// - Complexity: O(m² n²) time and O(min(m, n) · m · n) memory to build.
struct RankSumDistribution: SymmetricCountingDistribution {
    /// The size of the first sample.
    let m: Int
    /// The size of the second sample.
    let n: Int
    /// count(k) for k = 0 … m·n.
    private let counts: [Double]
    /// C(m+n, m), the sum of the counts.
    private let total: Double

    /// The largest value of W, m·n.
    var maximum: Int { m * n }

    /// Whether the counts of samples of `m` and `n` values fit in a `Double`: C(m+n, m) below about
    /// 1e307 (m = n = 500 fits, m = n = 520 does not). Checked with `lgamma` before anything is built.
    static func canCount(m: Int, n: Int) -> Bool {
        let logTotal = lgamma(Double(m + n + 1)) - lgamma(Double(m + 1)) - lgamma(Double(n + 1))
        return logTotal < log(Double.greatestFiniteMagnitude) - 2
    }

    /// Builds the distribution for samples of `m` ≥ 0 and `n` ≥ 0 values, for which
    /// ``canCount(m:n:)`` holds.
    init(m: Int, n: Int) {
        self.m = m
        self.n = n
        // Partitions are symmetric in (parts, largest part); iterate over the smaller dimension inside.
        let parts = min(m, n), largestPart = max(m, n)
        let maximum = m * n
        // ways[j·width + k]: partitions of k into exactly j parts, each at most the largest size added so far.
        let width = maximum + 1
        var ways = [Double](repeating: 0, count: (parts + 1) * width)
        ways[0] = 1
        if parts > 0 {
            ways.withUnsafeMutableBufferPointer { ways in
                for size in 1...largestPart {
                    // Ascending j reuses partitions that already contain `size`, allowing repeated parts.
                    for j in 1...parts {
                        let row = j * width, previous = row - width
                        for k in size...min(j * size, maximum) { ways[row + k] += ways[previous + k - size] }
                    }
                }
            }
        }
        var counts = [Double](repeating: 0, count: width)
        for j in 0...parts { for k in 0..<width { counts[k] += ways[j * width + k] } }
        self.counts = counts
        self.total = counts.reduce(0, +)
    }

    /// P(W = k), accumulated as R does (see the type's documentation).
    func probability(ofExactly k: Int) -> Double { counts[k] / total }
}
