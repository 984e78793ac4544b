import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// A figure of a report: the file name it is written to (inside the report's figure folder), the alt
/// text that the Markdown uses, and the SVG text — or why it could not be drawn.
public struct FigureFile: Sendable, Equatable {
    /// The file name, such as `pain_nrs-trajectory.svg`.
    public let fileName: String
    /// A one-line description for the Markdown image.
    public let altText: String
    /// The SVG document, or `nil` when the data cannot be drawn.
    public let svg: String?
    /// Why the figure could not be drawn, when ``svg`` is `nil`.
    public let problem: String?

    /// `figure` drawn, or the reason it cannot be.
    static func drawing(_ figure: some SVGFigure, fileName: String, altText: String) -> FigureFile {
        do {
            return FigureFile(fileName: fileName, altText: altText, svg: try figure.svg(), problem: nil)
        } catch {
            return FigureFile(fileName: fileName, altText: altText, svg: nil, problem: "\(error)")
        }
    }

    /// The Markdown that shows the figure from a report in the parent of `folder`.
    func markdown(folder: String) -> String {
        if svg != nil { return "![\(altText)](\(folder)/\(fileName))\n" }
        return "Figure not drawn (\(altText)): \(problem ?? "no data").\n"
    }
}

/// The figures of each outcome of a participant-level report: arm means with 95% CIs over time (or across
/// the conditions), every participant's values, and the distribution of each group's change scores (or
/// differences between conditions) when the analysis has them.
enum TrialFigures {
    static func figures(outcome: String, trial: Trial, description: TrialDescription, result: OutcomeResult,
                        label: OutcomeLabel, wording: DesignWording, context: ReportContext) -> [FigureFile] {
        let cells = description.cells(of: outcome)
        let decimals = trial.recordedDecimals(of: outcome).map(NumberFormatting.summaryDecimals(recorded:))
            ?? NumberFormatting.decimals(forSpread: cells.compactMap(\.descriptives.standardDeviation).max())
        let name = label.definition?.label ?? outcome
        let axis = label.definition.map { $0.unit.isEmpty ? $0.label : "\($0.label) (\($0.unit))" } ?? outcome
        // One arm order, and so one colour per arm, for every figure: the arms in sorted order.
        let arms = trial.arms.sorted { $0.name.precedesByCodePoint($1.name) }
        let trajectory = TrajectoryPlot(
            title: context.figureTitle(wording.design == .parallel ? "\(name): mean by arm with 95% CI" : "\(name): mean by condition with 95% CI"),
            timepoints: trial.timepoints,
            arms: arms.map { arm in
                TrajectoryPlot.Arm(name: arm.name, points: trial.timepoints.map { timepoint in
                    let d = cells.first { $0.arm == arm.name && $0.timepoint == timepoint }?.descriptives
                    guard let mean = d?.mean, let interval = d?.confidenceInterval else { return nil }
                    return TrajectoryPlot.Point(mean: mean, lower: interval.lower, upper: interval.upper)
                })
            },
            yAxisLabel: axis, xAxisLabel: wording.occasion, decimals: decimals)
        let spaghetti = SpaghettiPlot(
            title: context.figureTitle("\(name): every participant"), timepoints: trial.timepoints,
            arms: arms.map { arm in
                SpaghettiPlot.Arm(name: arm.name, participants: arm.participants.map { participant in
                    trial.timepoints.map { participant.value(of: outcome, at: $0) }
                })
            },
            yAxisLabel: axis, xAxisLabel: wording.occasion, decimals: decimals)
        let groups = result.groups.filter { $0.arms.count == 1 && !($0.values.first ?? []).isEmpty }
        let change = ChangeDistributionPlot(
            title: context.figureTitle("\(name): \(result.valuesLabel)"),
            groups: groups.map { group in
                    ChangeDistributionPlot.Group(name: group.arms[0], values: group.values[0],
                                                 colorIndex: arms.firstIndex { $0.name == group.arms[0] })
                },
            yAxisLabel: "\(result.direction.noun) in \(axis)", referenceLabel: result.direction.zeroLabel, decimals: decimals)
        let responderCurve = result.responders?.distribution.map { distribution in
            ResponderCurvePlot(
                title: context.figureTitle("\(name): share improving by at least each amount, \(distribution.from) to \(distribution.to)"),
                arms: zip(distribution.arms, distribution.improvements).map { arm, values in
                    ResponderCurvePlot.Arm(name: arm, values: values.map(\.doubleValue), colorIndex: arms.firstIndex { $0.name == arm })
                },
                thresholds: distribution.marked.map { .init(value: $0.value.doubleValue, label: "\($0.value) (\($0.level.rawValue))") },
                xAxisLabel: "Improvement in \(axis) (positive = better)",
                decimals: distribution.improvements.first { !$0.isEmpty }?.first?.decimals ?? 0)
        }
        let perGroup = wording.design == .parallel ? "change scores per arm" : "\(result.direction.noun.lowercased())s between the conditions"
        return [
            .drawing(trajectory, fileName: "\(outcome)-trajectory.svg",
                     altText: "\(name): \(wording.design == .parallel ? "arm means" : "means") \(wording.across) with 95% confidence intervals"),
            .drawing(spaghetti, fileName: "\(outcome)-participants.svg", altText: "\(name): each participant's values \(wording.across)"),
        ] + (groups.isEmpty ? [] : [
            .drawing(change, fileName: "\(outcome)-\(wording.design == .parallel ? "change" : "differences").svg", altText: "\(name): \(perGroup), box plot with every participant"),
        ])
            + (responderCurve.map { [.drawing($0, fileName: "\(outcome)-responders.svg",
                                             altText: "\(name): cumulative distribution of improvement per arm, thresholds marked")] } ?? [])
    }
}
