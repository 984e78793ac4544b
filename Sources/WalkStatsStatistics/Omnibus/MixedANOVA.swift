import Foundation
import WalkStatsGSL

/// Mixed (split-plot) analysis of variance of arm (between participants) × time (within participants) on
/// complete cases, with type III sums of squares, generalised η², Mauchly's test and the
/// Greenhouse–Geisser and Huynh–Feldt corrections.
///
/// With g arms of n_j participants (N in all), k timepoints, y_i the k values of participant i in arm j(i),
/// ȳ_j the k-vector of arm means, ȳ_w = Σ n_j ȳ_j / N, m = Σ ȳ_j / g (unweighted, contr.sum's intercept),
/// a bar over a vector its mean over time, and r_i = y_i − ȳ_j(i):
///
/// ```
/// between participants (participant means):
///   SS_arm      = k Σ_j n_j (mean ȳ_j − mean ȳ_w)²                   df g − 1
///   SSE_between = k Σ_i (mean y_i − mean ȳ_j(i))²                    df N − g
/// within participants (contrasts of time):
///   SS_time     = Σ_t (m_t − m̄)² / c,   c = Σ_j (1/n_j) / g²          df k − 1
///   SS_arm:time = Σ_j n_j Σ_t (d_jt − d̄_j)²,   d_j = ȳ_j − ȳ_w          df (g − 1)(k − 1)
///   SSE_within  = Σ_i Σ_t (r_it − r̄_i)²                              df (N − g)(k − 1)
/// F = (SS / df) / (SSE / df2),   p = P(F_{df, df2} > F)
/// ges = SS / (SS + SSE_between + SSE_within)           (Olejnik & Algina 2003, no observed factors)
/// ```
///
/// These are the type III sums of squares of the multivariate linear model `cbind(y_1, …, y_k) ~ arm` with
/// sum-to-zero contrasts, tested on the orthonormal contrasts of time (car's univariate tests). With one
/// between factor, SS_arm and SS_arm:time equal their type II values; SS_time tests the *unweighted*
/// mean of the arm means, so with unequal arms it differs from a type II (weighted) sum of squares.
///
/// Sphericity, for the within effects when k ≥ 3 (E = P′(Σ_i r_i r_iᵀ)P, P orthonormal k × (k − 1)
/// contrasts, q = k − 1, ν = N − g):
///
/// ```
/// Mauchly:  W = det E / (tr E / q)^q,   ρ = 1 − (2q² + q + 2) / (6qν),   χ² = −ν ρ log W,   f = q(q + 1)/2 − 1
///           ω₂ = (q + 2)(q − 1)(q − 2)(2q³ + 6q² + 3k + 2) / (288 (ν q ρ)²)
///           p = P(χ²_f > χ²) + ω₂ (P(χ²_{f+4} > χ²) − P(χ²_f > χ²))
/// GG:       ε_GG = (tr E)² / (q tr(E²)),   p_GG = P(F_{ε df, ε df2} > F)
/// HF:       ε_HF = ((ν + 1) q ε_GG − 2) / (q (ν − q ε_GG))     (Lecoutre's correction; shown uncapped)
///           p_HF = P(F_{ε′ df, ε′ df2} > F),   ε′ = min(1, ε_HF)
/// ```
///
/// With k = 2 sphericity holds trivially: both epsilons are 1, the corrected p-values are the uncorrected
/// one, and there is no Mauchly test (afex says so too). When ν < k − 1 the error matrix E is singular and,
/// as in car, no Mauchly test or correction is reported (``MixedANOVA/notes`` says why).
///
/// *Assumptions.* Independent participants; multivariate normal values with one common covariance matrix
/// of the timepoints in every arm; sphericity of that matrix for the uncorrected within tests.
///
/// *Missing values.* None accepted: pass complete cases (every participant has a value at every time).
///
/// *Matches R:* `afex::aov_ez("id", "value", data, between = "arm", within = "time", type = 3)` (afex
/// 1.2-1, which sets `contr.sum`; car 3.1-1): `summary(fit)` — univariate tests (`Sum Sq`, `num Df`,
/// `Error SS`, `den Df`, `F value`, `Pr(>F)`), Mauchly tests (`Test statistic` = W, `p-value`) and the
/// GG / HF epsilons with `Pr(>F[GG])`, `Pr(>F[HF])` — and `anova(fit, es = "ges", correction = "none")`
/// (`ges`).
/// **Deviations:** none in the numbers. The Mauchly p-value keeps car's `3 * p` term in ω₂ with p = k (the
/// number of timepoints, not q), which matters only for k ≥ 4; the χ² statistic, which car computes but
/// does not print, is reported as well. Where R warns of an essentially perfect fit, this throws.
///
/// *Related GSL documentation:* `gsl_cdf_fdist_Q`, `gsl_cdf_chisq_Q`
/// (https://www.gnu.org/software/gsl/doc/html/randist.html).
///
/// *References:* Mauchly JW (1940), Significance test for sphericity of a normal n-variate distribution.
/// Annals of Mathematical Statistics 11(2):204–209. Greenhouse SW, Geisser S (1959), On methods in the
/// analysis of profile data. Psychometrika 24:95–112. Huynh H, Feldt LS (1976), Estimation of the Box
/// correction for degrees of freedom from sample data in randomized block and split-plot designs. Journal
/// of Educational Statistics 1(1):69–82. Lecoutre B (1991), A correction for the ε̃ approximate test in
/// repeated measures designs with two or more independent groups. Journal of Educational Statistics
/// 16(4):371–372. Olejnik S, Algina J (2003), Generalized eta and omega squared statistics. Psychological
/// Methods 8(4):434–447. doi:10.1037/1082-989X.8.4.434. Fox J, Weisberg S (2019), An R Companion to
/// Applied Regression, 3rd ed., Sage, §9.9 (repeated measures).
///
/// - Parameters:
///   - arms: for each arm, its participants, each the values at the same k ≥ 2 timepoints in the order of
///     `timeNames`. One arm gives the one-way repeated-measures ANOVA (see
///     ``repeatedMeasuresANOVA(_:timeNames:)``): only the effect `time`, named
///     ``TestName/repeatedMeasuresANOVA``, and no arms in the result.
///   - armNames: the arms' names, aligned with `arms` (distinct, non-empty).
///   - timeNames: the timepoints' names (distinct, non-empty, k ≥ 2).
/// - Returns: a ``MixedANOVA`` with the effects `arm`, `time` and `arm:time` in that order (only `time`
///   with one arm).
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 2 timepoints,
///   an arm without participants, or no more participants than arms;
///   ``StatisticsError/invalidRequest(_:)`` for names that do not match the data or a participant whose
///   number of values is not k; ``StatisticsError/nonFiniteInput(what:)``;
///   ``StatisticsError/zeroVariance(what:)`` when an error sum of squares is (essentially) zero, so F is
///   undefined.
/// - Complexity: O(N·k²).
public func mixedANOVA(_ arms: [[[Double]]], armNames: [String], timeNames: [String]) throws -> MixedANOVA {
    try MixedANOVALayout(arms: arms, armNames: armNames, timeNames: timeNames).analyse()
}

