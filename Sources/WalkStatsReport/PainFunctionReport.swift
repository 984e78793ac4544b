import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// Renders ``PainFunctionAnalysis``: which function outcomes were measured, the pain × function tables
/// (improved in both, pain only, function only, neither) and the OMERACT–OARSI responders.
struct PainFunctionReport {
    let analysis: PainFunctionAnalysis

    func markdown(headingLevel: Int) -> String {
        let h = String(repeating: "#", count: headingLevel)
        var text = "\(h) Pain beside function\n\n"
            + "Pain relief alone is not recovery: a participant whose pain improved but whose function did not has not recovered. "
            + "Pain outcomes: \(analysis.painOutcomes.map { "`\($0)`" }.joined(separator: ", ")). Function outcomes measured: "
            + analysis.functionOutcomes.map { "`\($0.outcome)`" + ($0.hasThreshold ? "" : " (no responder threshold, so not classified)") }
                .joined(separator: ", ") + ". Each participant measured in both outcomes at \(analysis.from) and \(analysis.to) is "
            + "classified by whether each improved by at least its first (minimal) threshold.\n"
        for table in analysis.tables {
            let arms = table.arms.map(\.arm)
            text += "\n\(h)# `\(table.pain)` \(ResponderReport.thresholdText(table.painThreshold)) beside `\(table.function)` "
                + "\(ResponderReport.thresholdText(table.functionThreshold))\n\n"
            var counts = MarkdownTable(headers: ["Improved in"] + table.arms.map { "\($0.arm) (n = \($0.participants))" },
                                       alignments: [.left] + arms.map { _ in .right })
            for (c, category) in PainFunctionTable.categories.enumerated() {
                counts.rows.append([category.1] + table.arms.indices.map { a in
                    let arm = table.arms[a]
                    return ResponderReport.proportionText(ArmProportion(arm: arm.arm, responders: arm.counts[c], participants: arm.participants,
                                                                        interval: table.intervals[c][a]))
                })
            }
            text += counts.render()
            var contrasts = MarkdownTable(headers: ["Improved in"] + ResponderReport.contrastHeaders,
                                          alignments: [.left, .left] + Array(repeating: .right, count: 6))
            for (name, comparison) in [("pain and function", table.both), ("pain only", table.painOnly)] {
                for contrast in comparison.contrasts {
                    var cells = ResponderReport.contrastCells(contrast)
                    // "Pain only" is not a good outcome to treat for, so no number needed to treat.
                    if comparison == table.painOnly { cells[2] = "–" }
                    contrasts.rows.append([name] + cells)
                }
            }
            if !contrasts.rows.isEmpty { text += "\n" + contrasts.render() }
            let notes = table.both.notes + table.painOnly.notes
            if !notes.isEmpty { text += "\n" + notes.map { "- \($0)." }.joined(separator: "\n") + "\n" }
        }
        text += "\n\(h)# OMERACT–OARSI responders\n\n" + analysis.oarsiNote + ".\n"
        if let oarsi = analysis.oarsi {
            text += "\nA responder improves in pain or function by at least 50% and 20 points, or in at least two of pain, function and "
                + "the patient's global assessment by at least 20% and 10 points (Pham et al. 2004, Osteoarthritis Cartilage 12:389–399).\n\n"
            var arms = MarkdownTable(headers: oarsi.comparison.arms.map { "\($0.arm): responders/n (%, 95% CI)" },
                                     alignments: oarsi.comparison.arms.map { _ in .right })
            arms.rows.append(oarsi.comparison.arms.map(ResponderReport.proportionText))
            text += arms.render()
            var contrasts = MarkdownTable(headers: ResponderReport.contrastHeaders, alignments: [.left] + Array(repeating: .right, count: 6))
            contrasts.rows = oarsi.comparison.contrasts.map(ResponderReport.contrastCells)
            if !contrasts.rows.isEmpty { text += "\n" + contrasts.render() }
            if !oarsi.comparison.notes.isEmpty { text += "\n" + oarsi.comparison.notes.map { "- \($0)." }.joined(separator: "\n") + "\n" }
        }
        return text + "\n" + ResponderReport.methodsSentence + "\n"
    }

    var json: JSONValue {
        .object([
            ("from", .string(analysis.from)), ("timepoint", .string(analysis.to)),
            ("pain_outcomes", .array(analysis.painOutcomes.map(JSONValue.string))),
            ("function_outcomes", .array(analysis.functionOutcomes.map {
                .object([("outcome", .string($0.outcome)), ("has_threshold", .bool($0.hasThreshold))])
            })),
            ("tables", .array(analysis.tables.map { table in
                .object([
                    ("pain", .string(table.pain)), ("pain_mcid", .number(table.painThreshold.value.doubleValue)),
                    ("pain_mcid_kind", .string(table.painThreshold.kind.rawValue)),
                    ("function", .string(table.function)), ("function_mcid", .number(table.functionThreshold.value.doubleValue)),
                    ("function_mcid_kind", .string(table.functionThreshold.kind.rawValue)),
                    ("arms", .array(table.arms.indices.map { a in
                        let arm = table.arms[a]
                        return .object([("arm", .string(arm.arm)), ("n", .int(arm.participants))]
                            + PainFunctionTable.categories.indices.flatMap { c -> [(String, JSONValue)] in
                                let key = PainFunctionTable.categories[c].0
                                return [(key, .int(arm.counts[c])), ("\(key)_ci_low", .number(table.intervals[c][a]?.lower)),
                                        ("\(key)_ci_high", .number(table.intervals[c][a]?.upper))]
                            })
                    })),
                    ("both", .object(ResponderReport.json(table.both))),
                    ("pain_only", .object(ResponderReport.json(table.painOnly))),
                ])
            })),
            ("oarsi", analysis.oarsi.map { oarsi in
                .object([("pain", .string(oarsi.pain)), ("function", .string(oarsi.function)),
                         ("global", oarsi.global.map(JSONValue.string) ?? .null)] + ResponderReport.json(oarsi.comparison))
            } ?? .null),
            ("oarsi_note", .string(analysis.oarsiNote)),
        ])
    }
}
