import Foundation
import WalkStatsModel

/// Reads a printed-results CSV (`datasets/published/reported-results.csv`):
/// `study,comparison,outcome,measure,source` plus the optional `value,ci_low,ci_high,p_value,
/// p_reported_as,k_studies,model,domain` (`domain`: pain, function, strength, global or other, for outcomes named in the
/// source's own words). Numbers must be finite; `value` may be words (`1.8 vs 1`).
public enum PrintedResultsCSVImporter {
    /// The columns every printed-results file must have.
    public static let requiredColumns = ["study", "comparison", "outcome", "measure", "source"]
    /// The optional columns read.
    public static let optionalColumns = ["value", "ci_low", "ci_high", "p_value", "p_reported_as", "k_studies", "model", "domain"]

    /// Imports the file at `path`.
    /// - Throws: ``CSVImportError`` naming file, line and column for any problem.
    public static func importResults(atPath path: String) throws -> [PrintedResult] {
        try importResults(data: InputFile.read(path), file: path)
    }

    /// Imports CSV `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` naming file, line and column for any problem.
    public static func importResults(data: Data, file: String) throws -> [PrintedResult] {
        let table = try CSVTable(data: data, file: file)
        var collector = ProblemCollector(keepGoing: false)
        let columns = try CSVRowFields.columnIndices(table, required: requiredColumns, optional: optionalColumns,
                                                     what: "printed-results file")
        var results: [PrintedResult] = []
        try collector.check(table) { record in
            let fields = CSVRowFields(record: record, columns: columns, file: file, decimalComma: table.decimalComma)
            let (low, high) = (try fields.number("ci_low"), try fields.number("ci_high"))
            if let low, let high, low > high {
                throw fields.problem(.invalidValue, "ci_low", "expected ci_low ≤ ci_high, found \(low) > \(high)")
            }
            let p = try fields.number("p_value")
            if let p, !(0...1).contains(p) {
                throw fields.problem(.invalidValue, "p_value", "expected a p-value between 0 and 1, found \(p)")
            }
            let k = try fields.number("k_studies")
            if let k, k != k.rounded() || k < 1 {
                throw fields.problem(.invalidValue, "k_studies", "expected a whole number of studies ≥ 1, found \(k)")
            }
            let domainText = fields.optionalText("domain")
            let domain = domainText.flatMap(OutcomeDomain.init(rawValue:))
            if let domainText, domain == nil {
                throw fields.problem(.invalidValue, "domain", "expected one of \(OutcomeDomain.allCases.map(\.rawValue).joined(separator: ", ")) "
                    + "in column 'domain', found '\(domainText)'")
            }
            var result = PrintedResult(
                study: try fields.identifier("study", what: "a study id"),
                comparison: try fields.identifier("comparison", what: "a comparison"),
                outcome: try fields.identifier("outcome", what: "an outcome"),
                measure: try fields.identifier("measure", what: "a measure"),
                value: fields.optionalText("value"), ciLow: low, ciHigh: high, pValue: p,
                pReportedAs: fields.optionalText("p_reported_as"), kStudies: k.map { Int($0) },
                model: fields.optionalText("model"), source: try fields.identifier("source", what: "a source"),
                line: record.line)
            result.domain = domain
            results.append(result)
            return []
        }
        try collector.finish()
        return results
    }
}
