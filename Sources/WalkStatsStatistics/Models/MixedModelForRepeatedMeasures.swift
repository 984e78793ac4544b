import Foundation
import WalkStatsGSL

/// The mixed model for repeated measures (MMRM), the usual primary analysis of a longitudinal trial:
/// `value ~ baseline + arm * time` over the follow-up visits, with an unstructured covariance between a
/// participant's follow-up visits, fitted by REML on every available follow-up measurement
/// (participants with missing follow-ups are kept: missing at random).
///
/// ```
/// baseline_i = participant i's value at the first visit (a covariate, not an outcome)
/// y_ij = x_ijᵀβ + ε_ij,  j = participant i's follow-up visits,  ε_i ~ N(0, Σ_i),  Σ_i = Σ[S_i, S_i]
/// x_ij: (Intercept), baseline, arm<a> (a ≠ first arm), time<t> (t ≠ first follow-up),
///       arm<a>:time<t> (arms varying fastest, as R orders `arm * time`), treatment contrasts
/// Σ: k × k, unstructured (k follow-up visits), θ = (σ_11, σ_12, σ_22, σ_13, …), q = k(k+1)/2 elements
///
/// given Σ, by generalised least squares (whitening each participant by the Cholesky factor of Σ_i,
/// then ``LinearLeastSquares``), V = diag(Σ_i), N measurements, p coefficients:
///   β̂ = (XᵀV⁻¹X)⁻¹XᵀV⁻¹y,  C = (XᵀV⁻¹X)⁻¹ = R's `vcov(fit)`,  r = y − Xβ̂
/// REML log-likelihood (nlme's `logLik(fit)` for `method = "REML"`):
///   ℓ(θ) = −½ [(N − p) log 2π + log det V + log det XᵀV⁻¹X + rᵀV⁻¹r]
/// with P = V⁻¹ − V⁻¹XCXᵀV⁻¹ and V_a = ∂V/∂θ_a (ones where a measurement pair's visits are θ_a's):
///   ∂ℓ/∂θ_a = −½ tr(P V_a) + ½ yᵀP V_a P y
///   ∂²ℓ/∂θ_a∂θ_b = ½ tr(P V_a P V_b) − yᵀP V_a P V_b P y      (V is linear in θ)
///   Fisher information F_ab = ½ tr(P V_a P V_b)
/// θ̂ maximises ℓ by Newton's method with these analytic derivatives (Fisher scoring while −∂²ℓ is
/// not positive definite, and for the first steps), each step halved until Σ stays positive definite
/// and ℓ does not fall; start: Σ diagonal with the ordinary least-squares residual variance per visit.
/// Stops when the Newton decrement gᵀ(−∂²ℓ)⁻¹g falls below ``convergenceDecrement``.
///
/// Satterthwaite degrees of freedom of a contrast lᵀβ (analytic):
///   v = lᵀCl,  z = V⁻¹XCl,  g_a = ∂v/∂θ_a = zᵀV_a z,  A = (−∂²ℓ(θ̂))⁻¹
///   df = 2 v² / (gᵀAg),  t = lᵀβ̂ / √v,  p = 2 P(T_df > |t|),  CI = lᵀβ̂ ± t_{df, (1 + level)/2} √v
/// ```
///
/// The Satterthwaite df do not depend on the parameterisation of Σ (at the optimum the gradient is
/// zero, so the delta method is invariant); the fixture derives them from nlme's fit with
/// `numDeriv::hessian` and `numDeriv::grad` in the same parameterisation.
///
/// *Arm differences.* At each follow-up visit, every pair of arms (a, b) with a before b in `armLevels`:
/// the difference of the model means a − b (emmeans' `pairwise ~ arm | time`, contrast `a - b`; the
/// baseline cancels), with its Satterthwaite df and interval; with three or more arms also
/// Tukey-adjusted within the visit as in ``linearMixedModel(value:participant:arm:time:armLevels:timeLevels:confidenceLevel:)``
/// (with the Satterthwaite df): p = P(Q_{k, df} > √2 |t|), CI = estimate ± q_{k, df, level} / √2 · se.
///
/// *Matches R:* `gls(value ~ baseline + arm * time, correlation = corSymm(form = ~ visit_index | participant),
/// weights = varIdent(form = ~ 1 | time), method = "REML")` (nlme, on the follow-up rows, `visit_index`
/// the follow-up's position 1…k, `arm` and `time` factors with levels `armLevels` and the follow-ups):
/// `coef(fit)`, the standard errors of `summary(fit)$tTable` and `vcov(fit)`; `logLik(fit)`;
/// `getVarCov(fit)` (the covariance of a participant with every visit); `emmeans(fit, pairwise ~ arm | time)`
/// estimates and SEs. The Satterthwaite df match `2 v² / (gᵀAg)` computed from nlme's fit with numDeriv.
/// **Deviations:** nlme reports t-tests with N − p df and emmeans approximates the df of a gls fit
/// differently; here every df is Satterthwaite's (as SAS `PROC MIXED ddfm = satterthwaite` and the R
/// package mmrm), so p-values, intervals and the Tukey adjustment differ from emmeans' for gls (the
/// fixture computes them from the Satterthwaite df with `pt`, `qt`, `ptukey`, `qtukey`). No Kenward–Roger adjustment of the standard errors. Σ is parameterised by its
/// elements (checked positive definite by Cholesky at every step) rather than a Cholesky factor, which
/// keeps V linear in θ and the Hessian simple.
///
/// *References:* Mallinckrodt CH, Lane PW, Schnell D, Peng Y, Mancuso JP (2008), Recommendations for the
/// primary analysis of continuous endpoints in longitudinal clinical trials. Drug Inf J 42:303–319.
/// Jennrich RI, Schluchter MD (1986), Unbalanced repeated-measures models with structured covariance
/// matrices. Biometrics 42:805–820. Pinheiro JC, Bates DM (2000), Mixed-Effects Models in S and S-PLUS,
/// Springer, §5.1. Satterthwaite FE (1946), Biometrics Bulletin 2:110–114.
///
/// - Parameters:
///   - value: the outcome, one value per measurement, baseline visit included (missing visits are not passed).
///   - participant: each measurement's participant (non-empty), aligned with `value`.
///   - arm: each measurement's arm (non-empty, the same for every measurement of a participant).
///   - time: each measurement's visit (non-empty).
///   - armLevels: the arms in factor order, the first the reference; default nil: code-point order.
///   - timeLevels: the visits in time order, the first the baseline, the second the reference follow-up;
///     default nil: code-point order (pass it whenever code-point order is not time order).
///   - confidenceLevel: the level of the arm-difference intervals (default 0.95).
/// - Returns: a ``MixedModelForRepeatedMeasuresFit``.
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``; ``StatisticsError/invalidRequest(_:)`` for
///   lengths that differ, empty labels, a participant in two arms or measured twice at a visit, a
///   participant without a baseline value, a single follow-up visit (that is an ANCOVA), levels that
///   repeat or miss a label, an arm × visit cell without measurements, a pair of follow-up visits that
///   no participant has both of, or a REML fit that does not converge;
///   ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 arms or no follow-up
///   visit, or too few measurements for β and Σ; ``GSLError`` from the distributions.
/// - Complexity: per Newton step O(N²·(p + q) + q²·m²) time and O(N²) memory (the dense P; m participants),
///   under 10 steps on the fixtures.
public func mixedModelForRepeatedMeasures(value: [Double], participant: [String], arm: [String], time: [String],
                                          armLevels: [String]? = nil, timeLevels: [String]? = nil,
                                          confidenceLevel: Double = 0.95) throws -> MixedModelForRepeatedMeasuresFit {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let model = try UnstructuredRepeatedMeasuresModel(value: value, participant: participant, arm: arm, time: time,
                                                      armLevels: armLevels, timeLevels: timeLevels)
    return try model.fit(confidenceLevel: confidenceLevel)
}

