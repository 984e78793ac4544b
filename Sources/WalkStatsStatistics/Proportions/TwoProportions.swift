import Foundation
import WalkStatsGSL

/// Responders out of participants in one arm: x of n, with the proportion p = x / n.
///
/// - Throws (from ``init(responders:participants:)``): ``StatisticsError/insufficientObservations(what:needed:got:)``
///   when n = 0, ``StatisticsError/invalidRequest(_:)`` when x < 0, n < 0 or x > n.
public struct ResponderCount: Sendable, Equatable {
    /// The number of responders x.
    public let responders: Int
    /// The number of participants n.
    public let participants: Int

    /// Creates a count after checking 0 ≤ x ≤ n and n ≥ 1.
    public init(responders: Int, participants: Int) throws {
        guard responders >= 0, participants >= 0 else {
            throw StatisticsError.invalidRequest(
                "counts must not be negative, got \(responders) responders of \(participants) participants")
        }
        guard participants > 0 else {
            throw StatisticsError.insufficientObservations(what: "participants", needed: 1, got: 0)
        }
        guard responders <= participants else {
            throw StatisticsError.invalidRequest(
                "responders (\(responders)) cannot exceed participants (\(participants))")
        }
        self.responders = responders
        self.participants = participants
    }

    /// The proportion p = x / n.
    public var proportion: Double { Double(responders) / Double(participants) }
}

/// The Wilson score interval of one proportion p = x / n (without continuity correction).
///
/// ```
/// z = Φ⁻¹((1 + level)/2),  c = z²/(2n)
/// lower = (p + c − z·√(p(1 − p)/n + c/(2n))) / (1 + 2c)     (0 when p = 0)
/// upper = (p + c + z·√(p(1 − p)/n + c/(2n))) / (1 + 2c)     (1 when p = 1)
/// ```
///
/// The expression is R's own (stats:::prop.test, k = 1, YATES = 0), so the limits agree to rounding.
///
/// *Matches R:* `prop.test(x, n, correct = FALSE, conf.level = level)$conf.int`.
///
/// *References:* Wilson EB (1927), Probable inference, the law of succession, and statistical inference.
/// JASA 22:209–212. doi:10.1080/01621459.1927.10502953. Newcombe RG (1998), Two-sided confidence
/// intervals for the single proportion: comparison of seven methods. Stat Med 17:857–872 (method 3).
///
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``.
public func wilsonInterval(_ count: ResponderCount, confidenceLevel: Double = 0.95) throws -> ConfidenceInterval {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let z = try NormalDistribution.quantile((1 + confidenceLevel) / 2)
    let n = Double(count.participants), p = count.proportion
    let z22n = z * z / (2 * n)
    let halfWidth = z * (p * (1 - p) / n + z22n / (2 * n)).squareRoot()
    let upper = p >= 1 ? 1 : (p + z22n + halfWidth) / (1 + 2 * z22n)
    let lower = p <= 0 ? 0 : (p + z22n - halfWidth) / (1 + 2 * z22n)
    return ConfidenceInterval(level: confidenceLevel, lower: lower, upper: upper)
}

/// The risk difference p₁ − p₂ of an arm (x₁/n₁) against the reference (x₂/n₂), with Newcombe's
/// hybrid score interval.
///
/// ```
/// d = p₁ − p₂
/// (l₁, u₁), (l₂, u₂) = Wilson score intervals of p₁ and p₂ at the same level   (wilsonInterval)
/// L = d − √((p₁ − l₁)² + (u₂ − p₂)²)
/// U = d + √((u₁ − p₁)² + (p₂ − l₂)²)
/// ```
///
/// *Matches R:* the same formula evaluated on `prop.test(x, n, correct = FALSE)$conf.int` of each arm (base
/// R has no Newcombe interval; `Fixtures/proportions/generate.R` writes it out). Also reproduces the
/// method-10 column of Newcombe (1998), Table II, to its 4 printed decimals.
///
/// *References:* Newcombe RG (1998), Interval estimation for the difference between independent
/// proportions: comparison of eleven methods. Stat Med 17:873–890 (method 10).
/// doi:10.1002/(SICI)1097-0258(19980430)17:8<873::AID-SIM779>3.0.CO;2-I
///
/// *Deviations:* none; the interval always lies within [−1, 1] and is defined for zero cells.
///
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``.
public func riskDifference(_ arm: ResponderCount, _ reference: ResponderCount,
                           confidenceLevel: Double = 0.95) throws -> RiskDifference {
    let w1 = try wilsonInterval(arm, confidenceLevel: confidenceLevel)
    let w2 = try wilsonInterval(reference, confidenceLevel: confidenceLevel)
    let p1 = arm.proportion, p2 = reference.proportion
    let d = p1 - p2
    let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
    let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
    return RiskDifference(estimate: d,
                          confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: lower, upper: upper))
}

/// A risk difference p₁ − p₂ with its Newcombe hybrid score interval; see
/// ``riskDifference(_:_:confidenceLevel:)``.
public struct RiskDifference: Sendable, Equatable {
    /// p₁ − p₂.
    public let estimate: Double
    /// Newcombe's method-10 interval of p₁ − p₂.
    public let confidenceInterval: ConfidenceInterval

