import Foundation
import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// `reports/evidence.md`: what can and cannot be concluded from the printed numbers — every trial's
/// recomputed results, the pooled effects the meta-analyses printed beside them, a forest plot of the
/// effects on the standardised scale, and the maintainers' written interpretation.
public struct EvidenceReport: Sendable {
    let replications: [StudyReplication]
    /// Printed results of sources that are not trials in the summary data (meta-analyses).
    let pooledPrinted: [PrintedResult]
    let codebook: Codebook
    let interpretation: String?
    let painBesideFunction: [SourceDomains]

    /// The evidence report of `analysis`; `interpretation` is Markdown written by people, shown under its
    /// own heading.
    public init(analysis: EvidenceAnalysis, codebook: Codebook, interpretation: String?) {
        replications = analysis.replications
        pooledPrinted = analysis.pooledPrinted
        self.codebook = codebook
        self.interpretation = interpretation
        painBesideFunction = analysis.painBesideFunction
    }

    private func label(_ outcome: String) -> String { codebook.definition(of: outcome)?.label ?? outcome }

    /// The forest plot: recomputed trial effects (Hedges' g) beside printed pooled standardised effects
    /// that come with an interval. No row is pooled here.
    public var figures: [FigureFile] {
        var rows: [ForestPlot.Study] = []
        for c in replications.flatMap(\.parallel) {
            guard let g = c.hedgesG, let interval = g.confidenceInterval else { continue }
            rows.append(.init(label: "\(c.arm.study): \(c.outcome) (recomputed)", estimate: g.value,
                              lower: interval.lower, upper: interval.upper, weightPercent: nil))
        }
        for p in pooledPrinted where Self.isStandardised(p) {
            guard let value = p.numericValue, let low = p.ciLow, let high = p.ciHigh else { continue }
            rows.append(.init(label: "\(p.study): \(p.outcome) (pooled, printed\(p.kStudies.map { ", k = \($0)" } ?? ""))",
                              estimate: value, lower: low, upper: high, weightPercent: nil))
        }
        guard !rows.isEmpty else { return [] }
        let plot = ForestPlot(title: "Backward walking: standardised effects, recomputed and printed",
                              axisLabel: "Hedges' g / SMD (backward − comparator); negative = less pain or disability",
                              studies: rows, labelHeader: "Source")
        return [.drawing(plot, fileName: "evidence-forest.svg", altText: "Recomputed trial effects beside printed pooled effects")]
    }

    /// Which sources measured pain, which function, and what that allows: pain relief alone is not recovery.
    var painBesideFunctionSection: String {
        var table = MarkdownTable(headers: ["Source", "Pain", "Function", "Strength", "Other", "Reading"],
                                  alignments: [.left, .left, .left, .left, .left, .left])
        for source in painBesideFunction where !source.outcomes.isEmpty {
            func list(_ domains: [OutcomeDomain]) -> String {
                let names = domains.flatMap(source.outcomes)
                return names.isEmpty ? "–" : names.joined(separator: ", ")
            }
            table.rows.append([source.source, list([.pain]), list([.function]), list([.strength]), list([.global, .other]), source.reading])
        }
        guard !table.rows.isEmpty else { return "" }
        return "## Pain beside function\n\n"
            + "Pain relief alone is not recovery: a programme that eases knee pain has shown recovery only where function "
            + "(walking speed, Timed Up and Go, WOMAC function) improved too. Which outcomes each source measured (composite scores "
            + "such as the WOMAC total mix pain, stiffness and function, so they are listed under Other):\n\n" + table.render()
            + "\nResponder analyses (who improved past the minimal clinically important difference in pain, in function, or in both) "
            + "need participant-level data, which none of these sources publishes; `walkstats report` computes them on participant files.\n\n"
    }

    static func isStandardised(_ p: PrintedResult) -> Bool {
        let measure = p.measure.lowercased()
        return measure.contains("hedges") || measure.contains("smd")
    }

    /// The report as Markdown, linking the ``figures`` from `figureFolder` when given, with the provenance
    /// of `context` last.
    public func render(figureFolder: String? = nil, context: ReportContext = ReportContext()) -> String {
        context.markdown(title: "What the printed numbers say about backward walking", body: body(figureFolder: figureFolder))
    }

