import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// Renders the responder analyses of one outcome (``ResponderResult``): responders per arm, each arm
/// against the reference, the sensitivity analysis counting missing changes as non-responses, and the
/// cumulative distribution of change; as Markdown, JSON and tidy CSV rows.
struct ResponderReport {
    let result: ResponderResult
    let label: OutcomeLabel

    // MARK: Shared wording

    /// "≥ 1 point (minimal)" or "≥ 15% of baseline (minimal)".
    static func thresholdText(_ threshold: ResponderThreshold) -> String {
        "≥ " + (threshold.kind == .percent ? "\(threshold.value)% of baseline" : "\(threshold.value)") + " (\(threshold.level.rawValue))"
    }

    /// "12/20 (60.0%, 38.7% to 78.1%)".
    static func proportionText(_ arm: ArmProportion) -> String {
        guard let proportion = arm.proportion else { return "0/0" }
        return "\(arm.responders)/\(arm.participants) (\(NumberFormatting.percent(proportion * 100))"
            + (arm.interval.map { ", \(NumberFormatting.percent($0.lower * 100)) to \(NumberFormatting.percent($0.upper * 100))" } ?? "") + ")"
    }

    /// A ratio with its interval, "1.50 (0.80 to 2.81)", ∞ written as such; "–" when absent.
    static func ratioText(_ estimate: Double?, _ interval: ConfidenceInterval?) -> String {
        func number(_ x: Double) -> String { x.isFinite ? NumberFormatting.value(x, decimals: 2) : "∞" }
        guard let estimate else { return "–" }
        return number(estimate) + (interval.map { " (\(number($0.lower)) to \(number($0.upper)))" } ?? " (interval undefined)")
    }

    /// The risk difference in percentage points with its interval.
    static func differenceText(_ difference: RiskDifference?) -> String {
        guard let difference else { return "–" }
        let ci = difference.confidenceInterval
        return "\(NumberFormatting.value(difference.estimate * 100, decimals: 1)) (\(NumberFormatting.value(ci.lower * 100, decimals: 1)) "
            + "to \(NumberFormatting.value(ci.upper * 100, decimals: 1)))"
    }

    /// The rows of one comparison's contrasts: contrast, risk difference, NNT, RR, OR, Fisher p, χ² p.
    static func contrastCells(_ contrast: ProportionContrast) -> [String] {
        [contrast.arms.joined(separator: " vs "), differenceText(contrast.riskDifference),
         contrast.numberNeededToTreat.map(\.description) ?? (contrast.riskDifference == nil ? "–" : "NNT ∞"),
         ratioText(contrast.riskRatio?.estimate, contrast.riskRatio?.confidenceInterval),
         ratioText(contrast.fisher?.estimate, contrast.fisher?.confidenceInterval),
         contrast.fisher.map { NumberFormatting.pValue($0.pValue) } ?? "–",
         contrast.chiSquared.map { NumberFormatting.pValue($0.pValue) } ?? "–"]
    }

    static let contrastHeaders = ["Contrast", "Risk difference, % points (95% CI)", "NNT (Altman)", "Risk ratio (95% CI)",
                                  "Odds ratio (95% CI)", "Fisher p", "prop.test p"]

    /// The sentence saying which methods ran on a comparison of proportions.
    static let methodsSentence = "Per arm: responders/n with the Wilson score interval (prop.test(x, n, correct = FALSE)). "
        + "Each arm against the reference: risk difference with Newcombe's hybrid score interval (method 10), number needed to "
        + "treat in Altman's form (NNTB benefit, NNTH harm; an interval crossing no difference runs through ∞), risk ratio "
        + "with the Katz log interval, Fisher's exact test with the conditional maximum-likelihood odds ratio and its exact "
        + "interval (fisher.test), and Pearson's χ² test with Yates' continuity correction (prop.test). Responder tests are "
        + "secondary analyses and are not adjusted for multiplicity."

    // MARK: Markdown

