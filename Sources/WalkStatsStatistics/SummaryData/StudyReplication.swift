import WalkStatsModel

/// Everything WalkStats can recompute for one study from its printed per-arm numbers, and how those
/// numbers check out.
///
/// - Parallel designs: at every timepoint where two arms are printed, Welch's and Student's t-tests of
///   A − B (Stata's `ttesti`), Hedges' g with its noncentral-t interval, and — when a first timepoint
///   (baseline) is printed too — the between-arm test of change with the change SD imputed over
///   ρ = 0.2…0.8 (Cochrane Handbook 6.5.2.8).
/// - Within-subject designs: the paired t-test as a function of the unprinted correlation between the
///   two conditions, and the smallest correlation that reproduces the paper's claim.
/// - Consistency: GRIM and GRIMMER for outcomes scored in whole numbers (from the codebook), and each
///   printed p-value against the p-values the printed means and SDs allow once their rounding is
///   taken into account.
///
/// Arms are ordered A, B as the printed comparison names them ("A vs B"), else in file order. Analyses
/// the numbers cannot support are listed in ``notes`` with the reason, never dropped silently.
public struct StudyReplication: Sendable {
    /// A two-arm comparison at one timepoint of a parallel study.
    public struct ParallelComparison: Sendable {
        /// The outcome id.
        public let outcome: String
        /// The timepoint compared.
        public let timepoint: String
        /// Arm A (first in the printed comparison).
        public let armA: ArmSummary
        /// Arm B.
        public let armB: ArmSummary
        /// Welch then Student (those that could be computed).
        public let tests: [HypothesisTestResult]
        /// Hedges' g of A − B, when it could be computed.
        public let hedgesG: EffectSize?
        /// The printed p-values of this comparison, checked against the Welch and Student tests.
        public let pValueChecks: [PrintedPValueCheck]
    }

    /// A printed p-value and what the printed means and SDs allow.
    public struct PrintedPValueCheck: Sendable {
        /// The printed result carrying the p-value.
        public let printed: PrintedResult
        /// Which test the check assumed (Welch, Student, or paired over correlations).
        public let test: String
        /// The achievable p-values and the verdict.
        public let check: PValueConsistency
    }

    /// The between-arm test of change from baseline with the change SD imputed from an assumed ρ.
    public struct ChangeFromBaselineSensitivity: Sendable {
        /// The outcome id.
        public let outcome: String
        /// The baseline timepoint.
        public let baseline: String
        /// The follow-up timepoint.
        public let followUp: String
        /// Arm A.
        public let armA: String
        /// Arm B.
        public let armB: String
        /// One Welch test of change per assumed correlation.
        public let rows: [ChangeScoreSensitivityRow]
    }

    /// A within-subject comparison of two conditions as a function of their unprinted correlation.
    public struct WithinSubjectComparison: Sendable {
        /// The outcome id.
        public let outcome: String
        /// The timepoint compared.
        public let timepoint: String
        /// Condition A.
        public let conditionA: ArmSummary
        /// Condition B.
        public let conditionB: ArmSummary
        /// The paired test per assumed correlation.
        public let rows: [WithinSubjectCorrelationRow]
        /// The smallest correlation at which p falls below the printed threshold, when a threshold is printed.
        public let threshold: CorrelationThreshold?
        /// The printed p-values checked against the printed means and SDs.
        public let pValueChecks: [PrintedPValueCheck]
    }

    /// GRIM and GRIMMER for one printed arm summary of a whole-number score.
    public struct IntegerScoreCheck: Sendable {
        /// The checked summary.
        public let summary: ArmSummary
        /// GRIM on the printed mean.
        public let grim: ConsistencyResult
        /// GRIMMER on the printed mean and SD.
        public let grimmer: ConsistencyResult
    }

    /// The study.
    public let study: String
    /// Its description from the study sheet, when there is one.
    public let description: StudyDescription?
    /// The printed summaries of the study.
    public let summaries: [ArmSummary]
    /// Printed results of the study.
    public let printed: [PrintedResult]
    /// Between-arm comparisons of a parallel study.
    public let parallel: [ParallelComparison]
    /// Change-from-baseline sensitivity tables, when baseline is printed.
    public let changeFromBaseline: [ChangeFromBaselineSensitivity]
    /// Within-subject comparisons.
    public let withinSubject: [WithinSubjectComparison]
    /// GRIM and GRIMMER for whole-number scores.
    public let integerChecks: [IntegerScoreCheck]
    /// What could not be recomputed or checked, and why.
    public let notes: [String]

