import WalkStatsStatistics
import WalkStatsModel

/// Everything WalkStats can recompute for one study from its printed per-arm numbers, and how those
/// numbers check out.
///
/// - Parallel designs: at every timepoint where two or more arms are printed, for each contrast
///   arm − reference, Welch's and Student's t-tests (Stata's `ttesti`), Hedges' g with its
///   noncentral-t interval, and — when a first timepoint (baseline) is printed too — the between-arm
///   test of change with the change SD imputed over ρ = 0.2…0.8 (Cochrane Handbook 6.5.2.8).
/// - Within-subject designs: for each contrast condition − reference, the paired t-test as a function
///   of the unprinted correlation between the conditions, and the smallest correlation that
///   reproduces the paper's claim.
/// - Consistency: GRIM and GRIMMER for outcomes scored in whole numbers (from the codebook), and each
///   printed p-value against the p-values the printed means and SDs allow once their rounding is
///   taken into account.
///
/// Any number of arms may be printed. The reference arm is the B of the first printed comparison "A vs B"
/// naming two of them, else the last arm in file order; every other arm, in file order, is contrasted
/// with it (``ArmContrast``). With two arms that is the single contrast A − B of the printed
/// comparison, else first − second in file order. Analyses the numbers cannot support are listed in
/// ``notes`` with the reason, never dropped silently.
public struct StudyReplication: Sendable {
    /// One contrast arm − reference at one timepoint of a parallel study.
    public struct ParallelComparison: Sendable {
        /// The outcome id.
        public let outcome: String
        /// The timepoint compared.
        public let timepoint: String
        /// The arm whose effect is estimated (A in "A vs B").
        public let arm: ArmSummary
        /// The reference arm it is compared with.
        public let reference: ArmSummary
        /// The arm names of the contrast.
        public var contrast: ArmContrast { ArmContrast(arm: arm.arm, reference: reference.arm) }
        /// Welch then Student (those that could be computed), of arm − reference.
        public let tests: [HypothesisTestResult]
        /// Hedges' g of arm − reference, when it could be computed.
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
        /// The arms compared: changes are arm − reference.
        public let contrast: ArmContrast
        /// One Welch test of change per assumed correlation.
        public let rows: [ChangeScoreSensitivityRow]
    }

    /// A within-subject contrast condition − reference as a function of the conditions' unprinted
    /// correlation.
    public struct WithinSubjectComparison: Sendable {
        /// The outcome id.
        public let outcome: String
        /// The timepoint compared.
        public let timepoint: String
        /// The condition whose effect is estimated (A in "A vs B").
        public let condition: ArmSummary
        /// The reference condition.
        public let reference: ArmSummary
        /// The condition names of the contrast.
        public var contrast: ArmContrast { ArmContrast(arm: condition.arm, reference: reference.arm) }
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
    /// Between-arm contrasts of a parallel study, by outcome, timepoint, then contrast.
    public let parallel: [ParallelComparison]
    /// All arms together, for each outcome and timepoint of a parallel study printing three or more arms:
    /// one-way and Welch's ANOVA (with η² and ω²) and Tukey's HSD from the printed n, means and SDs.
    public let allArms: [OutcomeResult]
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
        var allArms: [OutcomeResult] = []
        for outcome in dataset.outcomes(study: study) {
            let printedHere = self.printed.filter { $0.outcome == outcome }
            for timepoint in dataset.timepoints(study: study) {
                let arms = dataset.summaries(study: study, timepoint: timepoint, outcome: outcome)
                if arms.count == 1 {
                    notes.append("\(outcome) at \(timepoint): only \(arms[0].arm) is printed, so there is no arm to compare it with")
                }
                let contrasts = Self.contrasts(arms.map(\.arm), by: printedHere)
                if design == .parallel, arms.count >= 3, let reference = contrasts.first?.reference {
                    allArms.append(Self.allArms(arms, reference: reference, outcome: outcome, timepoint: timepoint,
                                                confidenceLevel: confidenceLevel))
                }
                for contrast in contrasts {
                    guard let a = arms.first(where: { $0.arm == contrast.arm }),
                          let b = arms.first(where: { $0.arm == contrast.reference }) else { continue }
                    let printedForContrast = Self.printed(printedHere, for: contrast, among: arms.map(\.arm),
                                                          contrasts: contrasts.count)
                    if design == .withinSubject {
                        within.append(try Self.withinSubject(a, b, outcome: outcome, timepoint: timepoint, printed: printedForContrast,
                                                             confidenceLevel: confidenceLevel, notes: &notes))
                    } else {
                        parallel.append(Self.parallel(a, b, outcome: outcome, timepoint: timepoint, printed: printedForContrast,
                                                      confidenceLevel: confidenceLevel, notes: &notes))
                    }
                }
            }
        }
        self.parallel = parallel
        self.allArms = allArms
        withinSubject = within
        changeFromBaseline = design == .parallel
            ? Self.changeFromBaseline(dataset: dataset, study: study, printed: self.printed, confidenceLevel: confidenceLevel,
                                      notes: &notes) : []
        integerChecks = Self.integerChecks(summaries, codebook: codebook, notes: &notes)
        self.notes = notes
    }

