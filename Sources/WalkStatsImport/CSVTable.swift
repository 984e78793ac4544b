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
    /// Whether numbers are written with a decimal comma (given, or detected in a file not separated by commas).
    public var decimalComma = false

    /// Ragged rows (a width other than the header's), in file order; those rows are not in ``records``.
    /// Importers report them among their own row problems (``ProblemCollector``), so the first problem a
    /// user sees is the first in the file.
    public let problems: [CSVImportError]

    /// Parses `data`, collecting ragged rows in ``problems``.
    ///
    /// - Throws: ``CSVImportError`` for problems that stop parsing: text that is not UTF-8, an
    ///   unterminated quote, text after a closing quote, an empty file, a bad header, no data rows.
    public init(data: Data, file: String, options: TextOptions = TextOptions()) throws {
        try self.init(text: DelimitedText(data: data, file: file, options: options))
    }

    /// The records of `text` (the one reader of delimited text, ``DelimitedText``), as strings.
    /// - Throws: ``CSVImportError`` as ``init(data:file:options:)``.
    public init(text: DelimitedText) throws {
        file = text.file
        var all: [CSVRecord] = []
        try text.forEachRecord { record in all.append(CSVRecord(line: record.line, fields: (0..<record.count).map(record.string))) }
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
            problems.append(CSVImportError(
                .raggedRow, file: file, line: record.line, column: min(record.fields.count, header.count) + 1,
                message: "expected \(header.count) fields as in the header, found \(record.fields.count)"))
        }
        records = kept
        self.problems = problems
        decimalComma = text.decimalComma
    }

    /// A table made from records already split (such as the long rows of a reshaped wide sheet).
    init(file: String, header: [String], headerLine: Int, records: [CSVRecord], problems: [CSVImportError]) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.records = records
        self.problems = problems
    }

    /// The index of column `name`, if present: the column spelled exactly so, else the one column whose name
    /// matches ignoring case and spaces (`Participant`, `Time point`).
    public func columnIndex(_ name: String) -> Int? {
        Self.columnIndex(of: name, in: header)
    }

    /// The index of column `name` in `header` (exact, else the one match ignoring case and spaces).
    static func columnIndex(of name: String, in header: [String]) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        func normalised(_ text: String) -> String { text.lowercased().filter { $0 != " " } }
        let target = normalised(name)
        let matches = header.indices.filter { normalised(header[$0]) == target }
        return matches.count == 1 ? matches[0] : nil
    }

    static func validateHeader(_ header: [String], line: Int, file: String) throws {
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
