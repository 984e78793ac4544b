import WalkStatsGSL

/// ANCOVA with an arm factor: the difference between each arm and a reference arm in the follow-up
/// value, adjusted for the baseline value (and optional covariates), by ordinary least squares.
///
/// ```
/// follow-up_i = β₀ + β₁·baseline_i + Σ_a δ_a·[arm_i = a] + Σ γ_k·covariate_ik + ε_i,   ε_i ~ N(0, σ²)
///               (a over the arms other than the reference, in code-point order)
/// n participants, p = 2 + (arms − 1) + (number of covariate columns)
/// β̂ = (XᵀX)⁻¹Xᵀy,   σ̂² = RSS / (n − p),   se_j = √(σ̂² [(XᵀX)⁻¹]_jj)
/// for every coefficient j (the table) and, for arm a, δ̂_a (the adjusted difference a − reference):
///   t  = β̂_j / se_j,   df = n − p,   p = 2 · P(T_df > |t|)
///   CI = β̂_j ± t_{df, (1 + level)/2} · se_j          (arm effects only)
/// ```
///
/// Numeric covariates enter as a slope. Categorical covariates use R's treatment coding: the levels are
/// sorted as R's `factor()` sorts them (here by Unicode code point, which is R's order in the C locale;
/// R itself sorts in the session's locale, which agrees for levels such as `F`/`M` or lower-case ASCII
/// words), the first level is the reference, and each other level gets a 0/1 column. The arm factor is
/// coded the same way except that `reference` is its first level (R's `relevel(factor(arm), ref =)`).
/// The fit uses the linear-model core ``LinearLeastSquares`` (GSL's column-balanced SVD), not the normal
/// equations, so baseline values near 10⁶ with a small spread are handled as accurately as R's QR
/// handles them.
///
/// *Assumptions.* Independent participants; a linear, common (parallel) baseline slope in every arm;
/// normal residuals with equal variance in every arm. The arm effects are assumed not to depend on the
/// baseline (no interaction term).
///
/// *Missing values.* None accepted: the caller passes participants with follow-up, baseline, arm and
/// every covariate present (complete cases), and reports how many were left out.
///
/// *Matches R:* `lm(follow_up ~ baseline + arm + covariates)` with
/// `arm <- relevel(factor(arm), ref = reference)` and every categorical covariate a `factor` with
/// sorted levels: for each arm a, estimate, standard error, t value and `Pr(>|t|)` of the row `arm<a>`
/// of `coef(summary(fit))`, `df.residual(fit)` and `confint(fit, "arm<a>", level = confidenceLevel)`;
/// the coefficient table is `coef(summary(fit))` with R's row names (`(Intercept)`, `baseline`,
/// `arm<a>`, `<covariate>`, `<covariate><level>`). The arm effects are the coefficient rows, which do
/// not depend on the sums of squares R's `anova` or `car::Anova(fit, type = 2)` would print.
/// **Deviation:** where R's `lm` silently drops an aliased coefficient (reports `NA` because a column is
/// a linear combination of earlier ones by its `tol = 1e-7` rule, for example a constant covariate, two
/// covariates measuring the same thing in different units, or a category level that coincides with an
/// arm), this function throws instead, naming the columns involved: a model that quietly lost a term is
/// not the model the analyst specified. Likewise, where `summary.lm` only warns "essentially perfect
/// fit", this throws.
///
/// *Related GSL documentation:* `gsl_multifit_linear_tsvd`
/// (https://www.gnu.org/software/gsl/doc/html/lls.html#multi-parameter-regression; the column-balanced
/// SVD, `gsl_linalg_balance_columns` and `gsl_linalg_SV_decomp_mod`), `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Vickers AJ, Altman DG (2001), Analysing controlled trials with baseline and follow up
/// measurements. BMJ 323:1123–1124. doi:10.1136/bmj.323.7321.1123. EMA (2015), Guideline on adjustment
/// for baseline covariates in clinical trials, EMA/CHMP/295050/2013.
///
/// - Parameters:
///   - followUp: the outcome at follow-up, one value per participant.
///   - baseline: the same outcome at baseline, aligned with `followUp`.
///   - arm: each participant's arm label (non-empty), aligned with `followUp`.
///   - reference: the arm every other arm is compared with (R's `relevel(ref =)`).
///   - comparedArms: the other arms, in the order wanted (R's `factor(arm, levels = c(reference,
///     comparedArms))`); every participant must be in one of them or in the reference. Default nil: every
///     label other than the reference, in code-point order. Naming them lets an arm with no participants
///     be reported as such.
///   - covariates: further adjustment variables, each with one value per participant, entered in the
///     order given (default none).
///   - confidenceLevel: the intervals' level, R's `confint(level =)` (default 0.95).
/// - Returns: an ``ANCOVAFit``: one result named ``TestName/ancova`` per non-reference arm (in the order
///   of `comparedArms`, or in code-point order of the labels) with statistic = t of its coefficient, degrees of freedom = n − p, two-sided
///   p-value, estimate = adjusted difference arm − reference with its standard error and confidence
///   interval, sample sizes [n_arm, n_reference]; and the coefficient table.
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``;
///   ``StatisticsError/invalidRequest(_:)`` when lengths differ, an arm label, the reference or a
///   covariate name is empty, `comparedArms` is empty, repeats an arm or names the reference, a
///   participant's arm is neither the reference nor a compared arm, a covariate name is repeated, a categorical value is empty, the baseline
///   or a covariate is constant, or the design is rank-deficient (collinear covariates, a level aliased
///   with an arm or other terms);
///   ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` when there is no arm besides the
///   reference, an arm (the reference included) has fewer than 2 participants, or n ≤ p (no residual
///   degrees of freedom);
///   ``StatisticsError/zeroVariance(what:)`` when the model fits essentially perfectly (R's
///   "essentially perfect fit"), so the standard errors are 0; errors from GSL (``GSLError``) are passed on.
/// - Complexity: O(n·p³).
public func ancova(followUp: [Double], baseline: [Double], arm: [String], reference: String,
                   comparedArms: [String]? = nil, covariates: [Covariate] = [],
                   confidenceLevel: Double = 0.95) throws -> ANCOVAFit {
    try ConfidenceInterval.validate(level: confidenceLevel)
    let compared = try ANCOVAValidation.check(followUp: followUp, baseline: baseline, arm: arm, reference: reference,
                                              comparedArms: comparedArms, covariates: covariates)

    let design = ANCOVADesign(baseline: baseline, arm: arm, reference: reference, comparedArms: compared,
                              covariates: covariates)
    let n = followUp.count
    let fit = try design.fit(followUp)
    let standardErrors = fit.standardErrors
    guard standardErrors.allSatisfy({ $0 > 0 }) else { throw StatisticsError.zeroVariance(what: "the model residuals") }

    let df = Double(fit.residualDegreesOfFreedom)
    let method = "ANCOVA: lm(\(design.formula))"
    let referenceCount = ANCOVAValidation.count(of: reference, in: arm)
    let rows = try design.columns.indices.map { j in
        try TInference.result(name: .ancova, method: method, estimate: fit.coefficients[j],
                              standardError: standardErrors[j], degreesOfFreedom: df,
                              confidenceLevel: confidenceLevel,
                              sampleSizes: design.armColumns[j].map { [ANCOVAValidation.count(of: $0, in: arm), referenceCount] } ?? [n])
    }
    let coefficients = zip(design.terms, rows).map { term, row in
        ANCOVACoefficient(term: term, estimate: row.estimate!, standardError: row.standardError!, statistic: row.statistic,
                          degreesOfFreedom: fit.residualDegreesOfFreedom, pValue: row.pValue)
    }
    let effects = compared.map { level in rows[design.armColumns.firstIndex(of: level)!] }
    return ANCOVAFit(reference: reference, comparedArms: compared, effects: effects, coefficients: coefficients)
}

