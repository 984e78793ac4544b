import WalkStatsAnalysis
import Foundation
import WalkStatsModel
import WalkStatsStatistics

/// The `meta` output: per-study effects, the pooled estimate with heterogeneity, leave-one-out, Egger's
/// test, and (in Markdown) forest and funnel plots.
public struct MetaAnalysisReport: Sendable {
    let analysis: SummaryMetaAnalysis
    let label: OutcomeLabel

    /// A report of `analysis`, labelled from `codebook`.
    public init(analysis: SummaryMetaAnalysis, codebook: Codebook) {
        self.analysis = analysis
        label = OutcomeLabel(analysis.outcome, codebook: codebook)
    }

    private var result: MetaAnalysisResult { analysis.result }
    private var decimals: Int {
        NumberFormatting.decimals(forSpread: analysis.included.map { $0.effect.vi.squareRoot() }.max())
    }
    private var axisLabel: String {
        let difference = "\(analysis.contrast.arm) − \(analysis.contrast.reference)"
        switch analysis.measure {
        case .md:
            let unit = label.definition?.unit ?? analysis.included.first?.arm.unit ?? ""
            return "Mean difference (\(difference))" + (unit.isEmpty ? "" : ", \(unit)")
        case .smd: return "Hedges' g (\(difference))"
        }
    }
    private var methodName: String {
        switch result.method {
        case .reml: return "random effects, REML"
        case .dl: return "random effects, DerSimonian–Laird"
        case .pm: return "random effects, Paule–Mandel"
        case .fe: return "fixed effect (inverse variance)"
        }
    }
    /// Each study's own Wald interval, as metafor's forest plot draws it.
    private func interval(_ effect: StudyEffect) -> ConfidenceInterval {
        (try? effect.confidenceInterval(level: result.confidenceLevel))
            ?? ConfidenceInterval(level: result.confidenceLevel, lower: effect.yi, upper: effect.yi)
    }

    /// The forest and funnel plots, for the folder given to ``render(_:figureFolder:)``.
    public var figures: [FigureFile] {
        let stem = "\(analysis.outcome)-\(analysis.measure.rawValue.lowercased())"
        let forest = ForestPlot(
            title: "\(label.definition?.label ?? analysis.outcome): \(analysis.contrast.arm) vs \(analysis.contrast.reference)", axisLabel: axisLabel,
            studies: analysis.included.map { s in
                let ci = interval(s.effect)
                return ForestPlot.Study(label: s.effect.study + (s.estimated ? " (estimated)" : ""), estimate: s.effect.yi,
                                        lower: ci.lower, upper: ci.upper,
                                        weightPercent: result.weightsPercent[analysis.included.firstIndex { $0.effect.study == s.effect.study }!])
            },
            pooled: ForestPlot.Pooled(label: result.method == .fe ? "Fixed-effect model" : "Random-effects model (\(result.method.rawValue))",
                                      estimate: result.estimate, lower: result.confidenceInterval.lower, upper: result.confidenceInterval.upper),
            predictionInterval: result.predictionInterval.map { ForestPlot.Interval(lower: $0.lower, upper: $0.upper) },
            confidenceLevel: result.confidenceLevel, decimals: decimals)
        let funnel = FunnelPlot(
            title: "Funnel plot: \(label.definition?.label ?? analysis.outcome)", axisLabel: axisLabel,
            studies: analysis.included.map { FunnelPlot.Study(label: $0.effect.study, estimate: $0.effect.yi, standardError: $0.effect.vi.squareRoot()) },
            pooledEstimate: result.estimate, decimals: decimals)
        return [
            .drawing(forest, fileName: "\(stem)-forest.svg", altText: "Forest plot: study effects, pooled estimate and prediction interval"),
            .drawing(funnel, fileName: "\(stem)-funnel.svg", altText: "Funnel plot: study effects against their standard errors"),
        ]
    }

    /// The report in `format`; Markdown shows the ``figures`` from `figureFolder` when given.
    /// The provenance of `context` is printed last.
    public func render(_ format: ReportFormat, figureFolder: String? = nil, context: ReportContext = ReportContext()) -> String {
        switch format {
        case .markdown:
            return context.markdown(title: "Meta-analysis: \(label.heading), \(analysis.contrast.arm) − \(analysis.contrast.reference)",
                                    body: markdown(figureFolder: figureFolder))
        case .json: return context.json(json, as: .meta)
        case .csv: return csv
        }
    }

    // MARK: Markdown

