import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// The `replicate` output for one study: what the paper printed, what WalkStats recomputes from it, and
/// how the printed numbers check out (GRIM, GRIMMER, p-values).
public struct ReplicationReport: Sendable {
    let replication: StudyReplication
    let codebook: Codebook

    /// A report of `replication`, labelling outcomes from `codebook`.
    public init(replication: StudyReplication, codebook: Codebook) {
        self.replication = replication
        self.codebook = codebook
    }

    /// The report in `format`, with the provenance of `context`.
    public func render(_ format: ReportFormat, context: ReportContext = ReportContext()) -> String {
        switch format {
        case .markdown: return context.markdown(title: "Replication: \(replication.study)", body: markdown)
        case .json: return context.json(json, as: .replicate)
        case .csv: return context.csv(rows)
        }
    }

    private func label(_ outcome: String) -> OutcomeLabel { OutcomeLabel(outcome, codebook: codebook) }
    private func decimals(_ a: ArmSummary, _ b: ArmSummary) -> Int { NumberFormatting.decimals(a, b) }

    // MARK: Markdown

    var markdown: String {
        let r = replication
        var text = ""
        if let d = r.description {
            text += "\(d.citation). " + (d.doi.map { "doi:\($0). " } ?? "") + "Design: \(d.design == .parallel ? "parallel groups" : "within-subject (every participant in both conditions)")"
                + (d.duration.map { ", \($0)" } ?? "") + ".\n\n"
        }
        text += "Everything below is recomputed from the numbers the paper prints (its abstract, here), not from participant data.\n\n"
        text += printedSection
        if !r.parallel.isEmpty { text += parallelSection }
        if !r.allArms.isEmpty {
            text += "## All arms together (three or more printed arms)\n\n"
                + r.allArms.map { ResultMarkdown(result: $0, directionSentence: "").render(headingLevel: 3) }.joined(separator: "\n") + "\n"
        }
        if !r.changeFromBaseline.isEmpty { text += changeSection }
        if !r.withinSubject.isEmpty { text += withinSection }
        text += consistencySection
        if !r.notes.isEmpty {
            text += "\n## What could not be recomputed or checked\n\n" + r.notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    private var printedSection: String {
        let r = replication
        var text = "## What the paper printed\n\n"
        if r.summaries.isEmpty {
            text += "No per-arm n, mean and SD.\n\n"
        } else {
            var table = MarkdownTable(headers: ["Outcome", "Timepoint", "Arm", "n", "Mean", "SD", "Mean and SD are", "Source"],
                                      alignments: [.left, .left, .left, .right, .right, .right, .left, .left])
            for s in r.summaries {
                let provenance = s.isFullyReported ? "printed"
                    : "mean \(s.meanProvenance), SD \(s.standardDeviationProvenance) (estimated values are flagged)"
                table.rows.append([s.outcome, s.timepoint, s.arm, "\(s.n)", s.reported?.printedMean ?? NumberFormatting.value(s.mean, decimals: 2),
                                   s.reported?.printedStandardDeviation ?? NumberFormatting.value(s.standardDeviation, decimals: 2),
                                   provenance, s.source ?? "–"])
            }
            text += table.render() + "\n"
        }
        if !r.printed.isEmpty {
            var table = MarkdownTable(headers: ["Comparison", "Outcome", "Measure", "Value", "Interval", "p as printed"],
                                      alignments: [.left, .left, .left, .right, .right, .left])
            for p in r.printed {
                table.rows.append([p.comparison, p.outcome, p.measure, p.value ?? "–",
                                   p.ciLow.map { low in "[\(low), \(p.ciHigh.map { "\($0)" } ?? "?")]" } ?? "–",
                                   p.pReportedAs ?? p.pValue.map { "p = \($0)" } ?? "–"])
            }
            text += "Printed results:\n\n" + table.render() + "\n"
        }
        return text
    }

    private var parallelSection: String {
        var text = "## Recomputed between-arm comparisons\n\n"
        var table = MarkdownTable(headers: ["Outcome", "Timepoint", "A − B", "n", "Difference", "Welch t (df), p", "Student t (df), p",
                                           "95% CI (Welch)", "Hedges' g [95% CI]"],
                                  alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .right])
        for c in replication.parallel {
            let places = decimals(c.arm, c.reference)
            let welch = c.tests.first { $0.name == .welchT }
            let student = c.tests.first { $0.name == .studentT }
            func summary(_ t: HypothesisTestResult?) -> String {
                guard let t else { return "–" }
                return "\(NumberFormatting.statistic(t.statistic)) (\(t.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–")), "
                    + NumberFormatting.pValue(t.pValue).replacingOccurrences(of: "< ", with: "<")
            }
            table.rows.append([label(c.outcome).heading, c.timepoint, "\(c.arm.arm) − \(c.reference.arm)", "\(c.arm.n) + \(c.reference.n)",
                               NumberFormatting.value(c.arm.mean - c.reference.mean, decimals: places), summary(welch), summary(student),
                               NumberFormatting.interval(welch?.confidenceInterval?.lower, welch?.confidenceInterval?.upper, decimals: places),
                               c.hedgesG.map { "\(NumberFormatting.value($0.value, decimals: 2)) \(NumberFormatting.interval($0.confidenceInterval?.lower, $0.confidenceInterval?.upper, decimals: 2))" } ?? "–"])
        }
        text += table.render() + "\n"
        text += "Welch's and Student's t-tests from n, mean and SD (as Stata's `ttesti`; R's `t.test` formulas), "
            + "Hedges' g with the exact small-sample correction and a noncentral-t interval (as R's effectsize). "
            + "These compare the arms at one timepoint; without baseline values they cannot separate the effect of "
            + "the programme from chance baseline differences.\n\n"
        // One sentence per outcome and pair of arms, naming the outcome: the arms are compared at one timepoint,
        // so the sentence is about the difference between them, not about change.
        var written: Set<String> = []
        for c in replication.parallel {
            let outcome = label(c.outcome)
            let direction = outcome.directionSentence(for: .conditions(later: c.arm.arm, earlier: c.reference.arm))
            let sentence = outcome.definition.map { "\($0.label): " + direction.prefix(1).lowercased() + direction.dropFirst() } ?? direction
            if written.insert(sentence).inserted { text += sentence + "\n\n" }
        }
        return text
    }

    private var changeSection: String {
        var text = "## Change from baseline, with the unprinted correlation assumed\n\n"
        for s in replication.changeFromBaseline {
            var table = MarkdownTable(headers: ["ρ (baseline, follow-up)", "SD of change A", "SD of change B", "Difference in change", "t (df)", "p"],
                                      alignments: Array(repeating: .right, count: 6))
            for row in s.rows {
                table.rows.append([NumberFormatting.value(row.correlation, decimals: 1), NumberFormatting.value(row.changeA.standardDeviation, decimals: 2),
                                   NumberFormatting.value(row.changeB.standardDeviation, decimals: 2),
                                   NumberFormatting.value(row.test.estimate, decimals: 2),
                                   "\(NumberFormatting.statistic(row.test.statistic)) (\(row.test.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–"))",
                                   NumberFormatting.pValue(row.test.pValue)])
            }
            text += "### \(label(s.outcome).heading): \(s.baseline) → \(s.followUp), \(s.contrast.arm) − \(s.contrast.reference)\n\n" + table.render()
                + "\nChange SD = √(SD_b² + SD_f² − 2ρ·SD_b·SD_f) (Cochrane Handbook 6.5.2.8), Welch's test of change.\n\n"
        }
        return text
    }

    private var withinSection: String {
        var text = "## Recomputed within-subject comparisons\n\n"
            + "Both conditions were measured on the same people, so the paired test depends on the correlation between "
            + "conditions, which the paper does not print. The table shows the test over a range of correlations.\n\n"
        for w in replication.withinSubject {
            var table = MarkdownTable(headers: ["ρ", "SD of difference", "Mean difference", "t (df)", "p", "95% CI"],
                                      alignments: Array(repeating: .right, count: 6))
            let places = decimals(w.condition, w.reference)
            for row in w.rows {
                table.rows.append([NumberFormatting.value(row.correlation, decimals: 1), NumberFormatting.value(row.differenceStandardDeviation, decimals: places),
                                   NumberFormatting.value(row.test.estimate, decimals: places),
                                   "\(NumberFormatting.statistic(row.test.statistic)) (\(row.test.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–"))",
                                   NumberFormatting.pValue(row.test.pValue),
                                   NumberFormatting.interval(row.test.confidenceInterval?.lower, row.test.confidenceInterval?.upper, decimals: places)])
            }
            text += "### \(label(w.outcome).heading): \(w.condition.arm) − \(w.reference.arm) (n = \(w.condition.n))\n\n" + table.render() + "\n"
            if let threshold = w.threshold { text += threshold.explanation + "\n\n" }
        }
        return text
    }

    private var consistencySection: String {
        let r = replication
        var text = "## Do the printed numbers check out?\n\n"
        var table = MarkdownTable(headers: ["Check", "Of", "Verdict", "Why"], alignments: [.left, .left, .left, .left])
        for check in r.integerChecks {
            let of = "\(check.summary.outcome), \(check.summary.arm), \(check.summary.timepoint)"
            table.rows.append(["GRIM (mean of whole-number scores)", of, check.grim.verdict.rawValue, check.grim.explanation])
            table.rows.append(["GRIMMER (SD of whole-number scores)", of, check.grimmer.verdict.rawValue, check.grimmer.explanation])
        }
        for check in r.parallel.flatMap(\.pValueChecks) + r.withinSubject.flatMap(\.pValueChecks) {
            table.rows.append(["p-value (\(check.test))", "\(check.printed.outcome): \(check.printed.comparison), printed \(check.check.reported)",
                               check.check.verdict.rawValue, check.check.result.explanation])
        }
        if table.rows.isEmpty {
            text += "No check applies to the printed numbers.\n"
        } else {
            text += table.render() + "\n"
            text += "GRIM (Brown & Heathers 2017) asks whether some whole-number total of n scores gives the printed mean; "
                + "GRIMMER (Anaya 2016) asks the same of the SD. The p-value check recomputes the test over every mean and SD "
                + "that round to the printed ones (in the spirit of statcheck): *consistent* when the printed p or claim is "
                + "reachable, *inconsistent* when it is not, *cannot tell* when the printed numbers leave it open.\n"
        }
        return text
    }

    // MARK: JSON and CSV

    var json: JSONValue {
        let r = replication
        func summaryJSON(_ s: ArmSummary) -> JSONValue {
            .object([("arm", .string(s.arm)), ("timepoint", .string(s.timepoint)), ("outcome", .string(s.outcome)),
                     ("n", .int(s.n)), ("mean", .number(s.mean)), ("sd", .number(s.standardDeviation)),
                     ("mean_provenance", .string(s.meanProvenance.description)),
                     ("sd_provenance", .string(s.standardDeviationProvenance.description)),
                     ("estimated", .bool(!s.isFullyReported))])
        }
        func consistency(_ c: ConsistencyResult) -> JSONValue {
            .object([("verdict", .string(c.verdict.rawValue)), ("reason", .string(c.reason.rawValue)), ("explanation", .string(c.explanation))])
        }
        func pCheck(_ c: StudyReplication.PrintedPValueCheck) -> JSONValue {
            .object([("outcome", .string(c.printed.outcome)), ("comparison", .string(c.printed.comparison)),
                     ("printed", .string(c.check.reported.description)), ("test", .string(c.test)),
                     ("recomputed_p", .number(c.check.recomputedPValue)),
                     ("achievable_p_low", .number(c.check.achievableRange.lowerBound)),
                     ("achievable_p_high", .number(c.check.achievableRange.upperBound)),
                     ("result", consistency(c.check.result))])
        }
        return .object([
            ("study", .string(r.study)),
            ("design", r.description.map { .string($0.design.rawValue) } ?? .null),
            ("summaries", .array(r.summaries.map(summaryJSON))),
            ("comparisons", .array(r.parallel.map { c in
                .object([("outcome", .string(c.outcome)), ("timepoint", .string(c.timepoint)),
                         ("arms", .array([.string(c.arm.arm), .string(c.reference.arm)])),
                         ("tests", .array(c.tests.map { ResultJSON.object($0) })),
                         ("effect_sizes", .array(c.hedgesG.map { [ResultJSON.object($0)] } ?? [])),
                         ("p_value_checks", .array(c.pValueChecks.map(pCheck)))])
            })),
            ("change_from_baseline", .array(r.changeFromBaseline.map { s in
                .object([("outcome", .string(s.outcome)), ("baseline", .string(s.baseline)), ("follow_up", .string(s.followUp)),
                         ("rows", .array(s.rows.map { row in
                             .object([("correlation", .number(row.correlation)), ("sd_change_a", .number(row.changeA.standardDeviation)),
                                      ("sd_change_b", .number(row.changeB.standardDeviation)), ("test", ResultJSON.object(row.test))])
                         }))])
            })),
            ("within_subject", .array(r.withinSubject.map { w in
                var fields: [(String, JSONValue)] = [
                    ("outcome", .string(w.outcome)), ("conditions", .array([.string(w.condition.arm), .string(w.reference.arm)])),
                    ("rows", .array(w.rows.map { row in
                        .object([("correlation", .number(row.correlation)), ("sd_difference", .number(row.differenceStandardDeviation)),
                                 ("test", ResultJSON.object(row.test))])
                    })),
                    ("p_value_checks", .array(w.pValueChecks.map(pCheck))),
                ]
                if let threshold = w.threshold {
                    fields.append(("smallest_correlation", .object([("p_threshold", .number(threshold.pValueThreshold)),
                                                                    ("explanation", .string(threshold.explanation))])))
                }
                return .object(fields)
            })),
            ("integer_checks", .array(r.integerChecks.map { c in
                .object([("outcome", .string(c.summary.outcome)), ("arm", .string(c.summary.arm)), ("timepoint", .string(c.summary.timepoint)),
                         ("grim", consistency(c.grim)), ("grimmer", consistency(c.grimmer))])
            })),
        ] + (r.allArms.isEmpty ? [] : [("all_arms", JSONValue.array(r.allArms.map { ResultJSON.object($0) }))]) + [
            ("notes", .array(r.notes.map(JSONValue.string))),
        ])
    }

    var rows: [ResultRow] {
        var rows: [ResultRow] = []
        for c in replication.parallel {
            let base = ResultRow(["section": "replication", "outcome": c.outcome, "timepoint": c.timepoint, "arm": "\(c.arm.arm) - \(c.reference.arm)"])
            rows += c.tests.map { var r = base; r.set($0); return r }
            if let g = c.hedgesG { var r = base; r.cells["section"] = "effect_size"; r.set(g); rows.append(r) }
        }
        rows += replication.allArms.flatMap(ResultRow.rows)
        for w in replication.withinSubject {
            for row in w.rows {
                var r = ResultRow(["section": "within_subject", "outcome": w.outcome, "timepoint": w.timepoint,
                                   "arm": "\(w.condition.arm) - \(w.reference.arm)"])
                r.set(row.test)
                r.cells["test"] = "paired_t (rho=\(row.correlation))"
                rows.append(r)
            }
        }
        return rows
    }
}
