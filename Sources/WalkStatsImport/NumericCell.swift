import Foundation

/// How WalkStats reads one numeric cell: a finite decimal number, or a missing value.
enum NumericCell: Equatable {
    /// The cell holds a finite number.
    case number(Double)
    /// The cell is empty, `NA` or `NaN`: a missing value.
    case missing

    /// The spellings of a missing value, as R's `read.csv(na.strings = c("NA", "NaN", ""))`.
    static let missingSpellings: Set<String> = ["", "NA", "NaN"]

    /// Reads `text` (surrounding spaces ignored).
    /// - Throws: the kind and message of a ``CSVImportError`` for text that is not a finite decimal
    ///   number, with a hint when it looks like a decimal comma.
    /// With `decimalComma`, one comma is the decimal mark (`4,5` is 4.5).
    static func parse(_ text: String, columnName: String, decimalComma: Bool = false) throws -> NumericCell {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if decimalComma, trimmed.filter({ $0 == "," }).count == 1, !trimmed.contains(".") {
            trimmed = trimmed.replacingOccurrences(of: ",", with: ".")
        }
        if missingSpellings.contains(trimmed) { return .missing }
        let lowered = trimmed.lowercased()
        if ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan"].contains(lowered) {
            throw CellProblem(kind: .nonFiniteNumber, message:
                "expected a finite number in column '\(columnName)', found '\(trimmed)'"
                + (lowered.hasSuffix("nan") ? " (write NA or NaN for a missing value)" : ""))
        }
        let decimalCharacters = Set("0123456789+-.eE")
        guard trimmed.allSatisfy(decimalCharacters.contains), let value = Double(trimmed) else {
            var message = "expected a number in column '\(columnName)', found '\(trimmed)'"
            if looksLikeDecimalComma(trimmed) {
                message += "; it looks like a decimal comma: write '\(trimmed.replacingOccurrences(of: ",", with: "."))'"
            }
            throw CellProblem(kind: .notANumber, message: message)
        }
        guard value.isFinite else {
            throw CellProblem(kind: .nonFiniteNumber, message:
                "expected a number within ±1.8e308 in column '\(columnName)', found '\(trimmed)', which is out of range")
        }
        return .number(value)
    }

    private static func looksLikeDecimalComma(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber)
        }
    }
}

/// A problem with one cell, before the importer adds its location.
struct CellProblem: Error {
    let kind: CSVImportError.Kind
    let message: String
}
