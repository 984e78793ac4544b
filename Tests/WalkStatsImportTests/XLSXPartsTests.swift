import Foundation
import Testing
import WalkStatsStatistics
@testable import WalkStatsImport

/// The two fast paths of the worksheet reader against the plain event-by-event reading: plain rows read
/// without events (`XLSXSheetRows.plainRow`) and a sheet read in parts on several cores
/// (`XLSXReader.readInParts`) must give exactly what reading every tag in turn gives, rows and errors.
struct XLSXPartsTests {
    static let shared = ["shared", "a & b", "P002", ""]
    static let sharedStrings: XLSXSharedStrings = {
        var strings = XLSXSharedStrings()
        for text in shared {
            strings.bytes += Array(text.utf8)
            strings.ends.append(strings.bytes.count)
        }
        return strings
    }()
    /// Style 1 shows a date.
    static let dates = XLSXDateFormats(dateFormats: [nil, "yyyy-mm-dd"])

    /// Everything the reader gives for the sheet `xml`, as text: each row's number and cells, then the error.
    static func rows(_ xml: String, plain: Bool) -> (text: String, plainRows: Int) {
        Array(xml.utf8).withUnsafeBytes { bytes in
            var rows = XLSXSheetRows(bytes, sharedStrings: sharedStrings, dates: dates)
            rows.usesPlainRows = plain
            var row = XLSXRow()
            var text = ""
            do {
                while try rows.next(into: &row) {
                    let cells = (0..<row.count).map { index in
                        "\(row.column(index))=\(row.text(index))" + (row.dates.first { $0.cell == index }.map { " (date \($0.format))" } ?? "")
                    }
                    text += "\(row.number): \(cells.joined(separator: " | "))\n"
                }
            } catch {
                text += "error: \(error)"
            }
            return (text, rows.plainRowsRead)
        }
    }

    static func letters(_ column: Int) -> String { CellPlace.columnLetters(column) }

    /// A random cell of row `row` at `column`: every kind a worksheet holds, in the shapes writers give them
    /// and in shapes only the event reading takes (comments, CDATA, rich text, prefixes, spaces), now and then
    /// a damaged one.
    static func cell(_ g: inout SeededGenerator, row: Int, column: Int) -> String {
        let at = "\(letters(column))\(row)"
        let reference = [" r=\"\(at)\"", " r=\"\(at)\"", " r=\"\(at)\"", "", " r='\(at)'", " x:r=\"\(at)\"", " r = \"\(at)\"",
                         " r=\"$\(at)\"", " r=\"\(at.lowercased())\"", " r=\"1A\"", " r=\"A\"", " r=\"\(at)\" r2=\"x\""].randomElement(using: &g)!
        let style = ["", "", " s=\"0\"", " s=\"1\"", " s=\"x\"", " cm=\"1\""].randomElement(using: &g)!
        let text = ["P001", "backward", "a &amp; b", "x_x000D_y", "é &#233;&#x2013;", "", "  spaced ", "&lt;tag&gt;", "q&quot;s&apos;",
                    "_x005F_x", "&bogus;", "&#0;"].randomElement(using: &g)!
        let number = ["5", "1.07", "-3", "1E-3", "", "007", "2.5"].randomElement(using: &g)!
        switch Int.random(in: 0..<26, using: &g) {
        case 0...5: return "<c\(reference)\(style)><v>\(number)</v></c>"
        case 6: return "<c\(reference)\(style) t=\"n\"><v>\(number)</v></c>"
        case 7: return "<c\(reference)><f>SUM(A1:B2)&amp;1</f><v>\(number)</v></c>"
        case 8: return "<c\(reference)><f t=\"shared\" si=\"0\"/><v>\(number)</v></c>"
        case 9: return "<c\(reference) t=\"s\"><v>\(["0", "1", "2", "3", "9", "x", ""].randomElement(using: &g)!)</v></c>"
        case 10...13: return "<c\(reference) t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        case 14: return "<c\(reference) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(text)</t></is></c>"
        case 15: return "<c\(reference) t=\"inlineStr\"><is><r><t>ri</t></r><r><rPr/><t>ch</t></r><rPh><t>PH</t></rPh></is></c>"
        case 16: return "<c\(reference) t=\"\(["str", "e", "b", "d", "zz"].randomElement(using: &g)!)\"><v>\(["#N/A", "0", "1", "2024-01-31", text].randomElement(using: &g)!)</v></c>"
        case 17: return ["<c\(reference)/>", "<c\(reference)></c>", "<c\(reference)><v/></c>", "<c\(reference)><v></v></c>", "<c\(reference) t=\"inlineStr\"><is><t/></is></c>"].randomElement(using: &g)!
        case 18: return "<c\(reference) t=\"str\"><v><![CDATA[a<b & c]]></v></c>"
        case 19: return "<c\(reference)><!-- a comment --><v>\(number)</v></c>"
        case 20: return "<c\(reference)> <v>\(number)</v>\n</c>"
        case 21: return "<c\(reference)><v>\(number)</v></c >"
        case 22: return "<c\(reference) ><v >\(number)</v></c>"
        case 23: return "<x:c\(reference)><x:v>\(number)</x:v></x:c>"
        case 24: return "<c\(reference)><extLst/><v>\(number)</v></c>"
        default: return ["<c\(reference)><v>1</c>", "<c\(reference)<v>1</v></c>", "<c\(reference) t=inlineStr><v>1</v></c>", "<c\(reference)><v>1</v>"].randomElement(using: &g)!
        }
    }

