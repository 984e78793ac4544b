import Foundation
import WalkStatsGSL

/// The linear mixed model with a random intercept per participant, fitted by REML on every available
/// measurement (participants with missing visits are kept): `value ~ arm * time + (1 | participant)`.
///
/// ```
/// y_ij = x_ijᵀβ + b_i + ε_ij,   b_i ~ N(0, τ²),  ε_ij ~ N(0, σ²),  participant i, measurement j
/// x_ij: (Intercept), arm<a> (a ≠ first arm level), time<t> (t ≠ first time level),
///       arm<a>:time<t> (arms varying fastest, as R orders `arm * time`), treatment contrasts
/// Cov(y_i) = σ² Σ_i,  Σ_i = I + φ J  (n_i × n_i, J all ones),  φ = τ²/σ² ≥ 0
///
/// given φ, by generalised least squares (whitening Σ_i^{-1/2} = I − c_i J, c_i = (1 − 1/√(1 + n_iφ))/n_i,
/// then ``LinearLeastSquares``):
///   β̂(φ) = (XᵀΣ⁻¹X)⁻¹XᵀΣ⁻¹y,  R(φ) = (y − Xβ̂)ᵀΣ⁻¹(y − Xβ̂),  σ̂²(φ) = R / (n − p)
/// profiled REML criterion (lme4's `REMLcrit`, −2 × the REML log-likelihood):
///   d(φ) = Σ_i log(1 + n_iφ) + log det(XᵀΣ⁻¹X) + (n − p)(1 + log(2π σ̂²(φ)))
/// with Z the participant indicator matrix, P = Σ⁻¹ − Σ⁻¹X(XᵀΣ⁻¹X)⁻¹XᵀΣ⁻¹, Q = ZᵀPZ, u = ZᵀPy:
///   d′(φ) = tr Q − (n − p) uᵀu / R
/// φ̂ is the root of d′ on [0, ∞) by Brent's method (``RootFinding``), or φ̂ = 0 when d′(0) ≥ 0
/// (a boundary, "singular" fit: τ̂² = 0, as lme4's `isSingular`);  τ̂² = φ̂ σ̂².
///
/// Satterthwaite degrees of freedom of a contrast Lβ (lmerTest's parameterisation (θ, σ), θ = √φ = τ/σ):
///   C(θ, σ) = σ² M,  M = (XᵀΣ⁻¹X)⁻¹,   v = L C Lᵀ
///   g = ∂v/∂(θ, σ) = (2θσ² ‖B M Lᵀ‖²,  2σ L M Lᵀ),  B = ZᵀΣ⁻¹X
///   H = Hessian of the REML deviance D(θ, σ) = f(φ) + (n − p) log(2πσ²) + R(φ)/σ² at (θ̂, σ̂),
///       f = log det Σ + log det XᵀΣ⁻¹X,  f′ = tr Q, f″ = −‖Q‖²_F, R′ = −uᵀu, R″ = 2 uᵀQu (all in φ):
///       D_θθ = 2(f′ + R′/σ²) + 4φ(f″ + R″/σ²),  D_θσ = −4θR′/σ³,  D_σσ = −2(n − p)/σ² + 6R/σ⁴
///   A = 2 H⁻¹,   df = 2 v² / (gᵀ A g),   t = Lβ̂ / √v,   p = 2 P(T_df > |t|),
///   CI = Lβ̂ ± t_{df, (1 + level)/2} √v
/// ```
///
/// All derivatives are analytic (lmerTest takes them numerically with `numDeriv`, which is why its df
/// differ from these in about the eighth digit). At the boundary θ̂ = 0 the gradient in θ vanishes and
/// df = n − p, as lmerTest gives.
///
/// *Arm differences.* At each time, every pair of arms (a, b) with a before b in `armLevels`: the
/// difference of the model means a − b (emmeans' `pairwise ~ arm | time`, whose contrast is named
/// `a - b`), with its Satterthwaite df and interval; unadjusted, and with three or more arms also
/// Tukey-adjusted within the time (emmeans' default): p = P(Q_{k, df} > √2 |t|),
/// CI = estimate ± q_{k, df, level} / √2 · se, k the number of arms.
///
/// *Matches R:* `fit <- lmer(value ~ arm * time + (1 | participant), REML = TRUE)` (lme4, with `arm`,
/// `time` factors whose levels are `armLevels`, `timeLevels`); `coef(summary(fit, ddf = "Satterthwaite"))`
/// of lmerTest (estimate, SE, df, t, p, R's row names); `as.data.frame(VarCorr(fit))$vcov`; `logLik(fit)`;
/// `isSingular(fit)`; `emm_options(lmer.df = "satterthwaite")`, `emmeans(fit, pairwise ~ arm | time)`
/// with `summary(..., infer = TRUE, adjust = "none")` (and the default Tukey for three or more arms).
/// **Deviations:** lme4 calls a fit singular when θ̂ < 1e-4 (`isSingular`'s tolerance), this only when
/// the REML optimum is on the boundary exactly (d′(0) ≥ 0); an arm × time cell without measurements
/// (R drops the aliased coefficient) throws here.
///
/// *References:* Laird NM, Ware JH (1982), Random-effects models for longitudinal data. Biometrics
/// 38:963–974. Bates D, Mächler M, Bolker B, Walker S (2015), Fitting linear mixed-effects models using
/// lme4. J Stat Softw 67(1). Kuznetsova A, Brockhoff PB, Christensen RHB (2017), lmerTest package:
/// tests in linear mixed effects models. J Stat Softw 82(13). Satterthwaite FE (1946), An approximate
/// distribution of estimates of variance components. Biometrics Bulletin 2:110–114.
///
/// - Parameters:
///   - value: the outcome, one value per measurement (missing visits are simply not passed).
///   - participant: each measurement's participant (non-empty), aligned with `value`.
///   - arm: each measurement's arm (non-empty, the same for every measurement of a participant).
///   - time: each measurement's visit (non-empty).
///   - armLevels: the arms in factor order, the first the reference (R's `factor(arm, levels =)`);
///     default nil: the labels in code-point order.
///   - timeLevels: the visits in factor order, the first the reference; default nil: code-point order.
///   - confidenceLevel: the level of the arm-difference intervals (default 0.95).
/// - Returns: a ``LinearMixedModelFit``.
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``; ``StatisticsError/invalidRequest(_:)`` for
///   lengths that differ, empty labels, a participant in two arms, levels that repeat or miss a label,
///   an arm × time cell without measurements, or a REML criterion without a finite optimum;
///   ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 arms or 2 visits, no
///   participant with two or more measurements, or n ≤ p; ``StatisticsError/zeroVariance(what:)`` when
///   the model fits exactly; ``GSLError`` from the distributions.
/// - Complexity: O(n·p³ + m²p) per evaluation of d′ (m participants), about 50 evaluations.
public func linearMixedModel(value: [Double], participant: [String], arm: [String], time: [String],
                             armLevels: [String]? = nil, timeLevels: [String]? = nil,
                             confidenceLevel: Double = 0.95) throws -> LinearMixedModelFit {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let model = try RandomInterceptModel(value: value, participant: participant, arm: arm, time: time,
                                         armLevels: armLevels, timeLevels: timeLevels)
    return try model.fit(confidenceLevel: confidenceLevel)
}

