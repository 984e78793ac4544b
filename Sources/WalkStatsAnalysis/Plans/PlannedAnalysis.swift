import WalkStatsModel
import WalkStatsStatistics

/// The data one within-arm analysis receives: an arm's values at two timepoints.
public struct ArmData: Sendable {
    /// The arm name.
    public let arm: String
    /// The aligned values of participants measured at both timepoints.
    public let pairs: PairedValues
    /// The requested confidence level.
    public let confidenceLevel: Double
}

/// The data one between-arm analysis receives: a contrast of one arm against a reference.
public struct ContrastData: Sendable {
    /// The arms, `[arm, reference]`; differences are arm − reference.
    public let arms: [String]
    /// Change scores per arm of ``arms``.
    public let changes: [[Double]]
    /// Follow-up, baseline, arm label and covariates of the participants an ANCOVA can use.
    public let ancova: ANCOVAData
    /// The requested confidence level.
    public let confidenceLevel: Double
}

/// The data an omnibus analysis receives: every analysed arm at once.
public struct OmnibusData: Sendable {
    /// The arms, in the plan's order.
    public let arms: [String]
    /// Change scores per arm of ``arms``.
    public let changes: [[Double]]
    /// Follow-up, baseline, arm and covariates of the participants an ANCOVA can use (all arms).
    public let ancova: ANCOVAData
    /// The reference arm.
    public let reference: String
    /// The requested confidence level.
    public let confidenceLevel: Double
}

/// One entry of a plan: an analysis with its machine name, role and presentation, and the Statistics call
/// that computes it from the data of one place (an arm, or a contrast). A new test adds one of these and a
/// Statistics function; renderers show it from its ``Presentation``.
public struct PlannedAnalysis<Input: Sendable>: Sendable {
    /// The machine name (JSON, CSV, notes).
    public let name: String
    /// Test, effect size or assumption check.
    public let role: ResultItem.Role
    /// How it is shown.
    public let presentation: Presentation
    /// Computes it; a ``StatisticsError`` becomes a "not computed" note.
    public let compute: @Sendable (Input) throws -> ResultItem.Content

    /// Creates an entry.
    public init(name: String, role: ResultItem.Role, presentation: Presentation,
                compute: @escaping @Sendable (Input) throws -> ResultItem.Content) {
        self.name = name
        self.role = role
        self.presentation = presentation
        self.compute = compute
    }

    /// Runs the analysis; a failure is recorded in `notes` as "name (scope) not computed: reason". A test
    /// with an estimate but no interval, or whose interval reaches no confidence at all (an exact rank
    /// interval of one or two values, whose achieved level is 0), keeps its test and is listed too:
    /// "name interval (scope) not computed: reason" — the table then shows "–", and the list says why.
    func run(_ input: Input, scope: String, notes: inout [String]) -> ResultItem? {
        do {
            var content = try compute(input)
            if case let .test(test) = content, role == .test, let estimate = test.estimate, estimate.isFinite {
                if let interval = test.confidenceInterval, interval.level <= 0 {
                    let sizes = test.sampleSizes.map(String.init).joined(separator: " + ")
                    notes.append("\(name) interval (\(scope)) not computed: with only \(sizes) \(test.sampleSizes.reduce(0, +) == 1 ? "value" : "values") "
                        + "no exact interval reaches any confidence level (R prints the estimate as a 0% interval)")
                    content = .test(test.withoutInterval)
                } else if test.confidenceInterval == nil {
                    notes.append("\(name) interval (\(scope)) not computed: the data give no interval at the requested level")
                }
            }
            return ResultItem(name: name, role: role, presentation: presentation, content: content)
        } catch {
            notes.append("\(name) (\(scope)) not computed: \(error)")
            return nil
        }
    }
}

