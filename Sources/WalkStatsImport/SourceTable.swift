import WalkStatsModel

/// One row of a ``SourceTable``: its cells as text and where the row is in its file.
public struct SourceRecord: Sendable, Equatable {
    /// Where the row is: the line of a CSV export, the row of a worksheet, the case of a dataset (1-based).
    public let line: Int
    /// One cell per header column, as text ("" when empty or missing).
    public let fields: [String]
    /// The 1-based source column of each field, when they differ from the table's ``SourceTable/headerColumns``
    /// (the long rows made from one row of a REDCap export each take their value from another column).
    public let columns: [Int]?

    public init(line: Int, fields: [String], columns: [Int]? = nil) {
        self.line = line
        self.fields = fields
        self.columns = columns
    }
}

/// A participant table read from a file that is not plain delimited text — a worksheet, a dataset of a
/// statistics package, a REDCap export — with its cells as text and what the file says about them.
///
/// Every reader of such a file delivers one of these, and the participant importer reads it, long or wide,
/// as it reads delimited text (``ParticipantCSVImporter/importTrial(source:wide:)``): the same checks, the
/// same missing-value codes, the same codebook checks, and errors at the file's own cell (``CellPlace``).
/// So a reader only turns its format's cells into text: numbers as text that reads back to the same
/// `Double` (a worksheet's exactly as stored), missing values as empty text.
public struct SourceTable: Sendable {
    /// The file's path as the user gave it.
    public var file: String
    /// The column names.
    public var header: [String]
    /// The row of the header (0 when the names are not on a row, as a dataset's variables).
    public var headerLine: Int
    /// The 1-based source column of each header field (a worksheet's column, A = 1; a dataset's variable position).
    public var headerColumns: [Int]
    /// The names of the source's columns by position (column − 1), when the header is not the source's own
    /// (a REDCap export turned into long rows): messages name these instead.
    public var sourceHeader: [String]?
    /// The rows, each with `header.count` fields.
    public var records: [SourceRecord]
    /// What a row and column count, for messages.
    public var place: CellPlace
    /// How the file was read, in words, for the report's "Read as:" line.
    public var notes: [String] = []
    /// Value labels by column name: cell text → label. The arm column's labels become arm names.
    public var valueLabels: [String: [String: String]] = [:]
    /// Variable labels by column name; they label outcomes that the codebook leaves without one.
    public var variableLabels: [String: String] = [:]
    /// Outcome definitions the file brings with it (a REDCap data dictionary).
    public var codebook: Codebook?
    /// Columns left out on purpose, with the reason, said in the report ("`name` (identifier)").
    public var dropped: [String] = []

    public init(file: String, header: [String], headerLine: Int, records: [SourceRecord], place: CellPlace) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.headerColumns = Array(1..<(header.count + 1))
        self.records = records
        self.place = place
    }

    /// The 1-based source column of 0-based field `field` of `record` (of the header when `record` is `nil`).
    func sourceColumn(of field: Int, in record: SourceRecord?) -> Int {
        if let columns = record?.columns, field < columns.count { return columns[field] }
        return field < headerColumns.count ? headerColumns[field] : (headerColumns.last ?? 0) + field - headerColumns.count + 1
    }

    /// `error`, found at field positions of this table (1-based `column`), moved to the source's own column,
    /// its message naming the source's column where the header is not the source's own.
    func locate(_ error: CSVImportError, in record: SourceRecord?) -> CSVImportError {
        guard let column = error.column, column >= 1 else { return error }
        let source = sourceColumn(of: column - 1, in: record)
        var message = error.message
        if let sourceHeader, column <= header.count, source >= 1, source <= sourceHeader.count, sourceHeader[source - 1] != header[column - 1] {
            message = message.replacingOccurrences(of: "column '\(header[column - 1])'", with: "column '\(sourceHeader[source - 1])'")
        }
        return CSVImportError(error.kind, file: error.file, line: error.line, column: source, message: message).placed(error.place)
    }

    /// This table with the cells of column `name` replaced by their value labels (cells without a label kept),
    /// and a note saying so; unchanged when the column has no labels.
    func labellingCells(of column: Int) -> SourceTable {
        guard column < header.count, let labels = valueLabels[header[column]], !labels.isEmpty else { return self }
        var labelled = self
        var used = 0
        labelled.records = records.map { record in
            guard let label = labels[record.fields[column]] else { return record }
            used += 1
            var fields = record.fields
            fields[column] = label
            return SourceRecord(line: record.line, fields: fields, columns: record.columns)
        }
        if used > 0 { labelled.notes.append("'\(header[column])' read through its value labels (\(labels.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")))") }
        return labelled
    }

    /// The rows as a ``CSVTable`` (fields as they are).
    var csvTable: CSVTable {
        CSVTable(file: file, header: header, headerLine: headerLine,
                 records: records.map { CSVRecord(line: $0.line, fields: $0.fields) }, problems: [])
    }
}