    /// One-way ANOVA (with η² and ω²), Welch's ANOVA and Tukey's HSD of `arms` from their printed n, means
    /// and SDs, as a result of any shape (section `omnibus`, one group of every arm).
    static func allArms(_ arms: [ArmSummary], reference: String, outcome: String, timepoint: String,
                        confidenceLevel: Double) -> OutcomeResult {
        let ordered = arms.filter { $0.arm == reference } + arms.filter { $0.arm != reference }
        let summaries = ordered.map(\.statistics)
        let names = ordered.map(\.arm)
        var notes: [String] = []
        func attempt<T>(_ name: String, _ body: () throws -> T) -> T? {
            do { return try body() } catch {
                notes.append("\(name) (\(outcome) at \(timepoint)) not computed: \(error)")
                return nil
            }
        }
        var items: [ResultItem] = []
        if let anova = attempt("oneway_anova", { try onewayANOVA(summaries: summaries, confidenceLevel: confidenceLevel) }) {
            items.append(ResultItem(name: TestName.onewayANOVA.rawValue, role: .test,
                                    presentation: Presentation(title: "One-way ANOVA", statisticSymbol: "F"), content: .test(anova.test)))
            items.append(ResultItem(name: EffectSizeName.etaSquared.rawValue, role: .effectSize,
                                    presentation: Presentation(title: "η² (one-way ANOVA)"), content: .effectSize(anova.etaSquared)))
            items.append(ResultItem(name: EffectSizeName.omegaSquared.rawValue, role: .effectSize,
                                    presentation: Presentation(title: "ω² (one-way ANOVA)"), content: .effectSize(anova.omegaSquared)))
        }
        if let welch = attempt("welch_anova", { try welchANOVA(summaries: summaries) }) {
            items.append(ResultItem(name: TestName.welchANOVA.rawValue, role: .test,
                                    presentation: Presentation(title: "Welch ANOVA", statisticSymbol: "F"), content: .test(welch)))
        }
        if let tukey = attempt("tukey_hsd", { try tukeyHSD(summaries: summaries, names: names, confidenceLevel: confidenceLevel) }) {
            items.append(ResultItem(name: "tukey_hsd", role: .test,
                                    presentation: Presentation(title: "Tukey HSD", estimateLabel: "difference", statisticSymbol: "q"),
                                    content: .contrasts(method: "Tukey multiple comparisons of means (TukeyHSD)", pairsAdjustment: "tukey",
                                                        tukey.comparisons.map(ContrastResult.init(tukey:)))))
        }
        let group = ResultGroup(
            arms: names, randomised: ordered.map(\.n), analysed: ordered.map(\.n),
            fields: [ResultField("arms", .strings(names)),
                     ResultField("n", .counts(ordered.map { NamedCount(name: $0.arm, count: $0.n) }))],
            effectSubject: "\(outcome) at \(timepoint), all arms", checkSubject: "", items: items, notes: notes)
        return OutcomeResult(
            outcome: outcome,
            fields: [ResultField("outcome", .string(outcome)), ResultField("timepoint", .string(timepoint)),
                     ResultField("reference", .string(reference))],
            heading: "All arms together: \(outcome) at \(timepoint)", direction: .change(favouring: nil),
            confidenceLevel: confidenceLevel,
            sections: [ResultSection(key: "omnibus", heading: "From the printed n, means and SDs", groupColumn: nil,
                                     estimateHeader: "Estimate", explanation: "", isSingleObject: true, groups: [group])],
            explanations: [:],
            methods: ["One-way ANOVA (as R's `anova(lm(y ~ arm))` on any data with these summaries), with η² and ω² and their "
                        + "noncentral-F intervals; Welch's ANOVA (`oneway.test`); Tukey's HSD (`TukeyHSD(aov(y ~ arm))`: simultaneous "
                        + "intervals, p (pairs) Tukey-adjusted, p each pair's own pooled-SD t-test), each arm − \(reference) first, "
                        + "then the later − the earlier of two other arms."],
            missingData: "As printed: " + ordered.map { "\($0.arm) n = \($0.n)" }.joined(separator: ", ") + ".")
    }

