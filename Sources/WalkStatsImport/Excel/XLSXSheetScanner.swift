import Foundation

/// One non-empty cell of a worksheet row, as text.
struct XLSXCell {
    /// The 1-based column (A = 1).
    var column: Int
    /// The cell's text: a number exactly as stored in `<v>`, a string, `TRUE`/`FALSE`, an error such as `#N/A`.
    var text: String
    /// The date format when the cell holds a date (a number in a date style, or a `t="d"` cell), else `nil`.
    var dateFormat: String?
}

/// Errors found while reading a worksheet's cells that are not XML syntax: the part is well-formed but does
/// not hold what a worksheet holds.
struct XLSXContentError: Error {
    let message: String
    let row: Int?
    let column: Int?
    let offset: Int
}

/// Reads the cells of a worksheet part (`<sheetData><row><c>…`) row by row, or the strings of a shared strings
/// part (`<sst><si>…`), with ``XMLByteScanner``.
///
/// Cells: `t="s"` is an index into the shared strings; `t="inlineStr"` holds its text in `<is>`; `t="str"`
/// (a formula's string result), `t="e"` (an error such as `#N/A`) and numbers (no `t`, or `t="n"`) hold theirs
/// in `<v>`, numbers kept exactly as stored; `t="b"` is `TRUE` or `FALSE`; `t="d"` is an ISO 8601 date. A
/// formula (`<f>`) is read through its cached value in `<v>`. A string's text joins its rich-text runs
/// (`<r><t>`), leaves out phonetic runs (`<rPh>`), and decodes the `_xHHHH_` escapes Excel writes for control
/// characters. A cell or row without `r` follows the one before it. Cells with no value are left out.
enum XLSXSheetScanner {
    /// The strings of a shared strings part, in order.
    static func sharedStrings(_ data: Data, part: String, file: String) throws -> [String] {
        var strings: [String] = []
        var buffer: [UInt8] = []
        var inItem = false
        var textDepth = 0
        var phonetic = 0
        try XLSXWorkbook.scan(data, part: part, file: file) { scanner, event in
            switch event {
            case let .start(name, _, selfClosing):
                if scanner.isName(name, "si") {
                    if selfClosing { strings.append(""); return }
                    inItem = true
                    buffer.removeAll(keepingCapacity: true)
                } else if inItem, !selfClosing {
                    if scanner.isName(name, "t") { textDepth += 1 } else if scanner.isName(name, "rPh") { phonetic += 1 }
                }
            case let .end(name):
                if scanner.isName(name, "si") {
                    inItem = false
                    strings.append(text(&buffer))
                } else if inItem {
                    if scanner.isName(name, "t") { textDepth -= 1 } else if scanner.isName(name, "rPh") { phonetic -= 1 }
                }
            case let .text(range, cdata):
                guard inItem, textDepth > 0, phonetic == 0 else { return }
                if cdata {
                    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scanner.bytes[range]))
                } else {
                    try scanner.appendText(range, to: &buffer)
                }
            }
        }
        return strings
    }

    /// The string in `buffer`, with `_xHHHH_` escapes decoded.
    static func text(_ buffer: inout [UInt8]) -> String {
        if buffer.count >= 7, hasEscape(buffer) { decodeEscapes(&buffer) }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Whether `buffer` holds `_x` (then it may hold an escape; names such as `pain_nrs` do not).
    static func hasEscape(_ buffer: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < buffer.count {
            if buffer[index] == UInt8(ascii: "_"), buffer[index + 1] == UInt8(ascii: "x") { return true }
            index += 1
        }
        return false
    }

    /// Decodes Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return; `_x005F_` escapes an underscore).
    static func decodeEscapes(_ buffer: inout [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var index = 0
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "_"), index + 6 < buffer.count, buffer[index + 1] == UInt8(ascii: "x"),
               buffer[index + 6] == UInt8(ascii: "_") {
                var value: UInt32 = 0
                var valid = true
                for offset in 2...5 {
                    guard let digit = XMLByteScanner.digitValue(buffer[index + offset], hex: true) else { valid = false; break }
                    value = value * 16 + UInt32(digit)
                }
                if valid, let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += 7
                    continue
                }
            }
            out.append(buffer[index])
            index += 1
        }
        buffer = out
    }

    /// Calls `row` with each row that has at least one cell with a value: its 1-based number and its cells in
    /// column order, in the sheet's order.
    /// - Throws: ``XMLSyntaxError`` for malformed XML, ``XLSXContentError`` for a cell reference or shared
    ///   string index that cannot be right, and whatever `row` throws.
    static func rows(_ bytes: UnsafeRawBufferPointer, sharedStrings: [String], dates: XLSXDateFormats,
                     _ row: (Int, [XLSXCell]) throws -> Void) throws {
        var scanner = XMLByteScanner(bytes)
        var cells: [XLSXCell] = []
        var rowNumber = 0
        var inSheetData = false
        var inRow = false
        // The cell being read.
        var inCell = false
        var column = 0
        var type = CellType.number
        var style = 0
        var cellOffset = 0
        var capturing = false     // inside <v>, or <t> of <is>
        var inInline = false
        var phonetic = 0
        var hasValue = false
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)

        func flushRow() throws {
            if !cells.isEmpty {
                if !isSorted(cells) { cells.sort { $0.column < $1.column } }
                try row(rowNumber, cells)
                cells.removeAll(keepingCapacity: true)
            }
        }

        while let event = try scanner.next() {
            switch event {
            case let .text(range, cdata):
                guard capturing, phonetic == 0 else { continue }
                hasValue = true
                if cdata {
                    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
                } else {
                    try scanner.appendText(range, to: &buffer)
                }
            case let .start(name, attributes, selfClosing):
                if inCell {
                    if scanner.isName(name, "v") {
                        if !inInline { capturing = !selfClosing; hasValue = hasValue || !selfClosing }
                    } else if scanner.isName(name, "is") {
                        inInline = !selfClosing
                        hasValue = hasValue || !selfClosing
                    } else if inInline, scanner.isName(name, "t") {
                        capturing = !selfClosing && phonetic == 0
                    } else if inInline, scanner.isName(name, "rPh"), !selfClosing {
                        phonetic += 1
                    }
                } else if inRow, scanner.isName(name, "c") {
                    cellOffset = scanner.position
                    let (referenceAttribute, typeAttribute, styleAttribute) = cellAttributes(bytes, attributes)
                    if let reference = referenceAttribute {
                        guard let parsed = parseColumn(bytes, reference) else {
                            throw XLSXContentError(message: "a cell reference such as 'C7', found '\(scanner.text(reference))'",
                                                   row: rowNumber, column: nil, offset: reference.lowerBound)
                        }
                        column = parsed
                    } else {
                        column += 1
                    }
                    type = typeAttribute.map { CellType(bytes, $0) } ?? .number
                    style = styleAttribute.flatMap { parseInteger(bytes, $0) } ?? 0
                    buffer.removeAll(keepingCapacity: true)
                    hasValue = false
                    if !selfClosing { inCell = true }
                } else if inSheetData, scanner.isName(name, "row") {
                    if let reference = scanner.attribute("r", in: attributes) {
                        guard let parsed = parseInteger(bytes, reference), parsed >= 1, parsed <= maximumRow else {
                            throw XLSXContentError(message: "a row number from 1 to \(maximumRow), found '\(scanner.text(reference))'",
                                                   row: nil, column: nil, offset: reference.lowerBound)
                        }
                        rowNumber = parsed
                    } else {
                        rowNumber += 1
                    }
                    column = 0
                    inRow = !selfClosing
                } else if scanner.isName(name, "sheetData") {
                    inSheetData = !selfClosing
                }
            case let .end(name):
                if inCell {
                    if scanner.isName(name, "c") {
                        inCell = false
                        inInline = false
                        capturing = false
                        phonetic = 0
                        guard hasValue else { continue }
                        if let cell = try makeCell(column: column, type: type, style: style, buffer: &buffer,
                                                   sharedStrings: sharedStrings, dates: dates, row: rowNumber, offset: cellOffset) {
                            cells.append(cell)
                        }
                    } else if scanner.isName(name, "v") {
                        if !inInline { capturing = false }
                    } else if scanner.isName(name, "t") {
                        capturing = false
                    } else if scanner.isName(name, "rPh") {
                        phonetic = max(0, phonetic - 1)
                    } else if scanner.isName(name, "is") {
                        inInline = false
                    }
                } else if inRow, scanner.isName(name, "row") {
                    inRow = false
                    try flushRow()
                } else if scanner.isName(name, "sheetData") {
                    inSheetData = false
                }
            }
        }
    }

    /// The values of a cell's `r`, `t` and `s` attributes (any namespace prefix ignored), in one pass over
    /// the attributes of its start tag (the scanner has checked that every value is quoted).
    @inline(__always)
    static func cellAttributes(_ bytes: UnsafeRawBufferPointer, _ attributes: Range<Int>) -> (Range<Int>?, Range<Int>?, Range<Int>?) {
        var reference: Range<Int>?, type: Range<Int>?, style: Range<Int>?
        var index = attributes.lowerBound
        let end = attributes.upperBound
        while index < end {
            while index < end, XMLByteScanner.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "=") { index += 1 }
            var nameEnd = index
            while nameEnd > nameStart, XMLByteScanner.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < end else { break }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < end, bytes[index] != quote { index += 1 }
            let value = valueStart..<index
            index += 1
            // The local name: one letter after the start or after a prefix's ':'.
            guard nameEnd > nameStart, nameEnd - nameStart == 1 || bytes[nameEnd - 2] == UInt8(ascii: ":") else { continue }
            switch bytes[nameEnd - 1] {
            case UInt8(ascii: "r"): reference = value
            case UInt8(ascii: "t"): type = value
            case UInt8(ascii: "s"): style = value
            default: break
            }
        }
        return (reference, type, style)
    }

    /// The largest row number of a worksheet (Excel's limit).
    static let maximumRow = 1_048_576
    /// The largest column number of a worksheet (XFD, Excel's limit).
    static let maximumColumn = 16_384

    enum CellType {
        case number, shared, inline, formulaString, boolean, error, date, other

        init(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
            let value = UnsafeRawBufferPointer(rebasing: bytes[range])
            switch value.count {
            case 1:
                switch value[0] {
                case UInt8(ascii: "s"): self = .shared
                case UInt8(ascii: "n"): self = .number
                case UInt8(ascii: "b"): self = .boolean
                case UInt8(ascii: "e"): self = .error
                case UInt8(ascii: "d"): self = .date
                default: self = .other
                }
            case 3 where value[0] == UInt8(ascii: "s") && value[1] == UInt8(ascii: "t") && value[2] == UInt8(ascii: "r"):
                self = .formulaString
            case 9 where value[0] == UInt8(ascii: "i") && value[6] == UInt8(ascii: "S") && value[8] == UInt8(ascii: "r"):
                self = .inline
            default: self = .other
            }
        }
    }

    /// The cell of this type with the text read in `buffer`; `nil` when it holds nothing.
    static func makeCell(column: Int, type: CellType, style: Int, buffer: inout [UInt8], sharedStrings: [String],
                         dates: XLSXDateFormats, row: Int, offset: Int) throws -> XLSXCell? {
        switch type {
        case .shared:
            guard let index = buffer.withUnsafeBytes({ parseInteger($0, 0..<$0.count) }), index < sharedStrings.count else {
                throw XLSXContentError(message: "an index into the \(sharedStrings.count) shared strings, found '\(String(decoding: buffer, as: UTF8.self))'",
                                       row: row, column: column, offset: offset)
            }
            let text = sharedStrings[index]
            return text.isEmpty ? nil : XLSXCell(column: column, text: text, dateFormat: nil)
        case .inline:
            let text = text(&buffer)
            return text.isEmpty ? nil : XLSXCell(column: column, text: text, dateFormat: nil)
        case .boolean:
            guard !buffer.isEmpty else { return nil }
            return XLSXCell(column: column, text: buffer == [UInt8(ascii: "0")] ? "FALSE" : "TRUE", dateFormat: nil)
        case .date:
            guard !buffer.isEmpty else { return nil }
            return XLSXCell(column: column, text: String(decoding: buffer, as: UTF8.self), dateFormat: "an ISO 8601 date cell")
        case .number:
            guard !buffer.isEmpty else { return nil }
            return XLSXCell(column: column, text: String(decoding: buffer, as: UTF8.self), dateFormat: dates.dateFormat(style: style))
        case .formulaString, .error, .other:
            let text = text(&buffer)
            return text.isEmpty ? nil : XLSXCell(column: column, text: text, dateFormat: nil)
        }
    }

    static func isSorted(_ cells: [XLSXCell]) -> Bool {
        var previous = 0
        for cell in cells {
            if cell.column <= previous { return false }
            previous = cell.column
        }
        return true
    }

    /// The column of a cell reference (`C7` → 3; `$C$7` too), or `nil` when it is not one.
    static func parseColumn(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        var column = 0
        var index = range.lowerBound
        if index < range.upperBound, bytes[index] == UInt8(ascii: "$") { index += 1 }
        let lettersStart = index
        while index < range.upperBound {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            guard column <= maximumColumn else { return nil }
            index += 1
        }
        guard index > lettersStart else { return nil }
        if index < range.upperBound, bytes[index] == UInt8(ascii: "$") { index += 1 }
        guard index < range.upperBound else { return nil }
        while index < range.upperBound {
            guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
            index += 1
        }
        return column
    }

    /// The non-negative decimal integer in `range`, or `nil` (empty, not digits, or over 10 digits).
    static func parseInteger(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 10 else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
