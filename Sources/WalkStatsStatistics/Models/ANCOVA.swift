import WalkStatsGSL

/// ANCOVA: the difference between arm A and arm B in the follow-up value, adjusted for the baseline value
/// (and optional covariates), by ordinary least squares.
///
/// ```
/// follow-up_i = β₀ + β₁·baseline_i + β₂·[arm_i = A] + Σ γ_k·covariate_ik + ε_i,   ε_i ~ N(0, σ²)
/// n participants, p = 3 + (number of covariate columns)
/// estimate = β̂₂ (the adjusted difference A − B),   se = √(σ̂² [(XᵀX)⁻¹]₂₂),   σ̂² = RSS / (n − p)
/// t  = β̂₂ / se,   df = n − p
/// p  = 2 · P(T_df > |t|)
/// CI = β̂₂ ± t_{df, (1 + level)/2} · se
/// ```
///
/// Numeric covariates enter as a slope. Categorical covariates use R's treatment coding: the levels are
/// sorted as R's `factor()` sorts them (here by Unicode code point, which is R's order in the C locale;
/// R itself sorts in the session's locale, which agrees for levels such as `F`/`M` or lower-case ASCII
/// words), the first level is the reference, and each other level gets a 0/1 column. The fit uses GSL's
/// column-balanced SVD (``LinearLeastSquares``), not the normal equations, so baseline values near 10⁶
/// with a small spread are handled as accurately as R's QR handles them.
///
/// *Assumptions.* Independent participants; a linear, common (parallel) baseline slope in both arms;
/// normal residuals with equal variance in both arms. The arm effect is assumed not to depend on the
/// baseline (no interaction term).
///
/// *Missing values.* None accepted: the caller passes participants with follow-up, baseline and every
/// covariate present (complete cases), and reports how many were left out.
///
/// *Matches R:* `lm(follow_up ~ baseline + arm + covariates)` with `arm <- factor(arm, levels = c("B", "A"))`
/// and every categorical covariate a `factor` with sorted levels: estimate, standard error, t value and
/// `Pr(>|t|)` of the row `armA` of `coef(summary(fit))`, `df.residual(fit)` and
/// `confint(fit, "armA", level = confidenceLevel)`.
/// **Deviation:** where R's `lm` silently drops an aliased coefficient (reports `NA` because a column is
/// a linear combination of earlier ones by its `tol = 1e-7` rule, for example a constant covariate, two
/// covariates measuring the same thing in different units, or a category level that coincides with an
/// arm), this function throws instead, naming the columns involved: a model that quietly lost a term is
/// not the model the analyst specified. Likewise, where `summary.lm` only warns "essentially perfect
/// fit", this throws.
///
/// *Related GSL documentation:* `gsl_multifit_linear_tsvd`
/// (https://www.gnu.org/software/gsl/doc/html/lls.html#multi-parameter-regression), `gsl_cdf_tdist_Q`,
/// `gsl_cdf_tdist_Pinv`.
///
/// *References:* Vickers AJ, Altman DG (2001), Analysing controlled trials with baseline and follow up
/// measurements. BMJ 323:1123–1124. doi:10.1136/bmj.323.7321.1123. EMA (2015), Guideline on adjustment
/// for baseline covariates in clinical trials, EMA/CHMP/295050/2013.
///
/// - Parameters:
///   - followUp: the outcome at follow-up, one value per participant.
///   - baseline: the same outcome at baseline, aligned with `followUp`.
///   - isArmA: `true` for participants in arm A, `false` for arm B (the reference).
///   - covariates: further adjustment variables, each with one value per participant, entered in the
///     order given (default none).
///   - confidenceLevel: the interval's level, R's `confint(level =)` (default 0.95).
/// - Returns: a result named ``TestName/ancova``: statistic = t of the arm coefficient, degrees of
///   freedom = n − p, two-sided p-value, estimate = adjusted difference A − B with its standard error and
///   confidence interval, sample sizes [n_A, n_B].
/// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``;
///   ``StatisticsError/invalidRequest(_:)`` when lengths differ, a covariate name is empty or repeated,
///   a categorical value is empty, the baseline or a covariate is constant, or the design is
///   rank-deficient (collinear covariates, a level aliased with the arm or other terms);
///   ``StatisticsError/nonFiniteInput(what:)`` for NaN or infinite values;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` when an arm has fewer than 2
///   participants or n ≤ p (no residual degrees of freedom);
///   ``StatisticsError/zeroVariance(what:)`` when the model fits essentially perfectly (R's
///   "essentially perfect fit"), so the standard error is 0; errors from GSL (``GSLError``) are passed on.
/// - Complexity: O(n·p³).
public func ancova(followUp: [Double], baseline: [Double], isArmA: [Bool], covariates: [Covariate] = [],
                   confidenceLevel: Double = 0.95) throws -> HypothesisTestResult {
    try ConfidenceInterval.validate(level: confidenceLevel)
    try ANCOVAValidation.check(followUp: followUp, baseline: baseline, isArmA: isArmA, covariates: covariates)

    let design = ANCOVADesign(baseline: baseline, isArmA: isArmA, covariates: covariates)
    let (n, p) = (followUp.count, design.columns.count)
    guard n > p else {
        throw StatisticsError.insufficientObservations(what: "participants for a model with \(p) coefficients (n must exceed p)",
                                                       needed: p + 1, got: n)
    }
    let fit: LinearLeastSquaresFit
    do {
        fit = try LinearLeastSquares.fit(design: design.rows, response: followUp)
    } catch let LinearLeastSquaresError.rankDeficient(_, _, aliased) {
        throw StatisticsError.invalidRequest(design.rankDeficiencyMessage(aliased))
    } catch let error as LinearLeastSquaresError {
        throw StatisticsError.invalidRequest("ANCOVA could not be fitted: \(error)")
    }
    guard !ANCOVAValidation.isEssentiallyPerfectFit(fit, design: design) else {
        throw StatisticsError.zeroVariance(what: "the model residuals (an essentially perfect fit)")
    }

    let estimate = fit.coefficients[ANCOVADesign.armColumn]
    let standardError = fit.standardErrors[ANCOVADesign.armColumn]
    guard standardError > 0 else { throw StatisticsError.zeroVariance(what: "the model residuals") }
    let armA = isArmA.filter { $0 }.count
    return try TInference.result(name: .ancova, method: "ANCOVA: lm(\(design.formula))", estimate: estimate,
                                 standardError: standardError, degreesOfFreedom: Double(fit.residualDegreesOfFreedom),
                                 confidenceLevel: confidenceLevel, sampleSizes: [armA, n - armA])
}

