#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import WalkStatsGSL

/// The distribution of the studentized range q = (max − min of k independent N(μ, σ²) means) / s, where
/// ν s² / σ² is an independent χ²_ν; and, for `numberOfRanges` r > 1, of the largest of r independent such
/// ranges sharing one s. Its upper tail gives Tukey's HSD p-values and its quantile the HSD critical value.
///
/// ```
/// W(w)   = P(range of k standard normals ≤ w)
///        = (2Φ(w/2) − 1)^k + 2k ∫_{w/2}^∞ φ(x) (Φ(x) − Φ(x − w))^(k−1) dx
/// f_ν(s) = ν^(ν/2) s^(ν−1) e^(−ν s²/2) / (Γ(ν/2) 2^(ν/2 − 1))          (the density of s = √(χ²_ν / ν))
/// P(Q ≤ q) = ∫₀^∞ f_ν(s) W(q s)^r ds                                 (ν finite)
/// P(Q ≤ q) = W(q)^r                                                  (ν > 25 000, as R)
/// quantile(p) = the root of P(Q ≤ q) = p                             (Brent's method)
/// ```
///
/// Algorithm (Copenhaver & Holland 1988, the method behind R's `ptukey`; this is an independent
/// implementation). W splits the range integral at the symmetric interval [−w/2, w/2]: the first term is
/// the probability that all k values lie in it, and the integral over the larger value x ≥ w/2 counts
/// each side once (by symmetry, twice). That integral, over [w/2, max(w/2, 9)] (φ(9) ≈ 1e−18), and the
/// integral over s use composite 16-point Gauss–Legendre rules: panels of width 1 in x; in s, panels
/// no wider than 1, three times the spread of s (1 / √(2ν)), or 2/q (where W(qs) changes; halving all
/// the widths moved none of a set of probe values by more than 2e−15). The s-integral runs between the
/// 10⁻²⁰ and 1 − 10⁻²⁰ quantiles of s (Wilson–Hilferty, confirmed by `gsl_cdf_chisq_P/Q`); above the s where
/// W(qs)^r ≥ 1 − 10⁻¹⁸ (from the union bound 1 − W(w) ≤ k(k − 1) Q(w / √2)) it adds the χ² tail
/// P(s > T) instead of integrating. Φ is GSL's `gsl_cdf_ugaussian_P` (its upper tail where both ends
/// of an interval are positive, to keep the difference accurate); the density of s uses GSL's regulated
/// gamma function Γ* (`gsl_sf_gammastar_e`) to stay accurate for large ν.
///
/// *Accuracy* (`Fixtures/tukey`, 1302 points: k = 2…10, ν = 2, 3, 5, 7.5, 10 … 24 000 and ∞,
/// q = 0.1…8, r = 1…3, and q where p ≈ 1e−6, 1e−5, 1e−4). Against an independent reference (the same
/// integrals by R's adaptive `integrate`, rel.tol 1e−11): relative error at most 1.5e−11 (k = 2,
/// p ≈ 1e−6; below 4e−12 for k ≥ 3). For k = 2, where Q = √2 |t_ν|, against the exact
/// 2 pt(q/√2, ν) − 1: within 1e−12 wherever p ≥ 1e−6. Against R's `ptukey`: within 1e−8 wherever R's
/// p ≥ 1e−6 and R is itself within 1e−8 of the reference. R is not at 323 of the points: by up to 1e−4
/// for ν = 2 (`ptukey(3, 2, 2)` = 0.832089, exact 0.832050), 3e−6 for ν = 3, 8e−8 for ν = 5, 4.5e−7
/// for ν = 24 000 (just below R's switch to ν = ∞ at 25 000), and 3e−8 to 7e−8 elsewhere (many means
/// at small q, ν = 5000 and 20 000); there WalkStats is held to the reference. Quantiles: within 4e−11 of the root of the reference (and of R's
/// `uniroot(ptukey …)` root wherever that agrees with it), and within 1e−11 of √2 qt((1 + p)/2, ν) for k = 2.
///
/// *Deviations from R.* R's `qtukey` is a secant search that stops once a step is below 10⁻⁴ (its help
/// page: "accurate to the 4th decimal place"), so it differs from ``quantile(_:)`` in about the 8th
/// significant digit, and by up to 9 % for ν = 2 where its `ptukey` is off; WalkStats returns the exact
/// root. Where R's `ptukey` is inaccurate (above), WalkStats follows the mathematics, not R. As R,
/// ν > 25 000 is treated as infinite.
///
/// *Matches R:* `ptukey(q, nmeans, df, nranges)`; `ptukey(q, nmeans, df, nranges, lower.tail = FALSE)`
/// (computed, as R, as 1 − P, so upper tails below about 1e−14 are rounding noise in both);
/// `uniroot(function(q) ptukey(q, nmeans, df) - p, …, tol = 1e-14)$root` for the quantile.
///
/// *References:* Copenhaver MD, Holland BS (1988), Computation of the distribution of the maximum
/// studentized range statistic with application to multiple significance testing of simple effects.
/// Journal of Statistical Computation and Simulation 30(1):1–15. doi:10.1080/00949658808811082.
/// Tukey JW (1953), The problem of multiple comparisons (unpublished manuscript). NIST/SEMATECH
/// e-Handbook of Statistical Methods, §7.4.7.1 (Tukey's method).
public struct StudentizedRangeDistribution: Sendable {
    /// k, the number of means whose range is taken (R's `nmeans`), at least 2.
    public let numberOfMeans: Int
    /// ν, the degrees of freedom of s (R's `df`), at least 2; `.infinity` for a known σ.
    public let degreesOfFreedom: Double
    /// r, the number of independent ranges whose maximum is taken (R's `nranges`), at least 1.
    public let numberOfRanges: Int