/// The result of ``mixedModelForRepeatedMeasures(value:participant:arm:time:armLevels:timeLevels:confidenceLevel:)``.
public struct MixedModelForRepeatedMeasuresFit: Sendable, Equatable {
    /// The arm levels (the first is the reference).
    public let armLevels: [String]
    /// The baseline visit (its values are the `baseline` covariate).
    public let baselineTime: String
    /// The follow-up visits in order (the first is the reference of `time`); rows and columns of ``visitCovariance``.
    public let followUpTimes: [String]
    /// N, the number of follow-up measurements in the model.
    public let observations: Int
    /// m, the number of participants with at least one follow-up measurement.
    public let participants: Int
    /// The fixed effects in R's order (`(Intercept)`, `baseline`, `arm…`, `time…`, `arm…:time…`), with
    /// Satterthwaite inference.
    public let coefficients: [MixedModelCoefficient]
    /// C = (XᵀV̂⁻¹X)⁻¹, R's `vcov(fit)`, in the order of ``coefficients``.
    public let covariance: [[Double]]
    /// Σ̂, the unstructured covariance of the follow-up visits (nlme's `getVarCov(fit)`).
    public let visitCovariance: [[Double]]
    /// The REML log-likelihood at the optimum, R's `logLik(fit)`.
    public let remlLogLikelihood: Double
    /// For each follow-up visit (in order), each pair of arms (in level order).
    public let armDifferences: [MixedModelArmDifference]
    /// How the df were computed: "Satterthwaite (analytic)".
    public let degreesOfFreedomMethod: String
    /// The number of Newton or Fisher-scoring steps taken.
    public let iterations: Int