/// One row of lmerTest's `coef(summary(fit, ddf = "Satterthwaite"))`, or one emmeans contrast.
public struct MixedModelEstimate: Sendable, Equatable {
    /// Lβ̂.
    public let estimate: Double
    /// √(L Ĉ Lᵀ), Ĉ = σ̂²(XᵀΣ̂⁻¹X)⁻¹ (R's `vcov(fit)`).
    public let standardError: Double
    /// The Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// t = estimate / standardError.
    public let statistic: Double
    /// 2 P(T_df > |t|).
    public let pValue: Double

    /// Creates an estimate.
    public init(estimate: Double, standardError: Double, degreesOfFreedom: Double, statistic: Double, pValue: Double) {
        self.estimate = estimate
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.statistic = statistic
        self.pValue = pValue
    }
}

/// A fixed-effect coefficient with R's name (`(Intercept)`, `armB`, `timeweek6`, `armB:timeweek6`).
public struct MixedModelCoefficient: Sendable, Equatable {
    /// R's row name.
    public let term: String
    /// Estimate, SE, Satterthwaite df, t and p.
    public let inference: MixedModelEstimate

    /// Creates a coefficient.
    public init(term: String, inference: MixedModelEstimate) {
        self.term = term
        self.inference = inference
    }
}

/// The difference between two arms' model means at one visit (emmeans' `pairwise ~ arm | time`).
public struct MixedModelArmDifference: Sendable, Equatable {
    /// The visit.
    public let time: String
    /// The arm from which `subtracted` is subtracted (earlier in the arm levels).
    public let arm: String
    /// The arm subtracted.
    public let subtracted: String
    /// Estimate arm − subtracted, SE, Satterthwaite df, t and unadjusted p.
    public let inference: MixedModelEstimate
    /// The unadjusted interval estimate ± t_{df, (1 + level)/2} · SE.
    public let confidenceInterval: ConfidenceInterval
    /// With three or more arms, emmeans' default Tukey adjustment within the visit: p and interval.
    public let tukey: (pValue: Double, confidenceInterval: ConfidenceInterval)?