    /// A random sheet of a few rows: with and without `r`, empty and self-closing rows, extra attributes, text
    /// between cells, columns out of order.
    static func sheet(_ g: inout SeededGenerator) -> String {
        var xml = "<worksheet xmlns=\"m\"><dimension ref=\"A1\"/><sheetData>"
        var row = 0
        for _ in 0..<Int.random(in: 1...6, using: &g) {
            row += Int.random(in: 1...2, using: &g)
            let reference = [" r=\"\(row)\"", " r=\"\(row)\"", "", " r=\"0\"", " r=\"\(row)\" spans=\"1:3\" x14ac:dyDescent=\"0.25\"", " r='\(row)'"].randomElement(using: &g)!
            switch Int.random(in: 0..<12, using: &g) {
            case 0: xml += "<row\(reference)/>"
            case 1: xml += "<row\(reference)></row>"
            default:
                var columns = Array(1...Int.random(in: 1...4, using: &g))
                if Bool.random(using: &g), Bool.random(using: &g) { columns.shuffle(using: &g) }
                let separator = Int.random(in: 0..<8, using: &g) == 0 ? "\n  " : ""
                xml += "<row\(reference)>" + columns.map { cell(&g, row: row, column: $0) }.joined(separator: separator) + "</row>"
            }
            if Int.random(in: 0..<10, using: &g) == 0 { xml += "\n" }
        }
        return xml + "</sheetData></worksheet>"
    }

    @Test func plainRowsReadAsTheEventsDo() {
        var g = SeededGenerator(seed: 20261130)
        var plainRows = 0
        for _ in 0..<3000 {
            let xml = Self.sheet(&g)
            let plain = Self.rows(xml, plain: true)
            let events = Self.rows(xml, plain: false)
            #expect(plain.text == events.text, "\(xml)")
            #expect(events.plainRows == 0)
            plainRows += plain.plainRows
        }
        // The plain reading is really used (most rows of these sheets have the plain shape).
        #expect(plainRows > 1000)
    }

