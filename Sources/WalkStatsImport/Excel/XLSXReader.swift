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
/// Cells become text as ``XLSXSheetScanner`` reads them: numbers exactly as stored (`1.07` stays `1.07`,
/// no reformatting), strings as written, formulas through their cached value, `TRUE`/`FALSE`, and errors
/// as their text (`#N/A`, which `--na '#N/A'` can declare missing). Empty and absent cells are `""`.
///
/// Refused, naming the file and, where there is one, the sheet and cell: a file that is not an `.xlsx`
/// workbook or is truncated or damaged (``XLSXPackage``); a workbook without its workbook part or sheet
/// part; `--sheet` naming no sheet (the error lists them); a chart sheet; malformed XML (the part and the
/// byte offset); a date (a number shown in a date or time format, from `styles.xml`), which WalkStats
/// cannot tell from a measurement: store it as text or a number; a value in a column beyond the header's
/// last; a sheet with no value, or a header and no rows.
public enum XLSXReader {
    /// The table on sheet `sheet` (a name or a 1-based number; `nil` for the first) of the workbook at `path`.
    /// - Throws: ``CSVImportError`` as described on the type.
    public static func read(path: String, sheet: String? = nil) throws -> SourceTable {
        let data: Data
        do {
            data = try InputFile.read(path, mapped: true)
        } catch let error as CSVImportError {
            throw CSVImportError(error.kind, file: error.file, line: error.line, column: error.column,
                                 message: error.message.replacingOccurrences(of: "a CSV file", with: "an Excel .xlsx workbook"))
        }
        return try read(data: data, file: path, sheet: sheet)
    }

    /// The table on sheet `sheet` of the workbook whose bytes are `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` as ``read(path:sheet:)``.
    public static func read(data: Data, file: String, sheet selector: String? = nil) throws -> SourceTable {
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
        } ?? []
        let dates = try workbook.stylesPart.flatMap { path in
            try package.part(path).map { try XLSXDateFormats(styles: $0, part: path, file: file) }
        } ?? .none

        var builder = TableBuilder(file: file, place: place)
        do {
            try part.withUnsafeBytes { bytes in
                try XLSXSheetScanner.rows(bytes, sharedStrings: sharedStrings, dates: dates) { row, cells in
                    try builder.add(row: row, cells: cells)
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

    /// Turns rows of cells into the table: the header from the first row, then one record per row.
    struct TableBuilder {
        let file: String
        let place: CellPlace
        var header: [String] = []
        var headerLine = 0
        var firstColumn = 0
        var lastColumn = 0
        var records: [SourceRecord] = []

        init(file: String, place: CellPlace) {
            self.file = file
            self.place = place
        }

        mutating func add(row: Int, cells: [XLSXCell]) throws {
            for cell in cells where cell.dateFormat != nil {
                guard header.isEmpty || (cell.column >= firstColumn && cell.column <= lastColumn) else { continue }
                throw CSVImportError(.dateValue, file: file, line: row, column: cell.column,
                                     message: "the cell holds a date (formatted '\(cell.dateFormat!)'); expected a number or text: "
                                        + "store it as text or a number").placed(place)
            }
            if header.isEmpty {
                firstColumn = cells[0].column
                lastColumn = cells[cells.count - 1].column
                header = Array(repeating: "", count: lastColumn - firstColumn + 1)
                for cell in cells { header[cell.column - firstColumn] = cell.text }
                headerLine = row
                return
            }
            var fields = Array(repeating: "", count: header.count)
            var any = false
            for cell in cells {
                guard cell.column >= firstColumn, cell.column <= lastColumn else {
                    let side = cell.column < firstColumn ? "before the header's first column" : "beyond the header's last column"
                    throw CSVImportError(.raggedRow, file: file, line: row, column: cell.column,
                                         message: "expected no value \(side) (\(CellPlace.columnLetters(cell.column < firstColumn ? firstColumn : lastColumn))), "
                                            + "found '\(cell.text)'").placed(place)
                }
                fields[cell.column - firstColumn] = cell.text
                any = true
            }
            if any { records.append(SourceRecord(line: row, fields: fields)) }
        }

        func finish() throws -> SourceTable {
            guard !header.isEmpty else {
                throw CSVImportError(.emptyFile, file: file, message: "the sheet has no values; expected a header row").placed(place)
            }
            guard !records.isEmpty else {
                throw CSVImportError(.noDataRows, file: file, line: headerLine, message: "the sheet has a header but no data rows").placed(place)
            }
            var table = SourceTable(file: file, header: header.map { $0.trimmingCharacters(in: .whitespaces) }, headerLine: headerLine,
                                    records: records, place: place)
            table.headerColumns = Array(firstColumn...lastColumn)
            return table
        }
    }
}