/// One row of R's `coef(summary(lm(...)))`.
public struct ANCOVACoefficient: Sendable, Equatable {
    /// R's coefficient name: `(Intercept)`, `baseline`, `arm<level>`, `<covariate>` or `<covariate><level>`.
    public let term: String
    /// β̂_j (`Estimate`).
    public let estimate: Double
    /// √(σ̂² [(XᵀX)⁻¹]_jj) (`Std. Error`).
    public let standardError: Double
    /// t = β̂_j / se_j (`t value`).
    public let statistic: Double
    /// n − p (`df.residual`).
    public let degreesOfFreedom: Int
    /// 2 · P(T_df > |t|) (`Pr(>|t|)`).
    public let pValue: Double

    /// Creates a coefficient row.
    public init(term: String, estimate: Double, standardError: Double, statistic: Double, degreesOfFreedom: Int,
                pValue: Double) {
        self.term = term
        self.estimate = estimate
        self.standardError = standardError
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
    }
}

/// The result of ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``.
public struct ANCOVAFit: Sendable, Equatable {
    /// The reference arm.
    public let reference: String
    /// The other arms, in code-point order: the order of ``effects``.
    public let comparedArms: [String]
    /// For each arm in ``comparedArms``, its adjusted difference from the reference (a result named
    /// ``TestName/ancova`` with sample sizes [n_arm, n_reference]).
    public let effects: [HypothesisTestResult]
    /// Every coefficient of the model, in design order (R's `coef(summary(fit))`).
    public let coefficients: [ANCOVACoefficient]

    /// Creates a fit.
    public init(reference: String, comparedArms: [String], effects: [HypothesisTestResult],
                coefficients: [ANCOVACoefficient]) {
        self.reference = reference
        self.comparedArms = comparedArms
        self.effects = effects
        self.coefficients = coefficients
    }

    /// The adjusted difference `arm` − reference, or nil when `arm` is not a compared arm.
    public func effect(of arm: String) -> HypothesisTestResult? {
        comparedArms.firstIndex(of: arm).map { effects[$0] }
    }
}