    /// Creates a fit.
    public init(armLevels: [String], baselineTime: String, followUpTimes: [String], observations: Int,
                participants: Int, coefficients: [MixedModelCoefficient], covariance: [[Double]],
                visitCovariance: [[Double]], remlLogLikelihood: Double, armDifferences: [MixedModelArmDifference],
                degreesOfFreedomMethod: String, iterations: Int) {
        self.armLevels = armLevels
        self.baselineTime = baselineTime
        self.followUpTimes = followUpTimes
        self.observations = observations
        self.participants = participants
        self.coefficients = coefficients
        self.covariance = covariance
        self.visitCovariance = visitCovariance
        self.remlLogLikelihood = remlLogLikelihood
        self.armDifferences = armDifferences
        self.degreesOfFreedomMethod = degreesOfFreedomMethod
        self.iterations = iterations
    }

    /// The coefficient named `term` (R's row name), or nil.
    public func coefficient(_ term: String) -> MixedModelCoefficient? { coefficients.first { $0.term == term } }
}

/// The data, design and REML machinery behind ``mixedModelForRepeatedMeasures(value:participant:arm:time:armLevels:timeLevels:confidenceLevel:)``.
struct UnstructuredRepeatedMeasuresModel {
    /// Convergence: the Newton decrement gᵀ(−∂²ℓ)⁻¹g (about twice the log-likelihood still to gain).
    static let convergenceDecrement = 1e-20
    /// The Newton decrement below which a step that cannot raise ℓ (rounding) still counts as converged.
    static let roundingDecrement = 1e-10
    /// The most Newton or scoring steps.
    static let maximumIterations = 500
    /// Fisher-scoring steps before Newton steps are tried.
    static let scoringSteps = 3

    let y: [Double]
    let rows: [[Double]]
    /// Each measurement's follow-up visit, 0…k−1.
    let visit: [Int]
    let terms: [String]
    /// The measurements of each participant (indices into y, in visit order).
    let groups: [[Int]]
    let arms: [String]
    let times: [String]
    /// (a, b), a ≤ b, for each element of θ.
    let pairs: [(Int, Int)]
    /// For each θ element, the ordered measurement pairs (r, s) of one participant where ∂V/∂θ is 1.
    let pattern: [[(Int, Int)]]
    var n: Int { y.count }
    var p: Int { terms.count }
    var k: Int { times.count - 1 }

