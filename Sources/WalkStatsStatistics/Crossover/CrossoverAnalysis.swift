import WalkStatsModel

/// The order in which a participant of a 2×2 crossover trial received the two treatments.
public enum CrossoverSequence: String, Sendable, Hashable, CaseIterable {
    /// Treatment A in period 1, B in period 2.
    case ab = "AB"
    /// Treatment B in period 1, A in period 2.
    case ba = "BA"
}

/// The three tests of a 2×2 (AB/BA) crossover trial: treatment, period and carry-over.
public struct CrossoverAnalysis: Sendable, Equatable {
    /// The treatment effect A − B (``TestName/crossoverTreatment``).
    public let treatment: HypothesisTestResult
    /// The period effect, period 1 − period 2 (``TestName/crossoverPeriod``).
    public let period: HypothesisTestResult
    /// The carry-over test: participant totals, sequence AB − sequence BA (``TestName/crossoverCarryover``).
    public let carryover: HypothesisTestResult

    /// Creates an analysis.
    public init(treatment: HypothesisTestResult, period: HypothesisTestResult, carryover: HypothesisTestResult) {
        self.treatment = treatment
        self.period = period
        self.carryover = carryover
    }
}

/// The standard analysis of a 2×2 (AB/BA) crossover trial from each participant's sequence and outcome
/// in the two periods: the treatment and period effects from the period differences, and the
/// carry-over test from the participant totals, each by Student's pooled two-sample t-test between
/// the sequences.
///
/// ```
/// d_i = P1_i − P2_i   (period difference),   T_i = P1_i + P2_i   (participant total)
/// s_p² = ((n_AB − 1) var(d_AB) + (n_BA − 1) var(d_BA)) / (n_AB + n_BA − 2),   df = n_AB + n_BA − 2
/// se   = s_p · √(1/n_AB + 1/n_BA) / 2
/// treatment (A − B)                = (mean(d_AB) − mean(d_BA)) / 2,   t = treatment / se
/// period (period 1 − period 2)     = (mean(d_AB) + mean(d_BA)) / 2,   t = period / se
/// CI = estimate ± t_{df, (1 + level)/2} · se,   p = 2 · P(T_df > |t|)
/// carry-over (AB − BA) = mean(T_AB) − mean(T_BA), Student's t-test with the pooled SD of the totals
/// ```
///
/// The treatment and period tests are Student's two-sample t-test of d_AB against d_BA (and against
/// −d_BA), with the estimate, standard error and interval halved: t and p are unchanged.
///
/// *Assumptions.* Participants are independent and randomised to the sequences; no carry-over for the
/// treatment test (Senn advises against choosing the analysis by the carry-over test, whose power is
/// low, and this function does not); within-participant differences and totals roughly normal with the
/// same variance in both sequences.
///
/// *Missing values.* None accepted: a participant without both periods cannot be analysed this way;
/// the caller passes complete participants.
///
/// *Matches R:* treatment and period: `lm(y ~ participant + period + treatment)` on the long data
/// (two rows per participant), with `period` levels `c("2", "1")` and `treatment` levels `c("B", "A")`
/// so the coefficients `period1` and `treatmentA` are period 1 − period 2 and A − B: the estimate, its
/// standard error, t, df, p and `confint(fit, level = level)`. Carry-over:
/// `t.test(total ~ sequence, var.equal = TRUE, conf.level = level)` (sequence levels `AB`, `BA`), whose
/// estimate is the difference of its two group means.
///
/// *Related GSL documentation:* `gsl_stats_mean`, `gsl_stats_sd`, `gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`.
///
/// *References:* Senn S (2002), Cross-over Trials in Clinical Research, 2nd ed., chapter 3, "The AB/BA
/// design with normal data", pp. 35–88 (the basic estimator, the period effect and the carry-over
/// test). Wiley. doi:10.1002/0470854596.ch3. Hills M, Armitage P (1979), The two-period cross-over
/// clinical trial. British Journal of Clinical Pharmacology 8(1):7–20.
///
/// - Parameters:
///   - sequences: each participant's sequence.
///   - period1: each participant's outcome in period 1, aligned with `sequences`.
///   - period2: each participant's outcome in period 2, aligned with `sequences`.
///   - confidenceLevel: the intervals' level, R's `level` / `conf.level` (default 0.95).
/// - Returns: the three tests, each with `sampleSizes` = `[n_AB, n_BA]` and `degreesOfFreedom` =
///   n_AB + n_BA − 2.
/// - Throws: ``StatisticsError/invalidRequest(_:)`` when the three arrays differ in length or the
///   differences, totals or standard errors overflow a double;
///   ``StatisticsError/insufficientObservations(what:needed:got:)`` when a sequence has fewer than 2
///   participants; ``StatisticsError/zeroVariance(what:)`` when the period differences (or the totals)
///   do not vary within the sequences (R's "data are essentially constant" rule);
///   ``StatisticsError/nonFiniteInput(what:)``, ``StatisticsError/invalidConfidenceLevel(_:)``.
public func crossoverAnalysis(sequences: [CrossoverSequence], period1: [Double], period2: [Double],
                              confidenceLevel: Double = 0.95) throws -> CrossoverAnalysis {
    guard sequences.count == period1.count, sequences.count == period2.count else {
        throw StatisticsError.invalidRequest(
            "sequences, period 1 and period 2 values must have equal lengths, got \(sequences.count), "
                + "\(period1.count) and \(period2.count)")
    }
    try ConfidenceInterval.validate(level: confidenceLevel)
    try TInference.requireFinite(period1, what: "the period 1 values")
    try TInference.requireFinite(period2, what: "the period 2 values")
    var differences: [CrossoverSequence: [Double]] = [:]
    var totals: [CrossoverSequence: [Double]] = [:]
    for (sequence, (first, second)) in zip(sequences, zip(period1, period2)) {
        differences[sequence, default: []].append(first - second)
        totals[sequence, default: []].append(first + second)
    }
    for sequence in CrossoverSequence.allCases {
        let count = differences[sequence]?.count ?? 0
        guard count >= 2 else {
            throw StatisticsError.insufficientObservations(what: "participants in sequence \(sequence.rawValue)",
                                                           needed: 2, got: count)
        }
    }
    let (differencesAB, differencesBA) = (differences[.ab] ?? [], differences[.ba] ?? [])
    let (totalsAB, totalsBA) = (totals[.ab] ?? [], totals[.ba] ?? [])
    guard (differencesAB + differencesBA + totalsAB + totalsBA).allSatisfy(\.isFinite) else {
        throw StatisticsError.invalidRequest("the period differences or totals overflow a double; rescale the values")
    }
    let (ab, ba) = (try TInference.summary(differencesAB), try TInference.summary(differencesBA))
    let negatedBA = SummaryStatistics(n: ba.n, mean: -ba.mean, standardDeviation: ba.standardDeviation)
    let what = "the period differences (period 1 − period 2) within both sequences"
    let treatment = try twoSampleTTest(ab, ba, equalVariances: true, confidenceLevel: confidenceLevel, what: what)
    let period = try twoSampleTTest(ab, negatedBA, equalVariances: true, confidenceLevel: confidenceLevel, what: what)
    let carryover = try twoSampleTTest(try TInference.summary(totalsAB), try TInference.summary(totalsBA),
                                       equalVariances: true, confidenceLevel: confidenceLevel,
                                       what: "the participant totals (period 1 + period 2) within both sequences")
    return CrossoverAnalysis(
        treatment: treatment.relabelled(.crossoverTreatment, method: "2x2 crossover: treatment effect (A - B)", scale: 0.5),
        period: period.relabelled(.crossoverPeriod, method: "2x2 crossover: period effect (period 1 - period 2)", scale: 0.5),
        carryover: carryover.relabelled(.crossoverCarryover,
                                        method: "2x2 crossover: carry-over test (participant totals, AB - BA)", scale: 1))
}

extension HypothesisTestResult {
    /// The same test under another name, with the estimate, standard error and interval multiplied by
    /// `scale` (t, df and p unchanged): a crossover effect is half a difference of sequence means.
    fileprivate func relabelled(_ name: TestName, method: String, scale: Double) -> HypothesisTestResult {
        HypothesisTestResult(
            name: name, method: method, statistic: statistic, degreesOfFreedom: degreesOfFreedom,
            denominatorDegreesOfFreedom: denominatorDegreesOfFreedom, pValue: pValue,
            estimate: estimate.map { $0 * scale }, standardError: standardError.map { $0 * scale },
            confidenceInterval: confidenceInterval.map {
                ConfidenceInterval(level: $0.level, lower: $0.lower * scale, upper: $0.upper * scale)
            },
            sampleSizes: sampleSizes)
    }
}
