#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WalkStatsGSL

/// Shapiro–Wilk test of the null hypothesis that `values` are a sample from a normal distribution,
/// with Royston's (1992, 1995) approximations to the coefficients and to the null distribution of W.
///
/// ```
/// x_(1) ≤ … ≤ x_(n)                           the sorted sample, 3 ≤ n ≤ 5000
/// m_i  = Φ⁻¹((i − 3/8) / (n + 1/4)),  i = 1…n   Blom's approximate expected normal order statistics
/// u    = 1/√n,  c_n = m_n / √(Σ m_i²)
/// a_n  = c_n     + 0.221157u − 0.147981u² − 2.071190u³ + 4.434685u⁴ − 2.706056u⁵
/// a_n₋₁ = c_n₋₁  + 0.042981u − 0.293762u² − 1.752461u³ + 5.682633u⁴ − 3.582633u⁵   (n > 5 only)
/// a_i  = m_i / √φ for the other i, with φ chosen so that Σ a_i² = 1; a_(n+1−i) = −a_i
/// n = 3: a = (−√½, 0, √½)
///
/// W     = (Σ a_i x_(i))² / Σ (x_i − x̄)²    computed as the squared correlation of a and x(·)
/// 1 − W = (√(S_aa S_xx) − S_ax)(√(S_aa S_xx) + S_ax) / (S_aa S_xx)   (no cancellation when W ≈ 1)
///
/// p-value, upper tail of a normal approximation to a transform of 1 − W:
///   n = 3:        p = (6/π) (asin √W − asin √(3/4))                       (exact)
///   4 ≤ n ≤ 11:   γ = −2.273 + 0.459n
///                 y = −ln(γ − ln(1 − W))
///                 μ = 0.5440 − 0.39978n + 0.025054n² − 0.0006714n³
///                 σ = exp(1.3822 − 0.77857n + 0.062767n² − 0.0020322n³)
///   12 ≤ n:       y = ln(1 − W),  v = ln n
///                 μ = −1.5861 − 0.31082v − 0.083751v² + 0.0038915v³
///                 σ = exp(−0.4803 − 0.082676v + 0.0030302v²)
///   p = P(Z > (y − μ) / σ)
/// ```
///
/// *Assumptions.* Independent observations. Ties are allowed (W is computed as usual), but heavily
/// rounded data make the test reject more readily, in R as here. The p-value is Royston's
/// approximation, validated by him for 3 ≤ n ≤ 5000; very small p-values (below about 1e-10) are
/// extrapolations of that approximation and should be read as "far below any usual threshold".
///
/// *Missing values.* None accepted: remove them first (R's `shapiro.test` drops `NA`s silently).
///
/// *Matches R:* `shapiro.test(x)` (statistic `W`, `p.value`). Written from the published algorithm
/// (Royston 1995, Remark AS R94), which R's `swilk.c` also implements; in particular the data are divided
/// by their range before W is computed, as in AS R94, which makes the result invariant to scale.
/// Agreement with R 4.2.2 is better than 1e-12 relative on W and p, down to p ≈ 1e-90 (see the fixture
/// `Fixtures/assumptions`). Differences from R: for n = 3, R's C code uses 6/π and π/3 rounded to 15
/// significant digits, so its p-value can differ from the exact formula used here by up to about 1e-14
/// in absolute terms (R: p = 0.99999999999999334 for equally spaced data, here 1); non-finite values
/// are refused rather than dropped.
///
/// *Related GSL documentation:* `gsl_cdf_ugaussian_Pinv`, `gsl_cdf_ugaussian_Q`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html#the-gaussian-distribution).
///
/// *References:*
/// - Shapiro SS, Wilk MB (1965), An analysis of variance test for normality (complete samples).
///   Biometrika 52(3/4):591–611. doi:10.1093/biomet/52.3-4.591
/// - Royston P (1992), Approximating the Shapiro–Wilk W-test for non-normality. Statistics and
///   Computing 2:117–119. doi:10.1007/BF01891203
/// - Royston P (1995), Remark AS R94: A remark on algorithm AS 181: The W-test for normality. Applied
///   Statistics 44(4):547–551. doi:10.2307/2986146
///
/// - Parameters:
///   - values: the sample, in any order.
/// - Returns: a result named ``TestName/shapiroWilk`` with method "Shapiro-Wilk normality test",
///   statistic W, the p-value, no degrees of freedom, estimate or interval, and `sampleSizes == [n]`.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` when n < 3,
///   ``StatisticsError/invalidRequest(_:)`` when n > 5000 (R: "sample size must be between 3 and 5000"),
///   ``StatisticsError/zeroVariance(what:)`` when all values are identical (R: "all 'x' values are
///   identical"), ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values.
/// - Complexity: O(n log n) for the sort, plus n/2 normal quantiles.
public func shapiroWilkTest(_ values: [Double]) throws -> HypothesisTestResult {
    guard values.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the values") }
    let n = values.count
    guard n >= ShapiroWilk.minimumSampleSize else {
        throw StatisticsError.insufficientObservations(what: "values for the Shapiro-Wilk test",
                                                       needed: ShapiroWilk.minimumSampleSize, got: n)
    }
    guard n <= ShapiroWilk.maximumSampleSize else {
        throw StatisticsError.invalidRequest(
            "the Shapiro-Wilk test needs a sample size between 3 and 5000 (as R's shapiro.test), got \(n)")
    }
    var sorted = values.sorted()
    var range = sorted[n - 1] - sorted[0]
    guard range > 0 else { throw StatisticsError.zeroVariance(what: "the values (all identical)") }
    if !range.isFinite {
        // W is scale-invariant; a power-of-two scale is exact and brings the range back into Double.
        sorted = sorted.map { $0 * 0.25 }
        range = sorted[n - 1] - sorted[0]
    }
    let halfCoefficients = try ShapiroWilk.coefficients(sampleSize: n)
    let (w, oneMinusW) = ShapiroWilk.statistic(sorted: sorted, range: range, halfCoefficients: halfCoefficients)
    let p = try ShapiroWilk.pValue(oneMinusW: oneMinusW, w: w, sampleSize: n)
    return HypothesisTestResult(name: .shapiroWilk, method: "Shapiro-Wilk normality test", statistic: w,
                                pValue: p, sampleSizes: [n])
}