    /// Recomputes `study` from `dataset`, checking against `printed` (results of every study; those of
    /// this study are used) and using `codebook` to know which outcomes are whole-number scores.
    /// - Throws: ``StatisticsError/unknownName(kind:name:available:)`` when the study is in neither the
    ///   summaries nor the study sheet.
    public init(study: String, dataset: SummaryDataset, printed: [PrintedResult], codebook: Codebook,
                confidenceLevel: Double = 0.95) throws {
        guard dataset.studyIDs.contains(study) || printed.contains(where: { $0.study == study }) else {
            throw StatisticsError.unknownName(kind: "study", name: study, available: dataset.studyIDs)
        }
        self.study = study
        description = dataset.study(study)
        summaries = dataset.summaries(study: study)
        self.printed = printed.filter { $0.study == study }
        var notes: [String] = []
        if summaries.isEmpty {
            notes.append("no per-arm numbers (n, mean, SD) are printed for \(study), so nothing can be recomputed")
        }
        let design = description?.design ?? .parallel
        var parallel: [ParallelComparison] = []
        var within: [WithinSubjectComparison] = []
        for outcome in dataset.outcomes(study: study) {
            let printedHere = self.printed.filter { $0.outcome == outcome }
            for timepoint in dataset.timepoints(study: study) {
                let arms = dataset.summaries(study: study, timepoint: timepoint, outcome: outcome)
                guard arms.count == 2 else {
                    if !arms.isEmpty {
                        notes.append("\(outcome) at \(timepoint): \(arms.count) arm(s) printed, so no two-arm comparison")
                    }
                    continue
                }
                let (a, b) = Self.ordered(arms, by: printedHere)
                if design == .withinSubject {
                    within.append(try Self.withinSubject(a, b, outcome: outcome, timepoint: timepoint, printed: printedHere,
                                                         confidenceLevel: confidenceLevel, notes: &notes))
                } else {
                    parallel.append(Self.parallel(a, b, outcome: outcome, timepoint: timepoint, printed: printedHere,
                                                  confidenceLevel: confidenceLevel, notes: &notes))
                }
            }
        }
        self.parallel = parallel
        withinSubject = within
        changeFromBaseline = design == .parallel
            ? Self.changeFromBaseline(dataset: dataset, study: study, confidenceLevel: confidenceLevel, notes: &notes) : []
        integerChecks = Self.integerChecks(summaries, codebook: codebook, notes: &notes)
        self.notes = notes
    }

    /// Arms in the order a printed comparison "A vs B" names them, else in file order.
    static func ordered(_ arms: [ArmSummary], by printed: [PrintedResult]) -> (ArmSummary, ArmSummary) {
        for result in printed {
            let names = result.comparison.components(separatedBy: " vs ").map { $0.trimmingCharacters(in: .whitespaces) }
            if names.count == 2, let a = arms.first(where: { $0.arm == names[0] }), let b = arms.first(where: { $0.arm == names[1] }) {
                return (a, b)
            }
        }
        return (arms[0], arms[1])
    }

    static func printedSummary(_ summary: ArmSummary) -> PrintedSummary? {
        guard let mean = summary.reported?.printedMean, let sd = summary.reported?.printedStandardDeviation,
              summary.isFullyReported else { return nil }
        return try? PrintedSummary(n: summary.n, mean: mean, standardDeviation: sd)
    }

    static func parallel(_ a: ArmSummary, _ b: ArmSummary, outcome: String, timepoint: String, printed: [PrintedResult],
                         confidenceLevel: Double, notes: inout [String]) -> ParallelComparison {
        var tests: [HypothesisTestResult] = []
        for (name, test) in [("welch_t", welchTTest), ("student_t", studentTTest)] as [(String, (SummaryStatistics, SummaryStatistics, Double) throws -> HypothesisTestResult)] {
            do { tests.append(try test(a.statistics, b.statistics, confidenceLevel)) } catch {
                notes.append("\(name) for \(outcome) at \(timepoint) not computed: \(error)")
            }
        }
        var g: EffectSize? = nil
        do { g = try hedgesG(summaryA: a.statistics, summaryB: b.statistics, confidenceLevel: confidenceLevel) } catch {
            notes.append("hedges_g for \(outcome) at \(timepoint) not computed: \(error)")
        }
        var checks: [PrintedPValueCheck] = []
        for result in printed {
            guard let text = result.pReportedAs ?? result.pValue.map({ "p = \($0)" }) else { continue }
            guard let claim = try? ReportedPValue(parsing: text) else {
                notes.append("printed p-value '\(text)' of \(outcome) could not be read")
                continue
            }
            guard let printedA = printedSummary(a), let printedB = printedSummary(b) else {
                notes.append("p-value check of \(outcome) needs the printed means and SDs of both arms")
                continue
            }
            for (label, kind) in [("Welch", SummaryTestKind.welch), ("Student", .student)] {
                do {
                    checks.append(PrintedPValueCheck(printed: result, test: label,
                                                     check: try pValueConsistency(printedA, printedB, test: kind, reported: claim)))
                } catch {
                    notes.append("\(label) p-value check of \(outcome) not possible: \(error)")
                }
            }
        }
        return ParallelComparison(outcome: outcome, timepoint: timepoint, armA: a, armB: b, tests: tests, hedgesG: g,
                                  pValueChecks: checks)
    }