/// One-way repeated-measures ANOVA of time: the mixed ANOVA ``mixedANOVA(_:armNames:timeNames:)`` with
/// one group, so the only effect is `time`:
///
/// ```
/// SS_time  = n Σ_t (ȳ_t − ȳ)²                                  df k − 1
/// SSE      = Σ_i Σ_t (y_it − ȳ_i· − ȳ_·t + ȳ)²                  df (n − 1)(k − 1)
/// SS_subj  = k Σ_i (ȳ_i· − ȳ)²                                  (participants)
/// F = (SS_time / (k − 1)) / (SSE / ((n − 1)(k − 1))),   ges = SS_time / (SS_time + SS_subj + SSE)
/// ```
/// with Mauchly's test and the GG / HF corrections as for the mixed ANOVA (ν = n − 1).
///
/// *Matches R:* `afex::aov_ez("id", "value", data, within = "time", type = 3)`, its `summary()` and
/// `anova(fit, es = "ges", correction = "none")` (afex 1.2-1, car 3.1-1).
///
/// - Parameters:
///   - participants: each participant's values at the k ≥ 2 timepoints, in the order of `timeNames`
///     (at least 2 participants).
///   - timeNames: the timepoints' names (distinct, non-empty).
/// - Returns: a ``MixedANOVA`` with no arms and the single effect `time`, tests named
///   ``TestName/repeatedMeasuresANOVA``.
/// - Throws: the errors of ``mixedANOVA(_:armNames:timeNames:)``.
public func repeatedMeasuresANOVA(_ participants: [[Double]], timeNames: [String]) throws -> MixedANOVA {
    try MixedANOVALayout(arms: [participants], armNames: ["all participants"], timeNames: timeNames)
        .analyse()
}