    /// R's `dlarg` in `ptukey.c`: above this many degrees of freedom, s is taken as exactly σ.
    public static let infiniteDegreesOfFreedomThreshold = 25_000.0

    /// The tail mass of s left out at each end of the s-integral.
    static let chiTailMass = 1e-20
    /// How close to 1 W(qs)^r must be before the rest of the s-integral is the χ² tail alone.
    static let rangeSaturation = 1e-18
    /// Where the x-integral of W stops: 2k Q(9) ≈ 2k · 1.1e−19.
    static let normalIntegrationEnd = 9.0
    /// The panel width of the x-integral of W.
    static let normalPanelWidth = 1.0

    /// Creates the distribution.
    /// - Parameters:
    ///   - numberOfMeans: k ≥ 2 (R's `nmeans`).
    ///   - degreesOfFreedom: ν ≥ 2, or `.infinity` (R's `df`; R returns NaN for ν < 2).
    ///   - numberOfRanges: r ≥ 1 (R's `nranges`, default 1).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when a parameter is outside these ranges or NaN.
    public init(numberOfMeans: Int, degreesOfFreedom: Double, numberOfRanges: Int = 1) throws {
        guard numberOfMeans >= 2 else {
            throw StatisticsError.invalidRequest("the studentized range needs at least 2 means, got \(numberOfMeans)")
        }
        guard numberOfRanges >= 1 else {
            throw StatisticsError.invalidRequest("the studentized range needs at least 1 range, got \(numberOfRanges)")
        }
        guard degreesOfFreedom >= 2 else {
            throw StatisticsError.invalidRequest(
                "the studentized range needs at least 2 degrees of freedom, got \(degreesOfFreedom)")
        }
        self.numberOfMeans = numberOfMeans
        self.degreesOfFreedom = degreesOfFreedom
        self.numberOfRanges = numberOfRanges
    }

    /// P(Q ≤ q), R's `ptukey(q, nmeans, df, nranges)`: 0 for q ≤ 0, 1 at q = +∞.
    /// - Throws: ``StatisticsError/nonFiniteInput(what:)`` when q is NaN; ``GSLError`` if GSL fails.
    public func cumulativeProbability(_ q: Double) throws -> Double {
        guard !q.isNaN else { throw StatisticsError.nonFiniteInput(what: "the studentized range value") }
        if q <= 0 { return 0 }
        if q == .infinity { return 1 }
        if degreesOfFreedom > Self.infiniteDegreesOfFreedomThreshold { return try maximumRangeProbability(q) }
        return min(1, try mixtureOverScale(q))
    }

    /// P(Q > q) = 1 − P(Q ≤ q), R's `ptukey(q, nmeans, df, nranges, lower.tail = FALSE)`.
    /// - Throws: as ``cumulativeProbability(_:)``.
    public func survivalProbability(_ q: Double) throws -> Double {
        1 - (try cumulativeProbability(q))
    }

    /// The q with P(Q ≤ q) = p: 0 at p = 0 and +∞ at p = 1; otherwise found by Brent's method (the
    /// algorithm of R's `uniroot`) to within 10⁻¹⁴ (absolute, plus 2ε |q|) on a bracket grown by doubling.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when p is outside [0, 1] or NaN, or the root
    ///   cannot be bracketed below 2⁶⁰; ``GSLError`` if GSL fails.
    /// - Complexity: about 20–40 evaluations of ``cumulativeProbability(_:)``.
    public func quantile(_ p: Double) throws -> Double {
        guard p >= 0, p <= 1 else { throw StatisticsError.invalidRequest("a probability must lie in [0, 1], got \(p)") }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        var lower = 0.0, valueAtLower = -p
        var upper = 1.0, valueAtUpper = try cumulativeProbability(upper) - p
        var doublings = 0
        while valueAtUpper < 0 {
            guard doublings < 60 else {
                throw StatisticsError.invalidRequest("the studentized range quantile for p = \(p) lies beyond \(upper)")
            }
            (lower, valueAtLower) = (upper, valueAtUpper)
            upper *= 2
            valueAtUpper = try cumulativeProbability(upper) - p
            doublings += 1
        }
        let root = try RootFinding.brent(lower: lower, upper: upper, valueAtLower: valueAtLower, valueAtUpper: valueAtUpper,
                                         tolerance: 1e-14, maximumIterations: 1000) { try cumulativeProbability($0) - p }
        return root.location
    }