    private func body(figureFolder: String?) -> String {
        var text = "Every number in the tables below is either recomputed by WalkStats from what the papers print "
            + "(`datasets/published/`, transcribed from their abstracts) or quoted as printed, and says which. "
            + "Per-study reports: [replication/](replication/).\n\n"
        text += "## Trials, recomputed from their printed numbers\n\n"
        for r in replications {
            text += "### \(r.study)" + (r.description.map { " — \($0.design == .parallel ? "parallel groups" : "within-subject")\($0.duration.map { ", \($0)" } ?? "")" } ?? "") + "\n\n"
            var sentences: [String] = []
            for c in r.parallel {
                let welch = c.tests.first { $0.name == .welchT }
                let difference = c.arm.mean - c.reference.mean
                var sentence = "\(label(c.outcome)) at \(c.timepoint), \(c.arm.arm) (n = \(c.arm.n)) − \(c.reference.arm) (n = \(c.reference.n)): "
                let places = NumberFormatting.decimals(c.arm, c.reference)
                sentence += "difference \(NumberFormatting.value(difference, decimals: places))"
                if let ci = welch?.confidenceInterval { sentence += " " + NumberFormatting.interval(ci.lower, ci.upper, decimals: places) }
                if let welch { sentence += ", Welch \(NumberFormatting.pValueClause(welch.pValue))" }
                if let g = c.hedgesG {
                    sentence += ", Hedges' g = \(NumberFormatting.value(g.value, decimals: 2)) \(NumberFormatting.interval(g.confidenceInterval?.lower, g.confidenceInterval?.upper, decimals: 2))"
                }
                if let mcid = codebook.definition(of: c.outcome)?.mcid {
                    sentence += abs(difference) < mcid
                        ? "; smaller than the minimal clinically important difference of \(NumberFormatting.significant(mcid))"
                        : "; at least the minimal clinically important difference of \(NumberFormatting.significant(mcid))"
                }
                let verdicts = Set(c.pValueChecks.map(\.check.verdict.rawValue)).sorted()
                if !verdicts.isEmpty { sentence += "; printed p-value check: \(verdicts.joined(separator: "/"))" }
                sentences.append(sentence + ".")
            }
            for w in r.withinSubject {
                var sentence = "\(label(w.outcome)), \(w.condition.arm) − \(w.reference.arm) (same \(w.condition.n) people): "
                    + "difference \(NumberFormatting.significant(w.condition.mean - w.reference.mean, digits: 3))"
                if let threshold = w.threshold { sentence += "; \(threshold.explanation)" }
                sentences.append(sentence + ".")
            }
            let integerVerdicts = r.integerChecks.flatMap { [$0.grim.verdict, $0.grimmer.verdict] }
            if !integerVerdicts.isEmpty {
                let inconsistent = integerVerdicts.filter { $0 == .inconsistent }.count
                sentences.append("GRIM/GRIMMER on \(r.integerChecks.count) printed means and SDs of whole-number scores: "
                    + (inconsistent == 0 ? "all consistent." : "\(inconsistent) inconsistent."))
            }
            if r.summaries.isEmpty {
                sentences.append("No per-arm n, mean and SD are printed, so nothing can be recomputed. Printed: "
                    + r.printed.map { "\($0.comparison), \($0.outcome): \($0.value ?? "–") (\($0.pReportedAs ?? "no p"))" }.joined(separator: "; ") + ".")
            }
            text += sentences.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        }
        if !pooledPrinted.isEmpty {
            var table = MarkdownTable(headers: ["Source", "Comparison", "Outcome", "Measure", "Printed value", "Interval", "k", "Model", "Re-pooled here?"],
                                      alignments: [.left, .left, .left, .left, .right, .right, .right, .left, .left])
            for p in pooledPrinted {
                table.rows.append([p.study, p.comparison, p.outcome, p.measure, p.value ?? "–",
                                   p.ciLow.map { low in "[\(low), \(p.ciHigh.map { "\($0)" } ?? "?")]" } ?? "–",
                                   p.kStudies.map(String.init) ?? "–", p.model ?? "–", "no: per-study data not printed"])
            }
            text += "## Meta-analyses: pooled effects as printed\n\n" + table.render() + "\n"
                + "WalkStats cannot re-pool these: their abstracts print only the pooled result. Note what each compares: "
                + "backward walking *added to* conventional care versus conventional care or other controls, not backward "
                + "versus forward walking, and in several the population is not knee osteoarthritis.\n\n"
        }
        if let figureFolder {
            text += figures.map { $0.markdown(folder: figureFolder) }.joined(separator: "\n") + "\n"
        }
        text += painBesideFunctionSection
        if let interpretation {
            text += "## Interpretation\n\n*Written by the WalkStats maintainers from the numbers above; not computed.*\n\n" + interpretation
        }
        return text
    }
}
