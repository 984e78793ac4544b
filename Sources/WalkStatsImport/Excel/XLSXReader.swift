import Foundation

/// Reads one worksheet of an Excel `.xlsx` workbook as a ``SourceTable``, for the participant importer to read
/// long or wide as it reads delimited text.
///
/// The sheet is chosen by name or 1-based number (`--sheet`), else it is the first sheet in workbook order.
/// Its table is found the way a person sees it:
///
///     header  = the first row with a value
///     columns = from the header's first non-empty cell to its last (headerColumns: A = 1)
///     rows    = every later row with a value in those columns; rows with no value are skipped
///
/// Cells become text as ``XLSXSheetRows`` reads them: numbers exactly as stored (`1.07` stays `1.07`,
/// no reformatting), strings as written, formulas through their cached value, `TRUE`/`FALSE`, and errors
/// as their text (`#N/A`, which `--na '#N/A'` can declare missing). Empty and absent cells are `""`.
///
/// *Speed.* The rows are packed into ``SourceCells`` (no `String` per cell). A sheet with 8 MB or more of
/// sheet data after its header is read in parts on every core (``XLSXSheetRows/splitPoints(parts:minimumSize:)``),
/// each part's rows appended to the ones before as if read in turn; a part that does not end between two
/// rows is read on alone, so the table and the first error are those of reading the sheet in one pass.
/// The 283 MB sheet of a 1,000,000-row workbook is read in about a second (`make bench`).
///
/// Refused, naming the file and, where there is one, the sheet and cell: a file that is not an `.xlsx`
/// workbook or is truncated or damaged (``XLSXPackage``); a workbook without its workbook part or sheet
/// part; `--sheet` naming no sheet (the error lists them); a chart sheet; malformed XML (the part and the
/// byte offset); a date (a number shown in a date or time format, from `styles.xml`), which WalkStats
/// cannot tell from a measurement: store it as text or a number; a value in a column beyond the header's
/// last; a sheet with no value, or a header and no rows.
public enum XLSXReader {
    /// The table on sheet `sheet` (a name or a 1-based number; `nil` for the first) of the workbook at `path`.
    /// With `keepGoing`, a date cell or a value outside the header's columns is kept in
    /// ``SourceTable/problems`` (the date's number kept as its text, the stray value left out) and the sheet is
    /// read on, so every such cell is reported with the rows' problems.
    /// - Throws: ``CSVImportError`` as described on the type.
    public static func read(path: String, sheet: String? = nil, keepGoing: Bool = false) throws -> SourceTable {
        let data: Data
        do {
            data = try InputFile.read(path, mapped: true)
        } catch let error as CSVImportError {
            throw CSVImportError(error.kind, file: error.file, line: error.line, column: error.column,
                                 message: error.message.replacingOccurrences(of: "a CSV file", with: "an Excel .xlsx workbook"))
        }
        return try read(data: data, file: path, sheet: sheet, keepGoing: keepGoing)
    }

    /// The table on sheet `sheet` of the workbook whose bytes are `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` as ``read(path:sheet:)``.
    public static func read(data: Data, file: String, sheet selector: String? = nil, keepGoing: Bool = false) throws -> SourceTable {
        try read(data: data, file: file, sheet: selector, keepGoing: keepGoing, partSize: splitSize)
    }

