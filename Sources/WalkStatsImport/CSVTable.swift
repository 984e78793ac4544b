import Foundation

/// One record of a CSV file: its fields and the line where it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line on which the record starts (a quoted field may span several lines).
    public let line: Int
    /// The fields, unquoted.
    public let fields: [String]
}

/// A CSV file parsed per RFC 4180: a header and records of the same width.
///
/// Accepts quoted fields with embedded commas, doubled quotes and line breaks; LF, CRLF or CR line
/// endings; a leading UTF-8 byte-order mark; blank lines (skipped). Rejects text that is not UTF-8, an
/// unterminated quote, text after a closing quote, duplicate or empty column names and rows whose width
/// differs from the header's.
public struct CSVTable: Sendable {
    /// The file name used in messages.
    public let file: String
    /// The column names from the first record.
    public let header: [String]
    /// The line on which the header starts.
    public let headerLine: Int
    /// The data records, each with `header.count` fields.
    public let records: [CSVRecord]

    /// Ragged rows (a width other than the header's), in file order; those rows are not in ``records``.
    /// Importers report them among their own row problems (``ProblemCollector``), so the first problem a
    /// user sees is the first in the file.
    public let problems: [CSVImportError]

    /// Parses `data`, collecting ragged rows in ``problems``.
    ///
    /// - Throws: ``CSVImportError`` for problems that stop parsing: text that is not UTF-8, an
    ///   unterminated quote, text after a closing quote, an empty file, a bad header, no data rows.
    public init(data: Data, file: String) throws {
        self.file = file
        let text = try Self.decodeUTF8(data, file: file)
        var all = try Self.parseRecords(text, file: file)
        guard !all.isEmpty else {
            throw CSVImportError(.emptyFile, file: file, message: "the file is empty; expected a header row")
        }
        let headerRecord = all.removeFirst()
        header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        headerLine = headerRecord.line
        try Self.validateHeader(header, line: headerRecord.line, file: file)
        guard !all.isEmpty else {
            throw CSVImportError(.noDataRows, file: file, line: headerRecord.line,
                                 message: "the file has a header but no data rows")
        }
        var kept: [CSVRecord] = []
        var problems: [CSVImportError] = []
        for record in all {
            if record.fields.count == header.count {
                kept.append(record)
                continue
            }
            let error = CSVImportError(
                .raggedRow, file: file, line: record.line, column: min(record.fields.count, header.count) + 1,
                message: "expected \(header.count) fields as in the header, found \(record.fields.count)")
            problems.append(error)
        }
        records = kept
        self.problems = problems
    }

    /// A table made from records already split (such as the long rows of a reshaped wide sheet).
    init(file: String, header: [String], headerLine: Int, records: [CSVRecord], problems: [CSVImportError]) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.records = records
        self.problems = problems
    }

    /// The index of column `name`, if present.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    private static func decodeUTF8(_ data: Data, file: String) throws -> String {
        if let text = String(data: data, encoding: .utf8) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        // Locate the first invalid byte for the message.
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var previous: Unicode.Scalar? = nil
        decodeLoop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                // Line breaks as the parser counts them: LF, CRLF (one break) or CR alone.
                if scalar == "\r" || (scalar == "\n" && previous != "\r") {
                    line += 1; column = 1
                } else if scalar != "\n" {
                    column += 1
                }
                previous = scalar
            case .emptyInput:
                break decodeLoop
            case .error:
                break decodeLoop
            }
        }
        throw CSVImportError(.notUTF8, file: file, line: line,
                             message: "the text is not valid UTF-8 at character \(column) of this line; "
                                 + "save the file with UTF-8 encoding")
    }

    private static func parseRecords(_ text: String, file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty
            if !blank { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { field.append("\""); continue }
                        pending = next
                    }
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    if scalar == "\n" || (scalar == "\r") { line += 1 }
                    if scalar == "\r", let next = scalars.next() {
                        if next == "\n" { field.append("\r"); field.append("\n"); continue }
                        pending = next
                    }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\n", "\r":
                if scalar == "\r", let next = scalars.next(), next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            default:
                if afterClosingQuote {
                    throw CSVImportError(
                        .unexpectedCharacterAfterQuote, file: file, line: line, column: fields.count + 1,
                        message: "expected ',' or the end of the line after a closing quote, found '\(scalar)'")
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            throw CSVImportError(.unterminatedQuote, file: file, line: quoteLine, column: fields.count + 1,
                                 message: "a quoted field opened here is never closed; expected a closing '\"'")
        }
        if !fields.isEmpty || !field.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    private static func validateHeader(_ header: [String], line: Int, file: String) throws {
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                throw CSVImportError(.emptyColumnName, file: file, line: line, column: index + 1,
                                     message: "expected a column name in the header, found an empty field")
            }
            if let first = seen[name] {
                throw CSVImportError(.duplicateColumn, file: file, line: line, column: index + 1,
                                     message: "column '\(name)' appears twice in the header (also column \(first + 1))")
            }
            seen[name] = index
        }
    }
}