    init(value: [Double], participant: [String], arm: [String], time: [String],
         armLevels: [String]?, timeLevels: [String]?) throws {
        let total = value.count
        guard participant.count == total, arm.count == total, time.count == total else {
            throw StatisticsError.invalidRequest("MMRM needs one participant, arm and time per value, got "
                                                 + "\(total) values, \(participant.count) participants, \(arm.count) arms and \(time.count) times")
        }
        guard !participant.contains(where: \.isEmpty), !arm.contains(where: \.isEmpty), !time.contains(where: \.isEmpty) else {
            throw StatisticsError.invalidRequest("every measurement needs a non-empty participant, arm and time label")
        }
        try TInference.requireFinite(value, what: "the measured values")
        let arms = try RandomInterceptModel.levels(armLevels, labels: arm, kind: "arm")
        let times = try RandomInterceptModel.levels(timeLevels, labels: time, kind: "time")
        guard arms.count >= 2 else { throw StatisticsError.insufficientObservations(what: "arms", needed: 2, got: arms.count) }
        guard times.count >= 2 else {
            throw StatisticsError.insufficientObservations(what: "visits (a baseline and follow-ups)", needed: 3, got: times.count)
        }
        guard times.count >= 3 else {
            throw StatisticsError.invalidRequest("MMRM needs at least two follow-up visits; with one follow-up visit ('\(times[1])') "
                                                 + "it equals an ANCOVA of the follow-up value on baseline and arm: use ancova")
        }
        let baselineTime = times[0]
        var armOf: [String: String] = [:]
        var order: [String] = []
        var baseline: [String: Double] = [:]
        var seen = Set<[String]>()
        for j in 0..<total {
            if let other = armOf[participant[j]], other != arm[j] {
                throw StatisticsError.invalidRequest("participant '\(participant[j])' is in two arms ('\(other)' and '\(arm[j])')")
            }
            if armOf[participant[j]] == nil { order.append(participant[j]) }
            armOf[participant[j]] = arm[j]
            guard seen.insert([participant[j], time[j]]).inserted else {
                throw StatisticsError.invalidRequest("participant '\(participant[j])' has two measurements at '\(time[j])'")
            }
            if time[j] == baselineTime { baseline[participant[j]] = value[j] }
        }
        if let missing = order.first(where: { baseline[$0] == nil }) {
            throw StatisticsError.invalidRequest("participant '\(missing)' has no baseline ('\(baselineTime)') value: MMRM adjusts "
                                                 + "every follow-up for baseline, so each participant needs one")
        }
        let timeIndex = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        let participantIndex = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var byParticipant = [[(visit: Int, row: Int)]](repeating: [], count: order.count)
        for j in 0..<total where time[j] != baselineTime {
            byParticipant[participantIndex[participant[j]]!].append((timeIndex[time[j]]! - 1, j))
        }
        var y: [Double] = [], rows: [[Double]] = [], visit: [Int] = [], groups: [[Int]] = []
        for (i, measurements) in byParticipant.enumerated() where !measurements.isEmpty {
            var group: [Int] = []
            for (v, j) in measurements.sorted(by: { $0.visit < $1.visit }) {
                group.append(y.count)
                y.append(value[j])
                visit.append(v)
                rows.append(Self.designRow(baseline: baseline[order[i]]!, arm: arm[j], time: time[j], arms: arms, times: times))
            }
            groups.append(group)
        }
        for t in times.dropFirst() {
            for a in arms where !(0..<total).contains(where: { arm[$0] == a && time[$0] == t }) {
                throw StatisticsError.invalidRequest("no measurement in arm '\(a)' at '\(t)': the arm × time model needs every cell")
            }
        }
        let k = times.count - 1
        var pairs: [(Int, Int)] = []
        for b in 0..<k { for a in 0...b { pairs.append((a, b)) } }
        var pattern = [[(Int, Int)]](repeating: [], count: pairs.count)
        for (index, (a, b)) in pairs.enumerated() {
            for g in groups {
                for r in g { for s in g where (visit[r] == a && visit[s] == b) || (visit[r] == b && visit[s] == a) { pattern[index].append((r, s)) } }
            }
            guard !pattern[index].isEmpty else {
                throw StatisticsError.invalidRequest("no participant has both '\(times[a + 1])' and '\(times[b + 1])': "
                                                     + "their covariance cannot be estimated")
            }
        }
        var terms = ["(Intercept)", "baseline"] + arms.dropFirst().map { "arm\($0)" } + times.dropFirst(2).map { "time\($0)" }
        for t in times.dropFirst(2) { for a in arms.dropFirst() { terms.append("arm\(a):time\(t)") } }
        guard y.count > terms.count + pairs.count else {
            throw StatisticsError.insufficientObservations(what: "follow-up measurements", needed: terms.count + pairs.count + 1, got: y.count)
        }
        self.y = y
        self.rows = rows
        self.visit = visit
        self.terms = terms
        self.groups = groups
        self.arms = arms
        self.times = times
        self.pairs = pairs
        self.pattern = pattern
    }

    /// x for one follow-up measurement: intercept, baseline, arm dummies, time dummies, interactions (arms fastest).
    static func designRow(baseline: Double, arm: String, time: String, arms: [String], times: [String]) -> [Double] {
        var row: [Double] = [1, baseline]
        for a in arms.dropFirst() { row.append(a == arm ? 1 : 0) }
        for t in times.dropFirst(2) { row.append(t == time ? 1 : 0) }
        for t in times.dropFirst(2) { for a in arms.dropFirst() { row.append(a == arm && t == time ? 1 : 0) } }
        return row
    }

