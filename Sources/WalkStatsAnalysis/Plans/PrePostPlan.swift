import WalkStatsModel
import WalkStatsStatistics

/// The plan of a pre/post analysis: for each outcome, the change from `from` to `to` within each arm, and
/// each arm against the reference arm, with standardised effects and assumption checks.
///
/// Within each arm: paired t-test and Wilcoxon signed-rank test of the change, Cohen's d_z, and a
/// Shapiro–Wilk check of the change scores. For each contrast (arm − reference): ANCOVA of the follow-up
/// adjusted for baseline (and any covariates) — the primary analysis of a randomised pre/post trial — then
/// Welch's and Student's t-tests and the Mann–Whitney test of the change scores, Cohen's d and Hedges' g
/// of the change scores, and a median-centred Levene check of equal variances.
///
/// *Arms.* The arms analysed are the request's, else every arm of the data in sorted order. The reference is
/// the request's, else the metadata's, else an arm named like a control, else the last sorted arm; every
/// other arm is contrasted with it (arm − reference), and two other arms the later − the earlier. With three
/// or more arms the plan adds the omnibus tests over all arms and lists of contrasts for every pair.
///
/// *Missing values.* Complete cases per analysis: a participant enters a change score only when measured
/// at both timepoints, and the ANCOVA only when also every covariate is known. Every group records how
/// many of the randomised participants it used.
///
/// *Assumption checks never switch tests:* every planned analysis runs and the checks are reported beside
/// them. An analysis the data cannot support (fewer than 2 participants, constant changes, a constant
/// covariate) is not dropped silently: its group lists it in `notes` with the reason.
public struct PrePostPlan: Sendable {
    /// Arm names that read as a comparator, in order of preference (compared after lower-casing and
    /// turning spaces and hyphens into underscores).
    public static let controlNames = ["control", "usual_care", "conventional", "placebo", "sham", "waitlist"]

    /// The outcomes, in the trial's order.
    public let outcomes: [String]
    /// The earlier timepoint (baseline of the ANCOVA).
    public let from: String
    /// The later timepoint (follow-up of the ANCOVA).
    public let to: String
    /// The arms analysed, in order (the request's, else sorted).
    public let arms: [String]
    /// The reference (comparator) arm, when two or more arms are analysed.
    public let reference: String?
    /// How the reference was decided, in words for the report.
    public let referenceReason: String?
    /// The contrasts: every other arm − the reference, then for each pair of non-reference arms the later
    /// − the earlier (in ``arms`` order).
    public var contrasts: [ArmContrast] {
        guard let reference else { return [] }
        return ArmContrast.allPairs(arms, reference: reference)
    }
    /// The covariates the ANCOVA adjusts for besides baseline.
    public let covariates: [String]
    /// What runs within each arm, in order.
    public var withinArm: [PlannedAnalysis<ArmData>]
    /// What runs for each contrast, in order.
    public var betweenArms: [PlannedAnalysis<ContrastData>]
    /// What runs once over all arms when three or more are analysed, in order.
    public var omnibus: [PlannedAnalysis<OmnibusData>]
    /// The models over every visit, when the trial has three or more visits from ``from`` on and two or more
    /// arms are analysed.
    public var visitModels: [PlannedAnalysis<VisitsData>]
    /// The visits those models use: ``from`` and every later visit.
    public let visits: [String]
    /// The multiplicity adjustment across the outcomes.
    public let adjustment: PValueAdjustment
    /// The confidence level.
    public let confidenceLevel: Double