    /// Damaged sheets — bytes changed, inserted or cut at random in sheets of the plain shape — read the same
    /// plain and event by event (the same rows up to the damage, the same error), and never trap.
    @Test func damagedSheetsReadAsTheEventsDo() {
        var g = SeededGenerator(seed: 7_919)
        let base = Array(("<worksheet><sheetData>" + Self.longSheet(rows: 6) + "</sheetData></worksheet>").utf8)
        let alphabet = Array("<>/=\"' &;#x_rcvtisf0123456789A:!-[]".utf8)
        for _ in 0..<4000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let at = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<4, using: &g) {
                case 0: bytes[at] = alphabet.randomElement(using: &g)!
                case 1: bytes.insert(alphabet.randomElement(using: &g)!, at: at)
                case 2: bytes.remove(at: at)
                default: bytes.removeSubrange(at...)
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "<")] }
            }
            let xml = String(decoding: bytes, as: UTF8.self)
            #expect(Self.rows(xml, plain: true).text == Self.rows(xml, plain: false).text, "\(xml)")
        }
    }

    @Test func plainRowsAreTheRowsWritersGive() {
        let xml = "<worksheet><sheetData>" + (1...50).map { row in
            "<row r=\"\(row)\" spans=\"1:3\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>P\(row)</t></is></c><c r=\"B\(row)\" t=\"s\"><v>1</v></c>"
                + "<c r=\"C\(row)\" s=\"0\"><v>\(row).5</v></c><c r=\"D\(row)\"><f>C\(row)*2</f><v>\(2 * row + 1)</v></c></row>"
        }.joined() + "</sheetData></worksheet>"
        let plain = Self.rows(xml, plain: true)
        #expect(plain.plainRows == 50)
        #expect(plain.text == Self.rows(xml, plain: false).text)
        #expect(plain.text.hasPrefix("1: 1=P1 | 2=a & b | 3=1.5 | 4=3\n2: 1=P2"))
    }

    /// A long sheet: a header, then `rows` rows of a participant, an arm and a value; `extra` is spliced in
    /// after the row numbered `at`.
    static func longSheet(rows: Int, extra: String = "", at: Int = 0, rowReferences: Bool = true) -> String {
        var xml = #"<row r="1"><c r="A1" t="inlineStr"><is><t>participant</t></is></c><c r="B1" t="inlineStr"><is><t>arm</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>"#
        for row in 2...(rows + 1) {
            let reference = rowReferences || row % 7 == 0 ? " r=\"\(row)\"" : ""
            xml += "<row\(reference)><c r=\"A\(row)\" t=\"inlineStr\"><is><t>P\(row)</t></is></c><c r=\"B\(row)\" t=\"inlineStr\"><is><t>\(row % 2 == 0 ? "backward" : "forward")</t></is></c><c r=\"C\(row)\"><v>\(row % 11).\(row % 3)</v></c></row>"
            if row == at { xml += extra }
        }
        return xml
    }

    /// The sheet read in one part and in many (parts from 64 bytes of sheet data on): the same table, or the
    /// same error.
    static func readInOneAndInParts(_ sheet: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let book = try makeWorkbook(sheets: [("Data", sheet)], sharedStrings: ["<t>s</t>"], styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#)
        func read(_ partSize: Int) -> Result<[SourceRecord], CSVImportError> {
            do {
                return .success(try XLSXReader.read(data: book, file: "book.xlsx", sheet: nil, partSize: partSize).records)
            } catch let error as CSVImportError {
                return .failure(error)
            } catch {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
                return .success([])
            }
        }
        let whole = read(.max)
        for partSize in [64, 1000, 5000] {
            let parts = read(partSize)
            switch (whole, parts) {
            case let (.success(one), .success(many)): #expect(one == many, "parts from \(partSize)", sourceLocation: sourceLocation)
            case let (.failure(one), .failure(many)): #expect(one.description == many.description, sourceLocation: sourceLocation)
            default: Issue.record("in one: \(whole); in parts from \(partSize): \(parts)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func aSheetReadInPartsIsTheSheetReadInOne() throws {
        // Plain rows; rows without r between ones with it.
        try Self.readInOneAndInParts(Self.longSheet(rows: 400))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, rowReferences: false))
        // Rows that look like rows inside a CDATA section and a comment: a split there is not between rows,
        // and the part before it reads on alone.
        let lookalike = (0..<60).map { #"<row r="\#(900 + $0)"><c r="A\#(900 + $0)"><v>1</v></c></row>"# }.joined()
        try Self.readInOneAndInParts(Self.longSheet(rows: 300, extra: "<row r=\"151\"><c r=\"A151\" t=\"str\"><v><![CDATA[\(lookalike)]]></v></c></row>", at: 150))
        try Self.readInOneAndInParts(Self.longSheet(rows: 300, extra: "<!-- \(lookalike) -->", at: 120))
        // The splits are row starts with a reference, evenly spread.
        let xml = "<worksheet><sheetData>" + Self.longSheet(rows: 400, rowReferences: false) + "</sheetData></worksheet>"
        let splits = Array(xml.utf8).withUnsafeBytes { bytes in
            XLSXSheetRows(bytes, sharedStrings: Self.sharedStrings, dates: Self.dates).splitPoints(parts: 8, minimumSize: 64)
        }
        #expect(splits.count == 7)
        #expect(splits == splits.sorted())
        for split in splits { #expect(Array(xml.utf8)[split..<(split + 7)] == Array(#"<row r="#.utf8)[...]) }
        // Rows after the sheet data are not data.
        let table = try XLSXReader.read(data: try makeWorkbook(sheets: [("Data", Self.longSheet(rows: 50))]), file: "b.xlsx", sheet: nil, partSize: 64)
        #expect(table.recordCount == 50)
        #expect(table.cells != nil)
    }

    @Test func theFirstErrorOfASheetReadInPartsIsTheSheetsFirst() throws {
        let date = #"<row r="300"><c r="A300" t="inlineStr"><is><t>P</t></is></c><c r="C300" s="1"><v>45000</v></c></row>"#
        let beyond = #"<row r="380"><c r="A380" t="inlineStr"><is><t>P</t></is></c><c r="E380"><v>1</v></c></row>"#
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: date, at: 299))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: beyond, at: 379))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: date + beyond, at: 299))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: "<row r=\"350\"><c r=\"A350\" t=\"s\"><v>7</v></c></row>", at: 349))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: "<row r=\"350\"><c r=\"A350\"><v>1</v></row>", at: 349))
        try Self.readInOneAndInParts(Self.longSheet(rows: 400, extra: beyond, at: 20) + Self.longSheet(rows: 1, extra: date, at: 2))
        let error = #expect(throws: CSVImportError.self) {
            try XLSXReader.read(data: try makeWorkbook(sheets: [("Data", Self.longSheet(rows: 400, extra: date + beyond, at: 299))],
                                                       styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#),
                                file: "book.xlsx", sheet: nil, partSize: 64)
        }
        #expect(error?.description.contains("cell C300") == true)
    }

    /// A sheet large enough to be inflated into mapped memory populated on another core (16 MB or more) and
    /// read in parts with the default part size: the same rows as read in one pass; cut short, an error.
    @Test func aLargeSheetReadsWholeAndACutOneIsAnError() throws {
        let rows = 120_000
        let sheet = Self.longSheet(rows: rows)
        #expect(sheet.utf8.count >= 16 << 20)
        let book = try makeWorkbook(sheets: [("Data", sheet)])
        let table = try XLSXReader.read(data: book, file: "big.xlsx")
        #expect(table.recordCount == rows)
        #expect(table.records.last == SourceRecord(line: rows + 1, fields: ["P\(rows + 1)", rows % 2 == 0 ? "forward" : "backward", "\((rows + 1) % 11).\((rows + 1) % 3)"]))
        #expect(try XLSXReader.read(data: book, file: "big.xlsx", sheet: nil, partSize: .max).records == table.records)
        // The sheet's deflate stream cut in its middle (the directory at the end still says where it was).
        var cut = book
        let middle = cut.count / 2
        cut.replaceSubrange(middle..<(middle + 4096), with: Data(repeating: 0, count: 4096))
        let error = #expect(throws: CSVImportError.self) { try XLSXReader.read(data: cut, file: "big.xlsx") }
        #expect(error?.description.contains("big.xlsx") == true)
    }

    @Test func packedCellsAreTheRecords() {
        var cells = SourceCells(width: 2)
        for (line, fields) in [(4, ["P1", "é"]), (6, ["", "x"]), (7, ["P3", ""])] {
            cells.startRow(line: line)
            for field in fields { Array(field.utf8).withUnsafeBytes { cells.appendCell($0) } }
        }
        var more = SourceCells(width: 2)
        more.startRow(line: 9)
        more.appendCells(Array("P4y".utf8), ends: [2, 3])
        cells.append(more)
        #expect(cells.records == [SourceRecord(line: 4, fields: ["P1", "é"]), SourceRecord(line: 6, fields: ["", "x"]),
                                  SourceRecord(line: 7, fields: ["P3", ""]), SourceRecord(line: 9, fields: ["P4", "y"])])
        let table = SourceTable(file: "b.xlsx", header: ["participant", "value"], headerLine: 1, cells: cells, place: .sheet(name: "Data"))
        #expect(table.recordCount == 4)
        #expect(table.records[3].fields == ["P4", "y"])
    }
}
