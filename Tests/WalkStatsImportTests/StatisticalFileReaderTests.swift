import Foundation
import Testing
import WalkStatsStatistics
import WalkStatsImport
@testable import WalkStatsReadStat

/// The ReadStat reader on the haven-written fixtures of `Fixtures/statistical/` (see its generate.R): every format
/// gives the cells of the CSV it was made from, labels, missing values and notes; bad files are errors, never crashes.
struct StatisticalFileReaderTests {
    static func path(_ name: String) -> String { fixtureURL("statistical/" + name).path }

    /// The rows of a fixture CSV, "NA" read as an empty cell.
    static func csvRows(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: fixtureURL(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], lines.dropFirst().map { $0.map { $0 == "NA" ? "" : $0 } })
    }

    /// Whether a cell read from a data file says what the CSV cell says: the same text, the same number, or the
    /// code whose label the CSV holds.
    static func same(_ cell: String, _ csv: String, labels: [String: String]?) -> Bool {
        if let labels { return labels[cell] == csv }
        if cell == csv { return true }
        guard let number = Double(cell), let expected = Double(csv) else { return false }
        return number == expected
    }

    /// Checks every cell of `table` against the CSV `csvName` (columns by position; the wide CSV's arm column is `group`).
    static func expectCells(of table: SourceTable, like csvName: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let csv = try csvRows(csvName)
        #expect(table.header == csv.header, sourceLocation: sourceLocation)
        #expect(table.records.count == csv.rows.count, sourceLocation: sourceLocation)
        #expect(table.records.map(\.line) == Array(1...csv.rows.count), sourceLocation: sourceLocation)
        for (record, row) in zip(table.records, csv.rows) {
            for (column, (cell, expected)) in zip(record.fields, row).enumerated() {
                let labels = table.valueLabels[table.header[column]]
                #expect(same(cell, expected, labels: labels),
                        "\(table.file) case \(record.line) \(table.header[column]): '\(cell)' vs '\(expected)'", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func spssFileGivesTheCellsLabelsAndMissingCodes() throws {
        let table = try StatisticalFileReader.read(path: Self.path("long.sav"))
        #expect(table.header == ["participant", "arm", "age", "timepoint", "outcome", "value"])
        #expect(table.headerLine == 0)
        #expect(table.place == .dataset(variables: table.header))
        #expect(table.records[0] == SourceRecord(line: 1, fields: ["P01", "3", "56", "baseline", "pain_nrs", "7"]))
        #expect(table.records[1].fields[5] == "1.07")
        #expect(table.records[22].fields[5] == "" && table.records[50].fields[5] == "" && table.records[65].fields[5] == "")
        #expect(table.valueLabels == ["arm": ["1": "backward", "2": "control", "3": "forward"]])
        #expect(table.variableLabels == ["participant": "Participant", "arm": "Treatment arm", "age": "Age (years)",
                                         "value": "Measured value"])
        #expect(table.notes == ["SPSS data file (.sav), 72 cases, 6 variables",
                                "2 user-defined missing values (SPSS missing codes) read as missing"])
        try Self.expectCells(of: table, like: "wide/long.csv")
    }

    @Test func everyFormatGivesTheCellsOfItsCSV() throws {
        for name in ["long.sav", "long.zsav", "long.dta", "long.xpt", "long.sas7bdat"] {
            try Self.expectCells(of: try StatisticalFileReader.read(path: Self.path(name)), like: "wide/long.csv")
        }
        for name in ["wide.sav", "wide.dta", "wide.xpt"] {
            let table = try StatisticalFileReader.read(path: Self.path(name))
            try Self.expectCells(of: table, like: "wide/wide-underscore.csv")
            #expect(table.records[3].fields == ["P04", name.hasSuffix(".xpt") ? "forward" : "3", "68", "6", "6", "", "0.85", "0.9", "0.95"])
        }
    }

    @Test func notesSayTheFormatAndTheMissingValues() throws {
        #expect(try StatisticalFileReader.read(path: Self.path("long.zsav")).notes
                    == ["SPSS compressed data file (.zsav), 72 cases, 6 variables",
                        "2 user-defined missing values (SPSS missing codes) read as missing"])
        let stata = try StatisticalFileReader.read(path: Self.path("long.dta"))
        #expect(stata.notes == ["Stata data file (.dta), 72 cases, 6 variables",
                                "2 special missing values (Stata's .a to .z) read as missing"])
        #expect(stata.valueLabels == ["arm": ["1": "backward", "2": "control", "3": "forward"]])
        #expect(stata.variableLabels["arm"] == "Treatment arm")
        #expect(try StatisticalFileReader.read(path: Self.path("wide.sav")).notes
                    == ["SPSS data file (.sav), 12 cases, 9 variables",
                        "3 user-defined missing values (SPSS missing codes) read as missing"])
        let transport = try StatisticalFileReader.read(path: Self.path("long.xpt"))
        #expect(transport.notes == ["SAS transport file (.xpt), 72 cases, 6 variables",
                                    "SAS transport file: value labels live in a .sas7bcat catalogue; none given (--catalog)"])
        #expect(transport.valueLabels.isEmpty && transport.variableLabels == ["age": "Age (years)"])
        let sas = try StatisticalFileReader.read(path: Self.path("long.sas7bdat"))
        #expect(sas.notes == ["SAS data file (.sas7bdat), 72 cases, 6 variables",
                              "SAS data file: value labels live in a .sas7bcat catalogue; none given (--catalog)"])
        #expect(sas.valueLabels.isEmpty)
    }

    @Test func aDateFormattedVariableIsRefusedAtItsFirstValue() throws {
        for name in ["dates.sav", "dates.dta", "dates.xpt"] {
            let error = #expect(throws: CSVImportError.self) { try StatisticalFileReader.read(path: Self.path(name)) }
            #expect(error?.kind == .dateValue)
            #expect(error?.line == 1 && error?.column == 6, "\(name): \(String(describing: error))")
            #expect(error?.message.contains("variable 'visit_date' holds a date or time") == true, "\(String(describing: error))")
            #expect(error?.place == .dataset(variables: ["participant", "arm", "timepoint", "outcome", "value", "visit_date"]))
        }
    }

    @Test func dateFormatsAreRecognisedByName() {
        for format in ["DATE11", "ADATE10", "EDATE10", "SDATE10", "DATETIME20", "TIME8.2", "%td", "%tc", "%-tdDD/NN/CCYY",
                       "%d", "DATE9.", "MMDDYY10.", "YYMMDD10", "DATETIME20.", "E8601DA10.", "date9"] {
            #expect(ParseContext.isDateFormat(format), "\(format)")
        }
        for format in ["F8.2", "F8", "%9.0g", "%10.2f", "%9s", "%-9s", "BEST12.", "8.2", "", "ARMFMT.", "TIMEPT.", "$CHAR8."] {
            #expect(!ParseContext.isDateFormat(format), "\(format)")
        }
        #expect(ParseContext.formatName("armfmt10.") == "ARMFMT")
    }

    /// A SAS variable names a format; the catalogue's label set of that name (case and width aside) labels it.
    /// (No fixture catalogue exists: neither haven nor ReadStat writes .sas7bcat files, so this checks the matching.)
    @Test func catalogueLabelsAreMatchedToSASVariablesByFormatName() throws {
        let context = ParseContext(file: "trial.sas7bdat", format: .sasData)
        context.variables = [
            .init(name: "arm", label: "Treatment arm", labelSet: "ARMFMT.", format: "ARMFMT.", isDate: false),
            .init(name: "sex", label: "", labelSet: "$sexfmt1.", format: "$sexfmt1.", isDate: false),
            .init(name: "value", label: "", labelSet: "BEST12.", format: "BEST12.", isDate: false),
        ]
        context.cases = [["1", "f", "7"], ["2", "m", "6"]]
        context.expectedCases = 2
        context.catalogueLabels = ["armfmt": [("1", "backward"), ("2", "forward")], "$SEXFMT": [("f", "female"), ("m", "male")],
                                   "UNUSED": [("1", "one")]]
        let table = try context.table(catalog: "formats.sas7bcat")
        #expect(table.valueLabels == ["arm": ["1": "backward", "2": "forward"], "sex": ["f": "female", "m": "male"]])
        #expect(table.variableLabels == ["arm": "Treatment arm"])
        #expect(table.notes == ["SAS data file (.sas7bdat), 2 cases, 3 variables",
                                "value labels from the SAS catalogue formats.sas7bcat (3 formats), for 'arm', 'sex'"])
        #expect(table.records == [SourceRecord(line: 1, fields: ["1", "f", "7"]), SourceRecord(line: 2, fields: ["2", "m", "6"])])
        context.expectedCases = 3
        #expect(throws: CSVImportError.self) { try context.table(catalog: nil) }
    }

    @Test func wholeNumbersAreWrittenWithoutAFraction() {
        #expect(ParseContext.isWhole(7) && ParseContext.isWhole(-99) && ParseContext.isWhole(999_999_999_999_999))
        #expect(!ParseContext.isWhole(1.07) && !ParseContext.isWhole(1e15) && !ParseContext.isWhole(.infinity) && !ParseContext.isWhole(.nan))
    }

    @Test func pathsThatAreNoDataFileAreErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-readstat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func failure(_ path: String, catalog: String? = nil) -> CSVImportError? {
            #expect(throws: CSVImportError.self) { try StatisticalFileReader.read(path: path, catalog: catalog) }
        }
        #expect(failure(folder.appendingPathComponent("none.sav").path)?.kind == .unreadableFile)
        let directory = folder.appendingPathComponent("folder.dta")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(failure(directory.path)?.kind == .isDirectory)
        let empty = folder.appendingPathComponent("empty.xpt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(failure(empty)?.kind == .emptyFile)
        #expect(failure(fixtureURL("wide/long.csv").path)?.kind == .unsupportedFile)

        // A CSV file renamed to each extension: a corrupt file of that format, named in the message.
        let csv = try Data(contentsOf: fixtureURL("wide/long.csv"))
        for format in StatisticalFileReader.Format.allCases {
            let renamed = folder.appendingPathComponent("long.\(format.rawValue)").path
            try csv.write(to: URL(fileURLWithPath: renamed))
            let error = failure(renamed)
            #expect(error?.kind == .corruptFile, "\(format): \(String(describing: error))")
            #expect(error?.file == renamed)
            #expect(error?.message.hasPrefix("expected \(StatisticalFileReader.article(format.name))") == true, "\(String(describing: error))")
            #expect(error?.message.contains(format == .sasTransport ? "made of 80-byte records; its 2732 bytes are not" : "ReadStat says: ") == true,
                    "\(String(describing: error))")
        }

        // Text of whole 80-byte records is still no transport file.
        let records = folder.appendingPathComponent("records.xpt").path
        try csv.prefix(2720).write(to: URL(fileURLWithPath: records))
        let transport = failure(records)
        #expect(transport?.kind == .corruptFile && transport?.message.contains("ReadStat says: ") == true, "\(String(describing: transport))")

        // A catalogue is for SAS files only, and must be one.
        let labelled = failure(Self.path("long.sav"), catalog: Self.path("long.sas7bdat"))
        #expect(labelled?.kind == .unsupportedFile && labelled?.message.contains("SAS files (.sas7bdat, .xpt) only") == true)
        let notACatalogue = failure(Self.path("long.sas7bdat"), catalog: Self.path("long.sav"))
        #expect(notACatalogue?.kind == .corruptFile && notACatalogue?.file == Self.path("long.sav"))
        #expect(notACatalogue?.message.hasPrefix("expected a SAS format catalogue (.sas7bcat)") == true)
        #expect(failure(Self.path("long.xpt"), catalog: folder.appendingPathComponent("none.sas7bcat").path)?.kind == .unreadableFile)
    }

    /// ReadStat parses untrusted bytes: every fixture cut at 40 lengths, at each of its first 64 bytes and at every
    /// 80-byte boundary (a transport file's records), and with
    /// bytes overwritten at 60 places, is read or refused with a ``CSVImportError`` — never a crash, never another error.
    @Test func truncatedAndDamagedFilesAreErrorsNeverCrashes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-readstat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var refused = 0, read = 0
        /// Reads `bytes`; a cut file read without error must hold every case and label of the whole file, except a
        /// transport file cut at a record boundary (the format has no case count), which holds the first cases.
        func attempt(_ bytes: Data, as name: String, cutFrom whole: SourceTable? = nil) throws {
            let path = folder.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            do {
                let table = try StatisticalFileReader.read(path: path)
                #expect(table.records.allSatisfy { $0.fields.count == table.header.count })
                if let whole {
                    if name.hasSuffix(".xpt") {
                        #expect(bytes.count % 80 == 0 && table.records == Array(whole.records.prefix(table.records.count)),
                                "\(name): \(bytes.count) bytes read as \(table.records.count) cases")
                    } else {
                        #expect(table.records == whole.records && table.valueLabels == whole.valueLabels,
                                "\(name): \(bytes.count) bytes read as \(table.records.count) cases")
                    }
                }
                read += 1
            } catch let error as CSVImportError {
                #expect(error.file == path)
                refused += 1
            } catch {
                Issue.record("\(name) (\(bytes.count) bytes): unexpected \(error)")
            }
        }
        let names = ["long.sav", "long.zsav", "long.dta", "long.xpt", "long.sas7bdat", "wide.sav", "wide.dta", "wide.xpt", "dates.sav"]
        for name in names {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path(name)))
            let whole = name.hasPrefix("dates") ? nil : try StatisticalFileReader.read(path: Self.path(name))
            let lengths = Set((0..<40).map { bytes.count * $0 / 40 } + (1...64) + (1..<bytes.count / 80).map { $0 * 80 }).sorted()
            for length in lengths where length < bytes.count {
                try attempt(bytes.prefix(length), as: "cut-\(length)-" + name, cutFrom: whole)
            }
            // Deterministic damage: a run of 4 bytes set to 0xFF, 0x00 or flipped, at 20 places each.
            var generator = SeededGenerator(seed: UInt64(bytes.count))
            for pattern in 0..<3 {
                for _ in 0..<20 {
                    var damaged = bytes
                    let start = Int(generator.next() % UInt64(bytes.count - 4))
                    for offset in start..<(start + 4) {
                        damaged[offset] = pattern == 0 ? 0xFF : pattern == 1 ? 0x00 : ~damaged[offset]
                    }
                    try attempt(damaged, as: "damaged-\(start)-\(pattern)-" + name)
                }
            }
        }
        #expect(refused > 800 && read > 0, "refused \(refused), read \(read)")
    }
}
