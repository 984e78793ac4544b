import Foundation
import WalkStatsModel

/// Reads a summary CSV: one row per study × arm × timepoint × outcome with the numbers a paper printed,
/// into ``ReportedSummary`` values (WalkStatsStatistics' `SummaryDataset(converting:studies:)` then
/// converts them to means and SDs, flagging every converted value).
///
/// *Columns* (any order, RFC 4180 CSV as in ``CSVTable``; other columns are ignored):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `study`, `arm`, `timepoint`, `outcome` | yes | identifiers (in a within-subject study `arm` names the condition) |
/// | `n` | yes | whole number ≥ 2 |
/// | `mean` | yes (may be empty on median rows) | the printed mean |
/// | `sd` | yes (may be empty) | the printed standard deviation |
/// | `se` | no | standard error of the mean |
/// | `ci_low`, `ci_high` | no | 95% confidence interval of the mean |
/// | `median` with `q1`, `q3` | no | median and quartiles |
/// | `median` with `min`, `max` | no | median and range |
/// | `unit`, `source` | no | free text |
///
/// Each row must give exactly one way to get the SD: `sd`, `se`, `ci_low`/`ci_high`, `median` with
/// `q1`/`q3`, or `median` with `min`/`max` (a row with both quartiles and range is refused: WalkStats
/// implements Wan et al.'s scenarios S1 and S3, not S2). A missing cell is empty, `NA` or `NaN`.
///
/// *Validation*, each error naming file, line, column and what was expected: a required column
/// missing; an empty identifier; `n` not a whole number ≥ 2; a number that does not parse; no way or
/// more than one way to get the SD (`expected sd, se, ci_low/ci_high, or median with q1/q3 or
/// min/max`); half a pair (`ci_low` without `ci_high`, `q1` without `q3`, …); a median without its
/// quartiles or range, or quartiles/range without a median; a negative SD or SE; `ci_low` > `ci_high`
/// or a mean outside its CI; a median outside q1…q3 or min…max; a mean, median, quartile or extreme
/// outside the outcome's scale range when ``scaleRanges`` has one; a second row for the same study,
/// arm, timepoint and outcome; and, with ``rejectsLoneArms``, a comparison (study × timepoint ×
/// outcome) with a single arm (see ``loneArmProblems(_:file:)``).
///
/// The importer only reads: it accepts any number of arms per comparison and does not decide which
/// analyses run. The commands that compare arms ask for the lone-arm check.
///
/// Nothing partial is returned: the first problem is thrown, or with ``keepGoing`` every problem is
/// collected and thrown together as ``CSVImportErrors``.
public struct SummaryCSVImporter: Sendable {
    /// The columns every summary file must have.
    public static let requiredColumns = ["study", "arm", "timepoint", "outcome", "n", "mean", "sd"]
    /// The optional columns the importer reads.
    public static let optionalColumns = ["se", "ci_low", "ci_high", "median", "q1", "q3", "min", "max", "unit", "source"]

    /// The possible values of an outcome's scale by outcome id (such as `pain_nrs: 0...10`), from a
    /// codebook; means, medians, quartiles and extremes outside it are errors.
    public var scaleRanges: [String: ClosedRange<Double>]
    /// Whether a comparison with a single arm (or condition) is an error; see ``loneArmProblems(_:file:)``.
    /// Off by default: a file may legitimately hold a lone row.
    public var rejectsLoneArms: Bool
    /// Whether to collect every problem instead of stopping at the first.
    public var keepGoing: Bool

    /// Creates an importer.
    public init(scaleRanges: [String: ClosedRange<Double>] = [:], rejectsLoneArms: Bool = false, keepGoing: Bool = false) {
        self.scaleRanges = scaleRanges
        self.rejectsLoneArms = rejectsLoneArms
        self.keepGoing = keepGoing
    }

    /// Imports the summary file at `path`.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with ``keepGoing``) for any problem.
    public func importSummaries(atPath path: String) throws -> [ReportedSummary] {
        try importSummaries(data: InputFile.read(path), file: path)
    }

    /// Imports summary CSV `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with ``keepGoing``) for any problem.
    public func importSummaries(data: Data, file: String) throws -> [ReportedSummary] {
        let table = try CSVTable(data: data, file: file)
        var collector = ProblemCollector(keepGoing: keepGoing)
        let columns = try CSVRowFields.columnIndices(table, required: Self.requiredColumns,
                                                     optional: Self.optionalColumns, what: "summary")
        var rows: [ReportedSummary] = []
        var firstLine: [SummaryKey: Int] = [:]
        try collector.check(table) { record in
            let fields = CSVRowFields(record: record, columns: columns, file: file, decimalComma: table.decimalComma)
            let row = try readRow(fields)
            let problems = row.problems(scaleRange: scaleRanges[row.outcome]).map {
                fields.problem(.invalidValue, $0.field, $0.message)
            }
            if let first = firstLine[row.key] {
                return problems + [fields.problem(
                    .duplicateMeasurement, "study",
                    "'\(row.label)' already has a row on line \(first); expected one row per study, arm, timepoint and outcome")]
            }
            firstLine[row.key] = record.line
            rows.append(row)
            return problems
        }
        // A lone arm is only reported when every row was readable: a rejected row would otherwise leave
        // its partner looking alone.
        if rejectsLoneArms, collector.problems.isEmpty {
            for problem in Self.loneArmProblems(rows, file: file, armColumn: columns["arm"].map { $0 + 1 }) {
                try collector.record(problem)
            }
        }
        try collector.finish()
        return rows
    }

