import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// The `compare` output for one outcome: whatever the analysis layer computed for it, rendered by the
/// generic result renderer (Markdown, JSON, CSV), labelled from the codebook.
public struct ComparisonReport: Sendable {
    let result: OutcomeResult
    let label: OutcomeLabel

    /// A report of `result` (already adjusted for multiplicity), labelled from `codebook`.
    public init(result: OutcomeResult, codebook: Codebook) {
        self.result = result
        label = OutcomeLabel(result.outcome, codebook: codebook)
    }

    /// The report in `format`, with the banner and provenance of `context`.
    public func render(_ format: ReportFormat, context: ReportContext = ReportContext()) -> String {
        switch format {
        case .markdown: return context.markdown(title: "Comparison: \(label.heading)", body: markdownBody(headingLevel: 2))
        case .json: return context.json(json, as: .compare)
        case .csv: return context.csv(rows)
        }
    }

    /// The Markdown tables and explanations, under headings of `headingLevel`.
    /// Markdown figures can be shown beside their sections by key: `models` (the trajectory) and
    /// `responders` (the cumulative distribution of change).
    func markdownBody(headingLevel: Int, sectionFigures: [String: String] = [:]) -> String {
        ResultMarkdown(result: result, directionSentence: label.directionSentence(for: result.direction), sectionFigures: sectionFigures)
            .render(headingLevel: headingLevel)
            + (responders.map { "\n" + $0.markdown(headingLevel: headingLevel + 1, figure: sectionFigures["responders"]) } ?? "")
    }

    /// The responder analyses, when the analysis ran them.
    var responders: ResponderReport? { result.responders.map { ResponderReport(result: $0, label: label) } }

    /// The documented JSON contract (see README "JSON output contracts").
    var json: JSONValue {
        ResultJSON.object(result, extra: [("outcome_info", label.json)] + (responders?.json ?? []))
    }

    /// The result as tidy CSV rows.
    var rows: [ResultRow] { ResultRow.rows(result) + (responders?.rows ?? []) }
}