/// The result of ``mixedANOVA(_:armNames:timeNames:)`` or ``repeatedMeasuresANOVA(_:timeNames:)``.
public struct MixedANOVA: Sendable, Equatable {
    /// The arms in input order (empty for a repeated-measures ANOVA of one group).
    public let arms: [String]
    /// The timepoints in input order.
    public let times: [String]
    /// Participants per arm (one count for a repeated-measures ANOVA).
    public let sampleSizes: [Int]
    /// The effects in afex's order: `arm`, `time`, `arm:time` (only `time` without arms).
    public let effects: [MixedANOVAEffect]
    /// What was not computed and why, as afex and car say it (such as no Mauchly test with 2 timepoints).
    public let notes: [String]

    /// Creates a result.
    public init(arms: [String], times: [String], sampleSizes: [Int], effects: [MixedANOVAEffect], notes: [String]) {
        self.arms = arms
        self.times = times
        self.sampleSizes = sampleSizes
        self.effects = effects
        self.notes = notes
    }

    /// The effect named `name` (`"arm"`, `"time"` or `"arm:time"`), if the design has it.
    public func effect(_ name: String) -> MixedANOVAEffect? {
        effects.first { $0.name == name }
    }
}

/// One effect of a mixed or repeated-measures ANOVA: its uncorrected F test, sums of squares, generalised
/// η² and, for a within-participant effect, the sphericity test and corrections.
public struct MixedANOVAEffect: Sendable, Equatable {
    /// afex's row name: `arm`, `time` or `arm:time`.
    public let name: String
    /// Whether the effect is tested against the between- or the within-participant error.
    public let isWithinParticipants: Bool
    /// The uncorrected F test: statistic F, `degreesOfFreedom` df, `denominatorDegreesOfFreedom` df2, the
    /// p-value and the arm sizes.
    public let test: HypothesisTestResult
    /// The effect's type III sum of squares (R `Sum Sq`).
    public let sumOfSquares: Double
    /// The sum of squares of its error term (R `Error SS`).
    public let errorSumOfSquares: Double
    /// Generalised η² = SS / (SS + SSE_between + SSE_within) (afex `ges`).
    public let generalizedEtaSquared: Double
    /// Mauchly's test and the GG / HF corrections; `nil` for the between effect, and for a within effect
    /// whose error matrix is singular (fewer residual degrees of freedom than k − 1).
    public let sphericity: SphericityCorrection?

    /// Creates an effect.
    public init(name: String, isWithinParticipants: Bool, test: HypothesisTestResult, sumOfSquares: Double,
                errorSumOfSquares: Double, generalizedEtaSquared: Double, sphericity: SphericityCorrection?) {
        self.name = name
        self.isWithinParticipants = isWithinParticipants
        self.test = test
        self.sumOfSquares = sumOfSquares
        self.errorSumOfSquares = errorSumOfSquares
        self.generalizedEtaSquared = generalizedEtaSquared
        self.sphericity = sphericity
    }
}

/// The sphericity test and the Greenhouse–Geisser and Huynh–Feldt corrections of a within effect (formulas
/// at ``mixedANOVA(_:armNames:timeNames:)``).
public struct SphericityCorrection: Sendable, Equatable {
    /// Mauchly's test; `nil` with 2 timepoints, where sphericity holds trivially.
    public let mauchly: MauchlyTest?
    /// ε_GG (1 with 2 timepoints).
    public let greenhouseGeisserEpsilon: Double
    /// P(F_{ε_GG df, ε_GG df2} > F) (R `Pr(>F[GG])`).
    public let greenhouseGeisserPValue: Double
    /// ε_HF with Lecoutre's correction, uncapped as car and afex print it (may exceed 1).
    public let huynhFeldtEpsilon: Double
    /// P(F_{ε′ df, ε′ df2} > F) with ε′ = min(1, ε_HF) (R `Pr(>F[HF])`).
    public let huynhFeldtPValue: Double