    /// emmeans' name of the contrast, `"<arm> - <subtracted>"`.
    public var contrast: String { "\(arm) - \(subtracted)" }

    /// Creates a difference.
    public init(time: String, arm: String, subtracted: String, inference: MixedModelEstimate,
                confidenceInterval: ConfidenceInterval, tukey: (pValue: Double, confidenceInterval: ConfidenceInterval)?) {
        self.time = time
        self.arm = arm
        self.subtracted = subtracted
        self.inference = inference
        self.confidenceInterval = confidenceInterval
        self.tukey = tukey
    }

    /// The difference whose contrast has `inference` (estimate, SE, Satterthwaite df, t, p): its t interval
    /// at `confidenceLevel` and, with `armCount` ≥ 3 arms, emmeans' Tukey adjustment within the visit —
    /// p = P(Q_{k, df} > √2 |t|), interval estimate ± q_{k, df, level} / √2 · se. The one home of this
    /// formula for every mixed model.
    /// - Throws: ``StatisticsError`` or a distribution's error for an invalid df or level.
    public init(time: String, arm: String, subtracted: String, inference r: MixedModelEstimate, armCount: Int,
                confidenceLevel: Double) throws {
        let margin = try StudentTDistribution(degreesOfFreedom: r.degreesOfFreedom).quantile(0.5 + confidenceLevel / 2) * r.standardError
        var tukey: (pValue: Double, confidenceInterval: ConfidenceInterval)?
        if armCount >= 3 {
            let range = try StudentizedRangeDistribution(numberOfMeans: armCount, degreesOfFreedom: r.degreesOfFreedom)
            let q = try range.quantile(confidenceLevel) / 2.0.squareRoot() * r.standardError
            tukey = (try range.survivalProbability(abs(r.statistic) * 2.0.squareRoot()),
                     ConfidenceInterval(level: confidenceLevel, lower: r.estimate - q, upper: r.estimate + q))
        }
        self.init(time: time, arm: arm, subtracted: subtracted, inference: r,
                  confidenceInterval: ConfidenceInterval(level: confidenceLevel, lower: r.estimate - margin, upper: r.estimate + margin),
                  tukey: tukey)
    }

    /// Equal when every field is (written out because the Tukey tuple is not `Equatable` by itself).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.time == rhs.time && lhs.arm == rhs.arm && lhs.subtracted == rhs.subtracted && lhs.inference == rhs.inference
            && lhs.confidenceInterval == rhs.confidenceInterval && lhs.tukey?.pValue == rhs.tukey?.pValue
            && lhs.tukey?.confidenceInterval == rhs.tukey?.confidenceInterval
    }
}

