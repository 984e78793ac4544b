import CReadStat
import Foundation
import WalkStatsImport

/// Reads an SPSS (`.sav`, `.zsav`), Stata (`.dta`) or SAS (`.xpt`, `.sas7bdat`) data file through ReadStat into a
/// ``SourceTable``, which the participant importer then reads in long or wide layout like delimited text.
///
/// This is the only file that sees ReadStat: its parser, its C callbacks and its status codes stay here, and
/// every way a file can fail becomes a ``CSVImportError`` naming the file (and, for a bad value, the case and
/// variable). ReadStat parses untrusted bytes; a truncated or corrupt file is an error, never a crash (see
/// `StatisticalFileReaderTests`, which truncates and damages every fixture).
///
/// What the table holds:
/// - header: the variable names in file order; one record per case (`line` = case number, from 1; `headerLine` 0);
///   cells are placed as `.dataset(variables:)`, so messages read "file, case 7, variable 'value': …".
/// - cells as text: a whole number below 10^15 in magnitude without ".0" (`7`), any other number in Swift's shortest
///   text that reads back to the same value (`1.07`; a Stata or SAS `float` as the same `Float`); strings as stored.
/// - missing values as empty cells: system missing, SPSS user-defined missing codes (`MISSING VALUES`), Stata's
///   `.a`–`.z` and SAS's `.A`–`.Z`, `._`; the user-defined and tagged ones are counted in ``SourceTable/notes``.
/// - value labels by variable (the code's cell text → label), so a labelled arm column becomes arm names; variable
///   labels by variable. A `.sas7bdat` file holds no value labels: they live in a `.sas7bcat` catalogue, read when
///   given (`catalog`) and matched to variables by format name, else the notes say they are missing.
/// - dates: a variable with a date or time display format (SPSS `DATE`, `ADATE`, `DATETIME`, `TIME`…, Stata `%td`,
///   `%tc`…, SAS `DATE9.`, `MMDDYY10.`, `DATETIME20.`…) holds days or seconds since an epoch, not a measurement:
///   its first non-missing value is refused with a `.dateValue` error naming the variable and the case, as a date
///   cell of a workbook is (store the date as text, or drop the variable, to read the file).
public enum StatisticalFileReader {
    /// The statistical file formats, each with the ReadStat parser that reads it.
    public enum Format: String, Sendable, CaseIterable {
        case spss = "sav", spssCompressed = "zsav", stata = "dta", sasTransport = "xpt", sasData = "sas7bdat"

        /// The format a file name's extension names (case-insensitive), if it is one of these.
        public init?(path: String) {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
            self.init(rawValue: path[path.index(after: dot)...].lowercased())
        }

        /// How the format is named in notes and messages, such as "SPSS data file (.sav)".
        public var name: String {
            switch self {
            case .spss: "SPSS data file (.sav)"
            case .spssCompressed: "SPSS compressed data file (.zsav)"
            case .stata: "Stata data file (.dta)"
            case .sasTransport: "SAS transport file (.xpt)"
            case .sasData: "SAS data file (.sas7bdat)"
            }
        }

        /// Whether the format is SAS's, whose value labels live in a `.sas7bcat` catalogue.
        var isSAS: Bool { self == .sasTransport || self == .sasData }
    }

    /// The length of every record of a SAS transport file (SAS's XPORT format, versions 5 and 8).
    static let transportRecordLength = 80

    /// The first and last bytes of a Stata 13+ file (format 117 and later, as haven writes them).
    static let stataOpeningTag = Array("<stata_dta>".utf8), stataClosingTag = Array("</stata_dta>".utf8)

