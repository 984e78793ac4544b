import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: Excel workbooks written by openpyxl and openxlsx (`Tests/WalkStatsImportTests/Fixtures/excel/`,
/// made from the wide-layout fixtures' CSVs) read through every command as the CSV they were made from.
@Suite(.serialized)
struct ExcelCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsImportTests/Fixtures/excel/"
    static let long = "Tests/WalkStatsImportTests/Fixtures/wide/long.csv"
    static let books = [folder + "openpyxl-trial.xlsx", folder + "openxlsx-trial.xlsx"]

    func run(_ arguments: [String]) throws -> CommandResult {
        try runWalkstats(arguments, in: Self.root)
    }

    /// The JSON output of `arguments` without its provenance, source and reading notes (``analysisJSON(_:in:sourceLocation:)``).
    func jsonWithoutProvenance(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> NSDictionary {
        try analysisJSON(arguments, in: Self.root, sourceLocation: sourceLocation)
    }

    @Test func convertGivesTheSameLongFileAsTheCSV() throws {
        let fromCSV = try run(["convert", Self.long])
        #expect(fromCSV.status == 0)
        for book in Self.books {
            let fromBook = try run(["convert", book])
            #expect(fromBook.status == 0, "\(book): \(fromBook.standardError)")
            #expect(fromBook.standardOutput == fromCSV.standardOutput, "\(book)")
            #expect(try run(["convert", book, "--sheet", "Long"]).standardOutput == fromCSV.standardOutput)
            #expect(try run(["convert", book, "--sheet", "1"]).standardOutput == fromCSV.standardOutput)
        }
        // The wide sheets, chosen by name and by number, read with --layout wide.
        #expect(try run(["convert", Self.books[0], "--sheet", "Wide", "--layout", "wide"]).standardOutput == fromCSV.standardOutput)
        let dotted = try run(["convert", Self.books[1], "--sheet", "2", "--layout", "wide", "--wide-pattern", "{timepoint}.{outcome}"])
        #expect(dotted.status == 0, "\(dotted.standardError)")
        #expect(dotted.standardOutput == fromCSV.standardOutput)
    }

    @Test func reportAndDescribeGiveTheSameAnalysis() throws {
        let report = try jsonWithoutProvenance(["report", Self.long, "--format", "json", "--models", "none"])
        let described = try jsonWithoutProvenance(["describe", Self.long, "--format", "json"])
        for book in Self.books {
            #expect(try jsonWithoutProvenance(["report", book, "--format", "json", "--models", "none"]) == report, "\(book)")
            #expect(try jsonWithoutProvenance(["describe", book, "--format", "json"]) == described, "\(book)")
        }
        #expect(try jsonWithoutProvenance(["describe", Self.books[0], "--sheet", "Wide", "--layout", "wide", "--format", "json"]) == described)
    }

    @Test func theReportSaysWhichSheetWasRead() throws {
        let result = try run(["describe", Self.books[1], "--sheet", "Wide dotted", "--layout", "wide", "--wide-pattern", "{timepoint}.{outcome}",
                              "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let reading = try #require(json["reading"] as? [String])
        #expect(reading.contains("Excel workbook, sheet 'Wide dotted' (chosen with --sheet, of 2), header on row 3 from column B"), "\(reading)")
    }

    @Test func badWorkbooksAndSheetsAreErrors() throws {
        let noSheet = try run(["describe", Self.books[0], "--sheet", "Data"])
        #expect(noSheet.status == 1)
        #expect(noSheet.standardError.contains("openpyxl-trial.xlsx: no sheet 'Data' (--sheet); expected a sheet name or a number from 1 to 2: "
            + "the workbook has 2 sheets: 'Long', 'Wide'"), "\(noSheet.standardError)")

        let dated = try run(["convert", Self.folder + "openxlsx-date.xlsx"])
        #expect(dated.status == 1)
        #expect(dated.standardError.contains("openxlsx-date.xlsx, sheet 'Dates', cell C2: the cell holds a date (formatted 'mm/dd/yyyy'); "
            + "expected a number or text: store it as text or a number"), "\(dated.standardError)")

        // With --keep-going, every date cell (one on every row of this sheet), each at its cell.
        let allDated = try run(["convert", Self.folder + "openxlsx-date.xlsx", "--keep-going"])
        let rows = try String(contentsOf: Self.root.appendingPathComponent(Self.long), encoding: .utf8).split(separator: "\n").count - 1
        #expect(allDated.status == 1)
        #expect(allDated.standardError.components(separatedBy: "the cell holds a date").count - 1 == rows, "\(allDated.standardError)")
        #expect(allDated.standardError.contains("cell C\(rows + 1): the cell holds a date"), "\(allDated.standardError)")

        let folder = try CommandLineConventionTests().scratch()
        let truncated = folder.appendingPathComponent("truncated.xlsx")
        let book = try Data(contentsOf: Self.root.appendingPathComponent(Self.books[1]))
        try book.prefix(book.count / 2).write(to: truncated)
        let cut = try run(["describe", truncated.path])
        #expect(cut.status == 1)
        #expect(cut.standardError.contains("truncated.xlsx: the zip archive cannot be read (it may be truncated or damaged)"), "\(cut.standardError)")

        let text = folder.appendingPathComponent("text.xlsx")
        try Data("participant,arm\n".utf8).write(to: text)
        let notZip = try run(["describe", text.path])
        #expect(notZip.status == 1)
        #expect(notZip.standardError.contains("text.xlsx: not an Excel .xlsx workbook: expected a zip archive"), "\(notZip.standardError)")

        // A value the importer refuses is named by its sheet and cell; the wide sheet read as long says how to read it.
        let wideAsLong = try run(["describe", Self.books[0], "--sheet", "Wide"])
        #expect(wideAsLong.status == 1)
        #expect(wideAsLong.standardError.contains("read it with --layout wide"), "\(wideAsLong.standardError)")
    }

    @Test func sheetIsAUsageErrorForText() throws {
        let result = try run(["describe", Self.long, "--sheet", "Data"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--sheet applies only to an Excel workbook (.xlsx)"), "\(result.standardError)")
    }
}