    /// ``read(data:file:sheet:keepGoing:)`` with the sheet read in parts from `partSize` bytes of sheet data on
    /// (tests split small sheets with it).
    static func read(data: Data, file: String, sheet selector: String?, keepGoing: Bool = false, partSize: Int) throws -> SourceTable {
        let package = try XLSXPackage(data: data, file: file)
        let workbook = try XLSXWorkbook(package: package)
        let (_, sheet) = try workbook.sheet(selector)
        let place = CellPlace.sheet(name: sheet.name)
        guard sheet.isWorksheet else {
            throw CSVImportError(.unsupportedFile, file: file,
                                 message: "sheet '\(sheet.name)' is a chart or macro sheet, not a worksheet; expected a worksheet "
                                    + "(the workbook has \(workbook.listing))")
        }
        guard let partPath = sheet.part, let part = try package.part(partPath) else {
            throw CSVImportError(.corruptFile, file: file,
                                 message: "the part holding sheet '\(sheet.name)'\(sheet.part.map { " ('\($0)')" } ?? "") is missing from the workbook")
        }
        let sharedStrings = try workbook.sharedStringsPart.flatMap { path in
            try package.part(path).map { try XLSXSheetScanner.sharedStrings($0, part: path, file: file) }
        } ?? XLSXSharedStrings()
        let dates = try workbook.stylesPart.flatMap { path in
            try package.part(path).map { try XLSXDateFormats(styles: $0, part: path, file: file) }
        } ?? .none

        var builder = TableBuilder(file: file, place: place, keepGoing: keepGoing)
        do {
            try part.withUnsafeBytes { bytes in
                var rows = XLSXSheetRows(bytes, sharedStrings: sharedStrings, dates: dates)
                var row = XLSXRow()
                while builder.header.isEmpty, try rows.next(into: &row) { try builder.add(row) }
                guard !builder.header.isEmpty else { return }
                let splits = rows.splitPoints(parts: 4 * ProcessInfo.processInfo.activeProcessorCount, minimumSize: partSize)
                if !splits.isEmpty {
                    try readInParts(&rows, splits: splits, into: &builder)
                } else {
                    while try rows.next(into: &row) { try builder.add(row) }
                }
            }
        } catch let error as XMLSyntaxError {
            throw XLSXWorkbook.malformed(error, part: partPath, file: file)
        } catch let error as XLSXContentError {
            throw CSVImportError(.corruptFile, file: file, line: error.row, column: error.column,
                                 message: "part '\(partPath)' at byte \(error.offset): expected \(error.message)").placed(place)
        }
        var table = try builder.finish()
        let position: String
        if selector != nil {
            position = "chosen with --sheet, of \(workbook.sheets.count)"
        } else if workbook.sheets.count == 1 {
            position = "its only sheet"
        } else {
            position = "the first of \(workbook.sheets.count) sheets"
        }
        var note = "Excel workbook, sheet '\(sheet.name)' (\(position))"
        if table.headerLine != 1 || table.headerColumns.first != 1 {
            note += ", header on row \(table.headerLine) from column \(CellPlace.columnLetters(table.headerColumns.first ?? 1))"
        }
        table.notes.append(note)
        return table
    }

    /// The size of sheet data left after the header from which a sheet is read on all cores, in parts of at
    /// least half this size.
    static let splitSize = 8 << 20

