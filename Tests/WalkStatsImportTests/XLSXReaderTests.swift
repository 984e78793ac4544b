import Foundation
import Testing
@testable import WalkStatsImport
import ZIPFoundation

/// A workbook made in memory from XML, for the cell kinds and damage that real writers rarely produce.
/// `sheets` are (name, worksheet XML) in workbook order; `styles` is the cellXfs numFmtIds and custom formats.
func makeWorkbook(sheets: [(String, String)], sharedStrings: [String]? = nil, styles: String? = nil,
                  compressed: Bool = true) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: compressed ? .deflate : .none) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
    try add("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
    let sheetList = sheets.enumerated().map { #"<sheet name="\#($1.0)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
    try add("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets>\#(sheetList)</sheets></workbook>"#)
    var relationships = sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }
    if sharedStrings != nil { relationships.append(#"<Relationship Id="rIdS" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#) }
    if styles != nil { relationships.append(#"<Relationship Id="rIdT" Type="\#(rel)/styles" Target="/xl/styles.xml"/>"#) }
    try add("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relationships.joined())</Relationships>"#)
    for (index, sheet) in sheets.enumerated() {
        try add("xl/worksheets/sheet\(index + 1).xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\#(main)"><sheetData>\#(sheet.1)</sheetData></worksheet>"#)
    }
    if let sharedStrings {
        try add("xl/sharedStrings.xml", #"<sst xmlns="\#(main)" count="\#(sharedStrings.count)">\#(sharedStrings.map { "<si>\($0)</si>" }.joined())</sst>"#)
    }
    if let styles { try add("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#) }
    return try #require(archive.data)
}

/// The reader on a workbook made in memory, named `book.xlsx` in messages.
func readWorkbook(_ data: Data, sheet: String? = nil) throws -> SourceTable {
    try XLSXReader.read(data: data, file: "book.xlsx", sheet: sheet)
}

/// The error reading `data` must throw.
func workbookFailure(_ data: Data, sheet: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
    #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try readWorkbook(data, sheet: sheet) }
}

/// Unit tests of the `.xlsx` reader: every cell kind, entities, references, dates, damage; and the fixtures
/// written by openpyxl and openxlsx (`Fixtures/excel/generate.py`, `generate.R`) reading as the CSV they were
/// made from.
struct XLSXReaderTests {
    static let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>participant</t></is></c><c r="B1" t="inlineStr"><is><t>value</t></is></c></row>"#

    @Test func everyKindOfCellBecomesItsText() throws {
        let strings = [
            "<t>shared</t>",
            #"<r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh>"#,
            "<t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x2013;</t>",
            "<t>line_x000D_break</t>",
            "<t/>",
        ]
        let rows = Self.header + """
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1.07</v></c></row>
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="n"><v>1.0000000000000002</v></c></row>
            <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="b"><v>1</v></c></row>
            <row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" t="b"><v>0</v></c></row>
            <row r="6"><c r="A6" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="B6" t="e"><v>#N/A</v></c></row>
            <row r="7"><c r="A7" t="str"><f>CONCAT("P","7")</f><v>P7</v></c><c r="B7"><f>1+2</f><v>3</v></c></row>
            <row r="8"><c r="A8" t="inlineStr"><is><t><![CDATA[<P8>]]></t></is></c><c r="B8" s="0"><v>1E-3</v></c></row>
            <row r="9"><c r="A9" t="s"><v>4</v></c><c r="B9"/><c r="C9" s="1"/></row>
            <row r="10"><c r="A10" t="inlineStr"><is><t>P10</t></is></c><c r="B10"><v>-0.5</v></c></row>
            """
        let table = try readWorkbook(makeWorkbook(sheets: [("Data", rows)], sharedStrings: strings))
        #expect(table.header == ["participant", "value"])
        #expect(table.headerLine == 1 && table.headerColumns == [1, 2])
        #expect(table.records.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 10])
        #expect(table.records.map(\.fields) == [
            ["shared", "1.07"], ["rich text", "1.0000000000000002"], ["a & b <c> \"d\" 'e' é–", "TRUE"], ["line\rbreak", "FALSE"],
            ["inline", "#N/A"], ["P7", "3"], ["<P8>", "1E-3"], ["P10", "-0.5"],
        ])
        #expect(table.place == .sheet(name: "Data"))
        #expect(table.notes == ["Excel workbook, sheet 'Data' (its only sheet)"])
    }

    @Test func cellsWithoutReferencesFollowTheOneBefore() throws {
        let rows = """
            <row><c t="inlineStr"><is><t>participant</t></is></c><c t="inlineStr"><is><t>arm</t></is></c><c t="inlineStr"><is><t>value</t></is></c></row>
            <row><c t="inlineStr"><is><t>P1</t></is></c><c r="C2"><v>4</v></c></row>
            <row r="5"><c t="inlineStr"><is><t>P2</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c><v>5</v></c></row>
            <row><c r="B6" t="inlineStr"><is><t>c</t></is></c><c><v>6</v></c></row>
            """
        let table = try readWorkbook(makeWorkbook(sheets: [("S", rows)]))
        #expect(table.header == ["participant", "arm", "value"])
        #expect(table.records == [SourceRecord(line: 2, fields: ["P1", "", "4"]), SourceRecord(line: 5, fields: ["P2", "b", "5"]),
                                  SourceRecord(line: 6, fields: ["", "c", "6"])])
    }

    @Test func theTableStartsAtTheFirstRowAndColumnWithAValue() throws {
        let rows = """
            <row r="2" spans="1:4"><c r="A2" s="1"/></row>
            <row r="3"><c r="C3" t="inlineStr"><is><t> participant </t></is></c><c r="D3" t="inlineStr"><is><t>value</t></is></c></row>
            <row r="4"><c r="C4" t="inlineStr"><is><t>P1</t></is></c><c r="D4"><v>1</v></c></row>
            <row r="6"><c r="C6" t="inlineStr"><is><t>P2</t></is></c></row>
            <row r="9"><c r="C9" s="2"/><c r="D9" t="inlineStr"><is><t></t></is></c></row>
            """
        let table = try readWorkbook(makeWorkbook(sheets: [("First", rows), ("Second", Self.header)]))
        #expect(table.header == ["participant", "value"])
        #expect(table.headerLine == 3 && table.headerColumns == [3, 4])
        #expect(table.records == [SourceRecord(line: 4, fields: ["P1", "1"]), SourceRecord(line: 6, fields: ["P2", ""])])
        #expect(table.notes == ["Excel workbook, sheet 'First' (the first of 2 sheets), header on row 3 from column C"])
    }

    @Test func aSheetIsChosenByNameOrNumber() throws {
        let second = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>P2</t></is></c><c r="B2"><v>2</v></c></row>"#
        let first = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2"><v>1</v></c></row>"#
        let book = try makeWorkbook(sheets: [("Notes &amp; data", first), ("Wide", second)])
        #expect(try readWorkbook(book).records[0].fields == ["P1", "1"])
        #expect(try readWorkbook(book, sheet: "Wide").records[0].fields == ["P2", "2"])
        #expect(try readWorkbook(book, sheet: "wide").records[0].fields == ["P2", "2"])
        #expect(try readWorkbook(book, sheet: "2").records[0].fields == ["P2", "2"])
        #expect(try readWorkbook(book, sheet: "Notes & data").place == .sheet(name: "Notes & data"))
        #expect(try readWorkbook(book, sheet: "2").notes == ["Excel workbook, sheet 'Wide' (chosen with --sheet, of 2)"])
        expectProblem(workbookFailure(book, sheet: "Data"), .invalidValue, file: "book.xlsx", line: nil, column: nil,
                      says: ["no sheet 'Data' (--sheet)", "a number from 1 to 2", "2 sheets: 'Notes & data', 'Wide'"])
        expectProblem(workbookFailure(book, sheet: "3"), .invalidValue, file: "book.xlsx", line: nil, column: nil, says: ["no sheet '3'"])
    }

    @Test func datesAreRefusedNamingTheCell() throws {
        let styles = #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/></numFmts>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>"#
            + #"<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs>"#
        func row(_ cell: String) -> String {
            Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2"><v>1</v></c></row>"#
                + #"<row r="7"><c r="A7" t="inlineStr"><is><t>P2</t></is></c>\#(cell)</row>"#
        }
        // Style 0 (General), 2 (0.00) and 4 ("days" quoted) are numbers.
        for style in [0, 2, 4] {
            let table = try readWorkbook(makeWorkbook(sheets: [("Data", row(#"<c r="B7" s="\#(style)"><v>45352</v></c>"#))], styles: styles))
            #expect(table.records[1].fields == ["P2", "45352"])
        }
        let custom = workbookFailure(try makeWorkbook(sheets: [("Data", row(#"<c r="B7" s="1"><v>45352</v></c>"#))], styles: styles))
        expectProblem(custom, .dateValue, file: "book.xlsx", line: 7, column: 2,
                      says: ["holds a date (formatted 'yyyy-mm-dd'); expected a number or text: store it as text or a number"])
        #expect(custom?.place == .sheet(name: "Data"))
        #expect(custom?.description.hasPrefix("book.xlsx, sheet 'Data', cell B7: ") == true)
        let builtIn = workbookFailure(try makeWorkbook(sheets: [("Data", row(#"<c r="B7" s="3"><v>45352</v></c>"#))], styles: styles))
        expectProblem(builtIn, .dateValue, file: "book.xlsx", line: 7, column: 2, says: ["formatted 'mm-dd-yy'"])
        let iso = workbookFailure(try makeWorkbook(sheets: [("Data", row(#"<c r="B7" t="d"><v>2024-03-01</v></c>"#))]))
        expectProblem(iso, .dateValue, file: "book.xlsx", line: 7, column: 2, says: ["an ISO 8601 date cell"])
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("[h]:mm:ss", true), ("[$-409]d-mmm-yy;@", true), ("hh:mm", true), ("0.00", false),
        ("General", false), (#"0.0" days""#, false), ("[Red]0.00", false), (#"#,##0\ "kg""#, false), ("0_);[Red](0)", false),
        ("[s]", true), ("@", false),
    ])
    func dateFormatsAreTold(_ code: String, showsDate: Bool) throws {
        let styles = #"<numFmts><numFmt numFmtId="170" formatCode="\#(code.replacingOccurrences(of: "\"", with: "&quot;"))"/></numFmts><cellXfs><xf numFmtId="170"/></cellXfs>"#
        let rows = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2" s="0"><v>3</v></c></row>"#
        let book = try makeWorkbook(sheets: [("Data", rows)], styles: styles)
        if showsDate {
            expectProblem(workbookFailure(book), .dateValue, file: "book.xlsx", line: 2, column: 2, says: ["formatted '\(code)'"])
        } else {
            #expect(try readWorkbook(book).records[0].fields == ["P1", "3"])
        }
    }

    @Test func valuesOutsideTheHeadersColumnsAreProblemsAtTheirCell() throws {
        let rows = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2"><v>1</v></c><c r="D2"><v>9</v></c></row>"#
        let problem = workbookFailure(try makeWorkbook(sheets: [("Data", rows)]))
        expectProblem(problem, .raggedRow, file: "book.xlsx", line: 2, column: 4,
                      says: ["expected no value beyond the header's last column (B), found '9'"])
        #expect(problem?.description.hasPrefix("book.xlsx, sheet 'Data', cell D2: ") == true)
    }

    /// With --keep-going every date and every stray value is reported, in sheet order with the rows' own
    /// problems, each at its cell; without it the first stops the read.
    @Test func keepingGoingReportsEveryDateAndStrayValue() throws {
        let styles = #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#
        let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>participant</t></is></c><c r="B1" t="inlineStr"><is><t>arm</t></is></c>"#
            + #"<c r="C1" t="inlineStr"><is><t>timepoint</t></is></c><c r="D1" t="inlineStr"><is><t>outcome</t></is></c><c r="E1" t="inlineStr"><is><t>value</t></is></c></row>"#
        func row(_ number: Int, value: String, extra: String = "") -> String {
            #"<row r="\#(number)"><c r="A\#(number)" t="inlineStr"><is><t>P\#(number)</t></is></c><c r="B\#(number)" t="inlineStr"><is><t>backward</t></is></c>"#
                + #"<c r="C\#(number)" t="inlineStr"><is><t>baseline</t></is></c><c r="D\#(number)" t="inlineStr"><is><t>pain_nrs</t></is></c>\#(value)\#(extra)</row>"#
        }
        let sheet = header + row(2, value: #"<c r="E2" s="1"><v>4</v></c>"#)
            + row(3, value: #"<c r="E3"><v>5</v></c>"#, extra: #"<c r="G3"><v>9</v></c>"#)
            + row(4, value: #"<c r="E4" t="inlineStr"><is><t>n/a</t></is></c>"#)
            + #"<row r="5"><c r="H5"><v>1</v></c></row>"#
            + row(6, value: #"<c r="E6" s="1"><v>6</v></c>"#)
        let book = try makeWorkbook(sheets: [("Data", sheet)], styles: styles)
        // Without --keep-going: the first, B2's date.
        expectProblem(workbookFailure(book), .dateValue, file: "book.xlsx", line: 2, column: 5, says: ["holds a date"])
        for partSize in [.max, 64] {
            let table = try XLSXReader.read(data: book, file: "book.xlsx", sheet: nil, keepGoing: true, partSize: partSize)
            #expect(table.problems.map { [$0.line ?? 0, $0.column ?? 0] } == [[2, 5], [3, 7], [5, 8], [6, 5]])
            // The row with only a stray value is not a row; the dates keep their numbers.
            #expect(table.records.map(\.line) == [2, 3, 4, 6])
            #expect(table.records[0].fields[4] == "4")
            let importer = ParticipantCSVImporter(keepGoing: true)
            let errors = #expect(throws: CSVImportErrors.self) { try importer.importTrial(source: table, wide: nil) }
            #expect(errors?.errors.map { [$0.line ?? 0, $0.column ?? 0] } == [[2, 5], [3, 7], [4, 5], [5, 8], [6, 5]])
            #expect(errors?.errors.allSatisfy { $0.description.hasPrefix("book.xlsx, sheet 'Data', cell ") } == true)
        }
    }

    @Test func emptySheetsAndHeaderOnlySheetsAreRefused() throws {
        expectProblem(workbookFailure(try makeWorkbook(sheets: [("Data", #"<row r="1"><c r="A1" s="1"/></row>"#)])), .emptyFile,
                      file: "book.xlsx", line: nil, column: nil, says: ["the sheet has no values"])
        expectProblem(workbookFailure(try makeWorkbook(sheets: [("Data", Self.header)])), .noDataRows,
                      file: "book.xlsx", line: 1, column: nil, says: ["a header but no data rows"])
    }

    @Test func malformedXMLNamesThePartAndByte() throws {
        for (bad, expected) in [
            ("<row r=\"2\"><c r=\"A2\"><v>1</v></row>", "expected the end tag 'c', found 'row'"),
            ("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row", "expected '>' closing the end tag 'row'"),
            ("<row r=\"2\"><c r=A2><v>1</v></c></row>", "expected a quoted value for the attribute 'r'"),
            ("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a &nbsp; b</t></is></c></row>", "found '&nbsp;'"),
            ("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a & b</t></is></c></row>", "ended by ';'"),
            ("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&#0;</t></is></c></row>", "a character reference to a Unicode character"),
        ] {
            let problem = workbookFailure(try makeWorkbook(sheets: [("Data", Self.header + bad)]))
            expectProblem(problem, .corruptFile, file: "book.xlsx", line: nil, column: nil,
                          says: ["part 'xl/worksheets/sheet1.xml' is not well-formed XML at byte ", expected])
        }
        let badReference = workbookFailure(try makeWorkbook(sheets: [("Data", Self.header + #"<row r="2"><c r="2A"><v>1</v></c></row>"#)]))
        expectProblem(badReference, .corruptFile, file: "book.xlsx", line: 2, column: nil, says: ["a cell reference such as 'C7', found '2A'"])
        let badIndex = workbookFailure(try makeWorkbook(sheets: [("Data", Self.header + #"<row r="2"><c r="A2" t="s"><v>7</v></c></row>"#)],
                                                        sharedStrings: ["<t>x</t>"]))
        expectProblem(badIndex, .corruptFile, file: "book.xlsx", line: 2, column: 1, says: ["an index into the 1 shared strings, found '7'"])
        let badStrings = workbookFailure(try makeWorkbook(sheets: [("Data", Self.header)], sharedStrings: ["<t>x</r>"]))
        expectProblem(badStrings, .corruptFile, file: "book.xlsx", line: nil, column: nil, says: ["part 'xl/sharedStrings.xml' is not well-formed XML"])
    }

    @Test func filesThatAreNotWorkbooksAreRefused() throws {
        expectProblem(workbookFailure(Data("participant,arm\nP1,a\n".utf8)), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["not an Excel .xlsx workbook: expected a zip archive (starting 'PK'), found 'participant,arm.P1,a.…'"])
        expectProblem(workbookFailure(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])), .unsupportedFile, file: "book.xlsx",
                      line: nil, column: nil, says: ["Excel 97–2003 workbook (.xls)", "save it as .xlsx"])
        expectProblem(workbookFailure(Data()), .emptyFile, file: "book.xlsx", line: nil, column: nil, says: ["the file is empty"])
        let book = try makeWorkbook(sheets: [("Data", Self.header)])
        expectProblem(workbookFailure(book.prefix(book.count / 2)), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["the zip archive cannot be read (it may be truncated or damaged)"])

        // A zip that is not a workbook, and a workbook whose sheet part is missing.
        let archive = try Archive(data: Data(), accessMode: .create)
        let text = Data("hello".utf8)
        try archive.addEntry(with: "notes.txt", type: .file, uncompressedSize: Int64(text.count)) { position, size in
            text.subdata(in: Int(position)..<(Int(position) + size))
        }
        expectProblem(workbookFailure(try #require(archive.data)), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["has no '[Content_Types].xml' part"])
        let missing = try XLSXReaderTests.removing("xl/worksheets/sheet1.xml", from: try makeWorkbook(sheets: [("Data", Self.header)]))
        expectProblem(workbookFailure(missing), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["the part holding sheet 'Data' ('xl/worksheets/sheet1.xml') is missing"])
        let noWorkbook = try XLSXReaderTests.removing("xl/workbook.xml", from: try makeWorkbook(sheets: [("Data", Self.header)]))
        expectProblem(workbookFailure(noWorkbook), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["the workbook part 'xl/workbook.xml' is missing"])
    }

    @Test func aDamagedPartFailsItsChecksum() throws {
        // Stored (not deflated), so a flipped byte in the sheet's text is only caught by the CRC-32.
        var book = try makeWorkbook(sheets: [("Data", Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>PXYZ</t></is></c></row>"#)],
                                    compressed: false)
        let range = try #require(book.range(of: Data("PXYZ".utf8)))
        book[range.lowerBound] = UInt8(ascii: "Q")
        expectProblem(workbookFailure(book), .corruptFile, file: "book.xlsx", line: nil, column: nil,
                      says: ["part 'xl/worksheets/sheet1.xml' is damaged: its CRC-32 checksum does not match"])
    }

    /// Any bytes give a table or an error, never a crash: every fixture truncated at many lengths, and with
    /// bytes flipped throughout.
    @Test func truncatedAndFlippedWorkbooksAreErrorsNeverCrashes() throws {
        for name in ["openpyxl-trial.xlsx", "openxlsx-trial.xlsx"] {
            let book = try Data(contentsOf: fixtureURL("excel/" + name))
            var lengths = Array(stride(from: 0, to: book.count, by: max(1, book.count / 300)))
            lengths += [book.count - 1, book.count - 22, book.count - 23]
            for length in lengths where length >= 0 && length < book.count {
                #expect(throws: CSVImportError.self, "\(name) cut at \(length)") { try readWorkbook(book.prefix(length)) }
            }
            var random = SystemRandomNumberGenerator()
            var read = 0, refused = 0
            for trial in 0..<400 {
                var damaged = book
                for _ in 0..<(1 + trial % 4) {
                    let index = Int.random(in: 0..<damaged.count, using: &random)
                    damaged[index] ^= UInt8.random(in: 1...255, using: &random)
                }
                do {
                    _ = try readWorkbook(damaged)
                    read += 1
                } catch is CSVImportError {
                    refused += 1
                }
            }
            #expect(read + refused == 400)
            #expect(refused > 0)
        }
        // Damaged XML inside an intact zip: every prefix of a sheet part.
        let sheet = Self.header + #"<row r="2"><c r="A2" t="inlineStr"><is><r><t>P&amp;1</t></r></is></c><c r="B2" s="1"><f>1+1</f><v>2</v></c></row>"#
        for length in stride(from: 0, to: sheet.utf8.count, by: 3) {
            let cut = String(decoding: Array(sheet.utf8.prefix(length)), as: UTF8.self)
            let book = try makeWorkbook(sheets: [("Data", cut)], styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="2"/></cellXfs>"#)
            do { _ = try readWorkbook(book) } catch is CSVImportError {}
        }
    }

    @Test(arguments: ["openpyxl-trial.xlsx", "openxlsx-trial.xlsx"])
    func fixturesReadAsTheCSVTheyWereMadeFrom(_ name: String) throws {
        let table = try XLSXReader.read(path: fixtureURL("excel/" + name).path)
        let csv = try CSVTable(data: Data(contentsOf: fixtureURL("wide/long.csv")), file: "long.csv")
        #expect(table.header == csv.header)
        #expect(table.place == .sheet(name: "Long"))
        #expect(table.records.map(\.line) == csv.records.map(\.line))
        // NA is an empty cell in the workbook; every other cell is the CSV's text, numbers the same double
        // (the workbook stores 1.30 as 1.3).
        #expect(table.records.map(\.fields).map(Self.values) == csv.records.map { Self.values($0.fields) })
        #expect(table.notes == ["Excel workbook, sheet 'Long' (the first of 2 sheets)"])
    }

    @Test func theSecondSheetsAreTheWideCSVs() throws {
        let openpyxl = try XLSXReader.read(path: fixtureURL("excel/openpyxl-trial.xlsx").path, sheet: "Wide")
        let underscore = try CSVTable(data: Data(contentsOf: fixtureURL("wide/wide-underscore.csv")), file: "wide.csv")
        #expect(openpyxl.header == underscore.header)
        #expect(openpyxl.records.map(\.fields).map(Self.values) == underscore.records.map { Self.values($0.fields) })
        let openxlsx = try XLSXReader.read(path: fixtureURL("excel/openxlsx-trial.xlsx").path, sheet: "2")
        let dotted = try CSVTable(data: Data(contentsOf: fixtureURL("wide/wide-dotted.csv")), file: "wide.csv")
        #expect(openxlsx.header == dotted.header)
        #expect(openxlsx.headerLine == 3 && openxlsx.headerColumns == Array(2...(dotted.header.count + 1)))
        #expect(openxlsx.records.map(\.fields).map(Self.values) == dotted.records.map { Self.values($0.fields) })
        #expect(openxlsx.records.first?.line == 4)
    }

    @Test(arguments: ["openpyxl-date.xlsx", "openxlsx-date.xlsx"])
    func fixtureDatesAreRefusedAtTheirCell(_ name: String) throws {
        let path = fixtureURL("excel/" + name).path
        let error = #expect(throws: CSVImportError.self) { try XLSXReader.read(path: path) }
        #expect(error?.kind == .dateValue && error?.line == 2 && error?.column == 3)
        #expect(error?.description.contains("sheet 'Dates', cell C2: the cell holds a date (formatted '") == true)
    }

    /// The zip CRC-32 of the standard check string, of the empty string, and of a long run agreeing with
    /// ZIPFoundation's byte-at-a-time CRC.
    @Test func crc32MatchesTheStandardCheckValue() throws {
        #expect(Array("123456789".utf8).withUnsafeBytes(ZipCRC32.checksum) == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes(ZipCRC32.checksum) == 0)
        let long = Data((0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) })
        #expect(long.withUnsafeBytes(ZipCRC32.checksum) == long.crc32(checksum: 0))
    }

    @Test func missingFilesAndFoldersAreRefused() throws {
        let missing = #expect(throws: CSVImportError.self) { try XLSXReader.read(path: "/nonexistent/book.xlsx") }
        #expect(missing?.message == "no such file; expected a path to an Excel .xlsx workbook")
        let folder = #expect(throws: CSVImportError.self) { try XLSXReader.read(path: fixtureURL("excel").path) }
        #expect(folder?.kind == .isDirectory)
    }

    /// `fields` as values to compare: NA as empty, numbers as their double's shortest text (1.30 as 1.3).
    static func values(_ fields: [String]) -> [String] {
        fields.map { $0 == "NA" ? "" : Double($0).map { "\($0)" } ?? $0 }
    }

    /// `data`, a zip archive, without its entry `path`.
    static func removing(_ path: String, from data: Data) throws -> Data {
        let source = try Archive(data: data, accessMode: .read)
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in source where entry.path != path {
            var contents = Data()
            _ = try source.extract(entry) { contents.append($0) }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(contents.count)) { position, size in
                contents.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return try #require(archive.data)
    }
}