    func markdown(figureFolder: String?) -> String {
        let r = result
        let places = decimals
        func value(_ x: Double) -> String { NumberFormatting.value(x, decimals: places) }
        var text = "Measure: \(analysis.measure == .md ? "mean difference (MD)" : "standardised mean difference, Hedges' g with metafor's exact correction (SMD)"); "
            + "model: \(methodName)\(r.hksj ? ", Hartung–Knapp–Sidik–Jonkman t-based inference" : ", z-based inference"); "
            + "k = \(r.k) studies. Matches `metafor::rma(yi, vi, method = \"\(r.method.rawValue)\"\(r.hksj ? ", test = \"knha\"" : ""))` "
            + "on `escalc(\"\(analysis.measure.rawValue)\", …)`.\n\n"
        var studies = MarkdownTable(headers: ["Study", "Timepoint", "n A", "n B", "Effect", NumberFormatting.confidenceLabel(r.confidenceLevel), "Weight", "Numbers"],
                                    alignments: [.left, .left, .right, .right, .right, .right, .right, .left])
        for (index, s) in analysis.included.enumerated() {
            let ci = interval(s.effect)
            studies.rows.append([s.effect.study, s.timepoint, "\(s.arm.n)", "\(s.reference.n)", value(s.effect.yi),
                                 NumberFormatting.interval(ci.lower, ci.upper, decimals: places),
                                 NumberFormatting.percent(r.weightsPercent[index]), s.estimated ? "estimated (see summaries)" : "printed"])
        }
        text += "## Studies\n\n" + studies.render() + "\n"
        if let figureFolder {
            text += figures.map { $0.markdown(folder: figureFolder) }.joined(separator: "\n") + "\n"
        }
        var pooled = MarkdownTable(headers: ["Estimate", NumberFormatting.confidenceLabel(r.confidenceLevel), r.degreesOfFreedom == nil ? "z" : "t (df)", "p",
                                             "Prediction interval"], alignments: Array(repeating: .right, count: 5))
        pooled.rows.append([value(r.estimate), NumberFormatting.interval(r.confidenceInterval.lower, r.confidenceInterval.upper, decimals: places),
                            NumberFormatting.statistic(r.statistic) + (r.degreesOfFreedom.map { " (\($0))" } ?? ""),
                            NumberFormatting.pValue(r.pValue),
                            r.predictionInterval.map { NumberFormatting.interval($0.lower, $0.upper, decimals: places) } ?? "– (fixed effect)"])
        text += "## Pooled estimate\n\n" + pooled.render() + "\n"
        var heterogeneity = MarkdownTable(headers: ["τ²", "τ", "I²", "H²", "Q (df)", "p"], alignments: Array(repeating: .right, count: 6))
        let ci = r.heterogeneityInterval
        func withInterval(_ x: Double, _ low: Double?, _ high: Double?, _ format: (Double) -> String) -> String {
            guard let low, let high else { return format(x) }
            return "\(format(x)) [\(format(low)), \(high.isFinite ? format(high) : "∞")]"
        }
        let small: (Double) -> String = { NumberFormatting.significant($0, digits: 4) }
        heterogeneity.rows.append([withInterval(r.tau2, ci?.tau2Lower, ci?.tau2Upper, small), withInterval(r.tau, ci?.tauLower, ci?.tauUpper, small),
                                   withInterval(r.i2, ci?.i2Lower, ci?.i2Upper) { NumberFormatting.percent($0) },
                                   withInterval(r.h2, ci?.h2Lower, ci?.h2Upper) { NumberFormatting.value($0, decimals: 2) },
                                   "\(NumberFormatting.value(r.q, decimals: 2)) (\(r.qDegreesOfFreedom))", NumberFormatting.pValue(r.qPValue)])
        text += "## Heterogeneity\n\n" + heterogeneity.render() + "\n"
            + (ci.map { _ in "Intervals of τ², τ, I² and H² by the Q-profile method (`confint(rma)`).\n\n" } ?? "")
        if !analysis.leaveOneOut.isEmpty {
            var table = MarkdownTable(headers: ["Left out", "Estimate", NumberFormatting.confidenceLabel(r.confidenceLevel), "p", "τ²", "I²"],
                                      alignments: [.left] + Array(repeating: .right, count: 5))
            for (s, loo) in zip(analysis.included, analysis.leaveOneOut) {
                table.rows.append([s.effect.study, value(loo.estimate),
                                   NumberFormatting.interval(loo.confidenceInterval.lower, loo.confidenceInterval.upper, decimals: places),
                                   NumberFormatting.pValue(loo.pValue), small(loo.tau2), NumberFormatting.percent(loo.i2)])
            }
            text += "## Leave-one-out\n\n" + table.render() + "\n"
        }
        if let egger = analysis.egger {
            text += "## Small-study effects (Egger's regression test)\n\n"
                + "Test of funnel asymmetry: \(egger.degreesOfFreedom == nil ? "z" : "t(\(egger.degreesOfFreedom!))") = "
                + "\(NumberFormatting.statistic(egger.statistic)), p = \(NumberFormatting.pValue(egger.pValue)); "
                + "limit estimate (SE → 0) \(value(egger.limitEstimate)) "
                + NumberFormatting.interval(egger.limitConfidenceInterval.lower, egger.limitConfidenceInterval.upper, decimals: places)
                + ". Matches `metafor::regtest`.\n\n" + (egger.warning.map { "**Warning:** \($0).\n\n" } ?? "")
        }
        text += "How to read this: each study's effect is \(analysis.contrast.arm) − \(analysis.contrast.reference). The pooled estimate is a weighted "
            + "average; under a random-effects model the studies' true effects are allowed to differ (τ²), and the prediction "
            + "interval says where the effect of a new, similar study would lie. I² is the share of the spread beyond chance.\n"
        if !analysis.notes.isEmpty {
            text += "\nNotes:\n\n" + analysis.notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    // MARK: JSON and CSV

    /// The documented JSON contract (README, "JSON output of meta").
    var json: JSONValue {
        let r = result
        let ci = r.heterogeneityInterval
        return .object([
            ("outcome", .string(analysis.outcome)), ("arms", .array([.string(analysis.contrast.arm), .string(analysis.contrast.reference)])),
            ("measure", .string(analysis.measure.rawValue)), ("method", .string(r.method.rawValue)), ("hksj", .bool(r.hksj)),
            ("k", .int(r.k)), ("estimate", .number(r.estimate)), ("se", .number(r.standardError)),
            ("ci_low", .number(r.confidenceInterval.lower)), ("ci_high", .number(r.confidenceInterval.upper)),
            ("statistic", .number(r.statistic)), ("df", r.degreesOfFreedom.map { .int($0) } ?? .null),
            ("p_value", .number(r.pValue)), ("tau2", .number(r.tau2)),
            ("tau2_ci_low", .number(ci?.tau2Lower)), ("tau2_ci_high", .number(ci?.tau2Upper)),
            ("i2", .number(r.i2)), ("h2", .number(r.h2)), ("q", .number(r.q)), ("q_df", .int(r.qDegreesOfFreedom)),
            ("q_p_value", .number(r.qPValue)),
            ("pi_low", .number(r.predictionInterval?.lower)), ("pi_high", .number(r.predictionInterval?.upper)),
            ("conf_level", .number(r.confidenceLevel)),
            ("studies", .array(analysis.included.enumerated().map { index, s in
                .object([("study", .string(s.effect.study)), ("yi", .number(s.effect.yi)), ("vi", .number(s.effect.vi)),
                         ("weight", .number(r.weightsPercent[index])), ("timepoint", .string(s.timepoint)),
                         ("estimated", .bool(s.estimated))])
            })),
            ("leave_one_out", .array(zip(analysis.included, analysis.leaveOneOut).map { s, loo in
                .object([("omitted", .string(s.effect.study)), ("estimate", .number(loo.estimate)), ("se", .number(loo.standardError)),
                         ("ci_low", .number(loo.confidenceInterval.lower)), ("ci_high", .number(loo.confidenceInterval.upper)),
                         ("p_value", .number(loo.pValue)), ("tau2", .number(loo.tau2)), ("i2", .number(loo.i2))])
            })),
            ("egger", analysis.egger.map { e in
                .object([("statistic", .number(e.statistic)), ("df", e.degreesOfFreedom.map { .int($0) } ?? .null),
                         ("p_value", .number(e.pValue)), ("limit_estimate", .number(e.limitEstimate)),
                         ("warning", e.warning.map(JSONValue.string) ?? .null)])
            } ?? .null),
            ("notes", .array(analysis.notes.map(JSONValue.string))),
        ])
    }

    /// One row per study and one for the pooled estimate: `study,yi,vi,ci_low,ci_high,weight,estimated`.
    var csv: String {
        var lines = ["study,yi,vi,ci_low,ci_high,weight,estimated"]
        for (index, s) in analysis.included.enumerated() {
            let ci = interval(s.effect)
            lines.append("\(s.effect.study),\(s.effect.yi),\(s.effect.vi),\(ci.lower),\(ci.upper),\(result.weightsPercent[index]),\(s.estimated)")
        }
        lines.append("pooled (\(result.method.rawValue)),\(result.estimate),\(result.standardError * result.standardError),"
            + "\(result.confidenceInterval.lower),\(result.confidenceInterval.upper),100,false")
        return lines.joined(separator: "\n") + "\n"
    }
}