    /// Creates a correction.
    public init(mauchly: MauchlyTest?, greenhouseGeisserEpsilon: Double, greenhouseGeisserPValue: Double,
                huynhFeldtEpsilon: Double, huynhFeldtPValue: Double) {
        self.mauchly = mauchly
        self.greenhouseGeisserEpsilon = greenhouseGeisserEpsilon
        self.greenhouseGeisserPValue = greenhouseGeisserPValue
        self.huynhFeldtEpsilon = huynhFeldtEpsilon
        self.huynhFeldtPValue = huynhFeldtPValue
    }
}

/// Mauchly's test of sphericity (formula at ``mixedANOVA(_:armNames:timeNames:)``).
public struct MauchlyTest: Sendable, Equatable {
    /// W = det E / (tr E / q)^q (R `Test statistic`).
    public let w: Double
    /// The χ² statistic −ν ρ log W.
    public let chiSquared: Double
    /// Its degrees of freedom q(q + 1)/2 − 1.
    public let degreesOfFreedom: Double
    /// The p-value with the second-order correction ω₂ (R `p-value`).
    public let pValue: Double

    /// Creates a test result.
    public init(w: Double, chiSquared: Double, degreesOfFreedom: Double, pValue: Double) {
        self.w = w
        self.chiSquared = chiSquared
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
    }
}

/// The validated split-plot layout and the one home of the mixed-ANOVA formulas.
struct MixedANOVALayout {
    let arms: [[[Double]]]
    let armNames: [String]
    let timeNames: [String]

    /// An error sum of squares at or below this fraction of Σ y² counts as zero (R's "essentially perfect
    /// fit" rule, as in the one-way ANOVA).
    static let perfectFitRatio = OneWayLayout.perfectFitRatio

    init(arms: [[[Double]]], armNames: [String], timeNames: [String]) throws {
        guard timeNames.count >= 2 else {
            throw StatisticsError.insufficientObservations(what: "timepoints", needed: 2, got: timeNames.count)
        }
        guard !arms.isEmpty else { throw StatisticsError.insufficientObservations(what: "arms", needed: 1, got: 0) }
        guard armNames.count == arms.count else {
            throw StatisticsError.invalidRequest("\(armNames.count) arm names for \(arms.count) arms")
        }
        guard Set(armNames).count == armNames.count, !armNames.contains(""),
              Set(timeNames).count == timeNames.count, !timeNames.contains("") else {
            throw StatisticsError.invalidRequest("arm and timepoint names must be distinct and non-empty")
        }
        let k = timeNames.count
        for (arm, name) in zip(arms, armNames) {
            guard !arm.isEmpty else {
                throw StatisticsError.insufficientObservations(what: "participants in arm '\(name)'", needed: 1, got: 0)
            }
            for (index, participant) in arm.enumerated() {
                guard participant.count == k else {
                    throw StatisticsError.invalidRequest(
                        "participant \(index + 1) of arm '\(name)' has \(participant.count) values, but there are \(k) timepoints (\(timeNames.joined(separator: ", "))); pass complete cases")
                }
                guard participant.allSatisfy(\.isFinite) else {
                    throw StatisticsError.nonFiniteInput(what: "the values of arm '\(name)'")
                }
            }
        }
        let total = arms.reduce(0) { $0 + $1.count }
        guard total > arms.count else {
            throw StatisticsError.insufficientObservations(
                what: "participants (more than the \(arms.count) arm\(arms.count == 1 ? "" : "s"), so that the error has a degree of freedom)",
                needed: arms.count + 1, got: total)
        }
        self.arms = arms
        self.armNames = armNames
        self.timeNames = timeNames
    }

