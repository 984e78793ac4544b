import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// The `report` output: for every outcome, descriptives and whatever the analysis computed, rendered
/// whole in memory before anything is written.
public struct TrialReport: Sendable {
    let analysis: TrialAnalysis
    let descriptives: DescriptivesReport
    let comparisons: [ComparisonReport]
    let codebook: Codebook

    /// The report of `analysis`, labelled from `codebook`.
    public init(analysis: TrialAnalysis, codebook: Codebook) {
        self.analysis = analysis
        self.codebook = codebook
        descriptives = DescriptivesReport(trial: analysis.trial, description: analysis.description, codebook: codebook,
                                          design: analysis.design.design)
        comparisons = analysis.outcomes.map { ComparisonReport(result: $0, codebook: codebook) }
    }

    /// The figures of every outcome (trajectories, participants, change distributions), to be written
    /// into the folder given to ``render(_:figureFolder:)``.
    public var figures: [FigureFile] {
        (flowFigure.map { [$0] } ?? [])
            + comparisons.flatMap { comparison in
            TrialFigures.figures(outcome: comparison.result.outcome, trial: analysis.trial, description: analysis.description,
                                 result: comparison.result, label: comparison.label, wording: descriptives.wording,
                                 context: ReportContext(simulatedBy: analysis.simulatedBy))
        }
    }

    /// The participant flow diagram of a parallel trial (`participant-flow.svg`).
    var flowFigure: FigureFile? {
        guard descriptives.wording.design == .parallel, !analysis.flow.arms.isEmpty else { return nil }
        let flow = analysis.flow
        // The colour order of every figure of the report: every arm of the trial in sorted order.
        let colourOrder = analysis.trial.arms.map(\.name).sorted { $0.precedesByCodePoint($1) }
        let diagram = FlowDiagram(
            title: ReportContext(simulatedBy: analysis.simulatedBy).figureTitle("Participant flow by arm"), visits: flow.visits,
            arms: flow.arms.indices.map { a in
                FlowDiagram.Arm(name: flow.arms[a], randomised: flow.randomised[a], measured: flow.measured.map { $0[a] },
                                measuredEveryVisit: flow.measuredEveryVisit[a],
                                colorIndex: colourOrder.firstIndex(of: flow.arms[a]) ?? a)
            })
        return .drawing(diagram, fileName: "participant-flow.svg", altText: "Participant flow by arm: randomised and measured at each visit")
    }

    /// The report in `format`, with the banner and provenance of `context` (the data count as simulated
    /// when either the context or the analysed metadata says so); Markdown shows the ``figures`` from
    /// `figureFolder` (a path relative to the report) when one is given.
    public func render(_ format: ReportFormat, figureFolder: String? = nil, context: ReportContext = ReportContext()) -> String {
        var context = context
        context.simulatedBy = context.simulatedBy ?? analysis.simulatedBy
        switch format {
        case .markdown:
            var text = overviewMarkdown(analysis.trial, descriptives.wording)
                + "\n" + ParticipantFlowReport(flow: analysis.flow, wording: descriptives.wording).markdown(headingLevel: 2)
                + (figureFolder.flatMap { folder in flowFigure.map { "\n" + $0.markdown(folder: folder) } } ?? "")
                + "\n" + BaselineTableReport(table: analysis.baseline, codebook: codebook, wording: descriptives.wording).markdown(headingLevel: 2)
            let figures = figureFolder == nil ? [] : self.figures
            for comparison in comparisons {
                let outcome = comparison.result.outcome
                text += "\n## \(comparison.label.heading)\n\n### Descriptive statistics\n\n"
                    + descriptives.markdownTable(of: outcome) + "\n"
                if let figureFolder {
                    text += figures.filter { $0.fileName.hasPrefix(outcome + "-") && !$0.fileName.hasSuffix("-responders.svg") }
                        .map { $0.markdown(folder: figureFolder) }.joined(separator: "\n") + "\n"
                }
                // The models over every visit are shown beside the trajectory they model.
                let trajectory = figureFolder.flatMap { folder in
                    figures.first { $0.fileName == "\(outcome)-trajectory.svg" }.map { $0.markdown(folder: folder) }
                }
                let curve = figureFolder.flatMap { folder in
                    figures.first { $0.fileName == "\(outcome)-responders.svg" }.map { $0.markdown(folder: folder) }
                }
                var sectionFigures: [String: String] = [:]
                sectionFigures["models"] = trajectory
                sectionFigures["responders"] = curve
                text += comparison.markdownBody(headingLevel: 3, sectionFigures: sectionFigures)
            }
            if let painFunction = analysis.painFunction {
                text += "\n" + PainFunctionReport(analysis: painFunction).markdown(headingLevel: 2)
            }
            return context.markdown(title: "WalkStats report", body: text)
        case .json:
            return context.json(overviewJSON(analysis.trial) + [
                ("flow", ParticipantFlowReport(flow: analysis.flow, wording: descriptives.wording).json),
                ("baseline", BaselineTableReport(table: analysis.baseline, codebook: codebook, wording: descriptives.wording).json),
                ("descriptives", .array(analysis.description.cells.map(DescriptivesReport.json))),
                ("comparisons", .array(comparisons.map(\.json))),
                ("pain_versus_function", analysis.painFunction.map { PainFunctionReport(analysis: $0).json } ?? .null),
            ], as: .report)
        case .csv:
            return context.csv(descriptives.rows + comparisons.flatMap(\.rows))
        }
    }
}