/// The input checks of ``ancova(followUp:baseline:arm:reference:comparedArms:covariates:confidenceLevel:)``, in the order a
/// user would want to hear about problems: shapes, names, values, arm sizes, constant columns.
enum ANCOVAValidation {
    /// Checks the inputs; returns the non-reference arms (`comparedArms`, or the labels in code-point order).
    static func check(followUp: [Double], baseline: [Double], arm: [String], reference: String,
                      comparedArms: [String]?, covariates: [Covariate]) throws -> [String] {
        let n = followUp.count
        guard baseline.count == n, arm.count == n else {
            throw StatisticsError.invalidRequest("ANCOVA needs one baseline value and one arm per follow-up value, got "
                                                 + "\(n) follow-up, \(baseline.count) baseline and \(arm.count) arm values")
        }
        guard !reference.isEmpty, !arm.contains(where: \.isEmpty) else {
            throw StatisticsError.invalidRequest("every participant and the reference need a non-empty arm label")
        }
        var names = Set<String>()
        for covariate in covariates {
            guard !covariate.name.isEmpty else { throw StatisticsError.invalidRequest("every covariate needs a name") }
            guard names.insert(covariate.name).inserted else {
                throw StatisticsError.invalidRequest("covariate '\(covariate.name)' is given more than once")
            }
            guard covariate.values.count == n else {
                throw StatisticsError.invalidRequest("covariate '\(covariate.name)' has \(covariate.values.count) values "
                                                     + "for \(n) participants")
            }
        }
        try TInference.requireFinite(followUp, what: "the follow-up values")
        try TInference.requireFinite(baseline, what: "the baseline values")
        for covariate in covariates {
            switch covariate.values {
            case let .numeric(values):
                try TInference.requireFinite(values, what: "the values of covariate '\(covariate.name)'")
            case let .categorical(values):
                let empty = values.filter(\.isEmpty).count
                guard empty == 0 else {
                    throw StatisticsError.invalidRequest("covariate '\(covariate.name)' has \(empty) empty "
                                                         + "value\(empty == 1 ? "" : "s"); ANCOVA needs a level for every participant")
                }
            }
        }
        let compared = try comparedArms.map { try checkCompared($0, arm: arm, reference: reference) }
            ?? ANCOVADesign.sortedLevels(arm).filter { !$0.utf8.elementsEqual(reference.utf8) }
        guard !compared.isEmpty else {
            throw StatisticsError.insufficientObservations(what: "arms besides the reference arm \(reference)", needed: 1, got: 0)
        }
        for level in compared + [reference] where count(of: level, in: arm) < 2 {
            throw StatisticsError.insufficientObservations(what: "participants in arm \(level)", needed: 2,
                                                           got: count(of: level, in: arm))
        }
        if let value = baseline.first, baseline.allSatisfy({ $0 == value }) {
            throw StatisticsError.invalidRequest("the baseline is constant (\(format(value))) in the analysed participants, "
                                                 + "so ANCOVA cannot adjust for it; compare the follow-up values directly")
        }
        for covariate in covariates {
            let constant: String?
            switch covariate.values {
            case let .numeric(values):
                constant = values.first.flatMap { first in values.allSatisfy { $0 == first } ? format(first) : nil }
            case let .categorical(values):
                constant = ANCOVADesign.sortedLevels(values).count == 1 ? values.first : nil
            }
            if let constant {
                throw StatisticsError.invalidRequest("covariate '\(covariate.name)' is constant (\(constant)) "
                                                     + "in the analysed participants; drop it")
            }
        }
        return compared
    }

    /// R's `summary.lm` warning rule: σ̂² < (mean(f)² + var(f)) · 1e-30, with f the fitted values.
    static func isEssentiallyPerfectFit(_ fit: LinearLeastSquaresFit, rows: [[Double]]) -> Bool {
        let fitted = rows.map { row in zip(row, fit.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
        let n = Double(fitted.count)
        let mean = fitted.reduce(0, +) / n
        let variance = fitted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return fit.residualVariance < (mean * mean + variance) * 1e-30
    }

    /// `comparedArms` as given: non-empty, distinct, without the reference, and covering every participant.
    private static func checkCompared(_ compared: [String], arm: [String], reference: String) throws -> [String] {
        let levels = compared.map { Array($0.utf8) }
        guard !compared.isEmpty, !compared.contains(where: \.isEmpty), Set(levels).count == levels.count,
              !levels.contains(Array(reference.utf8)) else {
            throw StatisticsError.invalidRequest("the compared arms must be distinct, non-empty labels other than the "
                                                 + "reference arm \(reference), got \(compared)")
        }
        let known = Set(levels + [Array(reference.utf8)])
        if let stray = arm.first(where: { !known.contains(Array($0.utf8)) }) {
            throw StatisticsError.invalidRequest("arm '\(stray)' is neither the reference arm \(reference) nor one of "
                                                 + "the compared arms \(compared.joined(separator: ", "))")
        }
        return compared
    }

    /// How many participants carry the arm label `level` (compared by code points, as levels are).
    static func count(of level: String, in arm: [String]) -> Int {
        arm.filter { $0.utf8.elementsEqual(level.utf8) }.count
    }

    /// A number as a person would write it: `3` rather than `3.0`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
