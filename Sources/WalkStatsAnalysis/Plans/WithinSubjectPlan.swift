import WalkStatsModel
import WalkStatsStatistics

/// The plan of a within-subject comparison: conditions measured in the same participants (the
/// `timepoint` values of a one-session design) compared pair by pair within each group, by each
/// participant's difference between the conditions.
///
/// For every pair of conditions (earlier, later) in the condition order, and every group: the paired
/// t-test and the Wilcoxon signed-rank test of `later − earlier`, Cohen's d_z and d_av, and a
/// Shapiro–Wilk check of the differences. With three or more conditions the paired t-test and the
/// Wilcoxon p-values are also Holm-adjusted across the pairs (R `pairwise.t.test(paired = TRUE)` and
/// `pairwise.wilcox.test(paired = TRUE)` with `p.adjust.method = "holm"`), as `p_adjusted_pairs`; the
/// repeated-measures ANOVA comes with the sphericity code of the issue on every visit.
///
/// *Order and sign.* Conditions keep their given order (`--timepoints`, the sidecar's `timepoints`, else
/// the file's); a difference is the later − the earlier condition.
///
/// *Missing values.* Complete cases per pair: a participant enters a pair's comparison when measured in
/// both conditions, and every group records how many of its participants it used.
public struct WithinSubjectPlan: Sendable {
    /// The outcomes, in the trial's order.
    public let outcomes: [String]
    /// The conditions, in order.
    public let conditions: [String]
    /// The groups analysed (usually one), in order.
    public let arms: [String]
    /// Where the design came from, in words.
    public let designSource: String
    /// The pairs compared, each `(earlier, later)`; differences are later − earlier.
    public var pairs: [(earlier: String, later: String)] {
        conditions.indices.flatMap { i in conditions[(i + 1)...].map { (conditions[i], $0) } }
    }
    /// What runs for each pair of conditions in each group.
    public var analyses: [PlannedAnalysis<ArmData>]
    /// The multiplicity adjustment across outcomes.
    public let adjustment: PValueAdjustment
    /// The confidence level.
    public let confidenceLevel: Double

    /// The adjustment across pairs of conditions (three or more conditions).
    public static let pairwiseAdjustment = PValueAdjustment.holm
    /// The tests adjusted across pairs.
    public static let pairwiseAdjusted = [TestName.pairedT.rawValue, TestName.wilcoxonSignedRank.rawValue]

    /// Plans `request` for `trial`, whose timepoints are conditions. A request's `from`/`to` narrows the
    /// comparison to that pair.
    /// - Throws: ``AnalysisRequestError`` for an unknown outcome, condition or arm, one condition, or the same
    ///   condition twice; ``StatisticsError/invalidConfidenceLevel(_:)``.
    public init(trial: Trial, request: AnalysisRequest, designSource: String) throws {
        let outcomes = try request.checkedOutcomes(in: trial)
        let pair = try request.checkedTimepoints(in: trial)
        let conditions = request.from != nil || request.to != nil ? [pair.from, pair.to] : trial.timepoints
        self.outcomes = outcomes
        self.conditions = conditions
        arms = try ArmSelection.select(request.arms, available: trial.arms.map(\.name))
        self.designSource = designSource
        analyses = [.pairedT(estimateLabel: "mean difference"), .wilcoxonSignedRank, .cohensDz, .cohensDav, .shapiroWilk]
        adjustment = request.adjustment
        confidenceLevel = request.confidenceLevel
    }

    /// Runs the plan and adjusts the tests' p-values across the outcomes.
    /// - Throws: ``StatisticsError`` only for an invalid p-value (not possible for computed tests).
    public func run(on trial: Trial) throws -> [OutcomeResult] {
        try MultiplicityAdjustment.adjust(outcomes.map { outcome in
            var result = analyse(outcome, in: trial)
            result.recordedDecimals = trial.recordedDecimals(of: outcome)
            return result
        }, method: adjustment)
    }

