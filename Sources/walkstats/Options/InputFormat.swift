import ArgumentParser
import Foundation
import WalkStats

/// The kinds of participant file WalkStats reads, told apart by the file's extension (a REDCap export by its
/// header or a data dictionary): each is read into a ``SourceTable`` that the importer reads like delimited text.
enum InputFormat: Equatable {
    /// Delimited text (CSV, `;`-separated, tab-separated), read by ``DelimitedText`` directly.
    case delimitedText
    /// A REDCap raw export (``REDCapReader``): its header has `record_id` and `redcap_event_name`, or `--redcap-dictionary` is given.
    case redcap
    /// An SPSS, Stata or SAS data file (.sav .zsav .dta .xpt .sas7bdat), read by ``StatisticalFileReader``.
    case statistical(StatisticalFileReader.Format)
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
    /// - Throws: ``CSVImportError`` (`.unsupportedFile`) for a format WalkStats does not read; `ValidationError`
    ///   for `--layout wide` with a REDCap export, or `--redcap-arm` without one.
    static func detect(_ input: InputOptions) throws -> InputFormat {
        let ext = (input.file as NSString).pathExtension.lowercased()
        if let advice = unreadable[ext] {
            throw CSVImportError(.unsupportedFile, file: input.file, message: "this is \(advice)")
        }
        let binary: InputFormat? = ext == "xlsx" ? .xlsx : StatisticalFileReader.Format(path: input.file).map { .statistical($0) }
        if let binary {
            if input.redcap.dictionary != nil || input.redcap.armField != nil {
                throw ValidationError("--redcap-dictionary and --redcap-arm apply only to a REDCap export (a CSV); \(input.file) is not one")
            }
            return binary
        }
        if input.redcap.dictionary != nil || REDCapReader.isExport(path: input.file, options: input.textOptions) {
            if input.reading.layout == .wide {
                throw ValidationError("\(input.file) is read as a REDCap export, which has its own layout; leave out --layout wide")
            }
            return .redcap
        }
        if input.redcap.armField != nil {
            throw ValidationError("--redcap-arm applies only to a REDCap export (a header with record_id and redcap_event_name, "
                + "or --redcap-dictionary); \(input.file) is not one")
        }
        return .delimitedText
    }

    /// The file read into a table, or `nil` for delimited text (which the importer reads itself, faster).
    func readSource(_ input: InputOptions) throws -> SourceTable? {
        switch self {
        case .delimitedText: return nil
        case .redcap:
            return try REDCapReader.read(path: input.file, dictionary: input.redcap.dictionary, armField: input.redcap.armField,
                                         options: input.textOptions, keepGoing: input.keepGoing)
        case .statistical: return try StatisticalFileReader.read(path: input.file, catalog: input.statisticalFile.catalog)
        case .xlsx: return try XLSXReader.read(path: input.file, sheet: input.sheetOptions.sheet, keepGoing: input.keepGoing)
        }
    }

    /// The table of the participant file `input` names, read once per process (a command asks for it for the
    /// trial and again for the codebook, which takes the file's own labels); `nil` for delimited text.
    static func source(_ input: InputOptions) throws -> SourceTable? {
        let key = input.file
        if let cached = SourceCache.shared.tables[key] { return cached }
        let table = try detect(input).readSource(input)
        SourceCache.shared.tables[key] = table
        return table
    }
}

/// The tables already read in this process, by path.
final class SourceCache: @unchecked Sendable {
    static let shared = SourceCache()
    private let lock = NSLock()
    private var stored: [String: SourceTable?] = [:]

    var tables: [String: SourceTable?] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
