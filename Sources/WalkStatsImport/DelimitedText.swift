import Foundation

/// How a delimited text file is to be read: delimiter, decimal mark, encoding and declared missing-value
/// codes. `nil` means "detect": the one policy every importer of delimited text applies.
public struct TextOptions: Sendable, Equatable {
    /// The text encodings WalkStats reads besides UTF-8 (and UTF-16 with a byte-order mark, always detected).
    public enum Encoding: String, Sendable, Equatable, CaseIterable {
        /// UTF-8 (the default; a byte-order mark is skipped).
        case utf8 = "utf-8"
        /// ISO 8859-1.
        case latin1
        /// Windows code page 1252 (Latin-1 with typographic characters in 0x80–0x9F).
        case windows1252 = "windows-1252"
    }

    /// The field delimiter (`,`, `;` or tab); `nil` detects it from the header line.
    public var delimiter: UInt8?
    /// Whether numbers use a decimal comma; `nil` detects it (only in files not separated by commas).
    public var decimalComma: Bool?
    /// The encoding; `nil` reads UTF-8, or UTF-16 when the file starts with its byte-order mark.
    public var encoding: Encoding?
    /// Cell texts that mean "missing" besides the empty cell, `NA` and `NaN` (`--na`).
    public var missingCodes: [String]

    /// Creates options; the defaults detect everything.
    public init(delimiter: UInt8? = nil, decimalComma: Bool? = nil, encoding: Encoding? = nil, missingCodes: [String] = []) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.encoding = encoding
        self.missingCodes = missingCodes
    }

    /// The delimiters WalkStats detects, with their names for messages.
    public static let delimiters: [(byte: UInt8, name: String)] = [(UInt8(ascii: ","), "','"), (UInt8(ascii: ";"), "';'"), (9, "tab")]
}

/// One field of a record: its bytes in the buffer, and whether it was quoted with doubled quotes inside
/// (then its text needs unescaping).
struct FieldSpan {
    var start: Int
    var end: Int
    var hasDoubledQuotes: Bool
}

/// A delimited text file decoded to UTF-8 bytes, with its dialect decided: the one reader of every CSV-like
/// input. Records are visited one at a time without building a `String` per cell; a field becomes text only
/// when asked.
///
/// Reads RFC 4180 (quoted fields with delimiters, doubled quotes and line breaks; LF, CRLF or CR line ends;
/// blank lines skipped), with the delimiter `,`, `;` or tab (detected from the header line: the most frequent
/// of the three outside quotes), UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark, or
/// Latin-1 / Windows-1252 when asked. Rejects text that is not valid in its encoding, an unterminated quote
/// and text after a closing quote, naming line and column.
public struct DelimitedText: Sendable {
    /// The file name for messages.
    public let file: String
    /// The UTF-8 bytes (a byte-order mark removed).
    let bytes: Data
    /// The delimiter.
    public let delimiter: UInt8
    /// Whether numbers use a decimal comma.
    public private(set) var decimalComma: Bool
    /// Cell texts that mean "missing", as UTF-8 bytes (empty, `NA`, `NaN` and the declared codes).
    let missingCodes: [[UInt8]]
    /// The first bytes of the non-empty missing codes, so most cells are ruled out with one lookup.
    let missingFirstBytes: [Bool]
    /// The line number of the first byte of ``bytes`` (1, or more for a part of a file).
    var firstLine = 1
    /// How the file was read, in words, for a report ("';'-separated (detected)", "decimal comma (detected)",
    /// "UTF-16 little-endian (byte-order mark)"); empty for a plain UTF-8, comma-separated file.
    public private(set) var notes: [String] = []

