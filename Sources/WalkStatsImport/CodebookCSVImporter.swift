import Foundation
import WalkStatsModel

/// Reads a codebook CSV with the columns `outcome,label,unit,better,mcid,mcid_source` (any order;
/// `better` is `lower` or `higher`; `mcid` is a number or empty) and the optional columns `instrument`,
/// `scale_min`, `scale_max` (both or neither, min < max), `integer_scores` (`yes` or `no`, default no) and
/// `domain` (`pain`, `function`, `strength`, `global` or `other`, default other), and the responder thresholds
/// beside `mcid` (the minimal change in points): `mcid_percent` (the minimal change as a percentage of the
/// baseline value), `important_change` and `important_change_percent` (a larger, clearly important change),
/// each a positive plain decimal or empty. Thresholds keep their decimals exactly as written.
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
        let index = try CSVRowFields.columnIndices(table, required: requiredColumns, optional: [], what: "codebook")
        var seen: Set<String> = []
        var definitions: [OutcomeDefinition] = []
        var collector = ProblemCollector(keepGoing: false)
        try collector.check(table) { record in
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
            func optionalNumber(_ name: String) throws -> Double? {
                guard let column = table.columnIndex(name) else { return nil }
                do {
                    if case .number(let value) = try NumericCell.parse(record.fields[column], columnName: name) { return value }
                    return nil
                } catch let error as CellProblem {
                    throw CSVImportError(error.kind, file: file, line: record.line, column: column + 1, message: error.message)
                }
            }
            let (low, high) = (try optionalNumber("scale_min"), try optionalNumber("scale_max"))
            var range: ClosedRange<Double>? = nil
            if low != nil || high != nil {
                guard let low, let high, low < high else {
                    throw CSVImportError(.invalidValue, file: file, line: record.line, column: table.columnIndex("scale_min").map { $0 + 1 },
                                         message: "expected both scale_min and scale_max with scale_min < scale_max, "
                                             + "found '\(low.map { "\($0)" } ?? "")' and '\(high.map { "\($0)" } ?? "")'")
                }
                range = low...high
            }
            var integerScores = false
            if let column = table.columnIndex("integer_scores") {
                let text = record.fields[column].trimmingCharacters(in: .whitespaces)
                guard ["", "yes", "no"].contains(text) else {
                    throw CSVImportError(.invalidValue, file: file, line: record.line, column: column + 1,
                                         message: "expected 'yes' or 'no' in column 'integer_scores', found '\(text)'")
                }
                integerScores = text == "yes"
            }
            var domain = OutcomeDomain.other
            if let column = table.columnIndex("domain") {
                let text = record.fields[column].trimmingCharacters(in: .whitespaces)
                guard text.isEmpty || OutcomeDomain(rawValue: text) != nil else {
                    throw CSVImportError(.invalidValue, file: file, line: record.line, column: column + 1,
                                         message: "expected one of \(OutcomeDomain.allCases.map(\.rawValue).joined(separator: ", ")) "
                                             + "in column 'domain', found '\(text)'")
                }
                domain = OutcomeDomain(rawValue: text) ?? .other
            }
            var thresholds: [ResponderThreshold] = []
            for (name, kind, level) in [("mcid", ResponderThreshold.Kind.points, ResponderThreshold.Level.minimal),
                                        ("mcid_percent", .percent, .minimal), ("important_change", .points, .important),
                                        ("important_change_percent", .percent, .important)] {
                guard let column = table.columnIndex(name) else { continue }
                let text = record.fields[column].trimmingCharacters(in: .whitespaces)
                guard !NumericCell.missingSpellings.contains(text) else { continue }
                guard let value = ExactDecimal(text), value.significand > 0 else {
                    throw CSVImportError(.invalidValue, file: file, line: record.line, column: column + 1,
                                         message: "expected a positive decimal such as 1 or 0.05 in column '\(name)'"
                                             + (kind == .percent ? " (a percentage of the baseline value, without %)" : "")
                                             + ", found '\(text)'")
                }
                thresholds.append(ResponderThreshold(value: value, kind: kind, level: level, source: field("mcid_source")))
            }
            let instrument = table.columnIndex("instrument").map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            definitions.append(OutcomeDefinition(id: id, label: field("label").isEmpty ? id : field("label"), unit: field("unit"),
                                                 better: better, mcid: mcid, mcidSource: field("mcid_source"), instrument: instrument,
                                                 scaleRange: range, integerScores: integerScores, domain: domain,
                                                 responderThresholds: thresholds))
            return []
        }
        try collector.finish()
        return Codebook(definitions: definitions)
    }
}
