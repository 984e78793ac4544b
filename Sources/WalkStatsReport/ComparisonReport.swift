import WalkStatsModel
import WalkStatsStatistics

/// The `compare` output for one outcome: change within each arm and the between-arm difference in
/// change, with the tests that ran, on how many participants, and what could not be computed.
public struct ComparisonReport: Sendable {
    let comparison: OutcomeComparison
    let label: OutcomeLabel

    /// A report of `comparison`, labelled from `codebook`.
    public init(comparison: OutcomeComparison, codebook: Codebook) {
        self.comparison = comparison
        label = OutcomeLabel(comparison.outcome, codebook: codebook)
    }

    /// The report in `format`.
    public func render(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: return "# Comparison: \(label.heading)\n\n" + markdownBody(headingLevel: 2)
        case .json: return json.serialized()
        case .csv: return ResultRow.csv(rows)
        }
    }

    /// The Markdown tables and method text, under headings of `headingLevel`.
    func markdownBody(headingLevel: Int) -> String {
        let c = comparison
        let hashes = String(repeating: "#", count: headingLevel)
        var text = "\(hashes) Change from \(c.from) to \(c.to)\n\n\(label.directionSentence(armA: c.between?.armA.arm))\n\n"
        let places = NumberFormatting.decimals(forSpread: c.within.compactMap(\.changeSummary.standardDeviation).max())
        var withinTable = MarkdownTable(
            headers: ["Arm", "n of randomised", "Mean change", "SD", "t", "df", "p", confidenceHeader],
            alignments: [.left] + Array(repeating: .right, count: 7))
        for arm in c.within {
            let test = arm.tests.first { $0.name == .pairedT }
            withinTable.rows.append([arm.arm, "\(arm.n) of \(arm.randomised)",
                                     NumberFormatting.value(arm.changeSummary.mean, decimals: places),
                                     NumberFormatting.value(arm.changeSummary.standardDeviation, decimals: places)]
                                     + testCells(test, decimals: places))
        }
        text += "Within arms (paired t-test of \(c.to) − \(c.from)):\n\n" + withinTable.render()
        if let between = c.between {
            var table = MarkdownTable(
                headers: ["Test", "n", "Difference (\(between.armA.arm) − \(between.armB.arm))", "t", "df", "p", confidenceHeader],
                alignments: [.left] + Array(repeating: .right, count: 6))
            for test in between.tests {
                table.rows.append([Self.testTitle(test.name), "\(between.armA.n) + \(between.armB.n)",
                                   NumberFormatting.value(test.estimate, decimals: places)] + testCells(test, decimals: places))
            }
            text += "\nBetween arms (difference in change scores):\n\n" + table.render()
        }
        text += "\n" + methodsParagraph + "\n"
        return text
    }

    private var confidenceHeader: String {
        NumberFormatting.confidenceLabel(
            (comparison.within.first?.tests.first ?? comparison.between?.tests.first)?.confidenceInterval?.level ?? 0.95)
    }

    private func testCells(_ test: HypothesisTestResult?, decimals: Int) -> [String] {
        guard let test else { return ["–", "–", "–", "–"] }
        return [NumberFormatting.statistic(test.statistic), test.degreesOfFreedom.map(NumberFormatting.degreesOfFreedom) ?? "–",
                NumberFormatting.pValue(test.pValue),
                NumberFormatting.interval(test.confidenceInterval?.lower, test.confidenceInterval?.upper, decimals: decimals)]
    }

    /// What ran, on whom, and how missing values were handled.
    var methodsParagraph: String {
        let c = comparison
        var sentences = ["Tests: paired t-test within each arm (R `t.test(to, from, paired = TRUE)`)"]
        if let between = c.between {
            sentences[0] += "; between arms on change scores, Welch's t-test (unequal variances, R's default "
                + "`t.test(a, b)`) and Student's t-test (pooled variance, `var.equal = TRUE`), difference = "
                + "\(between.armA.arm) − \(between.armB.arm)"
        }
        sentences[0] += "; two-sided, p-values unadjusted."
        let counts = c.within.map { "\($0.arm) \($0.n) of \($0.randomised) randomised" }.joined(separator: ", ")
        sentences.append("Participants measured at both \(c.from) and \(c.to): \(counts). Missing data: complete cases; "
            + "the \(c.within.reduce(0) { $0 + $1.missing }) participant(s) without a value (missing or no row) at either "
            + "timepoint are excluded, not imputed.")
        if !c.notes.isEmpty {
            sentences.append("Not computed: " + c.notes.joined(separator: "; ") + ".")
        }
        return sentences.joined(separator: " ")
    }

    static func testTitle(_ name: TestName) -> String {
        switch name {
        case .welchT: return "Welch two-sample t-test"
        case .studentT: return "Student two-sample t-test"
        case .pairedT: return "Paired t-test"
        default: return name.rawValue
        }
    }

    /// The documented JSON contract (see README "JSON output of compare").
    var json: JSONValue {
        let c = comparison
        var fields: [(String, JSONValue)] = [
            ("outcome", .string(c.outcome)), ("from", .string(c.from)), ("to", .string(c.to)),
            ("arms", .array(c.arms.map(JSONValue.string))),
            ("within", .array(c.within.map { arm in
                .object([
                    ("arm", .string(arm.arm)), ("randomised", .int(arm.randomised)), ("n", .int(arm.n)),
                    ("missing", .int(arm.missing)), ("mean_change", .number(arm.changeSummary.mean)),
                    ("sd_change", .number(arm.changeSummary.standardDeviation)),
                    ("tests", .array(arm.tests.map(Self.json))),
                ])
            })),
        ]
        if let between = c.between {
            fields.append(("between", .object([
                ("difference", .string("\(between.armA.arm) - \(between.armB.arm)")),
                ("n", .object([(between.armA.arm, .int(between.armA.n)), (between.armB.arm, .int(between.armB.n))])),
                ("tests", .array(between.tests.map(Self.json))),
            ])))
        } else {
            fields.append(("between", .null))
        }
        fields.append(("outcome_info", label.json))
        fields.append(("notes", .array(c.notes.map(JSONValue.string))))
        return .object(fields)
    }

    static func json(_ test: HypothesisTestResult) -> JSONValue {
        .object([
            ("name", .string(test.name.rawValue)), ("method", .string(test.method)),
            ("statistic", .number(test.statistic)), ("df", .number(test.degreesOfFreedom)),
            ("p_value", .number(test.pValue)), ("estimate", .number(test.estimate)),
            ("ci_low", .number(test.confidenceInterval?.lower)), ("ci_high", .number(test.confidenceInterval?.upper)),
            ("conf_level", .number(test.confidenceInterval?.level)),
        ])
    }

    /// The comparison as tidy CSV rows: per arm a `change` row and its tests, then the between-arm tests.
    var rows: [ResultRow] {
        let c = comparison
        let base = ["outcome": c.outcome, "from": c.from, "to": c.to]
        var rows: [ResultRow] = []
        for arm in c.within {
            var change = ResultRow(base.merging(["section": "within", "arm": arm.arm, "test": "change", "n": "\(arm.n)",
                                                 "randomised": "\(arm.randomised)", "missing": "\(arm.missing)"]) { $1 })
            change.set("estimate", arm.changeSummary.mean)
            change.set("sd", arm.changeSummary.standardDeviation)
            rows.append(change)
            for test in arm.tests {
                var row = ResultRow(base.merging(["section": "within", "arm": arm.arm, "randomised": "\(arm.randomised)",
                                                  "missing": "\(arm.missing)"]) { $1 })
                row.set(test)
                rows.append(row)
            }
        }
        if let between = c.between {
            for test in between.tests {
                var row = ResultRow(base.merging(["section": "between", "arm": "\(between.armA.arm) - \(between.armB.arm)",
                                                  "randomised": "\(between.armA.randomised);\(between.armB.randomised)",
                                                  "missing": "\(between.armA.missing);\(between.armB.missing)"]) { $1 })
                row.set(test)
                rows.append(row)
            }
        }
        return rows
    }
}
