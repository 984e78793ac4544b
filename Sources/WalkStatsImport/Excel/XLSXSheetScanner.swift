import Foundation

/// One row of a worksheet as read: its number and its cells with a value, in column order, their text packed
/// one after the other in one buffer (reused from row to row, so no `String` is made per cell).
struct XLSXRow {
    /// The 1-based row number.
    var number = 0
    /// Each cell's 1-based column (A = 1) and where its text ends in ``bytes`` (a cell starts where the one
    /// before it ends), in order.
    var cells: [(column: Int, end: Int)] = []
    /// The cells that hold a date (a number in a date style, or a `t="d"` cell), with the date format.
    var dates: [(cell: Int, format: String)] = []
    /// The cells' text: numbers exactly as stored in `<v>`, strings, `TRUE`/`FALSE`, errors such as `#N/A`.
    var bytes: [UInt8] = []

    /// The number of cells.
    var count: Int { cells.count }

    /// The column of cell `index`.
    func column(_ index: Int) -> Int { cells[index].column }

    /// The range of cell `index`'s text in ``bytes``.
    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : cells[index - 1].end)..<cells[index].end }

    /// The text of cell `index`.
    func text(_ index: Int) -> String { String(decoding: bytes[range(index)], as: UTF8.self) }

    mutating func removeAll() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        if !dates.isEmpty { dates.removeAll() }
    }

    /// Puts the cells in column order (a sheet may list them in any order; a repeated column keeps its order).
    mutating func sortByColumn() {
        guard zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) else { return }
        let order = cells.indices.sorted { (cells[$0].column, $0) < (cells[$1].column, $1) }
        let old = self
        removeAll()
        for index in order {
            bytes += old.bytes[old.range(index)]
            if let date = old.dates.first(where: { $0.cell == index }) { dates.append((cells.count, date.format)) }
            cells.append((old.column(index), bytes.count))
        }
    }
}

/// The strings of a shared strings part in order, packed one after the other in one buffer.
struct XLSXSharedStrings {
    /// The strings' UTF-8 text.
    var bytes: [UInt8] = []
    /// Where each string ends in ``bytes``.
    var ends: [Int] = []

    /// The number of strings.
    var count: Int { ends.count }