/// The result of ``linearMixedModel(value:participant:arm:time:armLevels:timeLevels:confidenceLevel:)``.
public struct LinearMixedModelFit: Sendable, Equatable {
    /// The arm levels (the first is the reference).
    public let armLevels: [String]
    /// The visit levels (the first is the reference).
    public let timeLevels: [String]
    /// n, the number of measurements used.
    public let observations: Int
    /// m, the number of participants.
    public let participants: Int
    /// The fixed effects in R's order, with Satterthwaite inference.
    public let coefficients: [MixedModelCoefficient]
    /// Ĉ = σ̂²(XᵀΣ̂⁻¹X)⁻¹, R's `vcov(fit)`, in the order of ``coefficients``.
    public let covariance: [[Double]]
    /// τ̂², the participant intercept variance (R: `VarCorr`, group `participant`).
    public let participantVariance: Double
    /// σ̂², the residual variance (R: `VarCorr`, `Residual`).
    public let residualVariance: Double
    /// Whether the REML optimum is on the boundary τ̂² = 0 (lme4: "boundary (singular) fit").
    public let isSingular: Bool
    /// The REML log-likelihood at the optimum, R's `logLik(fit)` (−`REMLcrit(fit)` / 2).
    public let remlLogLikelihood: Double
    /// For each visit (in level order), each pair of arms (in level order).
    public let armDifferences: [MixedModelArmDifference]

    /// Creates a fit.
    public init(armLevels: [String], timeLevels: [String], observations: Int, participants: Int,
                coefficients: [MixedModelCoefficient], covariance: [[Double]], participantVariance: Double,
                residualVariance: Double, isSingular: Bool, remlLogLikelihood: Double,
                armDifferences: [MixedModelArmDifference]) {
        self.armLevels = armLevels
        self.timeLevels = timeLevels
        self.observations = observations
        self.participants = participants
        self.coefficients = coefficients
        self.covariance = covariance
        self.participantVariance = participantVariance
        self.residualVariance = residualVariance
        self.isSingular = isSingular
        self.remlLogLikelihood = remlLogLikelihood
        self.armDifferences = armDifferences
    }

    /// The coefficient named `term` (R's row name), or nil.
    public func coefficient(_ term: String) -> MixedModelCoefficient? { coefficients.first { $0.term == term } }
}

/// The data, design and REML machinery behind ``linearMixedModel(value:participant:arm:time:armLevels:timeLevels:confidenceLevel:)``.
struct RandomInterceptModel {
    /// The largest φ = τ²/σ² searched for the optimum before giving up.
    static let maximumVarianceRatio = 1e12
    /// Brent's absolute tolerance on φ (its relative part, 2ε|φ|, dominates for φ above 1e-2).
    static let ratioTolerance = 1e-15

    let y: [Double]
    let rows: [[Double]]
    let terms: [String]
    /// The measurements of each participant (indices into y), participants in order of first appearance.
    let groups: [[Int]]
    let arms: [String]
    let times: [String]
    var n: Int { y.count }
    var p: Int { terms.count }