    func sigma(_ theta: [Double]) -> [[Double]] {
        var s = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for (index, (a, b)) in pairs.enumerated() {
            s[a][b] = theta[index]
            s[b][a] = theta[index]
        }
        return s
    }

    /// ℓ, β̂, C and (when asked) the gradient, the Hessian and the Fisher information at θ.
    struct Evaluation {
        let logLikelihood: Double
        let coefficients: [Double]
        /// C = (XᵀV⁻¹X)⁻¹.
        let unscaled: [[Double]]
        /// V⁻¹X, N × p (only with derivatives).
        var inverseTimesDesign: [[Double]] = []
        var gradient: [Double] = []
        var hessian: [[Double]] = []
        var information: [[Double]] = []
    }

    /// nil when Σ(θ) is not positive definite.
    func evaluate(_ theta: [Double], derivatives: Bool) throws -> Evaluation? {
        let s = sigma(theta)
        guard SmallCholesky.factor(s) != nil else { return nil }
        var wx = rows, wy = y
        var logDetV = 0.0
        var inverses: [[[Double]]] = []
        for g in groups {
            let si = g.map { r in g.map { c in s[visit[r]][visit[c]] } }
            guard let l = SmallCholesky.factor(si) else { return nil }
            for d in l.indices { logDetV += 2 * log(l[d][d]) }
            let whitenedY = SmallCholesky.forward(l, g.map { y[$0] })
            for (position, r) in g.enumerated() { wy[r] = whitenedY[position] }
            for j in 0..<p {
                let column = SmallCholesky.forward(l, g.map { rows[$0][j] })
                for (position, r) in g.enumerated() { wx[r][j] = column[position] }
            }
            if derivatives { inverses.append(SmallCholesky.inverse(l)) }
        }
        let fit: LinearLeastSquaresFit
        do {
            fit = try LinearLeastSquares.fit(design: wx, response: wy)
        } catch let error as LinearLeastSquaresError {
            throw StatisticsError.invalidRequest("the fixed-effects design of the MMRM cannot be fitted: \(error)")
        }
        let logLikelihood = -0.5 * (Double(n - p) * log(2 * Double.pi) + logDetV + fit.logDeterminantOfCrossProduct
                                    + fit.residualSumOfSquares)
        var e = Evaluation(logLikelihood: logLikelihood, coefficients: fit.coefficients, unscaled: fit.unscaledCovariance)
        guard derivatives else { return e }

        let beta = fit.coefficients, c = fit.unscaledCovariance
        var xt = [[Double]](repeating: [Double](repeating: 0, count: p), count: n) // V⁻¹X
        var py = [Double](repeating: 0, count: n)                                  // V⁻¹r = Py
        let residuals = (0..<n).map { r in y[r] - (0..<p).reduce(0.0) { $0 + rows[r][$1] * beta[$1] } }
        for (gi, g) in groups.enumerated() {
            let w = inverses[gi]
            for (a, r) in g.enumerated() {
                for (b, s) in g.enumerated() {
                    py[r] += w[a][b] * residuals[s]
                    for j in 0..<p { xt[r][j] += w[a][b] * rows[s][j] }
                }
            }
        }
        // P = blockdiag(W_i) − (V⁻¹X) C (V⁻¹X)ᵀ
        let xtc = xt.map { row in (0..<p).map { j in (0..<p).reduce(0.0) { $0 + row[$1] * c[$1][j] } } }
        var projection = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for r in 0..<n {
            for s in 0..<n {
                var sum = 0.0
                for j in 0..<p { sum += xtc[r][j] * xt[s][j] }
                projection[r][s] = -sum
            }
        }
        for (gi, g) in groups.enumerated() {
            for (a, r) in g.enumerated() { for (b, s) in g.enumerated() { projection[r][s] += inverses[gi][a][b] } }
        }
        let q = pairs.count
        var gradient = [Double](repeating: 0, count: q)
        var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: q) // V_a P y
        for a in 0..<q {
            var trace = 0.0, quadratic = 0.0
            for (r, s) in pattern[a] {
                trace += projection[s][r]
                quadratic += py[r] * py[s]
                w[a][r] += py[s]
            }
            gradient[a] = -0.5 * trace + 0.5 * quadratic
        }
        let pw = w.map { wa in (0..<n).map { r in (0..<n).reduce(0.0) { $0 + projection[r][$1] * wa[$1] } } }
        var hessian = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
        var information = hessian
        for a in 0..<q {
            for b in a..<q {
                var trace = 0.0 // tr(P V_a P V_b) = Σ P[s][t] P[u][r] over (r, s) of V_a, (t, u) of V_b
                for (r, s) in pattern[a] { for (t, u) in pattern[b] { trace += projection[s][t] * projection[u][r] } }
                let cross = (0..<n).reduce(0.0) { $0 + w[a][$1] * pw[b][$1] }
                information[a][b] = 0.5 * trace
                information[b][a] = 0.5 * trace
                hessian[a][b] = 0.5 * trace - cross
                hessian[b][a] = hessian[a][b]
            }
        }
        e.inverseTimesDesign = xt
        e.gradient = gradient
        e.hessian = hessian
        e.information = information
        return e
    }

    /// Σ diagonal with the ordinary least-squares residual variance of each visit (pooled when a visit's is 0).
    func startingValues() throws -> [Double] {
        let ols: LinearLeastSquaresFit
        do {
            ols = try LinearLeastSquares.fit(design: rows, response: y)
        } catch let error as LinearLeastSquaresError {
            throw StatisticsError.invalidRequest("the fixed-effects design of the MMRM cannot be fitted: \(error)")
        }
        let pooled = ols.residualSumOfSquares / Double(n - p)
        guard pooled > 0, pooled.isFinite else { throw StatisticsError.zeroVariance(what: "the MMRM residuals") }
        return pairs.map { (a, b) in
            guard a == b else { return 0 }
            let residuals = (0..<n).filter { visit[$0] == a }.map { ols.residuals[$0] }
            let variance = residuals.reduce(0.0) { $0 + $1 * $1 } / Double(residuals.count) * Double(n) / Double(n - p)
            return variance > 0 ? variance : pooled
        }
    }

    /// θ̂ and the evaluation there (with derivatives), and the number of steps.
    func maximise() throws -> (theta: [Double], evaluation: Evaluation, iterations: Int) {
        var theta = try startingValues()
        guard var e = try evaluate(theta, derivatives: true) else {
            throw StatisticsError.invalidRequest("the MMRM starting covariance is not positive definite")
        }
        for iteration in 0..<Self.maximumIterations {
            let negativeHessian = e.hessian.map { $0.map { -$0 } }
            var matrix = e.information
            var newton = false
            if iteration >= Self.scoringSteps, SmallCholesky.factor(negativeHessian) != nil {
                matrix = negativeHessian
                newton = true
            }
            guard let l = SmallCholesky.factor(matrix) else {
                throw StatisticsError.invalidRequest("the REML information of the MMRM covariance is singular: too few participants at some visits?")
            }
            let direction = SmallCholesky.solve(l, e.gradient)
            let decrement = zip(direction, e.gradient).reduce(0.0) { $0 + $1.0 * $1.1 }
            if newton && decrement < Self.convergenceDecrement { return (theta, e, iteration) }
            var step = 1.0
            var accepted: [Double]?
            for _ in 0..<60 {
                let candidate = zip(theta, direction).map { $0 + step * $1 }
                if let trial = try evaluate(candidate, derivatives: false),
                   trial.logLikelihood >= e.logLikelihood - 1e-13 * abs(e.logLikelihood) {
                    accepted = candidate
                    break
                }
                step /= 2
            }
            guard let next = accepted else {
                if newton && decrement < Self.roundingDecrement { return (theta, e, iteration) }
                throw StatisticsError.invalidRequest("the REML optimisation of the MMRM stalled (no step raises the likelihood)")
            }
            theta = next
            guard let updated = try evaluate(theta, derivatives: true) else {
                throw StatisticsError.invalidRequest("the MMRM covariance left the positive-definite region")
            }
            e = updated
        }
        throw StatisticsError.invalidRequest("the REML optimisation of the MMRM did not converge in \(Self.maximumIterations) steps")
    }

    func fit(confidenceLevel: Double) throws -> MixedModelForRepeatedMeasuresFit {
        let (theta, e, iterations) = try maximise()
        guard let information = SmallCholesky.factor(e.hessian.map { $0.map { -$0 } }) else {
            throw StatisticsError.invalidRequest("the REML log-likelihood is not concave at its optimum, so Satterthwaite df are undefined")
        }
        let c = e.unscaled
        func inference(_ l: [Double]) throws -> MixedModelEstimate {
            let cl = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + c[i][$1] * l[$1] } }
            let variance = (0..<p).reduce(0.0) { $0 + l[$1] * cl[$1] }
            let z = e.inverseTimesDesign.map { row in (0..<p).reduce(0.0) { $0 + row[$1] * cl[$1] } }
            let g = pattern.map { $0.reduce(0.0) { $0 + z[$1.0] * z[$1.1] } }
            let ag = SmallCholesky.solve(information, g)
            let df = 2 * variance * variance / zip(g, ag).reduce(0.0) { $0 + $1.0 * $1.1 }
            let estimate = (0..<p).reduce(0.0) { $0 + l[$1] * e.coefficients[$1] }
            let se = variance.squareRoot()
            let t = estimate / se
            let pValue = try TInference.twoSidedPValue(t, distribution: StudentTDistribution(degreesOfFreedom: df))
            return MixedModelEstimate(estimate: estimate, standardError: se, degreesOfFreedom: df, statistic: t, pValue: pValue)
        }
        var coefficients: [MixedModelCoefficient] = []
        for j in terms.indices {
            coefficients.append(MixedModelCoefficient(term: terms[j], inference: try inference((0..<p).map { $0 == j ? 1 : 0 })))
        }
        var differences: [MixedModelArmDifference] = []
        for t in times.dropFirst() {
            for (i, a1) in arms.enumerated() {
                for a2 in arms[(i + 1)...] {
                    let x1 = Self.designRow(baseline: 0, arm: a1, time: t, arms: arms, times: times)
                    let x2 = Self.designRow(baseline: 0, arm: a2, time: t, arms: arms, times: times)
                    differences.append(try MixedModelArmDifference(
                        time: t, arm: a1, subtracted: a2, inference: try inference(zip(x1, x2).map { $0 - $1 }),
                        armCount: arms.count, confidenceLevel: confidenceLevel))
                }
            }
        }
        return MixedModelForRepeatedMeasuresFit(
            armLevels: arms, baselineTime: times[0], followUpTimes: Array(times.dropFirst()), observations: n,
            participants: groups.count, coefficients: coefficients, covariance: c, visitCovariance: sigma(theta),
            remlLogLikelihood: e.logLikelihood, armDifferences: differences,
            degreesOfFreedomMethod: "Satterthwaite (analytic)", iterations: iterations)
    }
}

