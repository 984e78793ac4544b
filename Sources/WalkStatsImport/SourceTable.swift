import Foundation
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
    /// The rows, each with `header.count` fields (made from ``cells`` when the reader packed them there).
    public var records: [SourceRecord] {
        get { cells?.records ?? storedRecords }
        set { storedRecords = newValue; cells = nil }
    }
    private var storedRecords: [SourceRecord]
    /// The rows packed in one byte buffer, when the reader delivered them so (a worksheet): the importer reads
    /// them without a `String` per cell. `nil` when the rows are ``records``.
    public private(set) var cells: SourceCells?
    /// The number of rows.
    public var recordCount: Int { cells?.count ?? storedRecords.count }
    /// What a row and column count, for messages.
    public var place: CellPlace
    /// How the file was read, in words, for the report's "Read as:" line.
    public var notes: [String] = []
    /// Value labels by column name: cell text → label. The arm column's labels become arm names.
    public var valueLabels: [String: [String: String]] = [:]
    /// Variable labels by column name; they label outcomes that the codebook leaves without one.
    public var variableLabels: [String: String] = [:]
    /// What the file says about its outcomes (a REDCap data dictionary's fields), by outcome id.
    public var outcomeInfo: [FileOutcomeInfo] = []
    /// Columns left out on purpose, with the reason, said in the report ("`name` (identifier)").
    public var dropped: [String] = []
    /// Problems the reader found in cells and read past (asked to keep going), each at its cell: the importer
    /// reports them with the problems of the rows.
    public var problems: [CSVImportError] = []

    public init(file: String, header: [String], headerLine: Int, records: [SourceRecord], place: CellPlace) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.headerColumns = Array(1..<(header.count + 1))
        self.storedRecords = records
        self.place = place
    }

    /// A table whose rows are packed in `cells` (one field per header column).
    public init(file: String, header: [String], headerLine: Int, cells: SourceCells, place: CellPlace) {
        precondition(cells.width == header.count, "one cell per header column")
        self.init(file: file, header: header, headerLine: headerLine, records: [], place: place)
        self.cells = cells
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
                 records: records.map { CSVRecord(line: $0.line, fields: $0.fields) }, problems: problems)
    }

    /// What the file says about each outcome: ``outcomeInfo``, then variable labels — a column named as an
    /// outcome, or in a wide table (`layout`) the value columns of an outcome, whose labels' common start
    /// (`Pain NRS, baseline` and `Pain NRS, week 6` give `Pain NRS`) or single label names it.
    public func fileOutcomes(wide layout: WideLayout?) -> [FileOutcomeInfo] {
        var info = outcomeInfo
        let source = "the file's variable label"
        if let layout, let plan = try? layout.plan(header: header, file: file, headerLine: headerLine) {
            var labelsByOutcome: [(outcome: String, labels: [String])] = []
            for value in plan.values {
                guard let label = variableLabels[header[value.column]]?.trimmingCharacters(in: .whitespaces), !label.isEmpty else { continue }
                if let index = labelsByOutcome.firstIndex(where: { $0.outcome == value.outcome }) {
                    labelsByOutcome[index].labels.append(label)
                } else {
                    labelsByOutcome.append((value.outcome, [label]))
                }
            }
            for (outcome, labels) in labelsByOutcome {
                let label = labels.count == 1 ? labels[0] : Self.commonStart(labels)
                if !label.isEmpty { info.append(FileOutcomeInfo(id: outcome, label: label, source: source)) }
            }
        }
        for name in header {
            if let label = variableLabels[name], !label.isEmpty { info.append(FileOutcomeInfo(id: name, label: label, source: source)) }
        }
        return info
    }

    /// The words `labels` all start with, without trailing punctuation or a dangling "at"/"–".
    static func commonStart(_ labels: [String]) -> String {
        let words = labels.map { $0.split(separator: " ").map(String.init) }
        var common: [String] = []
        for (index, word) in (words.first ?? []).enumerated() {
            guard words.allSatisfy({ index < $0.count && $0[index] == word }) else { break }
            common.append(word)
        }
        while let last = common.last, ["at", "-", "–", "—", "(", "at:"].contains(last.lowercased()) { common.removeLast() }
        return common.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-–—("))
    }
}

