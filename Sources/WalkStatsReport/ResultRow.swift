import WalkStatsStatistics

/// One row of the tidy CSV output shared by every command: descriptives, within-arm changes and tests,
/// and between-arm tests all use the same columns (empty where a column does not apply).
public struct ResultRow: Sendable {
    /// The CSV header, in column order.
    public static let columns = ["section", "outcome", "arm", "timepoint", "from", "to", "test", "n", "randomised",
                                 "missing", "estimate", "sd", "se", "statistic", "df", "df2", "p_value", "p_adjusted", "ci_low", "ci_high",
                                 "conf_level", "median", "q1", "q3", "min", "max"]

    /// Cells by column name; absent names are empty cells.
    var cells: [String: String] = [:]

    init(_ pairs: [String: String]) { cells = pairs }

    /// Sets a numeric cell at full precision (empty for `nil`).
    mutating func set(_ column: String, _ value: Double?) {
        cells[column] = value.map(Self.fullPrecision) ?? ""
    }

    /// Sets the cells of a hypothesis test.
    mutating func set(_ test: HypothesisTestResult) {
        cells["test"] = test.name.rawValue
        cells["n"] = test.sampleSizes.map(String.init).joined(separator: ";")
        set("statistic", test.statistic)
        set("df", test.degreesOfFreedom)
        set("df2", test.denominatorDegreesOfFreedom)
        set("p_value", test.pValue)
        set("p_adjusted", test.adjustedPValue)
        set("estimate", test.estimate)
        set("se", test.standardError)
        set("ci_low", test.confidenceInterval?.lower)
        set("ci_high", test.confidenceInterval?.upper)
        set("conf_level", test.confidenceInterval?.level)
    }

    /// Sets the cells of a standardised effect size (its value in `estimate`).
    mutating func set(_ effect: EffectSize) {
        cells["test"] = effect.name.rawValue
        cells["n"] = effect.sampleSizes.map(String.init).joined(separator: ";")
        set("estimate", effect.value)
        set("ci_low", effect.confidenceInterval.lower)
        set("ci_high", effect.confidenceInterval.upper)
        set("conf_level", effect.confidenceInterval.level)
    }

    /// Shortest text that reads back as the same double.
    static func fullPrecision(_ x: Double) -> String { "\(x)" }

    /// Rows as RFC 4180 CSV with a header line and LF line endings.
    public static func csv(_ rows: [ResultRow]) -> String {
        func escape(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        let lines = [columns.joined(separator: ",")]
            + rows.map { row in columns.map { escape(row.cells[$0] ?? "") }.joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }
}