/// Cholesky factorisation and solves for the small symmetric matrices of the MMRM (k × k visit
/// covariances, q × q information matrices).
enum SmallCholesky {
    /// Lower-triangular L with LLᵀ = a, or nil when a pivot is not a finite positive number.
    static func factor(_ a: [[Double]]) -> [[Double]]? {
        let m = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for j in 0..<m {
            var d = a[j][j]
            for t in 0..<j { d -= l[j][t] * l[j][t] }
            guard d > 0, d.isFinite else { return nil }
            l[j][j] = d.squareRoot()
            for i in (j + 1)..<max(j + 1, m) {
                var s = a[i][j]
                for t in 0..<j { s -= l[i][t] * l[j][t] }
                l[i][j] = s / l[j][j]
            }
        }
        return l
    }

    /// z with Lz = b.
    static func forward(_ l: [[Double]], _ b: [Double]) -> [Double] {
        var z = b
        for i in z.indices {
            for t in 0..<i { z[i] -= l[i][t] * z[t] }
            z[i] /= l[i][i]
        }
        return z
    }

    /// x with LLᵀx = b.
    static func solve(_ l: [[Double]], _ b: [Double]) -> [Double] {
        var x = forward(l, b)
        for i in x.indices.reversed() {
            for t in (i + 1)..<max(i + 1, x.count) { x[i] -= l[t][i] * x[t] }
            x[i] /= l[i][i]
        }
        return x
    }

    /// (LLᵀ)⁻¹.
    static func inverse(_ l: [[Double]]) -> [[Double]] {
        let m = l.count
        let columns = (0..<m).map { j in solve(l, (0..<m).map { $0 == j ? 1.0 : 0.0 }) }
        return (0..<m).map { i in (0..<m).map { j in columns[j][i] } }
    }
}