    func analyse(_ outcome: String, in trial: Trial) -> OutcomeResult {
        let groups = arms.compactMap { trial.arm(named: $0) }
        var sections: [ResultSection] = []
        var counts: [String] = []
        for (index, pair) in pairs.enumerated() {
            let difference = "\(pair.later) − \(pair.earlier)"
            let sectionGroups = groups.map { group -> ResultGroup in
                let values = group.pairedValues(of: outcome, from: pair.earlier, to: pair.later)
                counts.append("\(group.name) \(values.count) of \(values.randomised) (\(difference))")
                return self.group(group.name, values, pair: pair)
            }
            sections.append(ResultSection(key: "condition_pairs", heading: "Conditions compared (\(difference))", groupColumn: "Group",
                                          estimateHeader: "Estimate (\(difference))",
                                          explanation: index == 0 ? Self.readConditions : "", isSingleObject: false,
                                          groups: sectionGroups,
                                          intervalQualifier: pairs.count > 1 ? "not adjusted for the pairs" : nil))
        }
        if pairs.count > 1 {
            // Each group's pairs form one family per test.
            for arm in arms {
                let places = sections.indices.compactMap { s in sections[s].groups.firstIndex { $0.arms == [arm] }.map { (s, $0) } }
                let adjusted = PairwiseAdjustment.adjust(places.map { sections[$0.0].groups[$0.1] }, tests: Self.pairwiseAdjusted,
                                                         method: Self.pairwiseAdjustment)
                for ((s, g), group) in zip(places, adjusted) { sections[s].groups[g] = group }
            }
        }
        if conditions.count >= 3 {
            sections.append(repeatedMeasuresSection(outcome, groups: groups))
        }
        let first = pairs[0]
        return OutcomeResult(
            outcome: outcome,
            fields: [ResultField("outcome", .string(outcome)), ResultField("design", .string(DatasetMetadata.Design.within.rawValue)),
                     ResultField("conditions", .strings(conditions)), ResultField("arms", .strings(arms))],
            heading: pairs.count == 1 ? "Difference \(first.later) − \(first.earlier)"
                : "Differences between the conditions \(conditions.joined(separator: ", "))",
            direction: .conditions(later: first.later, earlier: first.earlier), confidenceLevel: confidenceLevel,
            sections: sections,
            explanations: [.effectSize: Self.readEffects, .assumptionCheck: Self.readChecks],
            methods: methods,
            missingData: "Participants measured in both conditions: \(counts.joined(separator: ", ")). Missing data: complete cases; "
                + "participants without a value (missing or no row) in either condition of a pair are excluded from that pair, not imputed.",
            countedOutOf: "participants")
    }

    /// The repeated-measures ANOVA over every condition, per group, on participants measured in all of them
    /// (R `afex::aov_ez(within = "condition", type = 3)`), with Mauchly's test and the corrections.
    private func repeatedMeasuresSection(_ outcome: String, groups: [Arm]) -> ResultSection {
        let analysed = groups.map { group -> ResultGroup in
            let rows = group.participants.compactMap { participant -> [Double]? in
                let values = conditions.compactMap { participant.value(of: outcome, at: $0) }
                return values.count == conditions.count ? values : nil
            }
            var notes: [String] = []
            let entry = PlannedAnalysis<[[Double]]>(
                name: TestName.repeatedMeasuresANOVA.rawValue, role: .test,
                presentation: Presentation(title: "Repeated-measures ANOVA over the conditions", statisticSymbol: "F")) { rows in
                .model(method: "Repeated-measures ANOVA (type 3): afex::aov_ez(within = \"condition\"), \(rows.count) participants "
                         + "measured in every condition; ges = generalised η², epsilon as car prints it",
                       terms: ModelTerm.terms(of: try repeatedMeasuresANOVA(rows, timeNames: conditions), within: "condition"), visitContrasts: [],
                       visitsAdjustment: nil)
            }
            let items = [entry.run(rows, scope: group.name, notes: &notes)].compactMap { $0 }
            return ResultGroup(arms: [group.name], randomised: [group.participants.count], analysed: [rows.count],
                               fields: [ResultField("arm", .string(group.name)), ResultField("conditions", .strings(conditions)),
                                        ResultField("n", .int(rows.count))],
                               effectSubject: "every condition (\(group.name))", checkSubject: "every condition (\(group.name))",
                               items: items, notes: notes)
        }
        return ResultSection(key: "conditions_anova", heading: "All conditions together (\(conditions.joined(separator: ", ")))",
                             groupColumn: "Group", estimateHeader: "Estimate", explanation: Self.readRepeatedMeasures,
                             isSingleObject: false, groups: analysed)
    }