/// The input checks of ``ancova(followUp:baseline:isArmA:covariates:confidenceLevel:)``, in the order a
/// user would want to hear about problems: shapes, names, values, arm sizes, constant columns.
enum ANCOVAValidation {
    static func check(followUp: [Double], baseline: [Double], isArmA: [Bool], covariates: [Covariate]) throws {
        let n = followUp.count
        guard baseline.count == n, isArmA.count == n else {
            throw StatisticsError.invalidRequest("ANCOVA needs one baseline value and one arm per follow-up value, got "
                                                 + "\(n) follow-up, \(baseline.count) baseline and \(isArmA.count) arm values")
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
        let armA = isArmA.filter { $0 }.count
        for (arm, count) in [("A", armA), ("B", n - armA)] where count < 2 {
            throw StatisticsError.insufficientObservations(what: "participants in arm \(arm)", needed: 2, got: count)
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
    }

    /// R's `summary.lm` warning rule: σ̂² < (mean(f)² + var(f)) · 1e-30, with f the fitted values.
    static func isEssentiallyPerfectFit(_ fit: LinearLeastSquaresFit, design: ANCOVADesign) -> Bool {
        let fitted = design.rows.map { row in zip(row, fit.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
        let n = Double(fitted.count)
        let mean = fitted.reduce(0, +) / n
        let variance = fitted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return fit.residualVariance < (mean * mean + variance) * 1e-30
    }

    /// A number as a person would write it: `3` rather than `3.0`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