/// The within-arm analyses of change: paired t-test, Wilcoxon signed-rank, Cohen's d_z, Shapiro–Wilk.
public extension PlannedAnalysis where Input == ArmData {
    /// Paired t-test of `to` against `from` (R `t.test(to, from, paired = TRUE)`); `estimateLabel` names
    /// the mean of `to − from` ("mean change" over time, "mean difference" between conditions).
    static func pairedT(estimateLabel: String = "mean change") -> Self {
        Self(name: TestName.pairedT.rawValue, role: .test,
             presentation: Presentation(title: "Paired t-test", estimateLabel: estimateLabel)) {
            .test(try pairedTTest(to: $0.pairs.to, from: $0.pairs.from, confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Wilcoxon signed-rank test of the change with the Hodges–Lehmann pseudo-median.
    static var wilcoxonSignedRank: Self {
        Self(name: TestName.wilcoxonSignedRank.rawValue, role: .test,
             presentation: Presentation(title: "Wilcoxon signed-rank", estimateLabel: "pseudo-median", statisticSymbol: "V",
                                        reportsAchievedLevel: true, countNote: "non-zero")) {
            .test(try wilcoxonSignedRankTest(to: $0.pairs.to, from: $0.pairs.from, confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Cohen's d_z of the change.
    static var cohensDz: Self {
        Self(name: EffectSizeName.cohensDz.rawValue, role: .effectSize, presentation: Presentation(title: "Cohen's d_z")) {
            .effectSize(try WalkStatsStatistics.cohensDz(to: $0.pairs.to, from: $0.pairs.from, confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Cohen's d_av of two conditions in the same people (the mean difference over the average SD).
    static var cohensDav: Self {
        Self(name: EffectSizeName.cohensDav.rawValue, role: .effectSize, presentation: Presentation(title: "Cohen's d_av")) {
            .effectSize(try WalkStatsStatistics.cohensDav(to: $0.pairs.to, from: $0.pairs.from, confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Shapiro–Wilk test of the change scores.
    static var shapiroWilk: Self {
        Self(name: TestName.shapiroWilk.rawValue, role: .assumptionCheck,
             presentation: Presentation(title: "Shapiro–Wilk normality", statisticSymbol: "W")) {
            .test(try shapiroWilkTest($0.pairs.changes))
        }
    }
}

/// The between-arm analyses: ANCOVA, Welch, Student, Mann–Whitney, Cohen's d, Hedges' g, Levene.
public extension PlannedAnalysis where Input == ContrastData {
    /// ANCOVA of follow-up adjusted for the earlier timepoint `baseline` (and covariates): the primary analysis.
    static func ancova(covariates: [String], baseline: String = "baseline") -> Self {
        Self(name: TestName.ancova.rawValue, role: .test,
             presentation: Presentation(title: "ANCOVA, adjusted for \(baseline)"
                                            + (covariates.isEmpty ? "" : " + " + covariates.joined(separator: ", ")),
                                        estimateLabel: "adjusted difference")) { data in
            .test(try data.ancova.fit(comparing: data.arms[0], with: data.arms[1], confidenceLevel: data.confidenceLevel))
        }
    }

    /// Welch's t-test of the change scores (R's default `t.test(a, b)`).
    static var welchT: Self {
        Self(name: TestName.welchT.rawValue, role: .test,
             presentation: Presentation(title: "Welch t-test of change", estimateLabel: "difference in mean change")) {
            .test(try welchTTest($0.changes[0], $0.changes[1], confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Student's t-test of the change scores (`var.equal = TRUE`).
    static var studentT: Self {
        Self(name: TestName.studentT.rawValue, role: .test,
             presentation: Presentation(title: "Student t-test of change", estimateLabel: "difference in mean change")) {
            .test(try studentTTest($0.changes[0], $0.changes[1], confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Mann–Whitney test of the change scores with the Hodges–Lehmann shift.
    static var mannWhitney: Self {
        Self(name: TestName.mannWhitney.rawValue, role: .test,
             presentation: Presentation(title: "Mann–Whitney of change", estimateLabel: "location shift", statisticSymbol: "W",
                                        reportsAchievedLevel: true)) {
            .test(try mannWhitneyTest($0.changes[0], $0.changes[1], confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Cohen's d of the change scores (pooled SD).
    static var cohensD: Self {
        Self(name: EffectSizeName.cohensD.rawValue, role: .effectSize, presentation: Presentation(title: "Cohen's d (pooled SD)")) {
            .effectSize(try WalkStatsStatistics.cohensD($0.changes[0], $0.changes[1], confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Hedges' g of the change scores.
    static var hedgesG: Self {
        Self(name: EffectSizeName.hedgesG.rawValue, role: .effectSize, presentation: Presentation(title: "Hedges' g")) {
            .effectSize(try WalkStatsStatistics.hedgesG($0.changes[0], $0.changes[1], confidenceLevel: $0.confidenceLevel))
        }
    }

    /// Median-centred Levene (Brown–Forsythe) test of equal variances of change.
    static var leveneMedian: Self {
        Self(name: TestName.leveneMedian.rawValue, role: .assumptionCheck,
             presentation: Presentation(title: "Levene (median-centred, Brown–Forsythe)", statisticSymbol: "F")) {
            .test(try leveneMedianTest($0.changes))
        }
    }
}

/// The omnibus analyses of three or more arms: one-way ANOVA of change (with η² and ω²), Welch's ANOVA,
/// Kruskal–Wallis, and the ANCOVA F test of arm.
public extension PlannedAnalysis where Input == OmnibusData {
    /// One-way ANOVA of the change scores (R `anova(lm(change ~ arm))`).
    static var onewayANOVA: Self {
        Self(name: TestName.onewayANOVA.rawValue, role: .test,
             presentation: Presentation(title: "One-way ANOVA of change", statisticSymbol: "F")) {
            .test(try WalkStatsStatistics.onewayANOVA($0.changes, confidenceLevel: $0.confidenceLevel).test)
        }
    }

    /// η² of the one-way ANOVA of change (effectsize `eta_squared`, two-sided interval).
    static var etaSquared: Self {
        Self(name: EffectSizeName.etaSquared.rawValue, role: .effectSize, presentation: Presentation(title: "η² (one-way ANOVA)")) {
            .effectSize(try WalkStatsStatistics.onewayANOVA($0.changes, confidenceLevel: $0.confidenceLevel).etaSquared)
        }
    }

    /// ω² of the one-way ANOVA of change (effectsize `omega_squared`, two-sided interval).
    static var omegaSquared: Self {
        Self(name: EffectSizeName.omegaSquared.rawValue, role: .effectSize, presentation: Presentation(title: "ω² (one-way ANOVA)")) {
            .effectSize(try WalkStatsStatistics.onewayANOVA($0.changes, confidenceLevel: $0.confidenceLevel).omegaSquared)
        }
    }

    /// Welch's ANOVA of the change scores (R `oneway.test(change ~ arm)`).
    static var welchANOVA: Self {
        Self(name: TestName.welchANOVA.rawValue, role: .test,
             presentation: Presentation(title: "Welch ANOVA of change", statisticSymbol: "F")) {
            .test(try WalkStatsStatistics.welchANOVA($0.changes))
        }
    }

    /// Kruskal–Wallis test of the change scores (R `kruskal.test(change ~ arm)`).
    static var kruskalWallis: Self {
        Self(name: TestName.kruskalWallis.rawValue, role: .test,
             presentation: Presentation(title: "Kruskal–Wallis of change", statisticSymbol: "H")) {
            .test(try kruskalWallisTest($0.changes).test)
        }
    }

    /// Rank ε² of the Kruskal–Wallis test of change (`effectsize::rank_epsilon_squared`), a value without an
    /// interval: effectsize's interval is a bootstrap, which WalkStats does not reproduce.
    static var rankEpsilonSquared: Self {
        Self(name: EffectSizeName.rankEpsilonSquared.rawValue, role: .effectSize,
             presentation: Presentation(title: "Rank ε² (Kruskal–Wallis)")) { data in
            let result = try kruskalWallisTest(data.changes)
            return .effectSize(EffectSize(name: .rankEpsilonSquared, value: result.rankEpsilonSquared, confidenceInterval: nil,
                                          sampleSizes: data.changes.map(\.count)))
        }
    }

    /// The adjustment of ``pairwiseWelch`` and ``pairwiseMannWhitney`` across the pairs of arms, as R's
    /// `pairwise.t.test` and `pairwise.wilcox.test` default to.
    static var pairwiseTestAdjustment: PValueAdjustment { .holm }

    /// Welch's t-test of the change scores for every pair of arms, p (pairs) Holm-adjusted across the pairs
    /// (R `pairwise.t.test(change, arm, pool.sd = FALSE)`; estimates and intervals of `t.test(a, b)`, not
    /// adjusted for the pairs).
    static var pairwiseWelch: Self {
        Self(name: "pairwise_welch", role: .test,
             presentation: Presentation(title: "Welch t-tests of change, every pair", estimateLabel: "difference in mean change")) { data in
            .contrasts(method: "Pairwise Welch t-tests (pairwise.t.test, pool.sd = FALSE), intervals not adjusted for the pairs",
                       pairsAdjustment: pairwiseTestAdjustment.rawValue,
                       try data.everyPair(adjustedBy: pairwiseTestAdjustment) { try welchTTest($0, $1, confidenceLevel: $2) })
        }
    }

    /// The Mann–Whitney test of the change scores for every pair of arms, p (pairs) Holm-adjusted across the
    /// pairs (R `pairwise.wilcox.test(change, arm)`; Hodges–Lehmann shifts and intervals of
    /// `wilcox.test(a, b, conf.int = TRUE)`, not adjusted for the pairs).
    static var pairwiseMannWhitney: Self {
        Self(name: "pairwise_mann_whitney", role: .test,
             presentation: Presentation(title: "Mann–Whitney tests of change, every pair", estimateLabel: "location shift",
                                        statisticSymbol: "W", reportsAchievedLevel: true)) { data in
            .contrasts(method: "Pairwise Wilcoxon rank sum tests (pairwise.wilcox.test), intervals not adjusted for the pairs",
                       pairsAdjustment: pairwiseTestAdjustment.rawValue,
                       try data.everyPair(adjustedBy: pairwiseTestAdjustment) { try mannWhitneyTest($0, $1, confidenceLevel: $2) })
        }
    }

    /// Tukey's HSD of the change scores for every pair of arms (R `TukeyHSD(aov(change ~ arm))`), the
    /// reference arm as the first level so each arm − the reference comes first, then the later − the
    /// earlier of two other arms.
    static var tukeyHSD: Self {
        Self(name: "tukey_hsd", role: .test,
             presentation: Presentation(title: "Tukey HSD of change", estimateLabel: "difference in mean change",
                                        statisticSymbol: "q")) { data in
            let order = [data.reference] + data.arms.filter { $0 != data.reference }
            let groups = order.map { name in data.changes[data.arms.firstIndex(of: name)!] }
            let result = try WalkStatsStatistics.tukeyHSD(groups: groups, names: order, confidenceLevel: data.confidenceLevel)
            return .contrasts(method: "Tukey multiple comparisons of means (TukeyHSD)", pairsAdjustment: "tukey",
                              result.comparisons.map(ContrastResult.init(tukey:)))
        }
    }

    /// Pairwise differences of baseline-adjusted means from one ANCOVA of all arms, Tukey-adjusted (R
    /// `emmeans(lm(post ~ pre + arm), pairwise ~ arm, adjust = "tukey")`), each arm − the reference first.
    static func ancovaContrasts(covariates: [String], baseline: String = "baseline") -> Self {
        Self(name: "ancova_contrast", role: .test,
             presentation: Presentation(title: "ANCOVA contrasts, adjusted for \(baseline)"
                                            + (covariates.isEmpty ? "" : " + " + covariates.joined(separator: ", ")),
                                        estimateLabel: "adjusted difference", statisticSymbol: "q")) { data in
            let levels = [data.reference] + data.arms.filter { $0 != data.reference }
            let comparisons = try data.ancova.pairwiseContrasts(levels: levels, confidenceLevel: data.confidenceLevel)
            return .contrasts(method: "Pairwise differences of adjusted means, one ANCOVA of all arms (emmeans, Tukey)",
                              pairsAdjustment: "tukey", comparisons.map(ContrastResult.init(tukey:)))
        }
    }

    /// F test of arm in the ANCOVA of follow-up adjusted for baseline (R `car::Anova(lm(post ~ pre + arm), type = 2)`).
    static func ancovaArm(covariates: [String], baseline: String = "baseline") -> Self {
        Self(name: TestName.ancovaArm.rawValue, role: .test,
             presentation: Presentation(title: "ANCOVA F test of arm, adjusted for \(baseline)"
                                            + (covariates.isEmpty ? "" : " + " + covariates.joined(separator: ", ")),
                                        statisticSymbol: "F")) { data in
            .test(try data.ancova.armTest(arms: data.arms, reference: data.reference))
        }
    }
}

extension OmnibusData {
    /// `test` run on the change scores of every pair of arms (``ArmContrast/allPairs(_:reference:)`` order,
    /// each `test(arm, reference, level)`), the p-values adjusted across the pairs by `adjustment`.
    func everyPair(adjustedBy adjustment: PValueAdjustment,
                   _ test: @escaping ([Double], [Double], Double) throws -> HypothesisTestResult) throws -> [ContrastResult] {
        let pairs = ArmContrast.allPairs(arms, reference: reference)
        let indices = pairs.map { (arms.firstIndex(of: $0.arm)!, arms.firstIndex(of: $0.reference)!) }
        let results = try pairwiseTests(changes, pairs: indices, adjustment: adjustment) { try test($0, $1, confidenceLevel) }
        return zip(pairs, results).map { pair, result in
            ContrastResult(name: "\(pair.arm) - \(pair.reference)", arms: [pair.arm, pair.reference], estimate: result.test.estimate,
                           confidenceInterval: result.test.confidenceInterval, statistic: result.test.statistic,
                           degreesOfFreedom: result.test.degreesOfFreedom, pValue: result.test.pValue,
                           pairwiseAdjustedPValue: result.adjustedPValue)
        }
    }
}

extension ContrastResult {
    /// A Tukey-adjusted comparison as a contrast: p its own, p (pairs) Tukey's.
    init(tukey comparison: TukeyHSDComparison) {
        self.init(name: comparison.arms.joined(separator: " - "), arms: comparison.arms, estimate: comparison.estimate,
                  confidenceInterval: comparison.confidenceInterval, statistic: comparison.statistic,
                  degreesOfFreedom: comparison.degreesOfFreedom, pValue: comparison.unadjustedPValue,
                  pairwiseAdjustedPValue: comparison.pValue)
    }
}

extension Array where Element == PlannedAnalysis<ArmData> {
    /// Runs every analysis on one arm's paired values (complete cases of two timepoints or conditions), with
    /// the descriptives of their differences; failures become notes naming `scope`.
    func run(_ arm: String, _ values: PairedValues, scope: String,
             confidenceLevel: Double) -> (items: [ResultItem], notes: [String], differences: Descriptives?) {
        let data = ArmData(arm: arm, pairs: values, confidenceLevel: confidenceLevel)
        var notes: [String] = []
        let items = compactMap { $0.run(data, scope: scope, notes: &notes) }
        return (items, notes, try? Descriptives(values.changes, missing: values.missing, confidenceLevel: confidenceLevel))
    }
}

/// The arms a request selects, checked against the data's: the request's in its order, else every arm in
/// sorted (code-point) order.
enum ArmSelection {
    static func select(_ names: [String]?, available: [String]) throws -> [String] {
        guard let names else { return available.sorted { $0.precedesByCodePoint($1) } }
        guard !names.isEmpty, !names.contains(""), Set(names).count == names.count else {
            throw AnalysisRequestError.invalidArmSelection(names)
        }
        for name in names where !available.contains(name) {
            throw AnalysisRequestError.unknownName(.arm, name: name, available: available)
        }
        return names
    }
}

extension HypothesisTestResult {
    /// The same test without its confidence interval.
    var withoutInterval: HypothesisTestResult {
        HypothesisTestResult(name: name, method: method, statistic: statistic, degreesOfFreedom: degreesOfFreedom,
                             denominatorDegreesOfFreedom: denominatorDegreesOfFreedom, pValue: pValue, estimate: estimate,
                             standardError: standardError, confidenceInterval: nil, sampleSizes: sampleSizes)
    }
}