    static let readRepeatedMeasures = """
    How to read this: with three or more conditions, the repeated-measures ANOVA asks whether the conditions \
    differ at all, on the participants measured in every one. It assumes sphericity (equal variances of every \
    pair of differences): Mauchly's test checks it, and the Greenhouse–Geisser and Huynh–Feldt rows correct the \
    degrees of freedom when it fails. The pairs above say which conditions differ.
    """

    private func group(_ arm: String, _ values: PairedValues, pair: (earlier: String, later: String)) -> ResultGroup {
        let (items, notes, summary) = analyses.run(arm, values, scope: "\(arm), \(pair.later) − \(pair.earlier)",
                                                   confidenceLevel: confidenceLevel)
        return ResultGroup(
            arms: [arm], randomised: [values.randomised], analysed: [values.count], values: [values.changes],
            summary: SummaryLine(name: "difference", title: "Mean (SD) of difference", mean: summary?.mean,
                                 standardDeviation: summary?.standardDeviation),
            fields: [ResultField("arm", .string(arm)), ResultField("difference", .string("\(pair.later) - \(pair.earlier)")),
                     ResultField("randomised", .int(values.randomised)), ResultField("n", .int(values.count)),
                     ResultField("missing", .int(values.missing)), ResultField("mean_difference", .number(summary?.mean)),
                     ResultField("sd_difference", .number(summary?.standardDeviation))],
            effectSubject: "\(pair.later) − \(pair.earlier) (\(arm))", checkSubject: "differences \(pair.later) − \(pair.earlier) (\(arm))",
            items: items, notes: notes)
    }

    private var methods: [String] {
        var tests = "Design: within-subject (\(designSource)): the same participants were measured in each condition "
            + "(\(conditions.joined(separator: ", "))); a difference is the later − the earlier condition in that order. "
            + "Tests: paired t-test (R `t.test(later, earlier, paired = TRUE)`) and Wilcoxon signed-rank test "
            + "(`wilcox.test(later, earlier, paired = TRUE, conf.int = TRUE)`: exact below 50 pairs without ties or zeros, "
            + "otherwise normal approximation with tie and continuity corrections)"
        if pairs.count > 1 {
            tests += "; their p-values are also adjusted across the \(pairs.count) pairs of conditions "
                + "(\(Self.pairwiseAdjustment.reportDescription), R `p.adjust`), shown as p (pairs)"
        }
        return [tests + ". All two-sided.",
                "Effect sizes: Cohen's d_z (mean difference / SD of the differences; noncentral-t interval, R effectsize) and "
                    + "Cohen's d_av (mean difference / average of the two conditions' SDs; interval of Algina & Keselman 2003). "
                    + "Assumption check: Shapiro–Wilk (`shapiro.test`) of the differences."]
    }

    static let readConditions = """
    How to read this: every participant was measured in each condition, so each participant's difference \
    between the conditions is the comparison. The paired t-test asks whether the mean difference is 0; the \
    Wilcoxon signed-rank test asks the same of the median-like centre (pseudo-median) without assuming \
    normal differences.
    """

    static let readEffects = """
    How to read this: d_z divides the mean difference by the SD of the differences (it grows with the \
    correlation between conditions); d_av divides it by the average of the two conditions' SDs, which is \
    closer to a between-group d. Neither is comparable with a between-arm d without saying which it is.
    """

    static let readChecks = """
    How to read this: Shapiro–Wilk tests whether the differences look normal. It is reported beside the \
    tests, never used to switch tests: with small samples it misses real departures, with large samples it \
    flags harmless ones.
    """
}