    init(value: [Double], participant: [String], arm: [String], time: [String],
         armLevels: [String]?, timeLevels: [String]?) throws {
        let n = value.count
        guard participant.count == n, arm.count == n, time.count == n else {
            throw StatisticsError.invalidRequest("the mixed model needs one participant, arm and time per value, got "
                                                 + "\(n) values, \(participant.count) participants, \(arm.count) arms and \(time.count) times")
        }
        guard !participant.contains(where: \.isEmpty), !arm.contains(where: \.isEmpty), !time.contains(where: \.isEmpty) else {
            throw StatisticsError.invalidRequest("every measurement needs a non-empty participant, arm and time label")
        }
        try TInference.requireFinite(value, what: "the measured values")
        var armOf: [String: String] = [:]
        var index: [String: Int] = [:]
        var groups: [[Int]] = []
        for k in 0..<n {
            if let other = armOf[participant[k]], other != arm[k] {
                throw StatisticsError.invalidRequest("participant '\(participant[k])' is in two arms ('\(other)' and '\(arm[k])')")
            }
            armOf[participant[k]] = arm[k]
            if let g = index[participant[k]] { groups[g].append(k) } else {
                index[participant[k]] = groups.count
                groups.append([k])
            }
        }
        let arms = try Self.levels(armLevels, labels: arm, kind: "arm")
        let times = try Self.levels(timeLevels, labels: time, kind: "time")
        guard arms.count >= 2 else { throw StatisticsError.insufficientObservations(what: "arms", needed: 2, got: arms.count) }
        guard times.count >= 2 else { throw StatisticsError.insufficientObservations(what: "visits", needed: 2, got: times.count) }
        let repeated = groups.filter { $0.count >= 2 }.count
        guard repeated >= 1 else {
            throw StatisticsError.insufficientObservations(what: "participants with two or more measurements", needed: 1, got: 0)
        }
        for t in times {
            for a in arms where !(0..<n).contains(where: { arm[$0] == a && time[$0] == t }) {
                throw StatisticsError.invalidRequest("no measurement in arm '\(a)' at time '\(t)': the arm × time model needs every cell")
            }
        }
        var terms = ["(Intercept)"] + arms.dropFirst().map { "arm\($0)" } + times.dropFirst().map { "time\($0)" }
        for t in times.dropFirst() { for a in arms.dropFirst() { terms.append("arm\(a):time\(t)") } }
        guard n > terms.count else {
            throw StatisticsError.insufficientObservations(what: "measurements", needed: terms.count + 1, got: n)
        }
        self.y = value
        self.rows = (0..<n).map { Self.designRow(arm: arm[$0], time: time[$0], arms: arms, times: times) }
        self.terms = terms
        self.groups = groups
        self.arms = arms
        self.times = times
    }

