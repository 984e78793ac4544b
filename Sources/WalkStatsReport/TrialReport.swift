import WalkStatsModel
import WalkStatsStatistics

/// The `report` output: for every outcome, descriptives, change within arms and the between-arm
/// comparison, built whole in memory before anything is written.
public struct TrialReport: Sendable {
    let descriptives: DescriptivesReport
    let comparisons: [ComparisonReport]

    /// Analyses every outcome of `trial` from `from` to `to` (defaults: first and last timepoint) between
    /// `arms` (default: the trial's two arms), adjusting the ANCOVA for `covariates`, and adjusts p-values
    /// across the outcomes with `adjustment` (R's `p.adjust`; default Holm).
    /// - Throws: ``StatisticsError`` for an unknown timepoint, arm or covariate, or an invalid request.
    public init(trial: Trial, codebook: Codebook, from: String? = nil, to: String? = nil, arms: [String]? = nil,
                covariates: [String] = [], adjustment: PValueAdjustment = .holm, confidenceLevel: Double = 0.95) throws {
        descriptives = try DescriptivesReport(trial: trial, codebook: codebook, confidenceLevel: confidenceLevel)
        let adjusted = try MultiplicityAdjustment(
            trial.outcomes.map { outcome in
                try OutcomeComparison(trial: trial, outcome: outcome, from: from, to: to, arms: arms,
                                      covariates: covariates, confidenceLevel: confidenceLevel)
            },
            method: adjustment)
        comparisons = adjusted.comparisons.map {
            ComparisonReport(comparison: $0, codebook: codebook, adjustment: adjustment, familySize: adjusted.familySize)
        }
    }

    /// The figures of every outcome (trajectories, participants, change distributions), to be written
    /// into the folder given to ``render(_:figureFolder:)``.
    public var figures: [FigureFile] {
        comparisons.flatMap { comparison in
            TrialFigures.figures(outcome: comparison.comparison.outcome, trial: descriptives.trial,
                                 description: descriptives.description, comparison: comparison.comparison,
                                 label: comparison.label)
        }
    }

    /// The report in `format`; Markdown shows the ``figures`` from `figureFolder` (a path relative to
    /// the report) when one is given.
    public func render(_ format: ReportFormat, figureFolder: String? = nil) -> String {
        switch format {
        case .markdown:
            var text = "# WalkStats report\n\n" + overviewMarkdown(descriptives.trial)
            let figures = figureFolder == nil ? [] : self.figures
            for comparison in comparisons {
                let outcome = comparison.comparison.outcome
                text += "\n## \(comparison.label.heading)\n\n### Descriptive statistics\n\n"
                    + descriptives.markdownTable(of: outcome) + "\n"
                if let figureFolder {
                    text += figures.filter { $0.fileName.hasPrefix(outcome + "-") }
                        .map { $0.markdown(folder: figureFolder) }.joined(separator: "\n") + "\n"
                }
                text += comparison.markdownBody(headingLevel: 3)
            }
            return text
        case .json:
            return JSONValue.object(overviewJSON(descriptives.trial) + [
                ("descriptives", .array(descriptives.description.cells.map(DescriptivesReport.json))),
                ("comparisons", .array(comparisons.map(\.json))),
            ]).serialized(as: .report)
        case .csv:
            return ResultRow.csv(descriptives.rows + comparisons.flatMap(\.rows))
        }
    }
}