/// The pieces of Royston's algorithm AS R94, kept apart so each formula exists once.
enum ShapiroWilk {
    /// The smallest n for which W is defined (R's `shapiro.test` refuses fewer).
    static let minimumSampleSize = 3
    /// The largest n for which Royston validated his p-value approximation; R's `shapiro.test` refuses more.
    static let maximumSampleSize = 5000

    /// Royston (1992) polynomial corrections in u = 1/√n for the largest coefficient a_n (constant term 0).
    static let largestCoefficientPolynomial = [0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056]
    /// Royston (1992) polynomial corrections in u = 1/√n for a_{n−1} (constant term 0).
    static let secondCoefficientPolynomial = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
    /// γ(n) for 4 ≤ n ≤ 11 (Royston 1992, Table 1), a polynomial in n.
    static let smallSampleGamma = [-2.273, 0.459]
    /// μ(n) for 4 ≤ n ≤ 11, a polynomial in n.
    static let smallSampleMean = [0.5440, -0.39978, 0.025054, -0.0006714]
    /// ln σ(n) for 4 ≤ n ≤ 11, a polynomial in n.
    static let smallSampleLogSD = [1.3822, -0.77857, 0.062767, -0.0020322]
    /// μ(n) for n ≥ 12, a polynomial in ln n.
    static let largeSampleMean = [-1.5861, -0.31082, -0.083751, 0.0038915]
    /// ln σ(n) for n ≥ 12, a polynomial in ln n.
    static let largeSampleLogSD = [-0.4803, -0.082676, 0.0030302]
    /// The p-value AS R94 assigns when ln(1 − W) ≥ γ(n) for 4 ≤ n ≤ 11, outside the range of its
    /// transformation; R returns 1e-99 there. The case cannot arise: it needs 1 − W ≥ exp(γ(n)), which is
    /// 0.646 at n = 4 and above 1 for n ≥ 5, while W ≥ n·a_n²/(n − 1) (Shapiro and Wilk 1965) gives
    /// 1 − W ≤ 0.37 at n = 4.
    static let outOfRangePValue = 1e-99