    // MARK: - The two integrals

    /// W(w)^r: the probability that each of r independent ranges of k standard normals is at most w.
    func maximumRangeProbability(_ w: Double) throws -> Double {
        let single = try rangeProbability(w)
        return numberOfRanges == 1 ? single : pow(single, Double(numberOfRanges))
    }

    /// W(w) = (2Φ(w/2) − 1)^k + 2k ∫_{w/2}^∞ φ(x) (Φ(x) − Φ(x − w))^(k−1) dx.
    func rangeProbability(_ w: Double) throws -> Double {
        guard w > 0 else { return 0 }
        let k = Double(numberOfMeans)
        let half = w / 2
        let central = pow(1 - 2 * (try NormalDistribution.survivalProbability(half)), k)
        let end = max(half, Self.normalIntegrationEnd)
        guard end > half else { return min(1, central) }
        let panels = Int(((end - half) / Self.normalPanelWidth).rounded(.up))
        let normalizer = 1 / (2 * Double.pi).squareRoot()
        let integral = try GaussLegendreQuadrature.sixteenPoint.integrate(from: half, to: end, panels: panels) { x in
            let inside: Double
            if x - w > 0 {
                // Both ends in the upper half: difference of upper tails, accurate far out.
                inside = try NormalDistribution.survivalProbability(x - w) - NormalDistribution.survivalProbability(x)
            } else {
                inside = try NormalDistribution.cumulativeProbability(x) - NormalDistribution.cumulativeProbability(x - w)
            }
            return normalizer * exp(-x * x / 2) * pow(inside, k - 1)
        }
        return min(1, central + 2 * k * integral)
    }

    /// Values of s with at most ``chiTailMass`` of its distribution below and above: the Wilson–Hilferty
    /// approximation χ²_ν ≈ ν (1 − c + z √c)³, c = 2/(9ν), at z = ±9.3 (the normal quantiles of the tail
    /// mass), then widened until GSL's χ² tails confirm it (GSL's χ² quantile fails at 1e−20 for large ν).
    func scaleLimits(_ chiSquared: ChiSquaredDistribution) throws -> (lower: Double, upper: Double) {
        let nu = degreesOfFreedom
        let z = -(try NormalDistribution.quantile(Self.chiTailMass))
        let c = 2 / (9 * nu)
        var lower = nu * pow(max(0, 1 - c - z * c.squareRoot()), 3)
        var upper = nu * pow(1 - c + z * c.squareRoot(), 3)
        while lower > 0, try chiSquared.cumulativeProbability(lower) > Self.chiTailMass {
            lower = lower > 1e-3 ? lower * 0.9 : 0
        }
        while try chiSquared.survivalProbability(upper) > Self.chiTailMass { upper *= 1.1 }
        return ((lower / nu).squareRoot(), (upper / nu).squareRoot())
    }

    /// ∫₀^∞ f_ν(s) W(q s)^r ds for finite ν.
    func mixtureOverScale(_ q: Double) throws -> Double {
        let nu = degreesOfFreedom
        let chiSquared = try ChiSquaredDistribution(degreesOfFreedom: nu)
        let (lowest, highest) = try scaleLimits(chiSquared)
        // Above s = saturation / q, W(qs)^r ≥ 1 − 1e−18: the rest of the integral is P(s > that).
        let k = Double(numberOfMeans)
        let bound = Self.rangeSaturation / (Double(numberOfRanges) * k * (k - 1))
        let saturation = -(try NormalDistribution.quantile(bound)) * 2.squareRoot()
        let cutoff = min(highest, saturation / q)
        var total = 0.0
        if cutoff < highest { total += try chiSquared.survivalProbability(nu * cutoff * cutoff) }
        guard cutoff > lowest else { return total }
        // ln f_ν(s) = ½ ln(ν/π) − ln Γ*(ν/2) + (ν/2)(1 − s²) + (ν − 1) ln s, with Γ* the regulated gamma
        // function: the same as ν/2 ln ν − (ν/2 − 1) ln 2 − ln Γ(ν/2) + …, without the cancellation of
        // terms of size ν ln ν (which costs about 1e−11 at ν = 20 000).
        let logNormalizer = 0.5 * log(nu / Double.pi) - log(try SpecialFunctions.regulatedGamma(nu / 2))
        let width = min(1, 3 / (2 * nu).squareRoot(), 2 / q)
        let panels = Int(((cutoff - lowest) / width).rounded(.up))
        total += try GaussLegendreQuadrature.sixteenPoint.integrate(from: lowest, to: cutoff, panels: panels) { s in
            let density = exp(logNormalizer + nu / 2 * (1 - s * s) + (nu - 1) * log(s))
            return density * (try maximumRangeProbability(q * s))
        }
        return total
    }
}