    /// Plans `request` for `trial`.
    /// - Throws: ``AnalysisRequestError`` for an outcome, timepoint, arm or covariate the trial lacks, a
    ///   trial with one timepoint, equal timepoints, or an arm choice this plan cannot compare;
    ///   ``StatisticsError/invalidConfidenceLevel(_:)``.
    public init(trial: Trial, request: AnalysisRequest) throws {
        let outcomes = try request.checkedOutcomes(in: trial)
        let (from, to) = try request.checkedTimepoints(in: trial, inTimeOrder: true)
        for name in request.covariates where !trial.participantAttributeNames.contains(name) {
            throw AnalysisRequestError.unknownName(.covariate, name: name, available: trial.participantAttributeNames)
        }
        self.outcomes = outcomes
        self.from = from
        self.to = to
        arms = try ArmSelection.select(request.arms, available: trial.arms.map(\.name))
        (reference, referenceReason) = try Self.chooseReference(request, arms: arms, available: trial.arms.map(\.name))
        covariates = request.covariates
        withinArm = [.pairedT(), .wilcoxonSignedRank, .cohensDz, .shapiroWilk]
        betweenArms = [.ancova(covariates: request.covariates, baseline: from), .welchT, .studentT, .mannWhitney, .cohensD, .hedgesG, .leveneMedian]
        omnibus = [.onewayANOVA, .etaSquared, .omegaSquared, .welchANOVA, .kruskalWallis, .rankEpsilonSquared,
                   .ancovaArm(covariates: request.covariates, baseline: from),
                   .ancovaContrasts(covariates: request.covariates, baseline: from), .tukeyHSD,
                   .pairwiseWelch, .pairwiseMannWhitney]
        adjustment = request.adjustment
        confidenceLevel = request.confidenceLevel
        visits = Array(trial.timepoints[trial.timepoints.firstIndex(of: from)!...])
        let catalogue: [PlannedAnalysis<VisitsData>] = [.ancovaByVisit, .mixedANOVA, .lmm, .mmrm]
        let names = request.models ?? PlannedAnalysis<VisitsData>.modelNames
        for name in names where !PlannedAnalysis<VisitsData>.modelNames.contains(name) {
            throw AnalysisRequestError.unknownModel(name, available: PlannedAnalysis<VisitsData>.modelNames)
        }
        visitModels = visits.count >= 3 && arms.count >= 2 ? catalogue.filter { names.contains($0.name) } : []
    }

