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

    /// Creates an error.
    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
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