    /// c[0] + c[1]·x + c[2]·x² + …, by Horner's rule.
    static func polynomial(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }

    /// The positive coefficients a_n, a_{n−1}, …, a_{n+1−⌊n/2⌋}: entry j (0-based) multiplies
    /// x_(n−j) with sign + and x_(j+1) with sign −. The middle value of an odd sample gets 0.
    static func coefficients(sampleSize n: Int) throws -> [Double] {
        let half = n / 2
        if n == 3 { return [(0.5 as Double).squareRoot()] }
        let nn = Double(n)
        // Blom scores for the lower half: m_i < 0 there, and m_(n+1−i) = −m_i.
        let lower = try (1...half).map { try NormalDistribution.quantile((Double($0) - 0.375) / (nn + 0.25)) }
        let sumOfSquares = 2 * lower.reduce(0) { $0 + $1 * $1 }
        let norm = sumOfSquares.squareRoot()
        let u = 1 / nn.squareRoot()
        var a = lower.map { -$0 }
        let an = a[0] / norm + polynomial(largestCoefficientPolynomial, u)
        let phi: Double
        let firstScaled: Int
        if n > 5 {
            let an1 = a[1] / norm + polynomial(secondCoefficientPolynomial, u)
            phi = (sumOfSquares - 2 * a[0] * a[0] - 2 * a[1] * a[1]) / (1 - 2 * an * an - 2 * an1 * an1)
            a[1] = an1
            firstScaled = 2
        } else {
            phi = (sumOfSquares - 2 * a[0] * a[0]) / (1 - 2 * an * an)
            firstScaled = 1
        }
        a[0] = an
        let scale = phi.squareRoot()
        for j in firstScaled..<half { a[j] /= scale }
        return a
    }

    /// W and 1 − W for sorted data with range `range` > 0, as the squared correlation between the data
    /// (divided by their range, as AS R94 does) and the full antisymmetric coefficient vector.
    static func statistic(sorted x: [Double], range: Double, halfCoefficients a: [Double]) -> (w: Double, oneMinusW: Double) {
        let n = x.count
        let coefficient: (Int) -> Double = { i in
            if i < a.count { return -a[i] }
            if i >= n - a.count { return a[n - 1 - i] }
            return 0
        }
        let scaled = x.map { $0 / range }
        let meanX = scaled.reduce(0, +) / Double(n)
        let meanA = (0..<n).reduce(0) { $0 + coefficient($1) } / Double(n)
        var saa = 0.0, sxx = 0.0, sax = 0.0
        for i in 0..<n {
            let da = coefficient(i) - meanA
            let dx = scaled[i] - meanX
            saa += da * da
            sxx += dx * dx
            sax += da * dx
        }
        let root = (saa * sxx).squareRoot()
        let oneMinusW = max(0, (root - sax) * (root + sax) / (saa * sxx))
        return (1 - oneMinusW, oneMinusW)
    }

    /// Royston's p-value for W (upper tail of the normalising transformation), see the formula above.
    static func pValue(oneMinusW: Double, w: Double, sampleSize n: Int) throws -> Double {
        if n == 3 {
            let exact = 6 / Double.pi * (asin(min(1, w).squareRoot()) - Double.pi / 3)
            return min(1, max(0, exact))
        }
        guard oneMinusW > 0 else { return 1 } // W = 1: the transform goes to −∞, so p = 1
        let nn = Double(n)
        let y = log(oneMinusW)
        let z: Double
        if n <= 11 {
            let gamma = polynomial(smallSampleGamma, nn)
            guard y < gamma else { return outOfRangePValue }
            let mean = polynomial(smallSampleMean, nn)
            let sd = exp(polynomial(smallSampleLogSD, nn))
            z = (-log(gamma - y) - mean) / sd
        } else {
            let v = log(nn)
            let mean = polynomial(largeSampleMean, v)
            let sd = exp(polynomial(largeSampleLogSD, v))
            z = (y - mean) / sd
        }
        return try NormalDistribution.survivalProbability(z)
    }
}
