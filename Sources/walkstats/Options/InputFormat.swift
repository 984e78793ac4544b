import Foundation
import WalkStats

/// The kinds of participant file WalkStats reads, told apart by the file's extension (a REDCap export by its
/// header or a data dictionary): each is read into a ``SourceTable`` that the importer reads like delimited text.
enum InputFormat: Equatable {
    /// Delimited text (CSV, `;`-separated, tab-separated), read by ``DelimitedText`` directly.
    case delimitedText
    /// An Excel workbook (`.xlsx`), one sheet read by ``XLSXReader`` (`--sheet`).
    case xlsx

    /// Extensions of formats WalkStats does not read, with what to do instead.
    static let unreadable: [String: String] = [
        "xls": "an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV",
        "ods": "an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV",
        "numbers": "a Numbers spreadsheet; export it as .xlsx or CSV",
        "rds": "an R data file (.rds); write it with write.csv or haven::write_sav",
        "rdata": "an R workspace (.RData); write the data frame with write.csv",
        "parquet": "a Parquet file; write it as CSV",
    ]

    /// The format of the participant file `input` names.
    /// - Throws: ``CSVImportError`` (`.unsupportedFile`) for a format WalkStats does not read.
    static func detect(_ input: InputOptions) throws -> InputFormat {
        let ext = (input.file as NSString).pathExtension.lowercased()
        if let advice = unreadable[ext] {
            throw CSVImportError(.unsupportedFile, file: input.file, message: "this is \(advice)")
        }
        if ext == "xlsx" { return .xlsx }
        return .delimitedText
    }

    /// The file read into a table, or `nil` for delimited text (which the importer reads itself, faster).
    func readSource(_ input: InputOptions) throws -> SourceTable? {
        switch self {
        case .delimitedText: return nil
        case .xlsx: return try XLSXReader.read(path: input.file, sheet: input.sheetOptions.sheet)
        }
    }
}
