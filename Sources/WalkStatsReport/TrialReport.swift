import WalkStatsModel
import WalkStatsStatistics

/// The `report` output: for every outcome, descriptives, change within arms and the between-arm
/// comparison, built whole in memory before anything is written.
public struct TrialReport: Sendable {
    let descriptives: DescriptivesReport
    let comparisons: [ComparisonReport]

    /// Analyses every outcome of `trial` from `from` to `to` (defaults: first and last timepoint) between
    /// `arms` (default: the trial's two arms).
    /// - Throws: ``StatisticsError`` for an unknown timepoint or arm, or an invalid request.
    public init(trial: Trial, codebook: Codebook, from: String? = nil, to: String? = nil, arms: [String]? = nil,
                confidenceLevel: Double = 0.95) throws {
        descriptives = try DescriptivesReport(trial: trial, codebook: codebook, confidenceLevel: confidenceLevel)
        comparisons = try trial.outcomes.map { outcome in
            ComparisonReport(
                comparison: try OutcomeComparison(trial: trial, outcome: outcome, from: from, to: to, arms: arms,
                                                  confidenceLevel: confidenceLevel),
                codebook: codebook)
        }
    }

    /// The report in `format`.
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown:
            var text = "# WalkStats report\n\n" + overviewMarkdown(descriptives.trial)
            for comparison in comparisons {
                text += "\n## \(comparison.label.heading)\n\n### Descriptive statistics\n\n"
                    + descriptives.markdownTable(of: comparison.comparison.outcome) + "\n"
                    + comparison.markdownBody(headingLevel: 3)
            }
            return text
        case .json:
            return JSONValue.object(overviewJSON(descriptives.trial) + [
                ("descriptives", .array(descriptives.description.cells.map(DescriptivesReport.json))),
                ("comparisons", .array(comparisons.map(\.json))),
            ]).serialized()
        case .csv:
            return ResultRow.csv(descriptives.rows + comparisons.flatMap(\.rows))
        }
    }
}