    /// The range of string `index` in ``bytes``.
    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

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
    static func sharedStrings(_ data: Data, part: String, file: String) throws -> XLSXSharedStrings {
        var strings = XLSXSharedStrings()
        var inItem = false
        var textDepth = 0
        var phonetic = 0
        var start = 0
        try XLSXWorkbook.scan(data, part: part, file: file) { scanner, event in
            switch event {
            case let .start(name, _, selfClosing):
                if scanner.isName(name, "si") {
                    if selfClosing { strings.ends.append(strings.bytes.count); return }
                    inItem = true
                    start = strings.bytes.count
                } else if inItem, !selfClosing {
                    if scanner.isName(name, "t") { textDepth += 1 } else if scanner.isName(name, "rPh") { phonetic += 1 }
                }
            case let .end(name):
                if scanner.isName(name, "si") {
                    inItem = false
                    decodeEscapes(&strings.bytes, from: start)
                    strings.ends.append(strings.bytes.count)
                } else if inItem {
                    if scanner.isName(name, "t") { textDepth -= 1 } else if scanner.isName(name, "rPh") { phonetic -= 1 }
                }
            case let .text(range, cdata):
                guard inItem, textDepth > 0, phonetic == 0 else { return }
                if cdata {
                    strings.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scanner.bytes[range]))
                } else {
                    try scanner.appendText(range, to: &strings.bytes)
                }
            }
        }
        return strings
    }

    /// Decodes Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return; `_x005F_` escapes an underscore) in
    /// the text from `start` to the end of `buffer`.
    static func decodeEscapes(_ buffer: inout [UInt8], from start: Int) {
        // Most text holds no `_x` at all (names such as `pain_nrs` do not).
        var index = start
        var found = false
        while index + 6 < buffer.count {
            if buffer[index] == UInt8(ascii: "_"), buffer[index + 1] == UInt8(ascii: "x") { found = true; break }
            index += 1
        }
        guard found else { return }
        let first = index
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count - index)
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
        buffer.removeSubrange(first...)
        buffer += out
    }

    /// The values of a cell's `r`, `t` and `s` attributes (any namespace prefix ignored).
    static func cellAttributes(_ scanner: XMLByteScanner, _ attributes: Range<Int>) -> (Range<Int>?, Range<Int>?, Range<Int>?) {
        var reference: Range<Int>?, type: Range<Int>?, style: Range<Int>?
        scanner.forEachAttribute(in: attributes) { name, value in
            guard name.count == 1 else { return }
            switch scanner.bytes[name.lowerBound] {
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

    /// Ends the cell of this type whose text was read into `row.bytes` from `start`: turns it into the cell's
    /// text (a shared string looked up, `TRUE`/`FALSE`, escapes decoded) and appends the cell to `row`, or
    /// drops it when it holds nothing.
    /// - Throws: ``XLSXContentError`` for a shared string index that is not one.
    static func endCell(_ row: inout XLSXRow, from start: Int, column: Int, type: CellType, style: Int,
                        sharedStrings: XLSXSharedStrings, dates: XLSXDateFormats, offset: Int) throws {
        var dateFormat: String?
        switch type {
        case .shared:
            guard let index = row.bytes.withUnsafeBytes({ parseInteger($0, start..<$0.count) }), index < sharedStrings.count else {
                throw XLSXContentError(message: "an index into the \(sharedStrings.count) shared strings, found '\(String(decoding: row.bytes[start...], as: UTF8.self))'",
                                       row: row.number, column: column, offset: offset)
            }
            row.bytes.removeSubrange(start...)
            row.bytes += sharedStrings.bytes[sharedStrings.range(index)]
        case .inline, .formulaString, .error, .other:
            decodeEscapes(&row.bytes, from: start)
        case .boolean:
            if row.bytes.count > start {
                let isFalse = row.bytes.count == start + 1 && row.bytes[start] == UInt8(ascii: "0")
                row.bytes.removeSubrange(start...)
                row.bytes += isFalse ? Array("FALSE".utf8) : Array("TRUE".utf8)
            }
        case .date:
            dateFormat = "an ISO 8601 date cell"
        case .number:
            dateFormat = dates.dateFormat(style: style)
        }
        guard row.bytes.count > start else { return }
        if let dateFormat { row.dates.append((row.count, dateFormat)) }
        row.cells.append((column, row.bytes.count))
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

/// Reads the rows of a worksheet part (`<sheetData><row><c>…`) one at a time with ``XMLByteScanner``.
///
/// Cells: `t="s"` is an index into the shared strings; `t="inlineStr"` holds its text in `<is>`; `t="str"`
/// (a formula's string result), `t="e"` (an error such as `#N/A`) and numbers (no `t`, or `t="n"`) hold theirs
/// in `<v>`, numbers kept exactly as stored; `t="b"` is `TRUE` or `FALSE`; `t="d"` is an ISO 8601 date. A
/// formula (`<f>`) is read through its cached value in `<v>`. A string's text joins its rich-text runs
/// (`<r><t>`), leaves out phonetic runs (`<rPh>`), and decodes the `_xHHHH_` escapes Excel writes for control
/// characters. A cell or row without `r` follows the one before it. Cells with no value are left out, and
/// so are rows without one.
///
/// A large sheet can be read in parts on several cores: ``splitPoints(parts:minimumSize:)`` finds row starts
/// evenly spread over what is left, ``resumed(at:)`` reads from one, and each reader reads up to the next
/// (``next(into:stop:)``). A reader that reaches the next split between two rows of the sheet data
/// (``isBetweenRows(at:as:)``) proves the next part started as a reader of the whole sheet would have stood
/// there; otherwise it reads on to the end and the parts after it are not used.
struct XLSXSheetRows {
    private var scanner: XMLByteScanner
    private let sharedStrings: XLSXSharedStrings
    private let dates: XLSXDateFormats
    /// Whether plain rows are read without events (``plainRow(into:)``); tests turn it off to compare.
    var usesPlainRows = true
    /// How many rows were read as plain rows (tests check that the plain reading is used).
    private(set) var plainRowsRead = 0
    private var rowNumber = 0
    private var inSheetData = false
    private var inRow = false

    init(_ bytes: UnsafeRawBufferPointer, sharedStrings: XLSXSharedStrings, dates: XLSXDateFormats) {
        scanner = XMLByteScanner(bytes)
        self.sharedStrings = sharedStrings
        self.dates = dates
    }

    /// Reads up to the next row with a value into `row` and returns `true`; returns `false` at the end of the
    /// part, or at the first row that starts at or after byte `stop`.
    /// - Throws: ``XMLSyntaxError`` for malformed XML, ``XLSXContentError`` for a cell reference or shared
    ///   string index that cannot be right.
    mutating func next(into row: inout XLSXRow, stop: Int = .max) throws -> Bool {
        let bytes = scanner.bytes
        // The cell being read.
        var inCell = false
        var column = 0
        var type = XLSXSheetScanner.CellType.number
        var style = 0
        var cellOffset = 0
        var cellStart = 0
        var capturing = false     // inside <v>, or <t> of <is>
        var inInline = false
        var phonetic = 0
        var hasValue = false
        while true {
            if !inRow {
                if scanner.position >= stop { return false }
                if inSheetData, usesPlainRows, let read = try plainRow(into: &row) {
                    if read { return true }
                    continue
                }
            }
            guard let event = try scanner.next() else { return false }
            switch event {
            case let .text(range, cdata):
                guard capturing, phonetic == 0 else { continue }
                hasValue = true
                if cdata {
                    row.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
                } else {
                    try scanner.appendText(range, to: &row.bytes)
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
                    let (referenceAttribute, typeAttribute, styleAttribute) = XLSXSheetScanner.cellAttributes(scanner, attributes)
                    if let reference = referenceAttribute {
                        guard let parsed = XLSXSheetScanner.parseColumn(bytes, reference) else {
                            throw XLSXContentError(message: "a cell reference such as 'C7', found '\(scanner.text(reference))'",
                                                   row: rowNumber, column: nil, offset: reference.lowerBound)
                        }
                        column = parsed
                    } else {
                        column += 1
                    }
                    type = typeAttribute.map { XLSXSheetScanner.CellType(bytes, $0) } ?? .number
                    style = styleAttribute.flatMap { XLSXSheetScanner.parseInteger(bytes, $0) } ?? 0
                    cellStart = row.bytes.count
                    hasValue = false
                    if !selfClosing { inCell = true }
                } else if inSheetData, scanner.isName(name, "row") {
                    if let reference = scanner.attribute("r", in: attributes) {
                        guard let parsed = XLSXSheetScanner.parseInteger(bytes, reference), parsed >= 1, parsed <= XLSXSheetScanner.maximumRow else {
                            throw XLSXContentError(message: "a row number from 1 to \(XLSXSheetScanner.maximumRow), found '\(scanner.text(reference))'",
                                                   row: nil, column: nil, offset: reference.lowerBound)
                        }
                        rowNumber = parsed
                    } else {
                        rowNumber += 1
                    }
                    column = 0
                    inRow = !selfClosing
                    row.removeAll()
                    row.number = rowNumber
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
                        if hasValue {
                            try XLSXSheetScanner.endCell(&row, from: cellStart, column: column, type: type, style: style,
                                                         sharedStrings: sharedStrings, dates: dates, offset: cellOffset)
                        } else {
                            row.bytes.removeSubrange(cellStart...)
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
                    if row.count > 0 {
                        row.sortByColumn()
                        return true
                    }
                } else if scanner.isName(name, "sheetData") {
                    inSheetData = false
                }
            }
        }
    }

    /// Where to split the rest of the sheet into up to `parts` parts of at least half `minimumSize` bytes, for
    /// reading on several cores: the starts of `<row>` tags with an `r` reference near evenly spaced offsets,
    /// in order; empty when less than `minimumSize` bytes are left or no such tag is found.
    func splitPoints(parts: Int, minimumSize: Int) -> [Int] {
        let bytes = scanner.bytes
        let left = bytes.count - scanner.position
        guard let base = bytes.baseAddress, left >= minimumSize, parts >= 2 else { return [] }
        let count = min(parts, max(2, left / max(1, minimumSize / 2)))
        var splits: [Int] = []
        for part in 1..<count {
            var from = max(scanner.position + left / count * part, (splits.last ?? 0) + 1)
            search: for _ in 0..<1024 {
                guard from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "<")), bytes.count - from) else { break }
                let start = base.distance(to: UnsafeRawPointer(found))
                from = start + 1
                guard start + 4 < bytes.count, bytes[start + 1] == UInt8(ascii: "r"), bytes[start + 2] == UInt8(ascii: "o"),
                      bytes[start + 3] == UInt8(ascii: "w"), XMLByteScanner.isSpace(bytes[start + 4]) || bytes[start + 4] == UInt8(ascii: ">"),
                      let close = memchr(base + start + 4, Int32(UInt8(ascii: ">")), bytes.count - start - 4) else { continue }
                if scanner.attribute("r", in: (start + 4)..<base.distance(to: UnsafeRawPointer(close))) != nil {
                    splits.append(start)
                    break search
                }
            }
        }
        return splits
    }

    /// A reader that goes on from byte `offset` (a split point) as this one would stand between two rows of the
    /// sheet data there.
    func resumed(at offset: Int) -> XLSXSheetRows {
        var copy = self
        copy.scanner.move(to: offset)
        copy.inRow = false
        return copy
    }

    /// Whether this reader, having read to `offset`, stands between two rows of the sheet data with the same
    /// elements open as `other` (a reader made by ``resumed(at:)`` before it began).
    func isBetweenRows(at offset: Int, as other: XLSXSheetRows) -> Bool {
        scanner.position == offset && inSheetData && !inRow && other.inSheetData && scanner.depth == other.scanner.depth
    }
}

// MARK: The plain row, read without events

/// A start tag read by ``XLSXSheetRows/plainRow(into:)``: where its attributes end (at its `>` or `/>`),
/// whether it closes itself, the offset after it, and its `r`, `t` and `s` attribute values.
private struct PlainTag {
    var attributesEnd = 0
    var selfClosing = false
    var after = 0
    var reference: Range<Int>?
    var type: Range<Int>?
    var style: Range<Int>?
}

/// The offset of the first byte equal to `a` or `b` in `p[from..<count]`, or `count`: eight bytes at a time
/// (the lowest byte of a word that matches, found with the usual has-zero-byte bit trick, is exact), the last
/// few one at a time. Attribute values and cell texts are short, too short for a `memchr` call to pay.
@inline(__always)
func firstByte(_ a: UInt8, or b: UInt8, in p: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    let aa = UInt64(a) &* ones, bb = UInt64(b) &* ones
    var index = from
    while index + 8 <= count {
        let word = UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self).littleEndian
        let x = word ^ aa, y = word ^ bb
        let found = ((x &- ones) & ~x & highs) | ((y &- ones) & ~y & highs)
        if found != 0 { return index + found.trailingZeroBitCount / 8 }
        index += 8
    }
    while index < count, p[index] != a, p[index] != b { index += 1 }
    return index
}

extension XLSXSheetRows {
    /// Reads the row whose `<row` tag starts at the scanner's position when it has the plain shape writers
    /// give nearly every row — cells `<c …>` holding `<v>`, `<f>` and `<is><t>` and nothing else, every tag
    /// written without a namespace prefix or spaces before its `>` — and returns whether it had a value;
    /// returns `nil`, having changed nothing but `row`, for any other shape, which ``next(into:stop:)`` then
    /// reads event by event. What it reads it reads exactly as the events would (the same cell rules, the same
    /// checks of attribute syntax and entities); it only skips building an event per tag, which took most of
    /// the time on a large sheet.
    mutating func plainRow(into row: inout XLSXRow) throws -> Bool? {
        let bytes = scanner.bytes
        guard let raw = bytes.baseAddress else { return nil }
        let p = raw.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        let less = UInt8(ascii: "<"), greater = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        @inline(__always) func at(_ index: Int) -> UInt8 { index < count ? p[index] : 0 }
        @inline(__always) func isNameEnd(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == greater || byte == slash || byte == 0x0A || byte == 0x0D || byte == 0x09
        }
        /// The offset of the next `<` at or after `index` (text before it is not read), or `nil`.
        @inline(__always) func nextTag(_ index: Int) -> Int? {
            let found = firstByte(less, or: less, in: p, from: index, count: count)
            return found < count ? found : nil
        }
        /// Whether `literal` is at `index`.
        @inline(__always) func matches(_ literal: StaticString, _ index: Int) -> Bool {
            let length = literal.utf8CodeUnitCount
            if index + 8 <= count {
                // One comparison of the literal's bytes (at most eight) with the next eight, masked to its length.
                var expected: UInt64 = 0
                for offset in 0..<length { expected |= UInt64(literal.utf8Start[offset]) << (8 * offset) }
                let mask: UInt64 = length >= 8 ? ~0 : (1 << (8 * UInt64(length))) - 1
                return UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self).littleEndian & mask == expected
            }
            guard index + length <= count else { return false }
            for offset in 0..<length where p[index + offset] != literal.utf8Start[offset] { return false }
            return true
        }
        /// The start tag whose attributes begin at `from` (just after its name), checked as the event reader
        /// checks it (white space before each attribute, `=`, a quoted value without `<`); `nil` otherwise.
        func tag(_ from: Int) -> PlainTag? {
            var tag = PlainTag()
            var index = from
            while true {
                // The usual attribute first: one space, a one-letter name, `="`, a value without `<`.
                if index + 4 < count, p[index] == 0x20, p[index + 2] == UInt8(ascii: "="), p[index + 3] == UInt8(ascii: "\"") {
                    let name = p[index + 1]
                    if name != 0x20, name != greater, name != slash, name != UInt8(ascii: "="), name != less, name != UInt8(ascii: "\""),
                       name != UInt8(ascii: "'"), !XMLByteScanner.isSpace(name) {
                        let valueStart = index + 4
                        let end = firstByte(UInt8(ascii: "\""), or: less, in: p, from: valueStart, count: count)
                        guard end < count, p[end] == UInt8(ascii: "\"") else { return nil }
                        switch name {
                        case UInt8(ascii: "r"): tag.reference = valueStart..<end
                        case UInt8(ascii: "t"): tag.type = valueStart..<end
                        case UInt8(ascii: "s"): tag.style = valueStart..<end
                        default: break
                        }
                        index = end + 1
                        continue
                    }
                }
                let spaceStart = index
                while index < count, XMLByteScanner.isSpace(p[index]) { index += 1 }
                guard index < count else { return nil }
                let byte = p[index]
                if byte == greater {
                    (tag.attributesEnd, tag.after) = (index, index + 1)
                    return tag
                }
                if byte == slash {
                    guard at(index + 1) == greater else { return nil }
                    (tag.attributesEnd, tag.selfClosing, tag.after) = (index, true, index + 2)
                    return tag
                }
                guard index > spaceStart else { return nil }
                let nameStart = index
                while index < count {
                    let byte = p[index]
                    if isNameEnd(byte) || byte == UInt8(ascii: "=") || byte == less || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
                    index += 1
                }
                let nameEnd = index
                guard nameEnd > nameStart else { return nil }
                while index < count, XMLByteScanner.isSpace(p[index]) { index += 1 }
                guard at(index) == UInt8(ascii: "=") else { return nil }
                index += 1
                while index < count, XMLByteScanner.isSpace(p[index]) { index += 1 }
                let quote = at(index)
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
                index += 1
                let valueStart = index
                index = firstByte(quote, or: less, in: p, from: index, count: count)
                guard index < count, p[index] == quote else { return nil }
                // A one-letter local name (any prefix ignored), as the event reader takes r, t and s.
                if nameEnd - nameStart == 1 || p[nameEnd - 2] == UInt8(ascii: ":") {
                    switch p[nameEnd - 1] {
                    case UInt8(ascii: "r"): tag.reference = valueStart..<index
                    case UInt8(ascii: "t"): tag.type = valueStart..<index
                    case UInt8(ascii: "s"): tag.style = valueStart..<index
                    default: break
                    }
                }
                index += 1
            }
        }
        /// Appends the text from `index` to the next `<` to the row, entities decoded; the offset of that `<`.
        func capture(_ index: Int, into row: inout XLSXRow) -> Int? {
            var end = firstByte(less, or: UInt8(ascii: "&"), in: p, from: index, count: count)
            var entity = false
            while end < count, p[end] != less {
                entity = true
                end = firstByte(less, or: less, in: p, from: end, count: count)
            }
            guard end < count else { return nil }
            if entity {
                do { try scanner.appendText(index..<end, to: &row.bytes) } catch { return nil }
            } else if end > index {
                row.bytes.append(contentsOf: UnsafeBufferPointer(start: p + index, count: end - index))
            }
            return end
        }

        var index = scanner.position
        guard matches("<row", index), isNameEnd(at(index + 4)), let rowTag = tag(index + 4), !rowTag.selfClosing else { return nil }
        var number = rowNumber + 1
        if let reference = rowTag.reference {
            guard let parsed = XLSXSheetScanner.parseInteger(bytes, reference), parsed >= 1, parsed <= XLSXSheetScanner.maximumRow else { return nil }
            number = parsed
        }
        index = rowTag.after
        row.removeAll()
        row.number = number
        var column = 0
        while true {
            // Text between cells is not read.
            guard let next = nextTag(index) else { return nil }
            index = next
            if matches("</row>", index) { index += 6; break }
            guard at(index + 1) == UInt8(ascii: "c"), isNameEnd(at(index + 2)), let cellTag = tag(index + 2) else { return nil }
            if let reference = cellTag.reference {
                guard let parsed = XLSXSheetScanner.parseColumn(bytes, reference) else { return nil }
                column = parsed
            } else {
                column += 1
            }
            index = cellTag.after
            if cellTag.selfClosing { continue }
            let type = cellTag.type.map { XLSXSheetScanner.CellType(bytes, $0) } ?? .number
            let style = cellTag.style.flatMap { XLSXSheetScanner.parseInteger(bytes, $0) } ?? 0
            let cellOffset = index
            let cellStart = row.bytes.count
            var hasValue = false
            while true {
                guard let next = nextTag(index) else { return nil }
                index = next
                if matches("</c>", index) { index += 4; break }
                if matches("<v>", index) {
                    guard let end = capture(index + 3, into: &row), matches("</v>", end) else { return nil }
                    hasValue = true
                    index = end + 4
                } else if matches("<v/>", index) {
                    index += 4
                } else if at(index + 1) == UInt8(ascii: "f"), isNameEnd(at(index + 2)), let formulaTag = tag(index + 2) {
                    index = formulaTag.after
                    if !formulaTag.selfClosing {
                        guard let end = nextTag(index), matches("</f>", end) else { return nil }
                        index = end + 4
                    }
                } else if matches("<is>", index) {
                    hasValue = true
                    index += 4
                    while true {
                        guard let next = nextTag(index) else { return nil }
                        index = next
                        if matches("</is>", index) { index += 5; break }
                        guard at(index + 1) == UInt8(ascii: "t"), isNameEnd(at(index + 2)), let textTag = tag(index + 2) else { return nil }
                        index = textTag.after
                        if textTag.selfClosing { continue }
                        guard let end = capture(index, into: &row), matches("</t>", end) else { return nil }
                        index = end + 4
                    }
                } else {
                    return nil
                }
            }
            if hasValue {
                try XLSXSheetScanner.endCell(&row, from: cellStart, column: column, type: type, style: style,
                                             sharedStrings: sharedStrings, dates: dates, offset: cellOffset)
            } else {
                row.bytes.removeSubrange(cellStart...)
            }
        }
        scanner.move(to: index)
        rowNumber = number
        plainRowsRead += 1
        guard row.count > 0 else { return false }
        row.sortByColumn()
        return true
    }
}