    /// The effects; with one arm only `time` (the repeated-measures ANOVA).
    func analyse() throws -> MixedANOVA {
        let g = arms.count, k = timeNames.count
        let repeatedMeasuresOnly = g == 1
        let sizes = arms.map(\.count)
        let n = Double(sizes.reduce(0, +))
        let kd = Double(k)
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

        let armMeans: [[Double]] = arms.map { arm in
            (0..<k).map { t in arm.reduce(0) { $0 + $1[t] } / Double(arm.count) }
        }
        let weighted: [Double] = (0..<k).map { t in
            zip(armMeans, sizes).reduce(0) { $0 + Double($1.1) * $1.0[t] } / n
        }
        let unweighted: [Double] = (0..<k).map { t in armMeans.reduce(0) { $0 + $1[t] } / Double(g) }

        // Between participants.
        let weightedLevel = mean(weighted)
        var armSS = 0.0, betweenError = 0.0, squares = 0.0
        for (j, arm) in arms.enumerated() {
            let armLevel = mean(armMeans[j])
            armSS += kd * Double(sizes[j]) * (armLevel - weightedLevel) * (armLevel - weightedLevel)
            for participant in arm {
                let deviation = mean(participant) - armLevel
                betweenError += kd * deviation * deviation
                squares += participant.reduce(0) { $0 + $1 * $1 }
            }
        }

        // Within participants.
        let unweightedLevel = mean(unweighted)
        let c = sizes.reduce(0) { $0 + 1 / Double($1) } / Double(g * g)
        let timeSS = unweighted.reduce(0) { $0 + ($1 - unweightedLevel) * ($1 - unweightedLevel) } / c
        var interactionSS = 0.0
        for j in 0..<g {
            let d = (0..<k).map { armMeans[j][$0] - weighted[$0] }
            let dLevel = mean(d)
            interactionSS += Double(sizes[j]) * d.reduce(0) { $0 + ($1 - dLevel) * ($1 - dLevel) }
        }
        let contrasts = Self.orthonormalContrasts(k)
        var errorMatrix = [[Double]](repeating: [Double](repeating: 0, count: k - 1), count: k - 1)
        for (j, arm) in arms.enumerated() {
            for participant in arm {
                let residual = (0..<k).map { participant[$0] - armMeans[j][$0] }
                let z = contrasts.map { column in zip(column, residual).reduce(0) { $0 + $1.0 * $1.1 } }
                for a in 0..<(k - 1) { for b in 0..<(k - 1) { errorMatrix[a][b] += z[a] * z[b] } }
            }
        }
        let withinError = (0..<(k - 1)).reduce(0) { $0 + errorMatrix[$1][$1] }

        let zeroLimit = Self.perfectFitRatio * squares
        guard withinError > zeroLimit else {
            throw StatisticsError.zeroVariance(what: "the changes over time within every participant, after removing the arm means,")
        }
        if !repeatedMeasuresOnly {
            guard betweenError > zeroLimit else {
                throw StatisticsError.zeroVariance(what: "the participant means within every arm")
            }
        }

        let errorDF = n - Double(g)
        let q = Double(k - 1)
        let name: TestName = repeatedMeasuresOnly ? .repeatedMeasuresANOVA : .mixedANOVA
        let totalError = betweenError + withinError
        var notes: [String] = []
        let sphericity = try Self.sphericity(errorMatrix: errorMatrix, errorDF: errorDF, timepoints: k, notes: &notes)

        func effect(_ effectName: String, within: Bool, ss: Double, df: Double) throws -> MixedANOVAEffect {
            let error = within ? withinError : betweenError
            let df2 = within ? errorDF * q : errorDF
            let f = (ss / df) / (error / df2)
            let p = try FisherFDistribution(numeratorDegreesOfFreedom: df, denominatorDegreesOfFreedom: df2).survivalProbability(f)
            let method = repeatedMeasuresOnly
                ? "Repeated-measures ANOVA of time (type III): afex::aov_ez(within = \"time\")"
                : "Mixed ANOVA, \(effectName) (type III): afex::aov_ez(between = \"arm\", within = \"time\")"
            let test = HypothesisTestResult(name: name, method: method, statistic: f, degreesOfFreedom: df,
                                            denominatorDegreesOfFreedom: df2, pValue: p, sampleSizes: sizes)
            var correction: SphericityCorrection?
            if within, let sphericity {
                func corrected(_ epsilon: Double) throws -> Double {
                    try FisherFDistribution(numeratorDegreesOfFreedom: epsilon * df, denominatorDegreesOfFreedom: epsilon * df2)
                        .survivalProbability(f)
                }
                correction = SphericityCorrection(
                    mauchly: sphericity.mauchly,
                    greenhouseGeisserEpsilon: sphericity.gg, greenhouseGeisserPValue: try corrected(sphericity.gg),
                    huynhFeldtEpsilon: sphericity.hf, huynhFeldtPValue: try corrected(min(1, sphericity.hf)))
            }
            return MixedANOVAEffect(name: effectName, isWithinParticipants: within, test: test, sumOfSquares: ss,
                                    errorSumOfSquares: error, generalizedEtaSquared: ss / (ss + totalError),
                                    sphericity: correction)
        }

        var effects: [MixedANOVAEffect] = []
        if !repeatedMeasuresOnly { effects.append(try effect("arm", within: false, ss: armSS, df: Double(g - 1))) }
        effects.append(try effect("time", within: true, ss: timeSS, df: q))
        if !repeatedMeasuresOnly {
            effects.append(try effect("arm:time", within: true, ss: interactionSS, df: Double(g - 1) * q))
        }
        return MixedANOVA(arms: repeatedMeasuresOnly ? [] : armNames, times: timeNames, sampleSizes: sizes,
                          effects: effects, notes: notes)
    }