    /// Creates a risk difference.
    public init(estimate: Double, confidenceInterval: ConfidenceInterval) {
        self.estimate = estimate
        self.confidenceInterval = confidenceInterval
    }

    /// The number needed to treat derived from this difference (Altman 1998).
    public var numberNeededToTreat: NumberNeededToTreat { NumberNeededToTreat(self) }
}

/// The risk ratio p₁ / p₂ of an arm against the reference, with the Katz log interval.
///
/// ```
/// RR = p₁ / p₂
/// SE(log RR) = √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)
/// CI = exp(log RR ∓ z·SE),  z = Φ⁻¹((1 + level)/2)
/// ```
///
/// *Zero counts.* With x₂ = 0 the ratio is undefined (``RiskRatio/estimate`` is nil); with x₁ = 0 it is
/// 0. In both cases, SE(log RR) is infinite and the Katz interval undefined: ``RiskRatio/confidenceInterval``
/// is nil and ``RiskRatio/undefinedReason`` says why. No 0.5 is added to the cells (that would be a
/// different estimator; a caller who wants it must ask for it explicitly).
///
/// *Matches R:* `exp(log(p1/p2) + c(-1, 1) * qnorm(0.975) * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))` (written out in
/// `Fixtures/proportions/generate.R`; base R has no risk-ratio function).
///
/// *References:* Katz D, Baptista J, Azen SP, Pike MC (1978), Obtaining confidence intervals for the risk
/// ratio in cohort studies. Biometrics 34:469–474. doi:10.2307/2530610
///
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``.
public func riskRatio(_ arm: ResponderCount, _ reference: ResponderCount,
                      confidenceLevel: Double = 0.95) throws -> RiskRatio {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let estimate: Double? = reference.responders > 0 ? arm.proportion / reference.proportion : nil
    guard arm.responders > 0, reference.responders > 0, let ratio = estimate else {
        let which = arm.responders == 0 && reference.responders == 0 ? "both arms have"
            : arm.responders == 0 ? "the arm has" : "the reference has"
        return RiskRatio(estimate: estimate, standardErrorOfLog: nil, confidenceInterval: nil,
                         undefinedReason: "\(which) no responders, so log(RR) has an infinite standard error "
                             + "and the Katz interval is undefined")
    }
    let (x1, n1) = (Double(arm.responders), Double(arm.participants))
    let (x2, n2) = (Double(reference.responders), Double(reference.participants))
    let se = (1 / x1 - 1 / n1 + 1 / x2 - 1 / n2).squareRoot()
    let z = try NormalDistribution.quantile((1 + confidenceLevel) / 2)
    let logRatio = log(ratio)
    return RiskRatio(estimate: ratio, standardErrorOfLog: se,
                     confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: exp(logRatio - z * se),
                                                            upper: exp(logRatio + z * se)),
                     undefinedReason: nil)
}

/// A risk ratio p₁ / p₂ with its Katz log interval; see ``riskRatio(_:_:confidenceLevel:)``.
public struct RiskRatio: Sendable, Equatable {
    /// p₁ / p₂; nil when the reference has no responders (x₂ = 0).
    public let estimate: Double?
    /// SE(log RR); nil when a count is zero.
    public let standardErrorOfLog: Double?
    /// The Katz interval; nil when x₁ = 0 or x₂ = 0.
    public let confidenceInterval: ConfidenceInterval?
    /// Why the interval is missing, when it is.
    public let undefinedReason: String?
}

/// The number needed to treat, 1 / (p₁ − p₂), in Altman's form: NNTB (benefit) when the arm has more
/// responders than the reference, NNTH (harm) when fewer, with the interval taken from the risk
/// difference's interval (L, U) by reciprocals.
///
/// ```
/// L > 0:          NNTB 1/U to NNTB 1/L
/// U < 0:          NNTH 1/|L| to NNTH 1/|U|
/// L < 0 < U:      NNTB 1/U to ∞ to NNTH 1/|L|      (the interval passes through ∞, where RD = 0)
/// ```
///
/// A limit of exactly 0 gives ∞ on that side; RD = 0 gives "NNT ∞". "Responder" is taken to be the good
/// outcome, so a larger p₁ is a benefit.
///
/// *References:* Altman DG (1998), Confidence intervals for the number needed to treat. BMJ
/// 317:1309–1312. doi:10.1136/bmj.317.7168.1309
public struct NumberNeededToTreat: Sendable, Equatable, CustomStringConvertible {
    /// The risk difference it is derived from.
    public let riskDifference: RiskDifference

    /// Creates the NNT of a risk difference.
    public init(_ riskDifference: RiskDifference) { self.riskDifference = riskDifference }

    /// |1 / RD|, +∞ when RD = 0.
    public var value: Double { 1 / abs(riskDifference.estimate) }