/// The cells of a table's rows packed into byte buffers, row after row, `width` to a row: what a reader of a
/// large sheet fills instead of a `String` per cell (1,000,000 rows of five short cells take about 60 MB here,
/// against about 400 MB as strings). Rows read in parts on several cores are appended part by part without
/// copying them (each part stays its own segment).
public struct SourceCells: Sendable {
    /// Rows packed in one buffer: the cells' UTF-8 text one after the other, where each cell's text ends (a
    /// cell starts where the one before it ends) and each row's line (row, case) in its file.
    struct Segment: Sendable {
        var bytes: [UInt8] = []
        var ends: [UInt32] = []
        var lines: [Int32] = []
    }

    /// The fields of a row.
    public let width: Int
    /// The segments before the one being filled.
    private var earlier: [Segment] = []
    /// The segment being filled.
    private var current = Segment()

    /// Empty cells for rows of `width` fields.
    public init(width: Int) {
        self.width = width
    }

    /// The number of rows.
    public var count: Int { earlier.reduce(current.lines.count) { $0 + $1.lines.count } }

    /// The largest text one segment holds (a cell's end is kept in 32 bits).
    static let capacity = Int(UInt32.max)

    /// Starts a row at `line`; its `width` cells follow with ``appendCell(_:)``.
    mutating func startRow(line: Int) {
        current.lines.append(Int32(clamping: line))
    }

    /// Appends the next cell of the current row. The caller keeps ``byteCount`` under ``capacity``.
    mutating func appendCell(_ text: UnsafeRawBufferPointer) {
        current.bytes.append(contentsOf: text)
        current.ends.append(UInt32(truncatingIfNeeded: current.bytes.count))
    }

    /// Appends cells of the current row whose text is `text`, each ending at its offset in `ends`.
    mutating func appendCells(_ text: [UInt8], ends cellEnds: some Sequence<Int>) {
        let offset = current.bytes.count
        current.bytes += text
        for end in cellEnds { current.ends.append(UInt32(truncatingIfNeeded: offset + end)) }
    }

    /// The bytes of the segment being filled (what ``capacity`` limits).
    var byteCount: Int { current.bytes.count }

    /// The bytes of every segment.
    var totalByteCount: Int { earlier.reduce(current.bytes.count) { $0 + $1.bytes.count } }

    /// Appends the rows of `other` (of the same width) after these, without copying them.
    mutating func append(_ other: SourceCells) {
        precondition(other.width == width, "rows of the same width")
        if !current.lines.isEmpty { earlier.append(current) }
        earlier += other.earlier.filter { !$0.lines.isEmpty }
        current = other.current
    }

    /// The segments in order.
    private var segments: [Segment] { earlier + [current] }

    /// Calls `body` with each row in `rows` as a record of delimited text read with `text`'s dialect (missing
    /// codes, decimal mark), so the rows go through the same row checks as a file.
    func forEachRecord(in rows: Range<Int>, text: DelimitedText, _ body: (DelimitedText.Record) -> Void) {
        var spans = Array(repeating: FieldSpan(start: 0, end: 0, hasDoubledQuotes: false), count: width)
        var first = 0  // the index of the segment's first row
        for segment in segments {
            defer { first += segment.lines.count }
            let (low, high) = (max(rows.lowerBound, first), min(rows.upperBound, first + segment.lines.count))
            guard low < high else { continue }
            let wanted = low..<high
            segment.bytes.withUnsafeBytes { base in
                segment.ends.withUnsafeBufferPointer { ends in
                    spans.withUnsafeMutableBufferPointer { spans in
                        for row in wanted.lowerBound - first..<wanted.upperBound - first {
                            var start = row == 0 ? 0 : Int(ends[row * width - 1])
                            for field in 0..<width {
                                let end = Int(ends[row * width + field])
                                spans[field] = FieldSpan(start: start, end: end, hasDoubledQuotes: false)
                                start = end
                            }
                            body(DelimitedText.Record(line: Int(segment.lines[row]), fields: UnsafeBufferPointer(spans), base: base, text: text))
                        }
                    }
                }
            }
        }
    }

    /// The rows as records of strings.
    var records: [SourceRecord] {
        var records: [SourceRecord] = []
        records.reserveCapacity(count)
        for segment in segments {
            var start = 0
            for row in segment.lines.indices {
                var fields: [String] = []
                fields.reserveCapacity(width)
                for field in 0..<width {
                    let end = Int(segment.ends[row * width + field])
                    fields.append(String(decoding: segment.bytes[start..<end], as: UTF8.self))
                    start = end
                }
                records.append(SourceRecord(line: Int(segment.lines[row]), fields: fields))
            }
        }
        return records
    }
}
