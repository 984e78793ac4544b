import WalkStatsAnalysis
import WalkStatsStatistics

/// One row of the tidy CSV output shared by every command: descriptives, within-arm changes and tests,
/// and between-arm tests all use the same columns (empty where a column does not apply).
public struct ResultRow: Sendable {
    /// The CSV header, in column order.
    public static let columns = ["section", "outcome", "arm", "timepoint", "from", "to", "test", "n", "randomised",
                                 "missing", "estimate", "sd", "se", "statistic", "df", "df2", "p_value", "p_adjusted", "p_adjusted_pairs", "ci_low", "ci_high",
                                 "conf_level", "median", "q1", "q3", "min", "max", "simulated"]

    /// Cells by column name; absent names are empty cells.
    var cells: [String: String] = [:]

    init(_ pairs: [String: String]) { cells = pairs }

    /// Sets a numeric cell at full precision (empty for `nil`).
    mutating func set(_ column: String, _ value: Double?) {
        cells[column] = value.map(Self.fullPrecision) ?? ""
    }

    /// Sets `ci_low`, `ci_high` and `conf_level` (empty for `nil`).
    mutating func set(_ interval: ConfidenceInterval?) {
        set("ci_low", interval?.lower)
        set("ci_high", interval?.upper)
        set("conf_level", interval?.level)
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
        set("p_adjusted_pairs", test.pairwiseAdjustedPValue)
        set("estimate", test.estimate)
        set("se", test.standardError)
        set(test.confidenceInterval)
    }

    /// Sets the cells of a standardised effect size (its value in `estimate`).
    mutating func set(_ effect: EffectSize) {
        cells["test"] = effect.name.rawValue
        cells["n"] = effect.sampleSizes.map(String.init).joined(separator: ";")
        set("estimate", effect.value)
        set(effect.confidenceInterval)
    }

    /// Any ``OutcomeResult`` as tidy rows: per group a summary row (if any), then its items by role
    /// (tests in the section's name, then `effect_size` and `assumption` rows); a table of terms or list of
    /// contrasts gives one row per term or contrast, `test` naming the item and the term (`name: term`).
    static func rows(_ result: OutcomeResult) -> [ResultRow] {
        var rows: [ResultRow] = []
        let shared = Dictionary(uniqueKeysWithValues: result.fields.compactMap { field -> (String, String)? in
            guard case let .string(text) = field.value, columns.contains(field.key) else { return nil }
            return (field.key, text)
        })
        for section in result.sections {
            for group in section.groups {
                var base = ResultRow(shared)
                base.cells["section"] = section.key
                base.cells["arm"] = group.arms.joined(separator: " - ")
                base.cells["randomised"] = group.randomised.map(String.init).joined(separator: ";")
                base.cells["missing"] = group.missing.map(String.init).joined(separator: ";")
                if let summary = group.summary {
                    var row = base
                    row.cells["test"] = summary.name
                    row.cells["n"] = group.analysed.map(String.init).joined(separator: ";")
                    row.set("estimate", summary.mean)
                    row.set("sd", summary.standardDeviation)
                    rows.append(row)
                }
                for role in ResultItem.Role.allCases {
                    var roleBase = base
                    if role != .test { roleBase.cells["section"] = role.rawValue }
                    for item in group.items(role) { rows += roleBase.rows(item) }
                }
            }
        }
        return rows
    }

    /// The rows of one item, from this base row.
    private func rows(_ item: ResultItem) -> [ResultRow] {
        var row = self
        switch item.content {
        case let .test(test):
            row.set(test)
            row.cells["test"] = item.name
            return [row]
        case let .effectSize(effect):
            row.set(effect)
            row.cells["test"] = item.name
            return [row]
        case let .terms(_, terms):
            return terms.map { term in
                var row = self
                row.cells["test"] = "\(item.name): \(term.term)"
                row.set("estimate", term.estimate)
                row.set("se", term.standardError)
                row.set("statistic", term.statistic)
                row.set("df", term.degreesOfFreedom)
                row.set("df2", term.denominatorDegreesOfFreedom)
                row.set("p_value", term.pValue)
                return row
            }
        case let .model(_, terms, visitContrasts, _):
            return rows(ResultItem(name: item.name, role: item.role, presentation: item.presentation,
                                   content: .terms(method: "", terms)))
                + visitContrasts.map { contrast in
                    var row = self
                    row.set(contrast)
                    row.cells["test"] = "\(item.name): \(contrast.timepoint ?? "") \(contrast.arms.joined(separator: " - "))"
                    row.cells["to"] = contrast.timepoint ?? ""
                    return row
                }
        case let .contrasts(_, _, contrasts):
            return contrasts.map { contrast in
                var row = self
                row.set(contrast)
                row.cells["test"] = "\(item.name): \(contrast.arms.joined(separator: " - "))"
                return row
            }
        }
    }

    /// Sets the cells of a contrast (empty where it has no value).
    private mutating func set(_ contrast: ContrastResult) {
        set("estimate", contrast.estimate)
        set("se", contrast.standardError)
        set("statistic", contrast.statistic)
        set("df", contrast.degreesOfFreedom)
        set("p_value", contrast.pValue)
        set("p_adjusted", contrast.adjustedPValue)
        set("p_adjusted_pairs", contrast.pairwiseAdjustedPValue)
        set(contrast.confidenceInterval)
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