    /// Helmert contrasts scaled to unit length: k − 1 orthonormal columns, each orthogonal to the constant.
    static func orthonormalContrasts(_ k: Int) -> [[Double]] {
        (1..<k).map { j in
            let scale = 1 / (Double(j) * Double(j + 1)).squareRoot()
            return (0..<k).map { t in t < j ? scale : (t == j ? -Double(j) * scale : 0) }
        }
    }

    /// ε_GG, ε_HF and Mauchly's test of the (k − 1) × (k − 1) error matrix, or `nil` (with a note) where car
    /// reports none: a singular error matrix. With k = 2: ε = 1, no Mauchly test.
    static func sphericity(errorMatrix e: [[Double]], errorDF nu: Double, timepoints k: Int,
                           notes: inout [String]) throws -> (gg: Double, hf: Double, mauchly: MauchlyTest?)? {
        let q = k - 1
        if q == 1 {
            notes.append("time has 2 levels: sphericity holds trivially (epsilon = 1), so there is no Mauchly test and no correction")
            return (1, 1, nil)
        }
        guard let logDeterminant = choleskyLogDeterminant(e) else {
            notes.append("the within-participant error matrix is singular (\(Int(nu)) residual degrees of freedom for \(q) time contrasts): no Mauchly test or sphericity correction")
            return nil
        }
        let qd = Double(q)
        var trace = 0.0, traceOfSquare = 0.0
        for a in 0..<q {
            trace += e[a][a]
            for b in 0..<q { traceOfSquare += e[a][b] * e[b][a] }
        }
        let gg = trace * trace / (qd * traceOfSquare)
        let hf = ((nu + 1) * qd * gg - 2) / (qd * (nu - qd * gg))

        let logW = logDeterminant - qd * Foundation.log(trace / qd)
        let rho = 1 - (2 * qd * qd + qd + 2) / (6 * qd * nu)
        // car's `3 * p` uses p = k (its nrow(P)), not q: kept to match car's printed p-value.
        let omega2 = (qd + 2) * (qd - 1) * (qd - 2) * (2 * qd * qd * qd + 6 * qd * qd + 3 * Double(k) + 2)
            / (288 * (nu * qd * rho) * (nu * qd * rho))
        let chiSquared = -nu * rho * logW
        let f = qd * (qd + 1) / 2 - 1
        let p1 = try ChiSquaredDistribution(degreesOfFreedom: f).survivalProbability(chiSquared)
        let p2 = try ChiSquaredDistribution(degreesOfFreedom: f + 4).survivalProbability(chiSquared)
        let mauchly = MauchlyTest(w: Foundation.exp(logW), chiSquared: chiSquared, degreesOfFreedom: f,
                                  pValue: p1 + omega2 * (p2 - p1))
        return (gg, hf, mauchly)
    }

    /// log det of a symmetric positive-definite matrix by Cholesky; `nil` when a pivot is not positive
    /// (relative to the trace), that is, when the matrix is singular.
    static func choleskyLogDeterminant(_ matrix: [[Double]]) -> Double? {
        let size = matrix.count
        let scale = (0..<size).reduce(0) { $0 + matrix[$1][$1] }
        var l = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        var logDeterminant = 0.0
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i][j]
                for m in 0..<j { sum -= l[i][m] * l[j][m] }
                if i == j {
                    guard sum > 1e-12 * scale else { return nil }
                    l[i][i] = sum.squareRoot()
                    logDeterminant += Foundation.log(sum)
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        return logDeterminant
    }
}