    /// Comparisons (study × timepoint × outcome) that have only one arm, as errors located at that arm's
    /// row: nothing can be compared with it.
    ///
    /// This is a structural check of the file, separate from reading it (``rejectsLoneArms``), because
    /// what counts as an "arm" depends on the design: in a parallel study arms are independent groups,
    /// while in a within-subject study (Roos 2012: the same 20 people running forward and backward) the
    /// rows are conditions measured on the same people. Any number of arms from two up can be compared,
    /// but a file may legitimately hold a lone row (a baseline-only measurement, say), and a caller that
    /// knows what it will analyse runs this check on its own terms.
    ///
    /// - Parameters:
    ///   - rows: the imported rows.
    ///   - file: the file name for the messages.
    /// - Returns: one error per lone arm, in row order (empty when every comparison has two arms or more).
    public static func loneArmProblems(_ rows: [ReportedSummary], file: String) -> [CSVImportError] {
        loneArmProblems(rows, file: file, armColumn: nil)
    }

    static func loneArmProblems(_ rows: [ReportedSummary], file: String, armColumn: Int?) -> [CSVImportError] {
        var arms: [SummaryComparisonKey: Set<String>] = [:]
        for row in rows { arms[row.key.comparison, default: []].insert(row.arm) }
        return rows.filter { arms[$0.key.comparison]!.count < 2 }.map { row in
            CSVImportError(.invalidValue, file: file, line: row.line, column: armColumn,
                           message: "comparison '\(row.key.comparison)' has only one arm ('\(row.arm)'); expected at least "
                               + "two arms (or, in a within-subject study, two conditions) for the same study, timepoint and outcome")
        }
    }

    /// One row, with its way to get the SD decided; numeric checks are left to
    /// ``ReportedSummary/problems(scaleRange:)``.
    private func readRow(_ fields: CSVRowFields) throws -> ReportedSummary {
        let study = try fields.identifier("study", what: "a study id")
        let arm = try fields.identifier("arm", what: "an arm name")
        let timepoint = try fields.identifier("timepoint", what: "a timepoint")
        let outcome = try fields.identifier("outcome", what: "an outcome id")
        guard let nValue = try fields.number("n") else {
            throw fields.problem(.emptyField, "n", "expected a sample size in column 'n', found an empty field")
        }
        guard nValue == nValue.rounded(), abs(nValue) < 1e9 else {
            throw fields.problem(.invalidValue, "n", "expected a whole number in column 'n', found '\(fields.text("n"))'")
        }
        let mean = try fields.number("mean")
        let spread = try readSpread(fields)
        return ReportedSummary(study: study, arm: arm, timepoint: timepoint, outcome: outcome, n: Int(nValue), mean: mean,
                               spread: spread, unit: fields.optionalText("unit"), source: fields.optionalText("source"),
                               line: fields.record.line, printedMean: fields.printedNumber("mean"),
                               printedStandardDeviation: fields.printedNumber("sd"))
    }

    /// The one way the row gives the SD.
    private func readSpread(_ fields: CSVRowFields) throws -> ReportedSpread {
        var values: [String: Double] = [:]
        for name in ["sd", "se", "ci_low", "ci_high", "median", "q1", "q3", "min", "max"] {
            if let value = try fields.number(name) { values[name] = value }
        }
        for (first, second) in [("ci_low", "ci_high"), ("q1", "q3"), ("min", "max")] {
            let (hasFirst, hasSecond) = (values[first] != nil, values[second] != nil)
            if hasFirst != hasSecond {
                let (given, absent) = hasFirst ? (first, second) : (second, first)
                throw fields.problem(.emptyField, absent, "expected both \(first) and \(second), found \(given) = "
                                         + "\(fields.text(given)) but no \(absent)")
            }
        }
        let hasQuartiles = values["q1"] != nil, hasRange = values["min"] != nil
        if values["median"] == nil, hasQuartiles || hasRange {
            throw fields.problem(.emptyField, "median", "expected a median with \(hasQuartiles ? "q1/q3" : "min/max"), found none")
        }

        var ways: [(columns: [String], spread: ReportedSpread)] = []
        if let sd = values["sd"] { ways.append((["sd"], .standardDeviation(sd))) }
        if let se = values["se"] { ways.append((["se"], .standardError(se))) }
        if let low = values["ci_low"], let high = values["ci_high"] {
            ways.append((["ci_low", "ci_high"], .confidenceInterval(lower: low, upper: high)))
        }
        if let median = values["median"] {
            if let q1 = values["q1"], let q3 = values["q3"] {
                ways.append((["median", "q1", "q3"], .medianInterquartileRange(median: median, q1: q1, q3: q3)))
            }
            if let minimum = values["min"], let maximum = values["max"] {
                ways.append((["median", "min", "max"], .medianRange(median: median, minimum: minimum, maximum: maximum)))
            }
            if !hasQuartiles, !hasRange {
                throw fields.problem(.emptyField, "median", "expected q1/q3 or min/max with the median "
                                         + "\(fields.text("median")), found neither")
            }
        }
        guard let only = ways.first else {
            throw fields.problem(.emptyField, "sd", "expected sd, se, ci_low/ci_high, or median with q1/q3 or min/max; found none")
        }
        guard ways.count == 1 else {
            let found = ways.map { $0.columns.joined(separator: "/") }
            let note = hasQuartiles && hasRange
                ? " (median with both q1/q3 and min/max is Wan et al.'s scenario S2, which WalkStats does not implement)" : ""
            throw fields.problem(.invalidValue, ways[1].columns.last!,
                                 "expected exactly one of sd, se, ci_low/ci_high, or median with q1/q3 or min/max; found "
                                     + found.joined(separator: " and ") + note)
        }
        return only.spread
    }
}