    /// The contrasts of `arms` (file order): each arm against the reference, which is the B of the first
    /// printed comparison "A vs B" naming two of `arms`, else the last arm. Empty for fewer than 2 arms.
    static func contrasts(_ arms: [String], by printed: [PrintedResult]) -> [ArmContrast] {
        guard let last = arms.last, arms.count >= 2 else { return [] }
        let named = printed.lazy.compactMap { namedContrast($0, among: arms) }.first
        return ArmContrast.againstReference(arms, reference: named?.reference ?? last)
    }

    /// The contrast "A vs B" a printed result names, when both are among `arms`.
    static func namedContrast(_ result: PrintedResult, among arms: [String]) -> ArmContrast? {
        let names = result.comparison.components(separatedBy: " vs ").map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == 2, names[0] != names[1], arms.contains(names[0]), arms.contains(names[1]) else { return nil }
        return ArmContrast(arm: names[0], reference: names[1])
    }

    /// The printed results that speak of `contrast`: those naming its two arms (in either order), and,
    /// when it is the only contrast, those naming no two of `arms` (a comparison worded otherwise).
    static func printed(_ printed: [PrintedResult], for contrast: ArmContrast, among arms: [String],
                        contrasts: Int) -> [PrintedResult] {
        printed.filter { result in
            guard let named = namedContrast(result, among: arms) else { return contrasts == 1 }
            return Set([named.arm, named.reference]) == Set([contrast.arm, contrast.reference])
        }
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
        return ParallelComparison(outcome: outcome, timepoint: timepoint, arm: a, reference: b, tests: tests, hedgesG: g,
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
        return WithinSubjectComparison(outcome: outcome, timepoint: timepoint, condition: a, reference: b, rows: rows,
                                       threshold: threshold, pValueChecks: checks)
    }

    static func changeFromBaseline(dataset: SummaryDataset, study: String, printed: [PrintedResult], confidenceLevel: Double,
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
            let printedHere = printed.filter { $0.outcome == outcome }
            for followUp in timepoints.dropFirst() {
                let later = dataset.summaries(study: study, timepoint: followUp, outcome: outcome)
                // The arms printed at both timepoints, in baseline file order, with their two summaries.
                let pairs = baseline.compactMap { start in
                    later.first { $0.arm == start.arm }.map { (arm: start.arm, baseline: start.statistics, followUp: $0.statistics) }
                }
                for contrast in contrasts(pairs.map(\.arm), by: printedHere) {
                    guard let a = pairs.first(where: { $0.arm == contrast.arm }),
                          let b = pairs.first(where: { $0.arm == contrast.reference }) else { continue }
                    do {
                        let rows = try changeScoreSensitivity(baselineA: a.baseline, followUpA: a.followUp,
                                                              baselineB: b.baseline, followUpB: b.followUp,
                                                              confidenceLevel: confidenceLevel)
                        result.append(ChangeFromBaselineSensitivity(outcome: outcome, baseline: timepoints[0], followUp: followUp,
                                                                    contrast: contrast, rows: rows))
                    } catch {
                        notes.append("change from baseline of \(outcome) at \(followUp) not computed: \(error)")
                    }
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