    /// The first `opening` and last `length` bytes of the file at `path` (nil when it cannot be read).
    static func fileEnds(_ path: String, length: Int, opening: Int = stataOpeningTag.count) -> (first: [UInt8], last: [UInt8])? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let first = try? handle.read(upToCount: opening), let end = try? handle.seekToEnd(), end >= UInt64(length) else { return nil }
        guard (try? handle.seek(toOffset: end - UInt64(length))) != nil, let last = try? handle.read(upToCount: length) else { return nil }
        return (Array(first), Array(last))
    }

    /// The file extensions this reader takes, without the dot.
    public static let extensions = Format.allCases.map(\.rawValue)

    /// Reads the data file at `path` (its format chosen by extension), with the value labels of the SAS catalogue
    /// `catalog` when given.
    /// - Throws: ``CSVImportError``: `.unreadableFile`, `.isDirectory` or `.emptyFile` for a path that is not a
    ///   readable file; `.unsupportedFile` for an extension not listed, a catalogue given with a non-SAS file, or a
    ///   file version, compression or character set ReadStat cannot read; `.corruptFile` for bytes that are not a
    ///   valid file of the format (truncated or damaged; fewer cases than its header gives; a transport file whose
    ///   length is no multiple of its 80-byte records; a Stata 13+ file without its closing tag), naming ReadStat's
    ///   reason; `.noDataRows` for a file without variables or cases; `.dateValue` for a value of a date-formatted
    ///   variable, placed at its case and variable.
    public static func read(path: String, catalog: String? = nil) throws -> SourceTable {
        guard let format = Format(path: path) else {
            throw CSVImportError(.unsupportedFile, file: path, message: "expected an SPSS, Stata or SAS data file named "
                + extensions.map { "." + $0 }.joined(separator: ", ") + "; this extension is none of them")
        }
        try checkFile(path, expected: format.name)
        // A transport file is a sequence of 80-byte records and says nothing of its number of cases, so this is
        // the only sign of a cut that ReadStat would read as fewer cases (a cut at a record boundary is not seen).
        if format == .sasTransport, let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue % transportRecordLength != 0 {
            throw CSVImportError(.corruptFile, file: path, message: "expected a SAS transport file (.xpt), made of "
                + "\(transportRecordLength)-byte records; its \(size.intValue) bytes are not (the file is truncated or damaged)")
        }
        // Stata 13 and later end with their value labels, which ReadStat reads up to wherever a cut file stops
        // without an error: only the closing tag shows that the labels (the arm names) are whole.
        if format == .stata, let ends = fileEnds(path, length: stataClosingTag.count), ends.first == stataOpeningTag,
           ends.last != stataClosingTag {
            throw CSVImportError(.corruptFile, file: path, message: "expected a Stata data file (.dta) ending in "
                + "'\(String(decoding: stataClosingTag, as: UTF8.self))'; it ends early (the file is truncated)")
        }
        let context = ParseContext(file: path, format: format)
        try parse(path, as: format, into: context)
        if let catalog {
            guard format.isSAS else {
                throw CSVImportError(.unsupportedFile, file: catalog, message: "a SAS catalogue (--catalog) gives value labels to "
                    + "SAS files (.sas7bdat, .xpt) only; \(path) is \(article(format.name)), which holds its own labels")
            }
            try checkFile(catalog, expected: "SAS format catalogue (.sas7bcat)")
            let catalogue = ParseContext(file: catalog, format: nil)
            try parse(catalog, as: nil, into: catalogue)
            context.catalogueLabels = catalogue.labelSets
        }
        return try context.table(catalog: catalog)
    }

    /// `name` with its indefinite article: "an SPSS data file", "a Stata data file", "a SAS transport file".
    static func article(_ name: String) -> String {
        (name.hasPrefix("SPSS") ? "an " : "a ") + name
    }

    /// Throws the error of a path that is no readable, non-empty regular file.
    static func checkFile(_ path: String, expected: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVImportError(.unreadableFile, file: path, message: "no such file; expected a path to \(article(expected))")
        }
        if isDirectory.boolValue {
            throw CSVImportError(.isDirectory, file: path, message: "this is a folder; expected a path to \(article(expected))")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw CSVImportError(.unreadableFile, file: path, message: "this is not a regular file; expected \(article(expected))")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CSVImportError(.unreadableFile, file: path, message: "the file cannot be read (check its permissions)")
        }
        if (attributes?[.size] as? NSNumber)?.intValue == 0 {
            throw CSVImportError(.emptyFile, file: path, message: "the file is empty; expected \(article(expected))")
        }
    }

    /// Runs ReadStat's parser for `format` (the catalogue parser for `nil`) over `path`, collecting into `context`.
    static func parse(_ path: String, as format: Format?, into context: ParseContext) throws {
        guard let parser = readstat_parser_init() else {
            throw CSVImportError(.unreadableFile, file: path, message: "ReadStat could not start a parser (out of memory)")
        }
        defer { readstat_parser_free(parser) }
        _ = readstat_set_error_handler(parser) { message, user in
            guard let message, let user else { return }
            ParseContext.from(user).readStatMessages.append(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        _ = readstat_set_value_label_handler(parser) { set, value, label, user in
            guard let user else { return 1 }
            ParseContext.from(user).addValueLabel(set: set, value: value, label: label)
            return 0
        }
        if format != nil {
            _ = readstat_set_metadata_handler(parser) { metadata, user in
                guard let metadata, let user else { return 1 }
                let context = ParseContext.from(user)
                context.expectedCases = Int(readstat_get_row_count(metadata))
                context.formatVersion = Int(readstat_get_file_format_version(metadata))
                return 0
            }
            _ = readstat_set_variable_handler(parser) { index, variable, labelSet, user in
                guard let variable, let user else { return 1 }
                return ParseContext.from(user).addVariable(index: Int(index), variable, labelSet: labelSet) ? 0 : 1
            }
            _ = readstat_set_value_handler(parser) { caseIndex, variable, value, user in
                guard let variable, let user else { return 1 }
                return ParseContext.from(user).addValue(caseIndex: Int(caseIndex), variable, value) ? 0 : 1
            }
        }
        let status = withExtendedLifetime(context) { () -> readstat_error_t in
            let user = Unmanaged.passUnretained(context).toOpaque()
            switch format {
            case .spss, .spssCompressed: return readstat_parse_sav(parser, path, user)
            case .stata: return readstat_parse_dta(parser, path, user)
            case .sasTransport: return readstat_parse_xport(parser, path, user)
            case .sasData: return readstat_parse_sas7bdat(parser, path, user)
            case nil: return readstat_parse_sas7bcat(parser, path, user)
            }
        }
        if let error = context.error { throw error }
        guard status == READSTAT_OK else {
            throw error(status, file: path, expected: format?.name ?? "SAS format catalogue (.sas7bcat)",
                        detail: context.readStatMessages.last)
        }
    }

    /// The error for a ReadStat status other than `READSTAT_OK`: `.unsupportedFile` for a version, compression or
    /// character set ReadStat cannot read, `.unreadableFile` for a file it cannot open, else `.corruptFile`; the
    /// message names what was expected and ReadStat's reason (`readstat_error_message`, and the detail its error
    /// handler gave, if any).
    static func error(_ status: readstat_error_t, file: String, expected: String, detail: String?) -> CSVImportError {
        let reason = String(cString: readstat_error_message(status))
        let said = detail.map { $0.isEmpty || $0 == reason ? "" : " (\($0))" } ?? ""
        switch status {
        case READSTAT_ERROR_OPEN:
            return CSVImportError(.unreadableFile, file: file, message: "the file cannot be opened (\(reason))")
        case READSTAT_ERROR_UNSUPPORTED_COMPRESSION, READSTAT_ERROR_UNSUPPORTED_CHARSET,
             READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
            return CSVImportError(.unsupportedFile, file: file, message: "expected \(article(expected)) that ReadStat can read; "
                + "ReadStat says: \(reason)\(said)")
        default:
            return CSVImportError(.corruptFile, file: file, message: "expected \(article(expected)); the file is truncated, damaged "
                + "or not one (ReadStat says: \(reason)\(said))")
        }
    }
}

/// What the C callbacks collect while ReadStat parses one file; passed to them as an unretained pointer.
final class ParseContext {
    /// One variable as ReadStat described it.
    struct Variable {
        let name: String
        let label: String
        /// The name of its value-label set (SPSS, Stata) or its format (SAS), if any.
        let labelSet: String?
        /// Its display format, such as `F8.2`, `%9.0g` or `DATE9.`.
        let format: String
        /// Whether the format shows dates or times.
        let isDate: Bool
    }

    let file: String
    let format: StatisticalFileReader.Format?
    var variables: [Variable] = []
    var cases: [[String]] = []
    /// Value labels by set name: (the code's cell text, label) in file order.
    var labelSets: [String: [(code: String, label: String)]] = [:]
    var catalogueLabels: [String: [(code: String, label: String)]]?
    var expectedCases = -1
    var formatVersion = 0
    var definedMissing = 0
    var taggedMissing = 0
    /// The first error a callback met; the callback then asks ReadStat to stop.
    var error: CSVImportError?
    /// What ReadStat's error handler said.
    var readStatMessages: [String] = []

    init(file: String, format: StatisticalFileReader.Format?) {
        self.file = file
        self.format = format
    }

    static func from(_ pointer: UnsafeMutableRawPointer) -> ParseContext {
        Unmanaged<ParseContext>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Records variable `index`; false (stop) when the file numbers its variables out of order.
    func addVariable(index: Int, _ variable: UnsafeMutablePointer<readstat_variable_t>, labelSet: UnsafePointer<CChar>?) -> Bool {
        guard index == variables.count else {
            error = CSVImportError(.corruptFile, file: file, message: "expected variables numbered in order; ReadStat gave "
                + "variable \(index + 1) after \(variables.count)")
            return false
        }
        let name = readstat_variable_get_name(variable).map { String(cString: $0) } ?? ""
        let format = readstat_variable_get_format(variable).map { String(cString: $0) } ?? ""
        let set = labelSet.map { String(cString: $0) }
        let numeric = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC
        variables.append(Variable(name: name.isEmpty ? "V\(index + 1)" : name,
                                  label: readstat_variable_get_label(variable).map { String(cString: $0) } ?? "",
                                  labelSet: set?.isEmpty == false ? set : nil, format: format,
                                  isDate: numeric && Self.isDateFormat(format)))
        return true
    }

    /// Stores one value as cell text; false (stop) on a value of a date variable or a cell outside the table.
    func addValue(caseIndex: Int, _ variable: UnsafeMutablePointer<readstat_variable_t>, _ value: readstat_value_t) -> Bool {
        let column = Int(readstat_variable_get_index(variable))
        guard variables.indices.contains(column), caseIndex >= 0, caseIndex <= cases.count,
              expectedCases < 0 || caseIndex < expectedCases else {
            error = CSVImportError(.corruptFile, file: file, message: "expected \(StatisticalFileReader.article(format?.name ?? "data file")); ReadStat "
                + "gave a value for case \(caseIndex + 1), variable \(column + 1), outside the file's \(cases.count) cases and "
                + "\(variables.count) variables")
            return false
        }
        if caseIndex == cases.count { cases.append(Array(repeating: "", count: variables.count)) }
        if readstat_value_is_system_missing(value) != 0 { return true }
        if readstat_value_is_tagged_missing(value) != 0 {
            taggedMissing += 1
            return true
        }
        if readstat_value_is_defined_missing(value, variable) != 0 {
            definedMissing += 1
            return true
        }
        if variables[column].isDate {
            let name = variables[column].name
            error = CSVImportError(.dateValue, file: file, line: caseIndex + 1, column: column + 1,
                                   message: "variable '\(name)' holds a date or time (display format \(variables[column].format)), "
                                       + "which WalkStats does not read as a measurement; store it as text or leave the variable out")
                .placed(.dataset(variables: variables.map(\.name)))
            return false
        }
        cases[caseIndex][column] = Self.text(of: value)
        return true
    }

    /// Adds one label of set `set`; tagged and system-missing codes (Stata's `.a` labels) are left out.
    func addValueLabel(set: UnsafePointer<CChar>?, value: readstat_value_t, label: UnsafePointer<CChar>?) {
        guard let set, let label, readstat_value_is_system_missing(value) == 0, readstat_value_is_tagged_missing(value) == 0
        else { return }
        labelSets[String(cString: set), default: []].append((Self.text(of: value), String(cString: label)))
    }

    /// A value as cell text: a whole number below 10^15 in magnitude without ".0", any other number in Swift's
    /// shortest round-trip text (a `float` as the `Float` it is, so 1.07 stays "1.07"), a string as stored.
    static func text(of value: readstat_value_t) -> String {
        switch readstat_value_type(value) {
        case READSTAT_TYPE_STRING, READSTAT_TYPE_STRING_REF:
            return readstat_string_value(value).map { String(cString: $0) } ?? ""
        case READSTAT_TYPE_INT8: return String(readstat_int8_value(value))
        case READSTAT_TYPE_INT16: return String(readstat_int16_value(value))
        case READSTAT_TYPE_INT32: return String(readstat_int32_value(value))
        case READSTAT_TYPE_FLOAT:
            let number = readstat_float_value(value)
            return isWhole(Double(number)) ? String(Int64(number)) : "\(number)"
        default:
            let number = readstat_double_value(value)
            return isWhole(number) ? String(Int64(number)) : "\(number)"
        }
    }

    /// Whether `number` is written as an integer: whole and below 10^15 in magnitude.
    static func isWhole(_ number: Double) -> Bool {
        number.isFinite && number.rounded(.towardZero) == number && abs(number) < 1e15
    }

    /// SPSS and SAS display formats of dates and times, by name without width (`DATE11` → `DATE`, `MMDDYY10.` → `MMDDYY`).
    static let dateFormats: Set<String> = [
        // SPSS
        "DATE", "ADATE", "EDATE", "SDATE", "JDATE", "QYR", "MOYR", "WKYR", "DATETIME", "YMDHMS", "MTIME", "TIME", "DTIME",
        // SAS
        "TOD", "HHMM", "HOUR", "MMSS", "MMDDYY", "DDMMYY", "YYMMDD", "MMDDYYB", "MMDDYYC", "MMDDYYD", "MMDDYYN", "MMDDYYP",
        "MMDDYYS", "DDMMYYB", "DDMMYYC", "DDMMYYD", "DDMMYYN", "DDMMYYP", "DDMMYYS", "YYMMDDB", "YYMMDDC", "YYMMDDD",
        "YYMMDDN", "YYMMDDP", "YYMMDDS", "YYMM", "YYMON", "YYQ", "MONYY", "JULIAN", "WEEKDATE", "WEEKDATX", "WORDDATE",
        "WORDDATX", "DTDATE", "DTMONYY", "DTWKDATX", "DTYEAR", "DTYYQC", "E8601DA", "E8601DN", "E8601DT", "E8601DZ",
        "E8601TM", "B8601DA", "B8601DN", "B8601DT", "B8601TM", "IS8601DA", "IS8601DT", "IS8601TM", "NLDATE", "NLDATM",
        "NLTIME", "EURDFDD", "EURDFDE", "MINGUO", "NENGO",
    ]

    /// Whether a display format shows dates or times: Stata's `%t…` and `%d…`, or an SPSS or SAS date format.
    static func isDateFormat(_ format: String) -> Bool {
        let upper = format.uppercased()
        if upper.hasPrefix("%") {
            let body = upper.dropFirst().drop { $0 == "-" }
            return body.hasPrefix("T") || body.hasPrefix("D")
        }
        return dateFormats.contains(formatName(upper))
    }

    /// A SAS or SPSS format's name without its width and decimals (`DATE11` → `DATE`, `ARMFMT.` → `ARMFMT`).
    static func formatName(_ format: String) -> String {
        var name = Substring(format.uppercased())
        while let last = name.last, last.isNumber || last == "." { name = name.dropLast() }
        return String(name)
    }

    /// The finished table; throws when the file held no variables or no cases, or fewer cases than it said.
    func table(catalog: String?) throws -> SourceTable {
        guard let format else { throw CSVImportError(.unsupportedFile, file: file, message: "a catalogue is no data file") }
        guard !variables.isEmpty, !cases.isEmpty else {
            throw CSVImportError(.noDataRows, file: file, message: "the \(format.name) holds \(variables.count) variables and "
                + "\(cases.count) cases; expected at least one of each")
        }
        if expectedCases >= 0, cases.count != expectedCases {
            throw CSVImportError(.corruptFile, file: file, message: "expected \(StatisticalFileReader.article(format.name)) with the \(expectedCases) cases its "
                + "header gives; ReadStat read \(cases.count) (the file may be truncated)")
        }
        let names = variables.map(\.name)
        var table = SourceTable(file: file, header: names, headerLine: 0,
                                records: cases.enumerated().map { SourceRecord(line: $0.offset + 1, fields: $0.element) },
                                place: .dataset(variables: names))
        let noun = cases.count == 1 ? "case" : "cases"
        table.notes = ["\(format.name), \(cases.count) \(noun), \(variables.count) variable\(variables.count == 1 ? "" : "s")"]
        if definedMissing > 0 {
            table.notes.append("\(definedMissing) user-defined missing value\(definedMissing == 1 ? "" : "s") (SPSS missing codes) "
                + "read as missing")
        }
        if taggedMissing > 0 {
            let kind = format == .stata ? "Stata's .a to .z" : format.isSAS ? "SAS's .A to .Z and ._" : "tagged"
            table.notes.append("\(taggedMissing) special missing value\(taggedMissing == 1 ? "" : "s") (\(kind)) read as missing")
        }
        // SAS files name a format, whose labels live in the catalogue; SPSS and Stata files name a label set of their own.
        let sets: [String: [(code: String, label: String)]]
        if format.isSAS {
            sets = Dictionary((catalogueLabels ?? [:]).map { (Self.formatName($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        } else {
            sets = labelSets
        }
        for variable in variables {
            if !variable.label.isEmpty { table.variableLabels[variable.name] = variable.label }
            guard let set = variable.labelSet, let labels = sets[format.isSAS ? Self.formatName(set) : set], !labels.isEmpty
            else { continue }
            table.valueLabels[variable.name] = Dictionary(labels.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        }
        if format.isSAS {
            if let catalog {
                let labelled = variables.filter { table.valueLabels[$0.name] != nil }.map { "'\($0.name)'" }
                table.notes.append("value labels from the SAS catalogue \(catalog) (\(catalogueLabels?.count ?? 0) formats), "
                    + (labelled.isEmpty ? "used by no variable" : "for " + labelled.joined(separator: ", ")))
            } else {
                table.notes.append("\(format == .sasData ? "SAS data file" : "SAS transport file"): value labels live in a "
                    + ".sas7bcat catalogue; none given (--catalog)")
            }
        }
        return table
    }
}
