import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// The `compare` output for one outcome: whatever the analysis layer computed for it, rendered by the
/// generic result renderer (Markdown, JSON, CSV), labelled from the codebook.
public struct ComparisonReport: Sendable {
    let result: OutcomeResult
    let label: OutcomeLabel
    /// How the participant file was read (``Trial/readingNotes``), said before the results.
    let reading: [String]

    /// A report of `result` (already adjusted for multiplicity), labelled from `codebook`; `reading` says how
    /// the file was read (the trial's ``Trial/readingNotes``).
    public init(result: OutcomeResult, codebook: Codebook, reading: [String] = []) {
        self.result = result
        label = OutcomeLabel(result.outcome, codebook: codebook)
        self.reading = reading
    }

    /// The report in `format`, with the banner and provenance of `context`.
    public func render(_ format: ReportFormat, context: ReportContext = ReportContext()) -> String {
        switch format {
        case .markdown:
            let read = reading.isEmpty ? "" : "Read as: \(reading.joined(separator: "; ")).\n\n"
            return context.markdown(title: "Comparison: \(label.heading)", body: read + markdownBody(headingLevel: 2))
        case .json: return context.json(json(reading: true), as: .compare)
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

    /// The documented JSON contract (see README "JSON output contracts"): inside a whole report, without
    /// `reading` (the report says it once, at the top).
    var json: JSONValue { json(reading: false) }

    func json(reading withReading: Bool) -> JSONValue {
        ResultJSON.object(result, extra: [("outcome_info", label.json)] + (withReading ? [("reading", .array(reading.map(JSONValue.string)))] : [])
            + (responders?.json ?? []))
    }

    /// The result as tidy CSV rows.
    var rows: [ResultRow] { ResultRow.rows(result) + (responders?.rows ?? []) }
}