    /// Decodes `data` and decides the dialect.
    /// - Throws: ``CSVImportError`` for text that is not valid in its encoding.
    public init(data: Data, file: String, options: TextOptions = TextOptions()) throws {
        self.file = file
        var notes: [String] = []
        var bytes = data
        if let encoding = options.encoding, encoding != .utf8 {
            bytes = Self.transcodeSingleByte(data, windows1252: encoding == .windows1252)
            notes.append("decoded from \(encoding == .latin1 ? "Latin-1" : "Windows-1252") (--encoding)")
        } else if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let little = data.starts(with: [0xFF, 0xFE])
            bytes = try Self.transcodeUTF16(data.dropFirst(2), littleEndian: little, file: file)
            notes.append("decoded from UTF-16 \(little ? "little" : "big")-endian (byte-order mark)")
        } else if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = data.dropFirst(3)
        }
        if let offset = Self.firstInvalidUTF8(bytes) { throw Self.notUTF8(bytes, offset: offset, file: file, given: options.encoding) }
        self.bytes = bytes
        if let delimiter = options.delimiter {
            self.delimiter = delimiter
        } else {
            self.delimiter = Self.detectDelimiter(bytes)
            if self.delimiter != UInt8(ascii: ",") {
                notes.append("\(Self.delimiters[self.delimiter] ?? "?")-separated (detected from the header)")
            }
        }
        missingCodes = (["", "NA", "NaN"] + options.missingCodes).map { Array($0.utf8) }
        var firstBytes = Array(repeating: false, count: 256)
        for code in missingCodes { if let first = code.first { firstBytes[Int(first)] = true } }
        missingFirstBytes = firstBytes
        decimalComma = options.decimalComma ?? false
        if options.decimalComma == true { notes.append("decimal comma (--decimal-comma)") }
        if options.decimalComma == nil, delimiter != UInt8(ascii: ","), try detectDecimalComma() {
            decimalComma = true
            notes.append("decimal comma (detected: numbers such as 1,5 in a file not separated by commas)")
        }
        if !options.missingCodes.isEmpty {
            notes.append("missing values also written as \(options.missingCodes.map { "'\($0)'" }.joined(separator: ", ")) (--na)")
        }
        self.notes = notes
    }

    /// The bytes `range` of `text`, read with its dialect, starting at line `firstLine` (a part of a file split
    /// at a line break, for reading on two cores).
    init(part text: DelimitedText, range: Range<Int>, firstLine: Int) {
        file = text.file
        bytes = text.bytes[(text.bytes.startIndex + range.lowerBound)..<(text.bytes.startIndex + range.upperBound)]
        delimiter = text.delimiter
        decimalComma = text.decimalComma
        missingCodes = text.missingCodes
        missingFirstBytes = text.missingFirstBytes
        notes = text.notes
        self.firstLine = firstLine
    }

    /// Where to split the text in two for reading on two cores: just after the line break nearest the middle,
    /// with the line number that starts there; `nil` when the text is small, or has quotes or carriage returns
    /// (then a line break may sit inside a field, or lines are counted differently).
    func splitPoint(minimumSize: Int) -> (offset: Int, line: Int)? {
        guard bytes.count >= minimumSize else { return nil }
        return bytes.withUnsafeBytes { (base: UnsafeRawBufferPointer) -> (Int, Int)? in
            guard memchr(base.baseAddress!, Int32(UInt8(ascii: "\"")), base.count) == nil,
                  memchr(base.baseAddress!, 0x0D, base.count) == nil,
                  let found = memchr(base.baseAddress! + base.count / 2, 0x0A, base.count - base.count / 2) else { return nil }
            let offset = base.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            guard offset < base.count else { return nil }
            var lines = 1
            var position = base.baseAddress!
            let end = base.baseAddress! + offset
            while position < end, let next = memchr(position, 0x0A, end - position) {
                lines += 1
                position = UnsafeRawPointer(next) + 1
            }
            return (offset, lines)
        }
    }

    static let delimiters: [UInt8: String] = Dictionary(uniqueKeysWithValues: TextOptions.delimiters.map { ($0.byte, $0.name) })

    // MARK: Records

    /// A record being visited: its line, its fields, and the bytes they point into.
    public struct Record {
        /// The 1-based line on which the record starts.
        public let line: Int
        let fields: UnsafeBufferPointer<FieldSpan>
        let base: UnsafeRawBufferPointer
        let text: DelimitedText

        /// The number of fields.
        public var count: Int { fields.count }

        /// The raw bytes of field `index` (quotes removed, doubled quotes not yet undone).
        func raw(_ index: Int) -> UnsafeRawBufferPointer {
            let span = fields[index]
            return UnsafeRawBufferPointer(rebasing: base[span.start..<span.end])
        }

        /// The bytes of field `index` without surrounding spaces.
        func trimmed(_ index: Int) -> UnsafeRawBufferPointer {
            var raw = raw(index)
            while let first = raw.first, first == 0x20 { raw = UnsafeRawBufferPointer(rebasing: raw.dropFirst()) }
            while let last = raw.last, last == 0x20 { raw = UnsafeRawBufferPointer(rebasing: raw.dropLast()) }
            return raw
        }

        /// The text of field `index`, unescaped.
        public func string(_ index: Int) -> String {
            let text = String(decoding: raw(index), as: UTF8.self)
            return fields[index].hasDoubledQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }

        /// Whether field `index` (spaces ignored) is one of the missing-value codes.
        public func isMissing(_ index: Int) -> Bool {
            let cell = trimmed(index)
            guard let first = cell.first else { return true }
            guard text.missingFirstBytes[Int(first)] else { return false }
            return text.missingCodes.contains { $0.elementsEqual(cell) }
        }

        /// The number in field `index`, `nil` when it is not a plain finite decimal number (see
        /// ``DecimalParser``).
        public func number(_ index: Int) -> Double? {
            DecimalParser.parse(trimmed(index), decimalComma: text.decimalComma)
        }
    }

    /// Visits every non-blank record in order.
    /// - Throws: ``CSVImportError`` for an unterminated quote or text after a closing quote, or what `body` throws.
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        try bytes.withUnsafeBytes { (base: UnsafeRawBufferPointer) in
            // A large memory-mapped file gives back the pages it has read, every 8 MB.
            let releasesPages = base.count > 16 << 20 && MappedFile.isFileMapping(base)
            var released = 0
            // The current record's fields: a buffer reused from record to record, `fieldCount` of it in use.
            var spans = Array(repeating: FieldSpan(start: 0, end: 0, hasDoubledQuotes: false), count: 16)
            var fieldCount = 0
            func push(_ span: FieldSpan) {
                if fieldCount == spans.count { spans.append(span) } else { spans[fieldCount] = span }
                fieldCount += 1
            }
            let count = base.count
            let delimiter = self.delimiter
            var i = 0
            var line = firstLine
            while i < count {
                if releasesPages, i - released > 8 << 20 {
                    MappedFile.release(base, before: i)
                    released = i
                }
                let recordLine = line
                fieldCount = 0
                var endOfRecord = false
                while !endOfRecord {
                    // One field.
                    if i < count, base[i] == UInt8(ascii: "\"") {
                        let quoteLine = line
                        var j = i + 1
                        var doubled = false
                        var closed = false
                        while j < count {
                            let byte = base[j]
                            if byte == UInt8(ascii: "\"") {
                                if j + 1 < count, base[j + 1] == UInt8(ascii: "\"") { doubled = true; j += 2; continue }
                                closed = true
                                break
                            }
                            if byte == 0x0A { line += 1 } else if byte == 0x0D { if !(j + 1 < count && base[j + 1] == 0x0A) { line += 1 } }
                            j += 1
                        }
                        guard closed else {
                            throw CSVImportError(.unterminatedQuote, file: file, line: quoteLine, column: fieldCount + 1,
                                                 message: "a quoted field opened here is never closed; expected a closing '\"'")
                        }
                        push(FieldSpan(start: i + 1, end: j, hasDoubledQuotes: doubled))
                        i = j + 1
                        if i < count, base[i] != delimiter, base[i] != 0x0A, base[i] != 0x0D {
                            let character = String(decoding: UnsafeRawBufferPointer(rebasing: base[i..<min(count, i + Self.scalarLength(base[i]))]), as: UTF8.self)
                            throw CSVImportError(.unexpectedCharacterAfterQuote, file: file, line: line, column: fieldCount,
                                                 message: "expected \(Self.delimiters[delimiter] ?? "a delimiter") or the end of the line "
                                                     + "after a closing quote, found '\(character)'")
                        }
                    } else {
                        var j = i
                        while j < count {
                            let byte = base[j]
                            if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                            j += 1
                        }
                        push(FieldSpan(start: i, end: j, hasDoubledQuotes: false))
                        i = j
                    }
                    // After the field: a delimiter, a line end or the end of the text.
                    if i < count, base[i] == delimiter {
                        i += 1
                        if i == count { push(FieldSpan(start: i, end: i, hasDoubledQuotes: false)); endOfRecord = true }
                    } else {
                        if i < count {
                            if base[i] == 0x0D, i + 1 < count, base[i + 1] == 0x0A { i += 2 } else { i += 1 }
                            line += 1
                        }
                        endOfRecord = true
                    }
                }
                // A blank line (one empty or all-space unquoted field) is skipped.
                if fieldCount == 1, spans[0].start == spans[0].end || !spans[0].hasDoubledQuotes
                    && UnsafeRawBufferPointer(rebasing: base[spans[0].start..<spans[0].end]).allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
                   spans[0].start == 0 || base[spans[0].start - 1] != UInt8(ascii: "\"") {
                    continue
                }
                try spans.withUnsafeBufferPointer { all in
                    try body(Record(line: recordLine, fields: UnsafeBufferPointer(rebasing: all[0..<fieldCount]), base: base, text: self))
                }
            }
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts.
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    // MARK: Detection

    /// The delimiter that occurs most often outside quotes in the header line (`,` on a tie or none).
    static func detectDelimiter(_ bytes: Data) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        var lineHasText = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); lineHasText = true; continue }
            if !inQuotes, byte == 0x0A || byte == 0x0D {
                // The header is the first line with more than spaces and tabs on it.
                if lineHasText { break }
                counts = [:]
                continue
            }
            if byte != 0x20, byte != 0x09 { lineHasText = true }
            if !inQuotes, delimiters[byte] != nil { counts[byte, default: 0] += 1 }
        }
        if !lineHasText { return UInt8(ascii: ",") }
        let comma = counts[UInt8(ascii: ","), default: 0]
        let best = TextOptions.delimiters.map(\.byte).max { counts[$0, default: 0] < counts[$1, default: 0] } ?? UInt8(ascii: ",")
        return counts[best, default: 0] > comma ? best : UInt8(ascii: ",")
    }

    /// Whether any of the first 1,000 records has a cell written as a number with a decimal comma (`1,5`,
    /// `-0,25`).
    private func detectDecimalComma() throws -> Bool {
        var found = false
        var seen = 0
        struct Stop: Error {}
        do {
            try forEachRecord { record in
                seen += 1
                for index in 0..<record.count where Self.looksLikeDecimalComma(record.trimmed(index)) {
                    found = true
                    throw Stop()
                }
                if seen > 1000 { throw Stop() }
            }
        } catch is Stop {}
        return found
    }

    static func looksLikeDecimalComma(_ cell: UnsafeRawBufferPointer) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, commas = 0
        for (position, byte) in cell.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if commas == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if position != 0 { return false }
            default: return false
            }
        }
        return commas == 1 && digitsBefore > 0 && digitsAfter > 0
    }

    // MARK: Encodings

    /// The offset of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: Data) -> Int? {
        bytes.withUnsafeBytes { (base: UnsafeRawBufferPointer) -> Int? in
            var i = 0
            let count = base.count
            while i < count {
                // Eight ASCII bytes at a time (no byte with its top bit set).
                if i + 8 <= count, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let lead = base[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                let minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
                default: return i
                }
                guard i + length <= count else { return i }
                for k in 1..<length {
                    let byte = base[i + k]
                    guard byte & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                }
                guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
                i += length
            }
            return nil
        }
    }

    private static func notUTF8(_ bytes: Data, offset: Int, file: String, given: TextOptions.Encoding?) -> CSVImportError {
        let before = bytes.prefix(offset)
        var line = 1
        var lineStart = 0
        var previous: UInt8 = 0
        for (index, byte) in before.enumerated() {
            if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { line += 1 }
            if byte == 0x0A || byte == 0x0D { lineStart = index + 1 }
            previous = byte
        }
        let column = String(decoding: before.dropFirst(lineStart), as: UTF8.self).unicodeScalars.count + 1
        return CSVImportError(.notUTF8, file: file, line: line,
                              message: "the text is not valid UTF-8 at character \(column) of this line; save the file with UTF-8 "
                                  + "encoding, or give --encoding latin1 or --encoding windows-1252 if it was saved that way")
    }

    /// Latin-1 or Windows-1252 bytes as UTF-8.
    static func transcodeSingleByte(_ data: Data, windows1252: Bool) -> Data {
        var out = Data()
        out.reserveCapacity(data.count + data.count / 8)
        for byte in data {
            let scalar: UInt32 = windows1252 && (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    /// Windows-1252's 0x80–0x9F (undefined positions kept as the C1 control of the same number).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func appendUTF8(_ scalar: UInt32, to out: inout Data) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800: out.append(contentsOf: [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)])
        case ..<0x10000:
            out.append(contentsOf: [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        default:
            out.append(contentsOf: [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F),
                                    UInt8(0x80 | scalar & 0x3F)])
        }
    }

    /// UTF-16 code units (after the byte-order mark) as UTF-8.
    static func transcodeUTF16(_ data: Data, littleEndian: Bool, file: String) throws -> Data {
        guard data.count % 2 == 0 else {
            throw CSVImportError(.notUTF8, file: file, message: "the file starts with a UTF-16 byte-order mark but has an odd number of bytes; "
                + "it is truncated or not UTF-16")
        }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var iterator = data.makeIterator()
        while let a = iterator.next(), let b = iterator.next() {
            units.append(littleEndian ? UInt16(a) | UInt16(b) << 8 : UInt16(a) << 8 | UInt16(b))
        }
        var out = Data()
        var decoder = UTF16()
        var unitIterator = units.makeIterator()
        var line = 1
        while true {
            switch decoder.decode(&unitIterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                appendUTF8(scalar.value, to: &out)
            case .emptyInput:
                return out
            case .error:
                throw CSVImportError(.notUTF8, file: file, line: line, message: "the text is not valid UTF-16 on this line (an unpaired surrogate)")
            }
        }
    }
}

/// Reads a plain decimal number from bytes, as R's `read.csv` would: optional spaces, a sign (`+`, `-` or the
/// Unicode minus U+2212), digits with one decimal mark (`.`, or `,` in decimal-comma files), and an optional
/// exponent. The result is correctly rounded (Clinger's fast path for up to 15 significant digits and small
/// exponents, else Swift's own `Double(String)`), so it equals `Double(text)` bit for bit.
enum DecimalParser {
    static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parse(_ cell: UnsafeRawBufferPointer, decimalComma: Bool) -> Double? {
        var i = 0
        let count = cell.count
        guard count > 0 else { return nil }
        var negative = false
        if cell[0] == UInt8(ascii: "-") || cell[0] == UInt8(ascii: "+") {
            negative = cell[0] == UInt8(ascii: "-"); i = 1
        } else if count >= 3, cell[0] == 0xE2, cell[1] == 0x88, cell[2] == 0x92 {
            negative = true; i = 3
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var fractionDigits = 0
        var sawMark = false
        var exponent = 0
        let start = i
        while i < count {
            let byte = cell[i]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0")) }
                if sawMark { fractionDigits += 1 }
            } else if !sawMark, byte == UInt8(ascii: ".") || (decimalComma && byte == UInt8(ascii: ",")) {
                sawMark = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < count, cell[i] == UInt8(ascii: "e") || cell[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < count, cell[i] == UInt8(ascii: "-") || cell[i] == UInt8(ascii: "+") { exponentNegative = cell[i] == UInt8(ascii: "-"); i += 1 }
            var exponentDigits = 0
            while i < count, cell[i] >= UInt8(ascii: "0"), cell[i] <= UInt8(ascii: "9") {
                if exponent < 100_000 { exponent = exponent * 10 + Int(cell[i] - UInt8(ascii: "0")) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == count else { return nil }
        let scale = exponent - fractionDigits
        if significant <= 15, abs(scale) <= 22 {
            let value = scale >= 0 ? Double(mantissa) * powers[scale] : Double(mantissa) / powers[-scale]
            // Double(mantissa) * 10^scale is exact before rounding only while the product stays below 2^53.
            if scale <= 0 || Double(mantissa) * powers[scale] < 9_007_199_254_740_992 {
                return negative ? -value : value
            }
        }
        // The slow path: Swift's correctly rounded conversion of the same text.
        var text = String(decoding: UnsafeRawBufferPointer(rebasing: cell[start..<count]), as: UTF8.self)
        if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
        guard let value = Double(text), value.isFinite else { return nil }
        return negative ? -value : value
    }
}