    /// Reads the rest of the sheet in parts on all cores: `rows` up to the first of `splits`, and a reader
    /// from each split to the next (``XLSXSheetRows/resumed(at:)``), each into its own builder; then appends
    /// each part's rows to the ones before, as if read in turn. A part whose reader does not reach the next
    /// split between two rows (the split fell inside a comment or CDATA section) reads on alone to the end and
    /// the parts after it are not used. The error of the earliest part that failed is thrown.
    private static func readInParts(_ rows: inout XLSXSheetRows, splits: [Int], into builder: inout TableBuilder) throws {
        final class Part: @unchecked Sendable {
            var rows: XLSXSheetRows
            let start: XLSXSheetRows
            let stop: Int
            var builder: TableBuilder
            var error: Error?
            init(rows: XLSXSheetRows, stop: Int, builder: TableBuilder) {
                self.rows = rows
                self.start = rows
                self.stop = stop
                self.builder = builder
            }
        }
        let parts = [Part(rows: rows, stop: splits[0], builder: builder)] + splits.indices.map { index in
            Part(rows: rows.resumed(at: splits[index]), stop: index + 1 < splits.count ? splits[index + 1] : .max, builder: builder.continued())
        }
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let part = parts[index]
            var row = XLSXRow()
            do {
                while try part.rows.next(into: &row, stop: part.stop) { try part.builder.add(row) }
            } catch {
                part.error = error
            }
        }
        for (index, part) in parts.enumerated() {
            if let error = part.error { throw error }
            if index == 0 { builder = part.builder } else { builder.append(part.builder) }
            guard index + 1 < parts.count else { return }
            guard part.rows.isBetweenRows(at: part.stop, as: parts[index + 1].start) else {
                rows = part.rows
                var row = XLSXRow()
                while try rows.next(into: &row) { try builder.add(row) }
                return
            }
        }
    }

    /// Turns rows of cells into the table: the header from the first row, then one row of cells per row.
    struct TableBuilder {
        let file: String
        let place: CellPlace
        /// Whether a date or a stray value is kept in ``problems`` instead of thrown.
        let keepGoing: Bool
        var header: [String] = []
        var headerLine = 0
        var firstColumn = 0
        var lastColumn = 0
        var cells = SourceCells(width: 0)
        var problems: [CSVImportError] = []

        init(file: String, place: CellPlace, keepGoing: Bool = false) {
            self.file = file
            self.place = place
            self.keepGoing = keepGoing
        }

        /// Throws `problem`, or keeps it when asked to keep going.
        private mutating func report(_ problem: CSVImportError) throws {
            guard keepGoing else { throw problem }
            problems.append(problem)
        }

        /// A builder for the rows after these: the same header, no rows yet.
        func continued() -> TableBuilder {
            var builder = self
            builder.cells = SourceCells(width: header.count)
            builder.problems = []
            return builder
        }

        mutating func add(_ row: XLSXRow) throws {
            for (index, format) in row.dates {
                let column = row.column(index)
                guard header.isEmpty || (column >= firstColumn && column <= lastColumn) else { continue }
                try report(CSVImportError(.dateValue, file: file, line: row.number, column: column,
                                          message: "the cell holds a date (formatted '\(format)'); expected a number or text: "
                                              + "store it as text or a number").placed(place))
            }
            if header.isEmpty {
                firstColumn = row.column(0)
                lastColumn = row.column(row.count - 1)
                header = Array(repeating: "", count: lastColumn - firstColumn + 1)
                for index in 0..<row.count { header[row.column(index) - firstColumn] = row.text(index) }
                headerLine = row.number
                cells = SourceCells(width: header.count)
                return
            }
            for index in 0..<row.count {
                let column = row.column(index)
                guard column >= firstColumn, column <= lastColumn else {
                    let side = column < firstColumn ? "before the header's first column" : "beyond the header's last column"
                    try report(CSVImportError(.raggedRow, file: file, line: row.number, column: column,
                                              message: "expected no value \(side) (\(CellPlace.columnLetters(column < firstColumn ? firstColumn : lastColumn))), "
                                                + "found '\(row.text(index))'").placed(place))
                    continue
                }
            }
            // A row whose only values lie outside the table (kept going past) is not a row of the table.
            guard row.cells.contains(where: { $0.column >= firstColumn && $0.column <= lastColumn }) else { return }
            // One field per header column: the cell's text, or empty. (A column given twice keeps its last cell.)
            cells.startRow(line: row.number)
            if row.count == header.count, row.cells.indices.allSatisfy({ row.column($0) == firstColumn + $0 }) {
                // A value in every column (the columns are in order and within the header's): the row's text as it is.
                cells.appendCells(row.bytes, ends: row.cells.lazy.map(\.end))
                return try checkSize(row: row.number)
            }
            row.bytes.withUnsafeBytes { base in
                var index = 0
                for column in firstColumn...lastColumn {
                    var text = UnsafeRawBufferPointer(rebasing: base[0..<0])
                    while index < row.count, row.column(index) <= column {
                        if row.column(index) == column { text = UnsafeRawBufferPointer(rebasing: base[row.range(index)]) }
                        index += 1
                    }
                    cells.appendCell(text)
                }
            }
            try checkSize(row: row.number)
        }

        /// Appends the rows `other` read after these.
        mutating func append(_ other: TableBuilder) {
            cells.append(other.cells)
            problems += other.problems
        }

        private func checkSize(row: Int?) throws {
            guard cells.byteCount > SourceCells.capacity else { return }
            throw CSVImportError(.unsupportedFile, file: file, line: row,
                                 message: "the sheet's text is larger than the 4 GB WalkStats reads from one part of a sheet; expected a smaller sheet").placed(place)
        }

        func finish() throws -> SourceTable {
            guard !header.isEmpty else {
                throw CSVImportError(.emptyFile, file: file, message: "the sheet has no values; expected a header row").placed(place)
            }
            guard cells.count > 0 else {
                // Every row was a problem kept going past: those, not "no rows".
                if !problems.isEmpty { throw CSVImportErrors(problems) }
                throw CSVImportError(.noDataRows, file: file, line: headerLine, message: "the sheet has a header but no data rows").placed(place)
            }
            var table = SourceTable(file: file, header: header.map { $0.trimmingCharacters(in: .whitespaces) }, headerLine: headerLine,
                                    cells: cells, place: place)
            table.headerColumns = Array(firstColumn...lastColumn)
            table.problems = problems
            return table
        }
    }
}
