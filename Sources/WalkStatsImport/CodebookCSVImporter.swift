import Foundation
import WalkStatsModel

/// Reads a codebook CSV with the columns `outcome,label,unit,better,mcid,mcid_source` (any order;
/// `better` is `lower` or `higher`; `mcid` is a number or empty).
public enum CodebookCSVImporter {
    /// The columns a codebook must have.
    public static let requiredColumns = ["outcome", "label", "unit", "better", "mcid", "mcid_source"]

    /// Imports the codebook at `path`.
    /// - Throws: ``CSVImportError`` naming file, line and column for any problem.
    public static func importCodebook(atPath path: String) throws -> Codebook {
        try importCodebook(data: InputFile.read(path), file: path)
    }

    /// Imports codebook CSV `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` naming file, line and column for any problem.
    public static func importCodebook(data: Data, file: String) throws -> Codebook {
        let table = try CSVTable(data: data, file: file)
        var index: [String: Int] = [:]
        for name in requiredColumns {
            guard let column = table.columnIndex(name) else {
                throw CSVImportError(.missingColumn, file: file, line: table.headerLine,
                                     message: "expected the codebook column '\(name)' in the header "
                                         + "(required: \(requiredColumns.joined(separator: ", ")))")
            }
            index[name] = column
        }
        var seen: Set<String> = []
        let definitions = try table.records.map { record in
            func field(_ name: String) -> String { record.fields[index[name]!].trimmingCharacters(in: .whitespaces) }
            func problem(_ kind: CSVImportError.Kind, _ name: String, _ message: String) -> CSVImportError {
                CSVImportError(kind, file: file, line: record.line, column: index[name]! + 1, message: message)
            }
            let id = field("outcome")
            guard !id.isEmpty else { throw problem(.emptyField, "outcome", "expected an outcome id, found an empty field") }
            guard seen.insert(id).inserted else {
                throw problem(.duplicateMeasurement, "outcome", "outcome '\(id)' is defined twice; expected one row per outcome")
            }
            guard let better = BetterDirection(rawValue: field("better")) else {
                throw problem(.invalidValue, "better", "expected 'lower' or 'higher' in column 'better', found '\(field("better"))'")
            }
            let mcid: Double?
            do {
                if case .number(let value) = try NumericCell.parse(field("mcid"), columnName: "mcid") { mcid = value } else { mcid = nil }
            } catch let error as CellProblem {
                throw problem(error.kind, "mcid", error.message)
            }
            return OutcomeDefinition(id: id, label: field("label").isEmpty ? id : field("label"), unit: field("unit"),
                                     better: better, mcid: mcid, mcidSource: field("mcid_source"))
        }
        return Codebook(definitions: definitions)
    }
}
