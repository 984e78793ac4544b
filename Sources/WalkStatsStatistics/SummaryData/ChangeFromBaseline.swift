import WalkStatsModel

/// The SD of change from baseline imputed from the baseline and follow-up SDs and an assumed
/// correlation between them (papers seldom print the SD of the change).
///
/// ```
/// SD_change = √(SD_b² + SD_f² − 2 ρ · SD_b · SD_f)
/// ```
///
/// *Assumptions.* ρ is the correlation between baseline and follow-up values within the arm; it is
/// rarely known, so analyses report a range (see ``changeScoreSensitivity(baselineA:followUpA:baselineB:followUpB:correlations:confidenceLevel:)``).
///
/// *Matches R:* `sqrt(sd_b^2 + sd_f^2 - 2 * rho * sd_b * sd_f)`.
///
/// *References:* Cochrane Handbook for Systematic Reviews of Interventions, version 6.4 (2023),
/// section 6.5.2.8, "Imputing standard deviations for changes from baseline".
///
/// - Parameters:
///   - baseline: the baseline SD.
///   - followUp: the follow-up SD.
///   - correlation: the assumed correlation ρ in [−1, 1].
/// - Throws: ``StatisticsError/invalidRequest(_:)`` for ρ outside [−1, 1] or a negative SD,
///   ``StatisticsError/nonFiniteInput(what:)``.
public func changeStandardDeviation(baseline: Double, followUp: Double, correlation: Double) throws -> Double {
    guard baseline.isFinite, followUp.isFinite else { throw StatisticsError.nonFiniteInput(what: "the baseline and follow-up SDs") }
    guard baseline >= 0, followUp >= 0 else {
        throw StatisticsError.invalidRequest("standard deviations must be ≥ 0, got \(baseline) and \(followUp)")
    }
    try SummaryValidation.checkCorrelation(correlation)
    return SummaryValidation.differenceStandardDeviation(baseline, followUp, correlation: correlation)
}

/// The change from baseline of one arm from its baseline and follow-up summaries: mean change
/// follow-up − baseline, SD imputed by ``changeStandardDeviation(baseline:followUp:correlation:)``, n of the
/// follow-up (the participants analysed at follow-up, as the Handbook's imputation assumes).
///
/// - Throws: as ``changeStandardDeviation(baseline:followUp:correlation:)``, and
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` when an n is below 2.
public func changeFromBaseline(baseline: SummaryStatistics, followUp: SummaryStatistics,
                               correlation: Double) throws -> SummaryStatistics {
    try SummaryValidation.check(baseline, label: "the baseline summary")
    try SummaryValidation.check(followUp, label: "the follow-up summary")
    let sd = try changeStandardDeviation(baseline: baseline.standardDeviation, followUp: followUp.standardDeviation,
                                         correlation: correlation)
    return SummaryStatistics(n: followUp.n, mean: followUp.mean - baseline.mean, standardDeviation: sd)
}

/// ``changeFromBaseline(baseline:followUp:correlation:)`` for two ``ArmSummary`` values of the same study, arm and
/// outcome. The result's timepoint is `change_<baseline>_to_<follow-up>`; its mean is flagged
/// ``SummaryValueProvenance/changeFromBaseline`` and its SD
/// ``SummaryValueProvenance/imputedFromCorrelation(_:)``.
///
/// - Throws: ``StatisticsError/invalidRequest(_:)`` when the two summaries belong to different studies,
///   arms or outcomes, and as ``changeFromBaseline(baseline:followUp:correlation:)``.
public func changeFromBaseline(baseline: ArmSummary, followUp: ArmSummary, correlation: Double) throws -> ArmSummary {
    guard baseline.study == followUp.study, baseline.arm == followUp.arm, baseline.outcome == followUp.outcome else {
        throw StatisticsError.invalidRequest(
            "a change needs baseline and follow-up of the same study, arm and outcome; got '\(baseline.key)' and '\(followUp.key)'")
    }
    let change = try changeFromBaseline(baseline: baseline.statistics, followUp: followUp.statistics, correlation: correlation)
    return ArmSummary(study: followUp.study, arm: followUp.arm,
                      timepoint: "change_\(baseline.timepoint)_to_\(followUp.timepoint)", outcome: followUp.outcome,
                      n: change.n, mean: change.mean, standardDeviation: change.standardDeviation,
                      unit: followUp.unit ?? baseline.unit, source: followUp.source ?? baseline.source,
                      meanProvenance: .changeFromBaseline, standardDeviationProvenance: .imputedFromCorrelation(correlation))
}

/// One row of a change-score sensitivity table: the assumed correlation, both arms' change summaries
/// and the Welch test between them.
public struct ChangeScoreSensitivityRow: Sendable, Equatable {
    /// The assumed baseline–follow-up correlation ρ (the same in both arms).
    public let correlation: Double
    /// Arm A's change: mean change, imputed SD, follow-up n.
    public let changeA: SummaryStatistics
    /// Arm B's change.
    public let changeB: SummaryStatistics
    /// Welch's t-test of change_A − change_B.
    public let test: HypothesisTestResult

    /// Creates a row.
    public init(correlation: Double, changeA: SummaryStatistics, changeB: SummaryStatistics, test: HypothesisTestResult) {
        self.correlation = correlation
        self.changeA = changeA
        self.changeB = changeB
        self.test = test
    }
}

/// The correlations of a change-score sensitivity analysis by default: 0.2, 0.3, …, 0.8.
public let defaultChangeScoreCorrelations: [Double] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]

/// Welch's test of the difference in mean change between two arms, over a range of assumed
/// baseline–follow-up correlations, for papers that print baseline and follow-up but not change.
///
/// ```
/// for each ρ:  SD_change = √(SD_b² + SD_f² − 2 ρ SD_b SD_f) in each arm   (Cochrane Handbook 6.5.2.8)
///              Welch t-test of (mean_f − mean_b)_A − (mean_f − mean_b)_B with n = follow-up n
/// ```
///
/// The mean difference does not depend on ρ; its SE falls and |t| rises as ρ grows.
///
/// *Matches R:* per ρ, `t.test(a, b)` on data with the change summaries (see the summary fixture).
///
/// - Parameters:
///   - baselineA: arm A at baseline.
///   - followUpA: arm A at follow-up.
///   - baselineB: arm B at baseline.
///   - followUpB: arm B at follow-up.
///   - correlations: the assumed correlations (default ``defaultChangeScoreCorrelations``).
///   - confidenceLevel: the level of each test's interval (default 0.95).
/// - Returns: one row per correlation, in the order given.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` for an empty list or a correlation outside
///   [−1, 1], and as ``welchTTest(summaryA:summaryB:confidenceLevel:)``.
public func changeScoreSensitivity(baselineA: SummaryStatistics, followUpA: SummaryStatistics,
                                   baselineB: SummaryStatistics, followUpB: SummaryStatistics,
                                   correlations: [Double] = defaultChangeScoreCorrelations,
                                   confidenceLevel: Double = 0.95) throws -> [ChangeScoreSensitivityRow] {
    guard !correlations.isEmpty else { throw StatisticsError.invalidRequest("expected at least one correlation") }
    return try correlations.map { rho in
        let changeA = try changeFromBaseline(baseline: baselineA, followUp: followUpA, correlation: rho)
        let changeB = try changeFromBaseline(baseline: baselineB, followUp: followUpB, correlation: rho)
        let test = try welchTTest(summaryA: changeA, summaryB: changeB, confidenceLevel: confidenceLevel)
        return ChangeScoreSensitivityRow(correlation: rho, changeA: changeA, changeB: changeB, test: test)
    }
}
