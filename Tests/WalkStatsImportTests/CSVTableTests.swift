import Foundation
import Testing
import WalkStatsImport

/// The RFC 4180 reader under the importers: quoting, line endings, encodings and structural errors.
struct CSVTableTests {
    /// A record as line and fields, to compare whole tables at once.
    private struct Rec: Equatable {
        let line: Int
        let fields: [String]
    }

    private func rows(_ table: CSVTable) -> [Rec] {
        table.records.map { Rec(line: $0.line, fields: $0.fields) }
    }

    private func table(_ text: String) throws -> CSVTable {
        try CSVTable(data: Data(text.utf8), file: "t.csv")
    }

    /// The one ragged row the table collects from `text`.
    private func raggedRow(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        let problems = (try? table(text))?.problems ?? []
        #expect(problems.count == 1, sourceLocation: sourceLocation)
        return problems.first
    }

    private func failure(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) {
            try CSVTable(data: data, file: "t.csv")
        }
    }

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        failure(Data(text.utf8), sourceLocation: sourceLocation)
    }

    // MARK: Good input

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let parsed = try table("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"first\nsecond\"\nz,\"\",w\n")
        #expect(parsed.header == ["a", "b", "c"])
        #expect(parsed.headerLine == 1)
        #expect(rows(parsed) == [
            Rec(line: 2, fields: ["x, y", "say \"hi\"", "first\nsecond"]),
            Rec(line: 4, fields: ["z", "", "w"]),
        ])
        #expect(parsed.problems.isEmpty)
    }

    @Test func recordAfterSeveralMultiLineFieldsStartsOnTheRightLine() throws {
        let parsed = try table("a,b\n\"1\n2\n3\",\"x\ny\"\nlast,row\n")
        #expect(parsed.records.map(\.line) == [2, 6])
        #expect(parsed.records[0].fields == ["1\n2\n3", "x\ny"])
        #expect(parsed.records[1].fields == ["last", "row"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingSplitsRecordsAndCountsLines(ending: String) throws {
        let text = ["a,b", "1,2", "", "3,\"multi\(ending)line\"", "5,6", ""].joined(separator: ending)
        let parsed = try table(text)
        #expect(parsed.header == ["a", "b"])
        #expect(rows(parsed) == [
            Rec(line: 2, fields: ["1", "2"]),
            Rec(line: 4, fields: ["3", "multi\(ending)line"]),
            Rec(line: 6, fields: ["5", "6"]),
        ])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let parsed = try CSVTable(data: Data([0xEF, 0xBB, 0xBF]) + Data("a,b\n1,2\n".utf8), file: "t.csv")
        #expect(parsed.header == ["a", "b"])
        #expect(parsed.columnIndex("a") == 0)
        #expect(rows(parsed) == [Rec(line: 2, fields: ["1", "2"])])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let parsed = try table("\n\na,b\n\n1,2\n\n\n3,4\n\n\n\n")
        #expect(parsed.headerLine == 3)
        #expect(parsed.records.map(\.line) == [5, 8])
    }

    @Test func lineOfOnlySpacesAndTabsIsBlank() throws {
        let parsed = try table("a,b\n1,2\n   \n\t\n3,4\n  \n")
        #expect(rows(parsed) == [Rec(line: 2, fields: ["1", "2"]), Rec(line: 5, fields: ["3", "4"])])
    }

    @Test func lastRecordWithoutLineBreakAndEmptyTrailingFields() throws {
        let parsed = try table("a,b,c\n1,,\n,2,\n\"\",\"\",\"x\"")
        #expect(rows(parsed) == [
            Rec(line: 2, fields: ["1", "", ""]),
            Rec(line: 3, fields: ["", "2", ""]),
            Rec(line: 4, fields: ["", "", "x"]),
        ])
    }

    @Test func headerNamesAreTrimmedAndLookedUp() throws {
        let parsed = try table(" a ,\tb,c \n1,2,3\n")
        #expect(parsed.header == ["a", "b", "c"])
        #expect(parsed.columnIndex("b") == 1)
        #expect(parsed.columnIndex("c") == 2)
        #expect(parsed.columnIndex("d") == nil)
        // Data fields are not trimmed by the table.
        #expect(try table("a,b\n 1 ,2\n").records[0].fields == [" 1 ", "2"])
    }

    // MARK: Errors

    @Test func tooFewFieldsIsARaggedRowAtTheFirstMissingField() {
        expectProblem(raggedRow("a,b,c\n1,2,3\n4,5\n"), .raggedRow, file: "t.csv", line: 3, column: 3,
                      says: ["expected 3 fields as in the header, found 2"])
    }

    @Test func tooManyFieldsIsARaggedRowAtTheFirstExtraField() {
        expectProblem(raggedRow("a,b,c\n1,2,3,4,5\n"), .raggedRow, file: "t.csv", line: 2, column: 4,
                      says: ["expected 3 fields as in the header, found 5"])
    }

    @Test func raggedRowAfterMultiLineFieldHasItsOwnStartLine() {
        expectProblem(raggedRow("a,b\n\"x\ny\",1\n1,2,3\n"), .raggedRow, file: "t.csv", line: 4, column: 3,
                      says: ["found 3"])
    }

    @Test func raggedRowsAreCollectedAndTheRestKept() throws {
        let parsed = try table("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n")
        #expect(parsed.records.map(\.line) == [2, 4])
        #expect(parsed.problems.map(\.kind) == [.raggedRow, .raggedRow])
        #expect(parsed.problems.map(\.line) == [3, 5])
        #expect(parsed.problems.map(\.column) == [3, 4])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpened() {
        expectProblem(failure("a,b,c\n1,2,3\n4,\"open\n5,6,7\n8,9,10\n"), .unterminatedQuote, file: "t.csv",
                      line: 3, column: 2, says: ["never closed", "expected a closing '\"'"])
    }

    @Test func textAfterClosingQuoteIsRejected() {
        expectProblem(failure("a,b,c\n1,\"x\"y,3\n"), .unexpectedCharacterAfterQuote, file: "t.csv", line: 2, column: 2,
                      says: ["expected ',' or the end of the line after a closing quote, found 'y'"])
        expectProblem(failure("a,b\n1,2\n\"p\nq\",\"r\" \n"), .unexpectedCharacterAfterQuote, file: "t.csv",
                      line: 4, column: 2, says: ["found ' '"])
    }

    @Test func notUTF8NamesTheLineAndCharacter() {
        var bytes = Data("a,b\n1,2\n3,caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Data("\n".utf8))
        expectProblem(failure(bytes), .notUTF8, file: "t.csv", line: 3, column: nil,
                      says: ["not valid UTF-8 at character 6 of this line", "save the file with UTF-8 encoding"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func notUTF8LineIsRightForEveryLineEnding(ending: String) {
        var bytes = Data(["a,b", "1,2", "", "4,x"].joined(separator: ending).utf8)
        bytes.append(0xFF)
        expectProblem(failure(bytes), .notUTF8, file: "t.csv", line: 4, column: nil, says: ["at character 4 of this line"])
    }

    @Test func emptyFileIsRejected() {
        expectProblem(failure(Data()), .emptyFile, file: "t.csv", line: nil, column: nil,
                      says: ["the file is empty; expected a header row"])
    }

    @Test(arguments: ["\n", "\n\n\n", "\r\n\r\n", "   ", " \t \n  \n\n"])
    func whitespaceOnlyFileIsEmpty(text: String) {
        expectProblem(failure(text), .emptyFile, file: "t.csv", line: nil, column: nil, says: ["the file is empty"])
    }

    @Test func headerWithoutRowsIsRejectedAtTheHeaderLine() {
        expectProblem(failure("a,b\n"), .noDataRows, file: "t.csv", line: 1, column: nil,
                      says: ["the file has a header but no data rows"])
        expectProblem(failure("\n\na,b\n\n"), .noDataRows, file: "t.csv", line: 3, column: nil, says: ["no data rows"])
    }

    @Test func duplicateColumnNamesBothPositions() {
        expectProblem(failure("a,b,c,b\n1,2,3,4\n"), .duplicateColumn, file: "t.csv", line: 1, column: 4,
                      says: ["column 'b' appears twice in the header (also column 2)"])
        // Names are compared after trimming.
        expectProblem(failure("a, a\n1,2\n"), .duplicateColumn, file: "t.csv", line: 1, column: 2,
                      says: ["column 'a' appears twice", "(also column 1)"])
    }

    @Test(arguments: [("a,,c", 2), ("a,b,", 3), (",b,c", 1), ("a,  ,c", 2)])
    func emptyColumnNameIsRejected(header: String, column: Int) {
        expectProblem(failure(header + "\n1,2,3\n"), .emptyColumnName, file: "t.csv", line: 1, column: column,
                      says: ["expected a column name in the header, found an empty field"])
    }

    // MARK: Descriptions

    @Test func descriptionsReadLikeCompilerMessages() {
        let located = CSVImportError(.notANumber, file: "trial.csv", line: 14, column: 5, message: "expected a number")
        let lineOnly = CSVImportError(.missingColumn, file: "trial.csv", line: 1, message: "expected 'arm'")
        let fileOnly = CSVImportError(.emptyFile, file: "trial.csv", message: "the file is empty")
        #expect(located.description == "trial.csv:14:5: expected a number")
        #expect(lineOnly.description == "trial.csv:1: expected 'arm'")
        #expect(fileOnly.description == "trial.csv: the file is empty")
        #expect(CSVImportErrors([located, lineOnly]).description
            == "trial.csv:14:5: expected a number\ntrial.csv:1: expected 'arm'\n2 problems found; nothing was imported.")
        #expect(CSVImportErrors([fileOnly]).description == "trial.csv: the file is empty\n1 problem found; nothing was imported.")
    }
}
