import WalkStatsAnalysis
import WalkStatsModel

/// Renders a ``ParticipantFlow``: who was randomised and measured at each visit, by arm, in Markdown and JSON.
struct ParticipantFlowReport: Sendable {
    let flow: ParticipantFlow
    let wording: DesignWording

    /// The Markdown section (heading level `level`).
    func markdown(headingLevel level: Int) -> String {
        guard !flow.arms.isEmpty, wording.design == .parallel else { return "" }
        var table = MarkdownTable(headers: [""] + flow.arms, alignments: [.left] + flow.arms.map { _ in .right })
        table.rows.append(["Randomised"] + flow.randomised.map(String.init))
        for (visit, counts) in zip(flow.visits, flow.measured) {
            table.rows.append(["Measured at \(visit)"] + zip(counts, flow.randomised).map { "\($0) (\($1 - $0) missing)" })
        }
        table.rows.append(["Measured at every visit"] + flow.measuredEveryVisit.map(String.init))
        return String(repeating: "#", count: level) + " Participant flow\n\n" + table.render() + "\n"
            + "A participant counts as measured at a visit when any outcome has a value there; each analysis below says how "
            + "many it used. Nothing is imputed; the models over every visit assume values are missing at random.\n"
    }

    /// The JSON object `flow`.
    var json: JSONValue {
        .object([
            ("arms", .array(zip(flow.arms, zip(flow.randomised, flow.measuredEveryVisit)).map { arm, counts in
                .object([("arm", .string(arm)), ("randomised", .int(counts.0)), ("measured_every_visit", .int(counts.1))])
            })),
            ("visits", .array(zip(flow.visits, flow.measured).map { visit, counts in
                .object([("timepoint", .string(visit)), ("measured", .array(counts.map(JSONValue.int)))])
            })),
        ])
    }
}

/// Renders a ``BaselineTable`` ("Table 1"): Markdown with one column per arm, and its JSON object.
struct BaselineTableReport: Sendable {
    let table: BaselineTable
    let codebook: Codebook
    let wording: DesignWording

    /// The Markdown section (heading level `level`), or nothing when there are no rows.
    func markdown(headingLevel level: Int) -> String {
        guard !table.arms.isEmpty, !table.rows.isEmpty else { return "" }
        var markdown = MarkdownTable(headers: ["Characteristic"] + zip(table.arms, table.randomised).map { "\($0) (n = \($1))" },
                                     alignments: [.left] + table.arms.map { _ in .right })
        for row in table.rows {
            let places = decimals(row)
            markdown.rows.append([label(row)] + zip(row.cells, table.randomised).map { cell(row.summary, $0, randomised: $1, places: places) })
        }
        let outcomes = table.timepoint.map { " and each outcome at \($0)" } ?? ""
        let randomised = wording.design != .within
        return String(repeating: "#", count: level) + " Participants" + (randomised ? " at baseline" : "") + "\n\n" + markdown.render() + "\n"
            + (randomised ? "Randomised participants' characteristics\(outcomes), by arm" : "Participants' characteristics, by group")
            + ": mean (SD), median (Q1 to Q3) for a skewed number, n (%) for a category (of those whose value is known); "
            + "\"known\" counts appear where values are missing."
            + (randomised ? " No p-values: in a randomised trial baseline differences arise by chance, and CONSORT advises against testing them.\n" : "\n")
    }

    /// The JSON object `baseline`.
    var json: JSONValue {
        .object([
            ("timepoint", table.timepoint.map(JSONValue.string) ?? .null),
            ("arms", .array(zip(table.arms, table.randomised).map { .object([("arm", .string($0)), ("randomised", .int($1))]) })),
            ("rows", .array(table.rows.map { row in
                .object([
                    ("characteristic", .string(row.characteristic)), ("outcome", .bool(row.isOutcome)),
                    ("level", row.level.map(JSONValue.string) ?? .null), ("summary", .string(row.summary.rawValue)),
                    ("cells", .array(zip(table.arms, row.cells).map { arm, cell in
                        .object([("arm", .string(arm)), ("known", .int(cell.known)), ("centre", .number(cell.centre)),
                                 ("spread", .number(cell.spread)), ("upper", .number(cell.upper)),
                                 ("count", cell.count.map(JSONValue.int) ?? .null)])
                    })),
                ])
            })),
        ])
    }

    private func label(_ row: BaselineTable.Row) -> String {
        if row.isOutcome {
            let name = codebook.definition(of: row.characteristic)?.label ?? "`\(row.characteristic)`"
            return "\(name), \(table.timepoint ?? "")"
        }
        return row.level.map { "\(row.characteristic): \($0)" } ?? row.characteristic
    }

    /// Summaries one decimal beyond the recorded values (else from the spread).
    private func decimals(_ row: BaselineTable.Row) -> Int {
        row.recordedDecimals.map(NumberFormatting.summaryDecimals(recorded:))
            ?? NumberFormatting.decimals(forSpread: row.cells.compactMap(\.spread).max())
    }

    private func cell(_ summary: BaselineTable.Summary, _ cell: BaselineTable.Cell, randomised: Int, places: Int) -> String {
        let known = cell.known < randomised ? " [known \(cell.known)]" : ""
        switch summary {
        case .count:
            guard let count = cell.count, cell.known > 0 else { return "–" }
            return "\(count) (\(NumberFormatting.percent(100 * Double(count) / Double(cell.known), decimals: 0)))" + known
        case .meanSD:
            guard let centre = cell.centre else { return "–" + known }
            return "\(NumberFormatting.value(centre, decimals: places)) (\(NumberFormatting.value(cell.spread, decimals: places)))" + known
        case .medianIQR:
            guard let centre = cell.centre else { return "–" + known }
            let recorded = max(0, places - 1)
            return "\(NumberFormatting.dataValue(centre, recorded: recorded)) ("
                + NumberFormatting.range(NumberFormatting.dataValue(cell.spread, recorded: recorded),
                                         NumberFormatting.dataValue(cell.upper, recorded: recorded)) + ")" + known
        }
    }
}
