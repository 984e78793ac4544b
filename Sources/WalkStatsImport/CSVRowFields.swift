import Foundation

/// Reads the named fields of one record for the summary and study-sheet importers, turning every
/// problem into a ``CSVImportError`` located at the record's line and the field's column.
struct CSVRowFields {
    let record: CSVRecord
    /// Column index by name, for the columns the file has.
    let columns: [String: Int]
    let file: String
    /// Whether numbers are written with a decimal comma (`4,5`).
    var decimalComma = false

    /// Whether the file has column `name`.
    func has(_ name: String) -> Bool { columns[name] != nil }

    /// The 1-based column of `name` (nil when the file lacks it).
    func column(_ name: String) -> Int? { columns[name].map { $0 + 1 } }

    /// The trimmed text of `name`, or "" when the file lacks the column.
    func text(_ name: String) -> String {
        guard let index = columns[name] else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
    }

    /// A non-empty text field.
    /// - Throws: ``CSVImportError`` `.emptyField` when it is empty.
    func identifier(_ name: String, what: String) throws -> String {
        let value = text(name)
        guard !value.isEmpty else {
            throw problem(.emptyField, name, "expected \(what) in column '\(name)', found an empty field")
        }
        return value
    }

    /// Optional free text: `nil` when empty or spelled as a missing value (`NA`).
    func optionalText(_ name: String) -> String? {
        let value = text(name)
        return NumericCell.missingSpellings.contains(value) ? nil : value
    }

    /// A number as printed, with a decimal point (a decimal comma read as one): `nil` when empty or missing.
    func printedNumber(_ name: String) -> String? {
        guard let text = optionalText(name) else { return nil }
        return decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text
    }

    /// An optional number: `nil` when the column is absent or the cell is missing (empty, `NA`, `NaN`).
    /// - Throws: ``CSVImportError`` for text that is not a finite number.
    func number(_ name: String) throws -> Double? {
        guard let index = columns[name] else { return nil }
        do {
            switch try NumericCell.parse(record.fields[index], columnName: name, decimalComma: decimalComma) {
            case .number(let value): return value
            case .missing: return nil
            }
        } catch let error as CellProblem {
            throw CSVImportError(error.kind, file: file, line: record.line, column: index + 1, message: error.message)
        }
    }

    /// An error at this record and the column of `name` (no column when the file lacks it).
    func problem(_ kind: CSVImportError.Kind, _ name: String, _ message: String) -> CSVImportError {
        CSVImportError(kind, file: file, line: record.line, column: column(name), message: message)
    }

    /// The indices of `required` (all must be present) and of those `optional` columns the table has.
    /// - Throws: ``CSVImportError`` `.missingColumn` naming every absent required column.
    static func columnIndices(_ table: CSVTable, required: [String], optional: [String], what: String) throws -> [String: Int] {
        var indices: [String: Int] = [:]
        var absent: [String] = []
        for name in required {
            if let index = table.columnIndex(name) { indices[name] = index } else { absent.append(name) }
        }
        guard absent.isEmpty else {
            let list = absent.map { "'\($0)'" }.joined(separator: ", ")
            throw CSVImportError(
                .missingColumn, file: table.file, line: table.headerLine,
                message: "expected the \(what) column\(absent.count == 1 ? "" : "s") \(list) in the header "
                    + "(found: \(table.header.joined(separator: ", ")); required: \(required.joined(separator: ", ")))")
        }
        for name in optional {
            if let index = table.columnIndex(name) { indices[name] = index }
        }
        return indices
    }
}
