import WalkStatsModel
import WalkStatsStatistics

/// The `compare` output for one outcome: change within each arm and the between-arm difference, with
/// every test that ran, standardised effects, assumption checks, adjusted p-values, on how many
/// participants, and what could not be computed.
public struct ComparisonReport: Sendable {
    let comparison: OutcomeComparison
    let label: OutcomeLabel
    let adjustment: PValueAdjustment
    /// How many outcomes the adjustment family spans.
    let familySize: Int

    /// A report of `comparison` (already adjusted with `adjustment` across `familySize` outcomes),
    /// labelled from `codebook`.
    public init(comparison: OutcomeComparison, codebook: Codebook, adjustment: PValueAdjustment, familySize: Int) {
        self.comparison = comparison
        label = OutcomeLabel(comparison.outcome, codebook: codebook)
        self.adjustment = adjustment
        self.familySize = familySize
    }

    /// A report of one comparison on its own: a family of one outcome.
    /// - Throws: ``StatisticsError`` only if a p-value were invalid.
    public init(comparison: OutcomeComparison, codebook: Codebook, adjustment: PValueAdjustment) throws {
        let adjusted = try MultiplicityAdjustment([comparison], method: adjustment)
        self.init(comparison: adjusted.comparisons[0], codebook: codebook, adjustment: adjustment, familySize: 1)
    }