    /// The reference arm and why: the request's, else the metadata's (when analysed), else the one arm
    /// named like a control (the first of ``controlNames`` found), else the last arm in sorted order.
    private static func chooseReference(_ request: AnalysisRequest, arms: [String],
                                        available: [String]) throws -> (String?, String?) {
        guard arms.count >= 2 else { return (nil, nil) }
        if let name = request.reference {
            guard available.contains(name) else { throw AnalysisRequestError.unknownName(.arm, name: name, available: available) }
            guard arms.contains(name) else { throw AnalysisRequestError.referenceNotAnalysed(name, arms: arms) }
            return (name, "chosen in the request")
        }
        var note = ""
        if let name = request.metadata?.referenceArm {
            if arms.contains(name) { return (name, "from the dataset's metadata") }
            note = "; the metadata's reference arm '\(name)' is not analysed"
        }
        let normalised = arms.map { ($0, $0.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")) }
        for control in controlNames {
            if let match = normalised.first(where: { $0.1 == control }) { return (match.0, "named like a control" + note) }
        }
        let last = arms.max { $0.precedesByCodePoint($1) }!
        return (last, "the last arm in sorted order, none being named like a control" + note)
    }

    /// Runs the plan on `trial` and adjusts the tests' p-values across the outcomes.
    /// - Throws: ``StatisticsError`` only for an invalid p-value (not possible for computed tests).
    public func run(on trial: Trial) throws -> [OutcomeResult] {
        try MultiplicityAdjustment.adjust(outcomes.map { analyse($0, in: trial) }, method: adjustment)
    }

    /// The unadjusted results for one outcome.
    func analyse(_ outcome: String, in trial: Trial) -> OutcomeResult {
        let selected = arms.compactMap { trial.arm(named: $0) }
        let pairs = selected.map { $0.pairedValues(of: outcome, from: from, to: to) }
        let withinGroups = zip(selected, pairs).map { arm, pairs in withinGroup(arm.name, pairs) }
        let betweenGroups = contrasts.map { contrast -> ResultGroup in
            let names = [contrast.arm, contrast.reference]
            let indices = names.map { name in arms.firstIndex(of: name)! }
            return betweenGroup(names, pairs: indices.map { pairs[$0] },
                                ancova: ANCOVAData(arms: indices.map { selected[$0] }, outcome: outcome, from: from, to: to,
                                                   covariates: covariates))
        }
        let isPairwise = betweenGroups.count > 1
        let omnibusSections = isPairwise
            ? [ResultSection(key: "omnibus", heading: "All arms together (\(arms.joined(separator: ", ")))", groupColumn: nil,
                             estimateHeader: "Estimate", explanation: Self.readOmnibus, isSingleObject: true,
                             groups: [omnibusGroup(selected: selected, pairs: pairs, outcome: outcome)])]
            : []
        var modelSections: [ResultSection] = []
        if !visitModels.isEmpty, let reference {
            let data = VisitsData(trial: trial, outcome: outcome, arms: arms, reference: reference, visits: visits,
                                  confidenceLevel: confidenceLevel)
            var notes: [String] = []
            let items = visitModels.compactMap { $0.run(data, scope: "every visit", notes: &notes) }
            let levels = data.levels
            let counts = levels.map { arm in data.participants.filter { $0.arm == arm } }
            modelSections = [ResultSection(
                key: "models", heading: "Every visit (\(visits.joined(separator: ", ")))", groupColumn: nil, estimateHeader: "Estimate",
                explanation: Self.readModels, isSingleObject: true,
                groups: [ResultGroup(arms: levels, randomised: counts.map(\.count),
                                     analysed: counts.map { $0.filter { !$0.values.isEmpty }.count },
                                     fields: [ResultField("visits", .strings(visits)), ResultField("arms", .strings(levels))],
                                     effectSubject: "every visit", checkSubject: "every visit", items: items, notes: notes)])]
        }
        let emptyBetween = ResultSection(key: "between", heading: "", groupColumn: nil, estimateHeader: "", explanation: "",
                                         isSingleObject: true, groups: [])
        let betweenSections = betweenGroups.enumerated().map { index, group in
            ResultSection(key: isPairwise ? "pairwise" : "between",
                          heading: (isPairwise ? "Pair of arms (" : "Between arms (") + group.arms.joined(separator: " − ") + ")",
                          groupColumn: nil, estimateHeader: "Estimate (\(group.arms.joined(separator: " − ")))",
                          explanation: index == 0 ? Self.readBetween : "", isSingleObject: !isPairwise, groups: [group],
                          intervalQualifier: isPairwise ? "not adjusted for the pairs" : nil)
        }
        var result = OutcomeResult(
            outcome: outcome,
            fields: [ResultField("outcome", .string(outcome)), ResultField("from", .string(from)),
                     ResultField("to", .string(to)), ResultField("arms", .strings(arms))]
                + (reference.map { [ResultField("reference", .string($0))] } ?? []),
            heading: "Change from \(from) to \(to)", direction: .change(favouring: isPairwise ? nil : contrasts.first?.arm),
            confidenceLevel: confidenceLevel,
            sections: [
                ResultSection(key: "within", heading: "Within arms (\(to) − \(from))", groupColumn: "Arm", estimateHeader: "Estimate",
                              explanation: readWithin, isSingleObject: false, groups: withinGroups),
            ] + (betweenSections.isEmpty || isPairwise ? [emptyBetween] : []) + omnibusSections + betweenSections + modelSections,
            explanations: [.effectSize: Self.readEffects, .assumptionCheck: Self.readChecks],
            methods: methods, missingData: missingData(counts: zip(selected, pairs).map { "\($0.name) \($1.count) of \($1.randomised) randomised" }))
        result.recordedDecimals = trial.recordedDecimals(of: outcome)
        result.headline = headline(primary: isPairwise ? omnibusSections.first?.groups.first : betweenGroups.first,
                                   name: isPairwise ? TestName.ancovaArm.rawValue : TestName.ancova.rawValue)
        return result
    }

    /// What a reader must know first when the primary between-arm analysis (`name` in `group`) or every
    /// between-arm test could not be computed.
    private func headline(primary group: ResultGroup?, name: String) -> [String] {
        guard let group else { return [] }
        func reason(_ test: String) -> String? {
            guard let note = group.notes.first(where: { $0.hasPrefix(test + " (") }),
                  let marker = note.range(of: "not computed: ") else { return nil }
            return String(note[marker.upperBound...])
        }
        let arms = group.arms.joined(separator: ", ")
        if !group.items.contains(where: { $0.role == .test }) {
            return ["No between-arm test could be computed, so this comparison says nothing about a difference between "
                + "\(arms)" + (reason(name).map { " (the primary analysis: \($0))" } ?? "") + ". The reasons are listed under \"Not computed\"."]
        }
        guard !group.items.contains(where: { $0.name == name }) else { return [] }
        return ["The primary between-arm analysis, ANCOVA of \(to) adjusted for \(from), could not be computed"
            + (reason(name).map { ": \($0)" } ?? "") + ". The tests shown are sensitivity analyses only."]
    }

    private func withinGroup(_ arm: String, _ pairs: PairedValues) -> ResultGroup {
        let (items, notes, summary) = withinArm.run(arm, pairs, scope: arm, confidenceLevel: confidenceLevel)
        return ResultGroup(
            arms: [arm], randomised: [pairs.randomised], analysed: [pairs.count], values: [pairs.changes],
            summary: SummaryLine(name: "change", title: "Mean (SD) of change", mean: summary?.mean,
                                 standardDeviation: summary?.standardDeviation),
            fields: [ResultField("arm", .string(arm)), ResultField("randomised", .int(pairs.randomised)),
                     ResultField("n", .int(pairs.count)), ResultField("missing", .int(pairs.missing)),
                     ResultField("mean_change", .number(summary?.mean)),
                     ResultField("sd_change", .number(summary?.standardDeviation))],
            effectSubject: "change in \(arm)", checkSubject: "change in \(arm)", items: items, notes: notes)
    }

    private func omnibusGroup(selected: [Arm], pairs: [PairedValues], outcome: String) -> ResultGroup {
        let data = OmnibusData(arms: arms, changes: pairs.map(\.changes),
                               ancova: ANCOVAData(arms: selected, outcome: outcome, from: from, to: to, covariates: covariates),
                               reference: reference ?? arms[arms.count - 1], confidenceLevel: confidenceLevel)
        var notes: [String] = []
        let items = omnibus.compactMap { $0.run(data, scope: "all arms", notes: &notes) }
        return ResultGroup(
            arms: arms, randomised: pairs.map(\.randomised), analysed: pairs.map(\.count),
            fields: [ResultField("arms", .strings(arms)),
                     ResultField("n", .counts(zip(arms, pairs).map { NamedCount(name: $0, count: $1.count) })),
                     ResultField("covariates", .strings(covariates))],
            effectSubject: "change, all arms", checkSubject: "change, all arms", items: items, notes: notes)
    }

    private func betweenGroup(_ names: [String], pairs: [PairedValues], ancova: ANCOVAData) -> ResultGroup {
        let data = ContrastData(arms: names, changes: pairs.map(\.changes), ancova: ancova, confidenceLevel: confidenceLevel)
        var notes: [String] = []
        let items = betweenArms.compactMap { $0.run(data, scope: names.joined(separator: " vs "), notes: &notes) }
        return ResultGroup(
            arms: names, randomised: pairs.map(\.randomised), analysed: pairs.map(\.count),
            fields: [ResultField("difference", .string(names.joined(separator: " - "))),
                     ResultField("n", .counts(zip(names, pairs).map { NamedCount(name: $0, count: $1.count) })),
                     ResultField("covariates", .strings(covariates))],
            effectSubject: "change, \(names.joined(separator: " − "))", checkSubject: "change, \(names.joined(separator: " vs "))",
            items: items, notes: notes)
    }

    /// What ran (the multiplicity sentence is added when the p-values are adjusted).
    private var methods: [String] {
        var tests = "Tests: within each arm, paired t-test (R `t.test(to, from, paired = TRUE)`) and Wilcoxon "
            + "signed-rank test (`wilcox.test(to, from, paired = TRUE, conf.int = TRUE)`: exact below 50 pairs without "
            + "ties or zeros, otherwise normal approximation with tie and continuity corrections)"
        var sentences: [String] = []
        if let reference {
            let covariateTerms = covariates.isEmpty ? "" : " + " + covariates.joined(separator: " + ")
            let pairwise = contrasts.count > 1
            tests += (pairwise ? "; for each pair of arms, on that pair's participants, " : "; between arms, ")
                + "ANCOVA (`lm(\(to) ~ \(from) + arm\(covariateTerms))`, arm \(pairwise ? "listed second" : reference) "
                + "as reference), Welch's t-test (unequal variances, R's default `t.test(a, b)`) and Student's t-test "
                + "(`var.equal = TRUE`) of change scores, and the Mann–Whitney test (`wilcox.test(a, b, conf.int = TRUE)`); "
                + "differences are " + contrasts.map(\.description).joined(separator: ", ")
            if pairwise {
                tests += "; all arms together, one-way ANOVA (`anova(lm(change ~ arm))`, with η² and ω² and their "
                    + "noncentral-F intervals as R effectsize gives them), Welch's ANOVA (`oneway.test`), Kruskal–Wallis "
                    + "(`kruskal.test`, with rank ε² = H / (n − 1) as `effectsize::rank_epsilon_squared` gives it, without its bootstrap interval) of change scores and the ANCOVA F test of arm (`car::Anova(lm(\(to) ~ \(from) + arm\(covariateTerms)), type = 2)`); "
                    + "baseline-adjusted contrasts for every pair from that one ANCOVA (`emmeans(fit, pairwise ~ arm, adjust = \"tukey\")`); "
                    + "Tukey's HSD of change scores for every pair (`TukeyHSD(aov(change ~ arm))`, simultaneous intervals, p (pairs) "
                    + "Tukey-adjusted, p the pair's own pooled-SD t-test); Welch's t-tests and Mann–Whitney tests of change for "
                    + "every pair with p (pairs) adjusted across the \(contrasts.count) pairs by "
                    + "\(PlannedAnalysis<OmnibusData>.pairwiseTestAdjustment.reportDescription) (`pairwise.t.test(pool.sd = FALSE)`, "
                    + "`pairwise.wilcox.test`), their intervals not adjusted for the pairs"
            }
            sentences.append("Reference arm: \(reference) (\(referenceReason ?? "")); a difference is an arm − the reference"
                + (pairwise ? ", and between two other arms the later − the earlier in the order \(arms.joined(separator: ", "))." : "."))
        }
        return sentences + [tests + ". All two-sided.",
                "Effect sizes: Cohen's d_z within arms; Cohen's d (pooled SD) and Hedges' g (exact correction) "
                    + "between arms, with noncentral-t intervals (R effectsize). Assumption checks: Shapiro–Wilk (`shapiro.test`) "
                    + "on change scores, Levene with median centring (`car::leveneTest`, Brown–Forsythe)."]
    }

    /// On whom, and how missing values were handled.
    private func missingData(counts: [String]) -> String {
        var missing = "Participants measured at both \(from) and \(to): \(counts.joined(separator: ", ")). Missing data: complete cases; "
            + "participants without a value (missing or no row) at either timepoint are excluded, not imputed"
        if reference != nil, !covariates.isEmpty {
            missing += ", and the ANCOVA also excludes participants with an unknown covariate"
        }
        return missing + "."
    }

    /// How to read the within-arm table, naming the arms analysed.
    var readWithin: String {
        let question: String
        switch arms.count {
        case 1: question = "whether \(arms[0]) works better than anything else: there is no other arm here to compare it with"
        case 2: question = "whether \(contrasts[0].arm) works better than \(contrasts[0].reference): people also improve with time, "
            + "attention and regression to the mean. That question is answered between arms"
        default: question = "which of \(arms.joined(separator: ", ")) works best: people also improve with time, attention and "
            + "regression to the mean. That question is answered between arms"
        }
        return "How to read this: each arm's change is tested against no change. The paired t-test asks whether the mean change "
            + "differs from 0; the Wilcoxon signed-rank test asks the same of the median-like centre (pseudo-median) without "
            + "assuming normal changes. A change within one arm says nothing about \(question)."
    }

    static let readBetween = """
    How to read this: ANCOVA is the primary between-arm analysis of a randomised pre/post trial. It \
    compares follow-up values adjusted for each participant's baseline, which removes chance baseline \
    imbalance and is more precise than comparing change scores (Vickers & Altman 2001, BMJ \
    323:1123). The t-tests of change scores (Welch without, Student with an equal-variance assumption) \
    and the Mann–Whitney test (no normality assumption; its estimate is the Hodges–Lehmann shift) are \
    shown as sensitivity analyses. Agreement among them is reassuring; disagreement is worth a look.
    """

    static let readModels = """
    How to read this: these models use every visit, not just the two compared above. ANCOVA at each visit \
    compares the arms at that visit adjusted for the first one (complete cases of each visit; p (visits) \
    Holm-adjusted over the visits). The mixed ANOVA tests arm, time and their interaction on participants \
    measured at every visit, with Mauchly's test and the Greenhouse–Geisser and Huynh–Feldt corrections for \
    non-sphericity. The linear mixed model uses every measurement of every participant (missing visits are \
    assumed missing at random) and gives the arm difference at each visit with Satterthwaite degrees of freedom. \
    The MMRM (follow-up adjusted for baseline, unstructured covariance between visits) is the usual primary \
    analysis of a longitudinal trial; it too assumes values missing at random.
    """

    static let readOmnibus = """
    How to read this: with three or more arms, these tests ask one question of all arms at once: do they \
    differ at all? One-way ANOVA assumes equal variances, Welch's ANOVA does not, Kruskal–Wallis compares \
    ranks, and the ANCOVA F test compares follow-up adjusted for baseline. They do not say which arms \
    differ: the pairs below do.
    """

    static let readEffects = """
    How to read this: standardised effects express a difference in standard deviations. d_z divides the \
    mean change by the SD of change (it grows with the correlation between visits, so it is not \
    comparable with a between-group d). Cohen's d divides the difference in mean change by the pooled SD \
    of change; Hedges' g corrects d for small-sample bias. Intervals come from the noncentral t \
    distribution, as R's effectsize package computes them.
    """

    static let readChecks = """
    How to read this: Shapiro–Wilk tests whether the change scores look normal, Levene's test (median-\
    centred) whether the arms' changes spread alike. They are reported beside the tests, never used to \
    switch tests: with small samples they miss real departures, with large samples they flag harmless ones.
    """
}