    /// The given levels, checked against the labels, or the labels in code-point order.
    static func levels(_ given: [String]?, labels: [String], kind: String) throws -> [String] {
        let present = Set(labels)
        guard let given else { return present.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) } }
        guard Set(given).count == given.count else { throw StatisticsError.invalidRequest("the \(kind) levels repeat a level") }
        if let missing = present.subtracting(given).sorted().first {
            throw StatisticsError.unknownName(kind: "\(kind) level", name: missing, available: given)
        }
        if let empty = given.first(where: { !present.contains($0) }) {
            throw StatisticsError.invalidRequest("no measurement has \(kind) '\(empty)'")
        }
        return given
    }

    /// x for one (arm, time): intercept, arm dummies, time dummies, interactions (arms fastest).
    static func designRow(arm: String, time: String, arms: [String], times: [String]) -> [Double] {
        var row: [Double] = [1]
        for a in arms.dropFirst() { row.append(a == arm ? 1 : 0) }
        for t in times.dropFirst() { row.append(t == time ? 1 : 0) }
        for t in times.dropFirst() { for a in arms.dropFirst() { row.append(a == arm && t == time ? 1 : 0) } }
        return row
    }

    /// Everything at one φ that the criterion, its derivatives and the df need.
    struct Evaluation {
        let phi: Double
        let coefficients: [Double]
        /// M = (XᵀΣ⁻¹X)⁻¹.
        let unscaled: [[Double]]
        /// R = (y − Xβ̂)ᵀΣ⁻¹(y − Xβ̂).
        let rss: Double
        let logDetSigma: Double
        let logDetCrossProduct: Double
        /// B = ZᵀΣ⁻¹X, m × p.
        let b: [[Double]]
        /// Q = ZᵀPZ, m × m.
        let q: [[Double]]
        /// u = ZᵀPy.
        let u: [Double]
    }

    func evaluate(_ phi: Double) throws -> Evaluation {
        var wx = rows, wy = y
        var b: [[Double]] = []
        var logDetSigma = 0.0
        var a: [Double] = []
        for g in groups {
            let ni = Double(g.count)
            let ai = 1 + ni * phi
            a.append(ai)
            logDetSigma += log(ai)
            let c = (1 - 1 / ai.squareRoot()) / ni
            var sums = [Double](repeating: 0, count: p)
            var ySum = 0.0
            for k in g {
                ySum += y[k]
                for j in 0..<p { sums[j] += rows[k][j] }
            }
            for k in g {
                wy[k] -= c * ySum
                for j in 0..<p { wx[k][j] -= c * sums[j] }
            }
            b.append(sums.map { $0 / ai })
        }
        let fit: LinearLeastSquaresFit
        do {
            fit = try LinearLeastSquares.fit(design: wx, response: wy)
        } catch let error as LinearLeastSquaresError {
            throw StatisticsError.invalidRequest("the fixed-effects design of the mixed model cannot be fitted: \(error)")
        }
        let beta = fit.coefficients, m = fit.unscaledCovariance
        var u: [Double] = []
        for (i, g) in groups.enumerated() {
            var sum = 0.0
            for k in g {
                var fitted = 0.0
                for j in 0..<p { fitted += rows[k][j] * beta[j] }
                sum += y[k] - fitted
            }
            u.append(sum / a[i])
        }
        let bm = b.map { row in (0..<p).map { j in (0..<p).reduce(0.0) { $0 + row[$1] * m[$1][j] } } }
        var q = [[Double]](repeating: [Double](repeating: 0, count: groups.count), count: groups.count)
        for i in groups.indices {
            for k in groups.indices {
                var s = 0.0
                for j in 0..<p { s += bm[i][j] * b[k][j] }
                q[i][k] = (i == k ? Double(groups[i].count) / a[i] : 0) - s
            }
        }
        return Evaluation(phi: phi, coefficients: beta, unscaled: m, rss: fit.residualSumOfSquares, logDetSigma: logDetSigma,
                          logDetCrossProduct: fit.logDeterminantOfCrossProduct, b: b, q: q, u: u)
    }

    /// d′(φ) = tr Q − (n − p) uᵀu / R.
    func criterionDerivative(_ e: Evaluation) -> Double {
        let trace = e.q.indices.reduce(0.0) { $0 + e.q[$1][$1] }
        return trace - Double(n - p) * e.u.reduce(0.0) { $0 + $1 * $1 } / e.rss
    }

    /// φ̂: 0 when d′(0) ≥ 0, else the root of d′ bracketed by doubling.
    func optimalRatio() throws -> Double {
        let atZero = criterionDerivative(try evaluate(0))
        guard atZero < 0 else { return 0 }
        var upper = 1.0
        var atUpper = criterionDerivative(try evaluate(upper))
        while atUpper < 0 {
            upper *= 2
            guard upper <= Self.maximumVarianceRatio else {
                throw StatisticsError.invalidRequest("the REML criterion keeps falling as the participant variance grows "
                                                     + "(no finite optimum): too few participants per arm?")
            }
            atUpper = criterionDerivative(try evaluate(upper))
        }
        let root = try RootFinding.brent(lower: 0, upper: upper, valueAtLower: atZero, valueAtUpper: atUpper,
                                         tolerance: Self.ratioTolerance, maximumIterations: 500) {
            criterionDerivative(try evaluate($0))
        }
        guard root.converged else { throw StatisticsError.invalidRequest("the REML optimisation did not converge") }
        return root.location
    }

    func fit(confidenceLevel: Double) throws -> LinearMixedModelFit {
        let phi = try optimalRatio()
        let e = try evaluate(phi)
        let dfResidual = Double(n - p)
        let sigma2 = e.rss / dfResidual
        guard sigma2 > 0, sigma2.isFinite else { throw StatisticsError.zeroVariance(what: "the model residuals") }
        let sigma = sigma2.squareRoot()
        let theta = phi.squareRoot()

        // Hessian of D(θ, σ) and A = 2 H⁻¹.
        let fPrime = e.q.indices.reduce(0.0) { $0 + e.q[$1][$1] }
        let fSecond = -e.q.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + $1 * $1 } }
        let rPrime = -e.u.reduce(0.0) { $0 + $1 * $1 }
        var uQu = 0.0
        for i in e.u.indices { for k in e.u.indices { uQu += e.u[i] * e.q[i][k] * e.u[k] } }
        let rSecond = 2 * uQu
        let dTT = 2 * (fPrime + rPrime / sigma2) + 4 * phi * (fSecond + rSecond / sigma2)
        let dTS = -4 * theta * rPrime / (sigma2 * sigma)
        let dSS = -2 * dfResidual / sigma2 + 6 * e.rss / (sigma2 * sigma2)
        let determinant = dTT * dSS - dTS * dTS
        let covarianceOfParameters: (tt: Double, ts: Double, ss: Double)
        if theta == 0 {
            covarianceOfParameters = (0, 0, 2 / dSS) // the θ-gradient of every contrast variance is 0 here
        } else {
            guard determinant > 0, dTT > 0 else {
                throw StatisticsError.invalidRequest("the REML criterion is not convex at its optimum, so Satterthwaite df are undefined")
            }
            covarianceOfParameters = (2 * dSS / determinant, -2 * dTS / determinant, 2 * dTT / determinant)
        }

        let m = e.unscaled
        func inference(_ l: [Double]) throws -> MixedModelEstimate {
            let ml = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + m[i][$1] * l[$1] } }
            let v = (0..<p).reduce(0.0) { $0 + l[$1] * ml[$1] }
            let variance = sigma2 * v
            let bml = e.b.map { row in (0..<p).reduce(0.0) { $0 + row[$1] * ml[$1] } }
            let gT = 2 * theta * sigma2 * bml.reduce(0.0) { $0 + $1 * $1 }
            let gS = 2 * sigma * v
            let a = covarianceOfParameters
            let df = 2 * variance * variance / (gT * gT * a.tt + 2 * gT * gS * a.ts + gS * gS * a.ss)
            let estimate = (0..<p).reduce(0.0) { $0 + l[$1] * e.coefficients[$1] }
            let se = variance.squareRoot()
            let t = estimate / se
            let pValue = try TInference.twoSidedPValue(t, distribution: StudentTDistribution(degreesOfFreedom: df))
            return MixedModelEstimate(estimate: estimate, standardError: se, degreesOfFreedom: df, statistic: t, pValue: pValue)
        }

        var coefficients: [MixedModelCoefficient] = []
        for j in terms.indices {
            let unit: [Double] = (0..<p).map { $0 == j ? 1 : 0 }
            coefficients.append(MixedModelCoefficient(term: terms[j], inference: try inference(unit)))
        }
        var differences: [MixedModelArmDifference] = []
        for t in times {
            for (i, a1) in arms.enumerated() {
                for a2 in arms[(i + 1)...] {
                    let x1 = Self.designRow(arm: a1, time: t, arms: arms, times: times)
                    let x2 = Self.designRow(arm: a2, time: t, arms: arms, times: times)
                    differences.append(try MixedModelArmDifference(
                        time: t, arm: a1, subtracted: a2, inference: try inference(zip(x1, x2).map { $0 - $1 }),
                        armCount: arms.count, confidenceLevel: confidenceLevel))
                }
            }
        }
        let logLikelihood = -0.5 * (e.logDetSigma + e.logDetCrossProduct + dfResidual * (1 + log(2 * Double.pi * sigma2)))
        return LinearMixedModelFit(armLevels: arms, timeLevels: times, observations: n, participants: groups.count,
                                   coefficients: coefficients, covariance: m.map { $0.map { $0 * sigma2 } },
                                   participantVariance: phi * sigma2, residualVariance: sigma2, isSingular: phi == 0,
                                   remlLogLikelihood: logLikelihood, armDifferences: differences)
    }
}