    /// The report in `format`.
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: return "# Comparison: \(label.heading)\n\n" + markdownBody(headingLevel: 2)
        case .json: return json.serialized(as: .compare)
        case .csv: return ResultRow.csv(rows)
        }
    }

    // MARK: Markdown

    /// The Markdown tables and explanations, under headings of `headingLevel`.
    func markdownBody(headingLevel: Int) -> String {
        let c = comparison
        let h = String(repeating: "#", count: headingLevel)
        let places = NumberFormatting.decimals(forSpread: c.within.compactMap(\.changeSummary.standardDeviation).max())
        var text = "\(h) Change from \(c.from) to \(c.to)\n\n\(label.directionSentence(armA: c.between?.armA.arm))\n\n"

        var within = MarkdownTable(headers: ["Arm", "Test", "n of randomised", "Estimate", "Statistic", "df", "p",
                                             adjustedHeader, confidenceHeader],
                                   alignments: [.left, .left] + Array(repeating: .right, count: 7))
        for arm in c.within {
            let used = "\(arm.n) of \(arm.randomised)"
            within.rows.append([arm.arm, "Mean (SD) of change", used,
                                "\(NumberFormatting.value(arm.changeSummary.mean, decimals: places)) "
                                    + "(\(NumberFormatting.value(arm.changeSummary.standardDeviation, decimals: places)))",
                                "", "", "", "", ""])
            for test in arm.tests {
                var used = "\(arm.n) of \(arm.randomised)"
                if let nonZero = test.sampleSizes.first, nonZero != arm.n { used += " (\(nonZero) non-zero)" }
                within.rows.append([arm.arm, Self.title(test.name), used] + testCells(test, decimals: places))
            }
        }
        text += "\(h)# Within arms (\(c.to) − \(c.from))\n\n" + within.render() + "\n" + Self.readWithin + "\n"

        if let between = c.between {
            var table = MarkdownTable(headers: ["Test", "n of randomised", "Estimate (\(between.armA.arm) − \(between.armB.arm))",
                                                "Statistic", "df", "p", adjustedHeader, confidenceHeader],
                                      alignments: [.left] + Array(repeating: .right, count: 7))
            for test in between.tests {
                table.rows.append([Self.title(test.name, covariates: between.covariates), usedOfRandomised(test.sampleSizes, between)]
                                  + testCells(test, decimals: places))
            }
            text += "\n\(h)# Between arms (\(between.armA.arm) − \(between.armB.arm))\n\n" + table.render() + "\n"
                + Self.readBetween + "\n"
        }

        var effects = MarkdownTable(headers: ["Effect", "Of", "n", "Value", confidenceHeader],
                                    alignments: [.left, .left, .right, .right, .right])
        for arm in c.within {
            for effect in arm.effectSizes {
                effects.rows.append(effectCells(effect, of: "change in \(arm.arm)"))
            }
        }
        for effect in c.between?.effectSizes ?? [] {
            effects.rows.append(effectCells(effect, of: "change, \(c.between!.armA.arm) − \(c.between!.armB.arm)"))
        }
        if !effects.rows.isEmpty {
            text += "\n\(h)# Standardised effects\n\n" + effects.render() + "\n" + Self.readEffects + "\n"
        }

        var checks = MarkdownTable(headers: ["Check", "Of", "n", "Statistic", "df", "p"],
                                   alignments: [.left, .left, .right, .right, .right, .right])
        for arm in c.within {
            for check in arm.assumptionChecks { checks.rows.append(checkCells(check, of: "change in \(arm.arm)")) }
        }
        for check in c.between?.assumptionChecks ?? [] {
            checks.rows.append(checkCells(check, of: "change, \(c.between!.armA.arm) vs \(c.between!.armB.arm)"))
        }
        if !checks.rows.isEmpty {
            text += "\n\(h)# Assumption checks\n\n" + checks.render() + "\n" + Self.readChecks + "\n"
        }
        text += "\n" + methodsParagraph + "\n"
        return text
    }

    private var confidenceHeader: String {
        let level = (comparison.within.first?.tests.first ?? comparison.between?.tests.first)?.confidenceInterval?.level ?? 0.95
        return NumberFormatting.confidenceLabel(level)
    }

    private var adjustedHeader: String { "p (\(adjustment.rawValue))" }

    private func usedOfRandomised(_ sizes: [Int], _ between: OutcomeComparison.BetweenArms) -> String {
        guard sizes.count == 2 else { return "–" }
        return "\(sizes[0]) of \(between.armA.randomised) + \(sizes[1]) of \(between.armB.randomised)"
    }

    private func testCells(_ test: HypothesisTestResult, decimals: Int) -> [String] {
        [
            test.estimate.map { "\(Self.estimateLabel(test.name)) \(NumberFormatting.value($0, decimals: decimals))" } ?? "–",
            "\(Self.statisticSymbol(test.name)) = "
                + (test.degreesOfFreedom == nil ? NumberFormatting.rankStatistic(test.statistic) : NumberFormatting.statistic(test.statistic)),
            test.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–",
            NumberFormatting.pValue(test.pValue),
            test.adjustedPValue.map(NumberFormatting.pValue) ?? "–",
            NumberFormatting.interval(test.confidenceInterval?.lower, test.confidenceInterval?.upper, decimals: decimals)
                + Self.levelNote(test.confidenceInterval, expected: test.name == .wilcoxonSignedRank || test.name == .mannWhitney),
        ]
    }

    private func effectCells(_ effect: EffectSize, of scope: String) -> [String] {
        [Self.title(effect.name), scope, effect.sampleSizes.map(String.init).joined(separator: " + "),
         NumberFormatting.value(effect.value, decimals: 2),
         NumberFormatting.interval(effect.confidenceInterval.lower, effect.confidenceInterval.upper, decimals: 2)]
    }

    private func checkCells(_ check: HypothesisTestResult, of scope: String) -> [String] {
        let df = [check.degreesOfFreedom, check.denominatorDegreesOfFreedom].compactMap { $0 }
        return [Self.title(check.name), scope, check.sampleSizes.map(String.init).joined(separator: " + "),
                "\(Self.statisticSymbol(check.name)) = \(NumberFormatting.value(check.statistic, decimals: 3))",
                df.isEmpty ? "–" : df.map(NumberFormatting.degreesOfFreedom).joined(separator: ", "),
                NumberFormatting.pValue(check.pValue)]
    }

    /// An exact rank interval's achieved level, when it differs from the requested one.
    private static func levelNote(_ interval: ConfidenceInterval?, expected: Bool) -> String {
        guard expected, let interval else { return "" }
        let label = NumberFormatting.confidenceLabel(interval.level)
        return label.hasPrefix("95%") ? "" : " (achieved \(label))"
    }

    // MARK: Names and explanations

    static func title(_ name: TestName, covariates: [String] = []) -> String {
        switch name {
        case .pairedT: return "Paired t-test"
        case .wilcoxonSignedRank: return "Wilcoxon signed-rank"
        case .ancova: return "ANCOVA, adjusted for baseline" + (covariates.isEmpty ? "" : " + " + covariates.joined(separator: ", "))
        case .welchT: return "Welch t-test of change"
        case .studentT: return "Student t-test of change"
        case .mannWhitney: return "Mann–Whitney of change"
        case .shapiroWilk: return "Shapiro–Wilk normality"
        case .leveneMedian: return "Levene (median-centred, Brown–Forsythe)"
        default: return name.rawValue
        }
    }

    static func title(_ name: EffectSizeName) -> String {
        switch name {
        case .cohensDz: return "Cohen's d_z"
        case .cohensD: return "Cohen's d (pooled SD)"
        case .hedgesG: return "Hedges' g"
        default: return name.rawValue
        }
    }

    static func estimateLabel(_ name: TestName) -> String {
        switch name {
        case .pairedT: return "mean change"
        case .wilcoxonSignedRank: return "pseudo-median"
        case .ancova: return "adjusted difference"
        case .welchT, .studentT: return "difference in mean change"
        case .mannWhitney: return "location shift"
        default: return "estimate"
        }
    }

    static func statisticSymbol(_ name: TestName) -> String {
        switch name {
        case .wilcoxonSignedRank: return "V"
        case .mannWhitney, .shapiroWilk: return "W"
        case .leveneMedian: return "F"
        default: return "t"
        }
    }

    static let readWithin = """
    How to read this: each arm's change is tested against no change. The paired t-test asks whether the \
    mean change differs from 0; the Wilcoxon signed-rank test asks the same of the median-like centre \
    (pseudo-median) without assuming normal changes. A change within one arm says nothing about whether \
    backward walking beats forward walking: people also improve with time, attention and regression to the \
    mean. That question is answered between arms.
    """

    static let readBetween = """
    How to read this: ANCOVA is the primary between-arm analysis of a randomised pre/post trial. It \
    compares follow-up values adjusted for each participant's baseline, which removes chance baseline \
    imbalance and is more precise than comparing change scores (Vickers & Altman 2001, BMJ \
    323:1123). The t-tests of change scores (Welch without, Student with an equal-variance assumption) \
    and the Mann–Whitney test (no normality assumption; its estimate is the Hodges–Lehmann shift) are \
    shown as sensitivity analyses. Agreement among them is reassuring; disagreement is worth a look.
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

    /// What ran, on whom, and how missing values and multiplicity were handled.
    var methodsParagraph: String {
        let c = comparison
        var sentences = ["Tests: within each arm, paired t-test (R `t.test(to, from, paired = TRUE)`) and Wilcoxon "
            + "signed-rank test (`wilcox.test(to, from, paired = TRUE, conf.int = TRUE)`: exact below 50 pairs without "
            + "ties or zeros, otherwise normal approximation with tie and continuity corrections)"]
        if let between = c.between {
            let covariates = between.covariates.isEmpty ? "" : " + " + between.covariates.joined(separator: " + ")
            sentences[0] += "; between arms, ANCOVA (`lm(\(c.to) ~ \(c.from) + arm\(covariates))`, arm \(between.armB.arm) "
                + "as reference), Welch's t-test (unequal variances, R's default `t.test(a, b)`) and Student's t-test "
                + "(`var.equal = TRUE`) of change scores, and the Mann–Whitney test (`wilcox.test(a, b, conf.int = TRUE)`); "
                + "differences are \(between.armA.arm) − \(between.armB.arm)"
        }
        sentences[0] += ". All two-sided."
        sentences.append("Effect sizes: Cohen's d_z within arms; Cohen's d (pooled SD) and Hedges' g (exact correction) "
            + "between arms, with noncentral-t intervals (R effectsize). Assumption checks: Shapiro–Wilk (`shapiro.test`) "
            + "on change scores, Levene with median centring (`car::leveneTest`, Brown–Forsythe).")
        sentences.append(familySize > 1
            ? "Multiplicity: \(adjustment.reportDescription) across the \(familySize) outcomes of this report, separately for "
                + "each test in each arm and for each between-arm test (family = one test applied to every outcome); "
                + "assumption checks are not adjusted."
            : "Multiplicity: \(adjustment.reportDescription) over a family of this one outcome, so adjusted and unadjusted p "
                + "are equal; `walkstats report` adjusts across all outcomes.")
        let counts = c.within.map { "\($0.arm) \($0.n) of \($0.randomised) randomised" }.joined(separator: ", ")
        var missing = "Participants measured at both \(c.from) and \(c.to): \(counts). Missing data: complete cases; "
            + "participants without a value (missing or no row) at either timepoint are excluded, not imputed"
        if let between = c.between, !between.covariates.isEmpty {
            missing += ", and the ANCOVA also excludes participants with an unknown covariate"
        }
        sentences.append(missing + ".")
        var text = sentences.joined(separator: " ")
        if !c.notes.isEmpty {
            text += "\n\nNot computed (the data cannot support these; nothing else was dropped):\n\n"
                + c.notes.map { "- \($0)" }.joined(separator: "\n")
        }
        return text
    }

    // MARK: JSON and CSV

    /// The documented JSON contract (see README "JSON output of compare").
    var json: JSONValue {
        let c = comparison
        var fields: [(String, JSONValue)] = [
            ("outcome", .string(c.outcome)), ("from", .string(c.from)), ("to", .string(c.to)),
            ("arms", .array(c.arms.map(JSONValue.string))),
            ("within", .array(c.within.map { arm in
                .object([
                    ("arm", .string(arm.arm)), ("randomised", .int(arm.randomised)), ("n", .int(arm.n)),
                    ("missing", .int(arm.missing)), ("mean_change", .number(arm.changeSummary.mean)),
                    ("sd_change", .number(arm.changeSummary.standardDeviation)),
                    ("tests", .array(arm.tests.map(Self.json))),
                    ("effect_sizes", .array(arm.effectSizes.map(Self.json))),
                    ("assumption_checks", .array(arm.assumptionChecks.map(Self.json))),
                ])
            })),
        ]
        if let between = c.between {
            fields.append(("between", .object([
                ("difference", .string("\(between.armA.arm) - \(between.armB.arm)")),
                ("n", .object([(between.armA.arm, .int(between.armA.n)), (between.armB.arm, .int(between.armB.n))])),
                ("covariates", .array(between.covariates.map(JSONValue.string))),
                ("tests", .array(between.tests.map(Self.json))),
                ("effect_sizes", .array(between.effectSizes.map(Self.json))),
                ("assumption_checks", .array(between.assumptionChecks.map(Self.json))),
            ])))
        } else {
            fields.append(("between", .null))
        }
        fields.append(("adjustment", .object([("method", .string(adjustment.rawValue)), ("family_size", .int(familySize))])))
        fields.append(("outcome_info", label.json))
        fields.append(("notes", .array(c.notes.map(JSONValue.string))))
        return .object(fields)
    }

    static func json(_ test: HypothesisTestResult) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(test.name.rawValue)), ("method", .string(test.method)),
            ("n", .array(test.sampleSizes.map(JSONValue.int))),
            ("statistic", .number(test.statistic)), ("df", .number(test.degreesOfFreedom)),
        ]
        if let df2 = test.denominatorDegreesOfFreedom { fields.append(("df2", .number(df2))) }
        fields += [
            ("p_value", .number(test.pValue)),
        ]
        if test.name != .shapiroWilk && test.name != .leveneMedian {
            fields.append(("p_adjusted", .number(test.adjustedPValue)))
        }
        fields += [
            ("estimate", .number(test.estimate)), ("se", .number(test.standardError)),
            ("ci_low", .number(test.confidenceInterval?.lower)), ("ci_high", .number(test.confidenceInterval?.upper)),
            ("conf_level", .number(test.confidenceInterval?.level)),
        ]
        return .object(fields)
    }

    static func json(_ effect: EffectSize) -> JSONValue {
        .object([
            ("name", .string(effect.name.rawValue)), ("n", .array(effect.sampleSizes.map(JSONValue.int))),
            ("value", .number(effect.value)),
            ("ci_low", .number(effect.confidenceInterval.lower)), ("ci_high", .number(effect.confidenceInterval.upper)),
            ("conf_level", .number(effect.confidenceInterval.level)),
        ])
    }

    /// The comparison as tidy CSV rows: per arm a `change` row, its tests, effects and checks, then the
    /// between-arm ones.
    var rows: [ResultRow] {
        let c = comparison
        var rows: [ResultRow] = []
        func row(_ section: String, _ arm: String, randomised: String, missing: String) -> ResultRow {
            ResultRow(["section": section, "outcome": c.outcome, "from": c.from, "to": c.to, "arm": arm,
                       "randomised": randomised, "missing": missing])
        }
        for arm in c.within {
            let base = row("within", arm.arm, randomised: "\(arm.randomised)", missing: "\(arm.missing)")
            var change = base
            change.cells["test"] = "change"
            change.cells["n"] = "\(arm.n)"
            change.set("estimate", arm.changeSummary.mean)
            change.set("sd", arm.changeSummary.standardDeviation)
            rows.append(change)
            rows += arm.tests.map { var r = base; r.set($0); return r }
            rows += arm.effectSizes.map { var r = base; r.cells["section"] = "effect_size"; r.set($0); return r }
            rows += arm.assumptionChecks.map { var r = base; r.cells["section"] = "assumption"; r.set($0); return r }
        }
        if let between = c.between {
            let base = row("between", "\(between.armA.arm) - \(between.armB.arm)",
                           randomised: "\(between.armA.randomised);\(between.armB.randomised)",
                           missing: "\(between.armA.missing);\(between.armB.missing)")
            rows += between.tests.map { var r = base; r.set($0); return r }
            rows += between.effectSizes.map { var r = base; r.cells["section"] = "effect_size"; r.set($0); return r }
            rows += between.assumptionChecks.map { var r = base; r.cells["section"] = "assumption"; r.set($0); return r }
        }
        return rows
    }
}