    static func withinSubject(_ a: ArmSummary, _ b: ArmSummary, outcome: String, timepoint: String, printed: [PrintedResult],
                              confidenceLevel: Double, notes: inout [String]) throws -> WithinSubjectComparison {
        let rows = try withinSubjectCorrelationSensitivity(conditionA: a.statistics, conditionB: b.statistics,
                                                           confidenceLevel: confidenceLevel)
        var threshold: CorrelationThreshold? = nil
        var checks: [PrintedPValueCheck] = []
        for result in printed {
            guard let text = result.pReportedAs, let claim = try? ReportedPValue(parsing: text) else { continue }
            if let bound = claim.upperTarget {
                threshold = try smallestCorrelationForSignificance(conditionA: a.statistics, conditionB: b.statistics,
                                                                   pValueThreshold: bound)
            }
            if let printedA = printedSummary(a), let printedB = printedSummary(b) {
                checks.append(PrintedPValueCheck(printed: result, test: "paired, correlation unknown (−1 to 1)",
                                                 check: try pValueConsistency(printedA, printedB, test: .paired(correlation: -0.99...0.99),
                                                                              reported: claim)))
            }
        }
        if threshold == nil { notes.append("no printed p-value threshold for \(outcome); the correlation search was skipped") }
        return WithinSubjectComparison(outcome: outcome, timepoint: timepoint, conditionA: a, conditionB: b, rows: rows,
                                       threshold: threshold, pValueChecks: checks)
    }

    static func changeFromBaseline(dataset: SummaryDataset, study: String, confidenceLevel: Double,
                                   notes: inout [String]) -> [ChangeFromBaselineSensitivity] {
        let timepoints = dataset.timepoints(study: study)
        guard timepoints.count >= 2 else {
            if !timepoints.isEmpty {
                notes.append("only \(timepoints[0]) is printed (no baseline), so change from baseline cannot be recomputed")
            }
            return []
        }
        var result: [ChangeFromBaselineSensitivity] = []
        for outcome in dataset.outcomes(study: study) {
            let baseline = dataset.summaries(study: study, timepoint: timepoints[0], outcome: outcome)
            for followUp in timepoints.dropFirst() {
                let later = dataset.summaries(study: study, timepoint: followUp, outcome: outcome)
                guard baseline.count == 2, later.count == 2,
                      let laterA = later.first(where: { $0.arm == baseline[0].arm }),
                      let laterB = later.first(where: { $0.arm == baseline[1].arm }) else { continue }
                do {
                    let rows = try changeScoreSensitivity(baselineA: baseline[0].statistics, followUpA: laterA.statistics,
                                                          baselineB: baseline[1].statistics, followUpB: laterB.statistics,
                                                          confidenceLevel: confidenceLevel)
                    result.append(ChangeFromBaselineSensitivity(outcome: outcome, baseline: timepoints[0], followUp: followUp,
                                                                armA: baseline[0].arm, armB: baseline[1].arm, rows: rows))
                } catch {
                    notes.append("change from baseline of \(outcome) at \(followUp) not computed: \(error)")
                }
            }
        }
        return result
    }

    static func integerChecks(_ summaries: [ArmSummary], codebook: Codebook, notes: inout [String]) -> [IntegerScoreCheck] {
        var checks: [IntegerScoreCheck] = []
        for outcome in Set(summaries.map(\.outcome)).sorted() {
            guard let definition = codebook.definition(of: outcome) else {
                notes.append("GRIM/GRIMMER not applied to \(outcome): it is not in the codebook, so whether scores are whole numbers is unknown")
                continue
            }
            guard definition.integerScores else {
                notes.append("GRIM/GRIMMER do not apply to \(outcome): \(definition.label) is not scored in whole numbers")
                continue
            }
            for summary in summaries where summary.outcome == outcome {
                guard let mean = summary.reported?.printedMean, let sd = summary.reported?.printedStandardDeviation,
                      let meanDecimal = try? ReportedDecimal(mean), let sdDecimal = try? ReportedDecimal(sd) else {
                    notes.append("GRIM/GRIMMER need the printed mean and SD of \(summary.key)")
                    continue
                }
                do {
                    checks.append(IntegerScoreCheck(summary: summary, grim: try grimTest(mean: meanDecimal, n: summary.n),
                                                    grimmer: try grimmerTest(mean: meanDecimal, standardDeviation: sdDecimal, n: summary.n)))
                } catch {
                    notes.append("GRIM/GRIMMER of \(summary.key) not possible: \(error)")
                }
            }
        }
        return checks
    }
}