    /// Whether the point estimate is a benefit (RD > 0), a harm (RD < 0), or neither (RD = 0).
    public var isBenefit: Bool { riskDifference.estimate > 0 }

    /// Whether the interval of RD contains values on both sides of 0, so the NNT interval runs through ∞.
    public var crossesZero: Bool {
        riskDifference.confidenceInterval.lower < 0 && riskDifference.confidenceInterval.upper > 0
    }

    /// Altman's wording, such as "NNTB 4.2 (NNTB 2.1 to ∞ to NNTH 25.0)", one decimal.
    public var description: String {
        let d = riskDifference.estimate
        let (l, u) = (riskDifference.confidenceInterval.lower, riskDifference.confidenceInterval.upper)
        func format(_ value: Double) -> String { value.isFinite ? String(format: "%.1f", value) : "∞" }
        let point = d > 0 ? "NNTB \(format(1 / d))" : d < 0 ? "NNTH \(format(1 / -d))" : "NNT ∞"
        let interval: String
        if l >= 0, u > 0 {
            interval = l > 0 ? "NNTB \(format(1 / u)) to NNTB \(format(1 / l))" : "NNTB \(format(1 / u)) to ∞"
        } else if u <= 0, l < 0 {
            interval = u < 0 ? "NNTH \(format(1 / -l)) to NNTH \(format(1 / -u))" : "NNTH \(format(1 / -l)) to ∞"
        } else if l < 0, u > 0 {
            interval = "NNTB \(format(1 / u)) to ∞ to NNTH \(format(1 / -l))"
        } else {
            interval = "∞"
        }
        return "\(point) (\(interval))"
    }
}

/// Pearson's chi-squared test that two proportions are equal, with Yates' continuity correction by
/// default, and the corrected Wald interval of p₁ − p₂, as R's `prop.test` gives them.
///
/// ```
/// p̄ = (x₁ + x₂)/(n₁ + n₂),  E = n·p̄ and n·(1 − p̄) per arm
/// Y = min(0.5, |p₁ − p₂| / (1/n₁ + 1/n₂))    (Y = 0 without correction)
/// X² = Σ over the 4 cells (|O − E| − Y)² / E,   df = 1,   p = P(χ²₁ > X²)
/// CI = p₁ − p₂ ∓ (z·√(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂) + Y·(1/n₁ + 1/n₂)), clipped to [−1, 1]
/// ```
///
/// *Matches R:* `prop.test(c(x1, x2), c(n1, n2), correct = continuityCorrection, conf.level = level)`:
/// X-squared, df, p-value, estimate p₁ − p₂ and conf.int. R's warning "Chi-squared approximation may be
/// incorrect" (an expected count below 5) is not reproduced; a caller can check the expected counts.
///
/// *References:* Yates F (1934), Contingency tables involving small numbers and the χ² test. JRSS
/// Suppl 1:217–235. doi:10.2307/2983604. Newcombe (1998), method 2 (with correction) for the interval.
///
/// *Deviations:* where the pooled proportion is 0 or 1 (no responders at all, or only responders), R
/// returns X-squared = NaN; this throws ``StatisticsError/zeroVariance(what:)`` instead.
///
/// - Returns: a result named ``TestName/twoProportionsChiSquared``, estimate = p₁ − p₂.
/// - Throws: ``StatisticsError/zeroVariance(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func twoProportionsChiSquaredTest(_ arm: ResponderCount, _ reference: ResponderCount,
                                         continuityCorrection: Bool = true,
                                         confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let (x1, n1) = (Double(arm.responders), Double(arm.participants))
    let (x2, n2) = (Double(reference.responders), Double(reference.participants))
    let pooled = (x1 + x2) / (n1 + n2)
    guard pooled > 0, pooled < 1 else {
        throw StatisticsError.zeroVariance(what: "the responses of both arms together")
    }
    let (p1, p2) = (x1 / n1, x2 / n2)
    let delta = p1 - p2
    let inverseSum = 1 / n1 + 1 / n2
    let yates = continuityCorrection ? min(0.5, abs(delta) / inverseSum) : 0
    var statistic = 0.0
    for (observed, expected) in [(x1, n1 * pooled), (x2, n2 * pooled),
                                 (n1 - x1, n1 * (1 - pooled)), (n2 - x2, n2 * (1 - pooled))] {
        let deviation = abs(observed - expected) - yates
        statistic += deviation * deviation / expected
    }
    let pValue = try ChiSquaredDistribution(degreesOfFreedom: 1).survivalProbability(statistic)
    let z = try NormalDistribution.quantile((1 + confidenceLevel) / 2)
    let width = z * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot() + yates * inverseSum
    return HypothesisTestResult(
        name: .twoProportionsChiSquared,
        method: continuityCorrection ? "2-sample test for equality of proportions with continuity correction"
            : "2-sample test for equality of proportions without continuity correction",
        statistic: statistic, degreesOfFreedom: 1, pValue: pValue, estimate: delta,
        confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: max(delta - width, -1),
                                               upper: min(delta + width, 1)),
        sampleSizes: [arm.participants, reference.participants])
}
