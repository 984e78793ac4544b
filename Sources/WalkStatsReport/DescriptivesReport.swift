import WalkStatsAnalysis
import WalkStatsModel
import WalkStatsStatistics

/// The `describe` output: who is in the trial, what is missing, and descriptives per outcome × arm ×
/// timepoint.
public struct DescriptivesReport: Sendable {
    let trial: Trial
    let description: TrialDescription
    let codebook: Codebook
    let wording: DesignWording

    /// The report of `description` (the descriptives of `trial`), labelling outcomes from `codebook` and
    /// wording the timepoints as the `design` has them (conditions in a within-subject or crossover design).
    public init(trial: Trial, description: TrialDescription, codebook: Codebook, design: DatasetMetadata.Design = .parallel) {
        self.trial = trial
        self.codebook = codebook
        self.description = description
        wording = DesignWording(design: design)
    }

    /// The report in `format`, with the banner and provenance of `context`.
    public func render(_ format: ReportFormat, context: ReportContext = ReportContext()) -> String {
        switch format {
        case .markdown:
            return context.markdown(title: "Descriptive statistics", body: overviewMarkdown(trial, wording)
                + trial.outcomes.map { "\n## \(OutcomeLabel($0, codebook: codebook).heading)\n\n" + markdownTable(of: $0) }
                    .joined())
        case .json:
            return context.json(overviewJSON(trial) + [("descriptives", .array(description.cells.map(Self.json)))], as: .describe)
        case .csv:
            return context.csv(rows)
        }
    }

    /// The descriptives table of one outcome, in Markdown.
    func markdownTable(of outcome: String) -> String {
        let level = description.cells.first?.descriptives.confidenceInterval?.level ?? 0.95
        var table = MarkdownTable(
            headers: [wording.group, wording.occasion, "n", "Missing", "Mean", "SD", "SE", NumberFormatting.confidenceLabel(level),
                      "Median", "Q1 to Q3", "Min to max"],
            alignments: [.left, .left] + Array(repeating: .right, count: 9))
        let cells = description.cells(of: outcome)
        let recorded = description.recordedDecimals(of: outcome)
        let places = recorded.map(NumberFormatting.summaryDecimals(recorded:))
            ?? NumberFormatting.decimals(forSpread: cells.compactMap(\.descriptives.standardDeviation).max())
        func value(_ x: Double?) -> String { NumberFormatting.value(x, decimals: places) }
        func data(_ x: Double?) -> String { NumberFormatting.dataValue(x, recorded: recorded ?? places) }
        for cell in cells {
            let d = cell.descriptives
            table.rows.append([
                cell.arm, cell.timepoint, "\(d.n)", "\(d.missing)", value(d.mean),
                value(d.standardDeviation), value(d.standardError),
                NumberFormatting.interval(d.confidenceInterval?.lower, d.confidenceInterval?.upper, decimals: places),
                data(d.median),
                d.firstQuartile == nil ? "–" : NumberFormatting.range(data(d.firstQuartile), data(d.thirdQuartile)),
                d.minimum == nil ? "–" : NumberFormatting.range(data(d.minimum), data(d.maximum)),
            ])
        }
        return table.render()
    }

    /// The descriptives as tidy CSV rows.
    var rows: [ResultRow] {
        description.cells.map { cell in
            let d = cell.descriptives
            var row = ResultRow(["section": "descriptives", "outcome": cell.outcome, "arm": cell.arm,
                                 "timepoint": cell.timepoint, "n": "\(d.n)", "randomised": "\(cell.randomised)",
                                 "missing": "\(d.missing)"])
            row.set("estimate", d.mean)
            row.set("sd", d.standardDeviation)
            row.set("se", d.standardError)
            row.set(d.confidenceInterval)
            row.set("median", d.median)
            row.set("q1", d.firstQuartile)
            row.set("q3", d.thirdQuartile)
            row.set("min", d.minimum)
            row.set("max", d.maximum)
            return row
        }
    }

    /// JSON of one cell.
    static func json(_ cell: TrialDescription.Cell) -> JSONValue {
        let d = cell.descriptives
        return .object([
            ("outcome", .string(cell.outcome)), ("arm", .string(cell.arm)), ("timepoint", .string(cell.timepoint)),
            ("n", .int(d.n)), ("missing", .int(d.missing)), ("mean", .number(d.mean)),
            ("sd", .number(d.standardDeviation)), ("se", .number(d.standardError)),
            ("ci_low", .number(d.confidenceInterval?.lower)), ("ci_high", .number(d.confidenceInterval?.upper)),
            ("conf_level", .number(d.confidenceInterval?.level)), ("median", .number(d.median)),
            ("q1", .number(d.firstQuartile)), ("q3", .number(d.thirdQuartile)),
            ("min", .number(d.minimum)), ("max", .number(d.maximum)),
        ])
    }
}

/// The opening paragraph every report shares: source, arms with their counts, timepoints (or conditions),
/// missing data.
func overviewMarkdown(_ trial: Trial, _ wording: DesignWording) -> String {
    let absent = trial.absentCells  // counted over every cell: once
    return """
    Data: `\(trial.source)`. \(wording.participants(trial)); \
    \(wording.occasions) \(trial.timepoints.joined(separator: ", ")) (order \(trial.timepointOrderReason)); \
    outcomes \(trial.outcomes.joined(separator: ", ")).\(trial.readingNotes.isEmpty ? "" : " Read as: \(trial.readingNotes.joined(separator: "; ")).")

    Missing data: \(trial.missingCells) value\(trial.missingCells == 1 ? "" : "s") marked missing (empty, NA, NaN or a code declared with --na) \
    and \(absent) participant × \(wording.occasion.lowercased()) × outcome row\(absent == 1 ? "" : "s") absent. \
    Nothing is imputed: each statistic uses the participants observed, and every table says how many.

    """
}

/// The overview fields every JSON report starts with.
func overviewJSON(_ trial: Trial) -> [(String, JSONValue)] {
    [
        ("source", .string(trial.source)),
        ("participants", .int(trial.participantCount)),
        ("arms", .array(trial.arms.map { .object([("arm", .string($0.name)), ("randomised", .int($0.participants.count))]) })),
        ("timepoints", .array(trial.timepoints.map(JSONValue.string))),
        ("timepoint_order", .string(trial.timepointOrderReason)),
        ("reading", .array(trial.readingNotes.map(JSONValue.string))),
        ("outcomes", .array(trial.outcomes.map(JSONValue.string))),
        ("missing_values", .int(trial.missingCells)),
        ("absent_rows", .int(trial.absentCells)),
    ]
}
