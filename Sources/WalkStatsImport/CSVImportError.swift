/// A problem in an input file, located by file, line and column, saying what was expected and what was
/// found. Its description reads like `trial.csv:14:5: expected a number in column 'value', found 'n/a'`.
public struct CSVImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is, for code that reacts to it.
    public enum Kind: String, Sendable, Equatable {
        case unreadableFile, isDirectory, emptyFile, noDataRows, notUTF8, unterminatedQuote,
             unexpectedCharacterAfterQuote, raggedRow, duplicateColumn, emptyColumnName, missingColumn,
             emptyField, notANumber, nonFiniteNumber, participantInTwoArms, duplicateMeasurement,
             unlistedTimepoint, timepointNotInData, invalidValue, ambiguousTimepointOrder
        case ambiguousColumn, unsplittableColumn
        /// A file in a format WalkStats does not read, or a damaged or truncated file of one it reads.
        case unsupportedFile, corruptFile
        /// A date where a number or text was expected (an Excel date cell, a date-formatted variable).
        case dateValue
    }

    /// The kind of problem.
    public let kind: Kind
    /// The file's path as the user gave it.
    public let file: String
    /// The 1-based line where the record starts, when the problem has one.
    public let line: Int?
    /// The 1-based column (field number), when the problem has one.
    public let column: Int?
    /// What the importer expected, in words.
    public let message: String
    /// What ``line`` and ``column`` count: lines and fields of text, rows and columns of a worksheet, or
    /// cases and variables of a dataset.
    public var place: CellPlace = .text

    /// Creates an error.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// This error with its line and column counted as `place` counts them.
    public func placed(_ place: CellPlace) -> CSVImportError {
        var placed = self
        placed.place = place
        return placed
    }

    public var description: String {
        "\(place.location(file: file, line: line, column: column)): \(message)"
    }
}

/// What the line and column of a ``CSVImportError`` count, so a message names the place the way the file's
/// own program shows it.
public enum CellPlace: Sendable, Equatable {
    /// Lines and fields of delimited text: `trial.csv:14:5`.
    case text
    /// Rows and columns of a worksheet (column 1 is A): `book.xlsx, sheet 'Data', cell C7`.
    case sheet(name: String)
    /// Cases and variables of a dataset (both 1-based; case 0 is none): `trial.sav, case 7, variable 'pain_pre'`.
    case dataset(variables: [String])

    /// `file` with the place of `line` and `column`, in this place's words.
    public func location(file: String, line: Int?, column: Int?) -> String {
        switch self {
        case .text:
            return file + (line.map { ":\($0)" } ?? "") + (column.map { ":\($0)" } ?? "")
        case .sheet(let name):
            let sheet = "\(file), sheet '\(name)'"
            switch (line, column) {
            case let (line?, column?) where line > 0: return "\(sheet), cell \(Self.columnLetters(column))\(line)"
            case let (line?, nil) where line > 0: return "\(sheet), row \(line)"
            case let (_, column?): return "\(sheet), column \(Self.columnLetters(column))"
            default: return sheet
            }
        case .dataset(let variables):
            var parts = [file]
            if let line, line > 0 { parts.append("case \(line)") }
            if let column { parts.append(column >= 1 && column <= variables.count ? "variable '\(variables[column - 1])'" : "variable \(column)") }
            return parts.joined(separator: ", ")
        }
    }

    /// The letters of a 1-based worksheet column: 1 → A, 27 → AA.
    public static func columnLetters(_ column: Int) -> String {
        var letters = "", rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}

/// Every problem found in one file, when the import was asked to keep going after the first.
public struct CSVImportErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems in file order.
    public let errors: [CSVImportError]

    /// Creates the list; it holds at least one error.
    public init(_ errors: [CSVImportError]) {
        self.errors = errors
    }

    public var description: String {
        let noun = errors.count == 1 ? "problem" : "problems"
        return (errors.map(\.description) + ["\(errors.count) \(noun) found; nothing was imported."])
            .joined(separator: "\n")
    }
}