    func markdown(headingLevel: Int, figure: String?) -> String {
        let h = String(repeating: "#", count: headingLevel)
        var text = ""
        if let first = result.analyses.first {
            let arms = first.completeCases.arms.map(\.arm)
            let better = label.definition?.better == .higher ? "rises" : "falls"
            text += "\(h) Responders at \(first.to)\n\n"
                + "A participant responds when `\(first.outcome)` improves (\(better)) from \(first.from) to \(first.to) by at least "
                + "the threshold; a change exactly at the threshold counts, decided on the values as recorded (not on a rounded "
                + "difference). Complete cases are the participants measured at both visits; the sensitivity analysis counts every "
                + "randomised participant, a missing change as no response.\n\n"
            var perArm = MarkdownTable(headers: ["Threshold", "Analysis"] + arms.map { "\($0): responders/n (%, 95% CI)" },
                                       alignments: [.left, .left] + arms.map { _ in .right })
            var contrasts = MarkdownTable(headers: ["Threshold", "Analysis"] + Self.contrastHeaders,
                                          alignments: [.left, .left, .left] + Array(repeating: .right, count: 6))
            for analysis in result.analyses {
                for (name, comparison) in [("complete cases", analysis.completeCases),
                                           ("missing = non-responder", analysis.missingAsNonResponders)] {
                    let threshold = Self.thresholdText(analysis.threshold)
                    perArm.rows.append([threshold, name] + comparison.arms.map(Self.proportionText))
                    for contrast in comparison.contrasts { contrasts.rows.append([threshold, name] + Self.contrastCells(contrast)) }
                }
            }
            text += perArm.render() + (contrasts.rows.isEmpty ? "" : "\n" + contrasts.render())
            let sources = Array(Set(result.analyses.map(\.threshold.source))).sorted()
            text += "\nThresholds: " + sources.joined(separator: "; ") + ".\n"
            // The missing changes are the same at every threshold: said once, from the first analysis.
            var counts = ["Missing change (not measured at both visits): "
                + first.missing.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + "."]
            if let percent = result.analyses.first(where: { $0.threshold.kind == .percent }), percent.notEvaluable.contains(where: { $0.count > 0 }) {
                counts.append("Not evaluable at a percentage threshold (baseline 0, so a percentage of it is undefined): "
                    + percent.notEvaluable.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + "; left out of the complete cases, "
                    + "counted as non-responders in the sensitivity analysis.")
            }
            text += "\n" + counts.joined(separator: " ") + "\n\n" + Self.methodsSentence + "\n"
        }
        if let measured = result.functionOutcomesMeasured {
            text += "\n" + Self.painOnlySentence(measured) + "\n"
        }
        if let distribution = result.distribution {
            text += "\n\(h) Cumulative distribution of change\n\n" + (figure.map { $0 + "\n" } ?? "")
                + "The share of each arm's complete cases that improved by at least each amount, at every change observed"
                + (distribution.marked.isEmpty ? "" : " and at each threshold") + " (the cumulative distribution of change the FDA's "
                + "2009 guidance on patient-reported outcomes recommends: it shows every responder definition at once).\n\n"
                + "<details><summary>Table: share improving by at least each amount</summary>\n\n" + distributionTable(distribution).render()
                + "\n</details>\n"
        }
        if !result.notes.isEmpty {
            text += "\n" + result.notes.map { "- \($0)." }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// The warning a pain outcome's responders carry.
    static func painOnlySentence(_ functionOutcomes: [String]) -> String {
        functionOutcomes.isEmpty
            ? "These responders show pain relief only. No function outcome was measured, so nothing here shows recovery of function: "
                + "pain relief alone is not recovery."
            : "These responders show pain relief only; pain relief alone is not recovery. Function outcomes measured: "
                + functionOutcomes.map { "`\($0)`" }.joined(separator: ", ") + " (a full report sets pain beside function)."
    }

    /// Rows at every observed improvement and threshold, columns the arms' shares.
    func distributionTable(_ distribution: CumulativeChange) -> MarkdownTable {
        var table = MarkdownTable(headers: ["Improvement of at least"] + zip(distribution.arms, distribution.improvements).map { "\($0) (n = \($1.count))" },
                                  alignments: [.right] + distribution.arms.map { _ in .right })
        for t in distribution.tableThresholds {
            let mark = distribution.markedThreshold(at: t).map { " (threshold, \($0.level.rawValue))" } ?? ""
            table.rows.append([NumberFormatting.value(t.doubleValue, decimals: t.decimals) + mark] + distribution.arms.indices.map { index in
                distribution.proportion(arm: index, atLeast: t).map { NumberFormatting.percent($0 * 100) } ?? "–"
            })
        }
        return table
    }

    // MARK: JSON

    static func json(_ comparison: ProportionComparison) -> [(String, JSONValue)] {
        [("arms", .array(comparison.arms.map { arm in
            .object([("arm", .string(arm.arm)), ("n", .int(arm.participants)), ("responders", .int(arm.responders)),
                     ("proportion", .number(arm.proportion)), ("ci_low", .number(arm.interval?.lower)),
                     ("ci_high", .number(arm.interval?.upper))])
        })),
         ("contrasts", .array(comparison.contrasts.map { c in
            let nnt = c.numberNeededToTreat
            return .object([
                ("arms", .array(c.arms.map(JSONValue.string))),
                ("risk_difference", .number(c.riskDifference?.estimate)), ("rd_ci_low", .number(c.riskDifference?.confidenceInterval.lower)),
                ("rd_ci_high", .number(c.riskDifference?.confidenceInterval.upper)),
                ("risk_ratio", .number(c.riskRatio?.estimate)), ("rr_ci_low", .number(c.riskRatio?.confidenceInterval?.lower)),
                ("rr_ci_high", .number(c.riskRatio?.confidenceInterval?.upper)),
                ("nnt", .number(nnt?.value)), ("nnt_text", nnt.map { .string($0.description) } ?? .null),
                ("fisher_p_value", .number(c.fisher?.pValue)), ("odds_ratio", .number(c.fisher?.estimate)),
                ("odds_ratio_infinite", .bool(c.fisher?.estimate?.isInfinite == true)),
                ("or_ci_low", .number(c.fisher?.confidenceInterval?.lower)), ("or_ci_high", .number(c.fisher?.confidenceInterval?.upper)),
                ("or_ci_high_infinite", .bool(c.fisher?.confidenceInterval?.upper.isInfinite == true)),
                ("prop_test_p_value", .number(c.chiSquared?.pValue)),
            ])
         }))]
    }

    static func json(_ analysis: ResponderAnalysis) -> JSONValue {
        let threshold = analysis.threshold
        return .object([
            ("outcome", .string(analysis.outcome)), ("from", .string(analysis.from)), ("timepoint", .string(analysis.to)),
            ("mcid", .number(threshold.value.doubleValue)), ("mcid_kind", .string(threshold.kind.rawValue)),
            ("mcid_level", .string(threshold.level.rawValue)), ("mcid_source", .string(threshold.source)),
            ("analysis", .string("complete_cases")),
        ] + json(analysis.completeCases) + [
            ("missing", .array(analysis.missing.map { .object([("arm", .string($0.name)), ("n", .int($0.count))]) })),
            ("not_evaluable", .array(analysis.notEvaluable.map { .object([("arm", .string($0.name)), ("n", .int($0.count))]) })),
            ("missing_as_non_responder", .object(json(analysis.missingAsNonResponders))),
        ])
    }

    /// The outcome's `responders` list, `change_distribution` and `responder_notes`.
    var json: [(String, JSONValue)] {
        [("responders", .array(result.analyses.map(Self.json))),
         ("change_distribution", result.distribution.map { d in
            .object([("outcome", .string(d.outcome)), ("from", .string(d.from)), ("timepoint", .string(d.to)),
                     ("arms", .array(zip(d.arms, d.improvements).map { arm, values in
                        .object([("arm", .string(arm)), ("n", .int(values.count)),
                                 ("improvements", .array(values.map { .number($0.doubleValue) }))])
                     })),
                     ("thresholds", .array(d.marked.map { .number($0.value.doubleValue) })),
                     ("at_least", .array(d.tableThresholds.map { t in
                        .object([("improvement", .number(t.doubleValue)),
                                 ("shares", .array(d.arms.indices.map { .number(d.proportion(arm: $0, atLeast: t)) }))])
                     }))])
         } ?? .null),
         ("function_outcomes_measured", result.functionOutcomesMeasured.map { .array($0.map(JSONValue.string)) } ?? .null),
         ("responder_notes", .array(result.notes.map(JSONValue.string)))]
    }

    // MARK: CSV

    /// One row per arm (`responders_arm`) and per contrast (`responders_rd`, `responders_rr`, `responders_fisher`,
    /// `responders_prop_test`), under analysis `section` = `responders` or `responders_missing_as_non_responder`.
    var rows: [ResultRow] {
        var rows: [ResultRow] = []
        for analysis in result.analyses {
            for (section, comparison) in [("responders", analysis.completeCases),
                                          ("responders_missing_as_non_responder", analysis.missingAsNonResponders)] {
                let shared = ["section": section, "outcome": analysis.outcome, "from": analysis.from, "to": analysis.to,
                              "timepoint": analysis.to]
                let test = "\(analysis.threshold.kind == .percent ? "percent" : "points") \(analysis.threshold.value)"
                for arm in comparison.arms {
                    var row = ResultRow(shared.merging(["arm": arm.arm, "test": "responders \(test)", "n": "\(arm.participants)"]) { $1 })
                    row.set("estimate", arm.proportion)
                    row.set(arm.interval)
                    row.cells["statistic"] = "\(arm.responders)"
                    rows.append(row)
                }
                for contrast in comparison.contrasts {
                    let arms = contrast.arms.joined(separator: " vs ")
                    var rd = ResultRow(shared.merging(["arm": arms, "test": "risk_difference \(test)"]) { $1 })
                    rd.set("estimate", contrast.riskDifference?.estimate)
                    rd.set(contrast.riskDifference?.confidenceInterval)
                    var rr = ResultRow(shared.merging(["arm": arms, "test": "risk_ratio \(test)"]) { $1 })
                    rr.set("estimate", contrast.riskRatio?.estimate)
                    rr.set(contrast.riskRatio?.confidenceInterval)
                    rows += [rd, rr]
                    if let fisher = contrast.fisher {
                        var row = ResultRow(shared.merging(["arm": arms]) { $1 })
                        row.set(fisher)
                        row.cells["test"] = "\(fisher.name.rawValue) \(test)"
                        rows.append(row)
                    }
                    if let chiSquared = contrast.chiSquared {
                        var row = ResultRow(shared.merging(["arm": arms]) { $1 })
                        row.set(chiSquared)
                        row.cells["test"] = "\(chiSquared.name.rawValue) \(test)"
                        rows.append(row)
                    }
                }
            }
        }
        return rows
    }
}
