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
