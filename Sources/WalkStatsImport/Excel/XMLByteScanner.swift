import Foundation

/// A malformed XML part: what was wrong and the byte offset in the (unzipped) part where it was found.
struct XMLSyntaxError: Error, Equatable {
    /// What was expected, in words ("a '>' closing the tag 'row'").
    let message: String
    /// The 0-based byte offset in the part.
    let offset: Int
}

/// One step of an XML document read by ``XMLByteScanner``: byte ranges into the part, so nothing becomes a
/// `String` until asked.
enum XMLEvent {
    /// `<name attributes>` or `<name attributes/>` (then `selfClosing`); `name` is the local name (any
    /// namespace prefix removed), `attributes` the bytes between the name and the closing `>` or `/>`.
    case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
    /// `</name>`, with the local name.
    case end(name: Range<Int>)
    /// Character data between tags, entities not yet decoded (``XMLByteScanner/appendText(_:to:)``);
    /// `cdata` when it came from a `<![CDATA[ ]]>` section, which is taken as is.
    case text(Range<Int>, cdata: Bool)
}

/// A small, non-validating, byte-level XML reader for the parts of an Excel workbook (worksheets and shared
/// strings of any size, and the small parts beside them).
///
/// It walks the UTF-8 bytes once, with `memchr` to find each `<`, and hands back tags and text as byte ranges
/// (``XMLEvent``). It skips the XML declaration, processing instructions, comments and a DOCTYPE (whose
/// entity declarations are not honoured: only the five predefined entities and character references are
/// decoded). It checks what a reader of these parts relies on — every tag is closed by `>`, attribute values
/// are quoted, end tags match their start tags, the document ends with every element closed, entities are
/// known — and reports anything else as an ``XMLSyntaxError`` with its byte offset. It never traps on any
/// input: every index is checked against the end of the part.
///
/// Foundation's `XMLParser` is not used for the large parts: it costs about 3 µs a cell and refuses parts
/// over 10 MB.
struct XMLByteScanner {
    /// The part's bytes; the caller keeps them alive while the scanner is used.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    private(set) var position = 0
    /// The local names of the open elements, innermost last, to check end tags.
    private var open: [Range<Int>] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// How many elements are open.
    var depth: Int { open.count }

    /// Goes on reading from byte `offset` with the same elements open: for a second reader of one part, started
    /// where the caller knows the same elements are open (between two rows of a worksheet's sheet data).
    mutating func move(to offset: Int) {
        position = min(max(offset, 0), bytes.count)
    }

    /// The next event, or `nil` at the end of a well-formed part.
    /// - Throws: ``XMLSyntaxError`` for a malformed part.
    mutating func next() throws -> XMLEvent? {
        let count = bytes.count
        guard let base = bytes.baseAddress else {
            throw XMLSyntaxError(message: "an XML document, found an empty part", offset: 0)
        }
        while position < count {
            if base.load(fromByteOffset: position, as: UInt8.self) != UInt8(ascii: "<") {
                let start = position
                if let found = memchr(base + position, Int32(UInt8(ascii: "<")), count - position) {
                    position = base.distance(to: UnsafeRawPointer(found))
                } else {
                    position = count
                }
                if open.isEmpty {
                    // Only white space may stand outside the root element.
                    for offset in start..<position where !Self.isSpace(bytes[offset]) {
                        throw XMLSyntaxError(message: "markup, found text outside the document's root element", offset: offset)
                    }
                    continue
                }
                return .text(start..<position, cdata: false)
            }
            // At '<'.
            let tagStart = position
            guard position + 1 < count else { throw unterminated("a tag", at: tagStart) }
            let second = bytes[position + 1]
            if second == UInt8(ascii: "?") {
                position = try skip(past: [UInt8(ascii: "?"), UInt8(ascii: ">")], from: position + 2, what: "a processing instruction", start: tagStart)
                continue
            }
            if second == UInt8(ascii: "!") {
                if matches("<!--", at: position) {
                    position = try skip(past: Array("-->".utf8), from: position + 4, what: "a comment", start: tagStart)
                    continue
                }
                if matches("<![CDATA[", at: position) {
                    let start = position + 9
                    position = try skip(past: Array("]]>".utf8), from: start, what: "a CDATA section", start: tagStart)
                    guard !open.isEmpty else {
                        throw XMLSyntaxError(message: "markup, found a CDATA section outside the document's root element", offset: tagStart)
                    }
                    return .text(start..<(position - 3), cdata: true)
                }
                if matches("<!DOCTYPE", at: position) {
                    position = try skipDoctype(from: position + 9, start: tagStart)
                    continue
                }
                throw XMLSyntaxError(message: "a comment, CDATA section or DOCTYPE after '<!'", offset: tagStart)
            }
            if second == UInt8(ascii: "/") {
                position += 2
                let name = try readName(what: "an element name after '</'")
                skipSpaces()
                guard position < count else { throw unterminated("the end tag", at: tagStart) }
                guard bytes[position] == UInt8(ascii: ">") else {
                    throw XMLSyntaxError(message: "'>' closing the end tag '\(text(name))'", offset: position)
                }
                position += 1
                guard let innermost = open.popLast() else {
                    throw XMLSyntaxError(message: "a start tag before the end tag '\(text(name))'", offset: tagStart)
                }
                let local = localName(name)
                guard equal(innermost, local) else {
                    throw XMLSyntaxError(message: "the end tag '\(text(innermost))', found '\(text(name))'", offset: tagStart)
                }
                return .end(name: local)
            }
            position += 1
            if open.isEmpty, sawRoot {
                throw XMLSyntaxError(message: "one root element, found a second", offset: tagStart)
            }
            let name = try readName(what: "an element name after '<'")
            let attributesStart = position
            // Attributes: name="value" or name='value', separated by white space.
            while true {
                let hadSpace = skipSpaces()
                guard position < count else { throw unterminated("the tag '\(text(name))'", at: tagStart) }
                let byte = bytes[position]
                if byte == UInt8(ascii: ">") {
                    position += 1
                    open.append(localName(name))
                    sawRoot = true
                    return .start(name: localName(name), attributes: attributesStart..<(position - 1), selfClosing: false)
                }
                if byte == UInt8(ascii: "/") {
                    guard position + 1 < count, bytes[position + 1] == UInt8(ascii: ">") else {
                        throw XMLSyntaxError(message: "'/>' closing the tag '\(text(name))'", offset: position)
                    }
                    position += 2
                    sawRoot = true
                    return .start(name: localName(name), attributes: attributesStart..<(position - 2), selfClosing: true)
                }
                guard hadSpace else {
                    throw XMLSyntaxError(message: "white space, '>' or '/>' after the tag name or attribute in '\(text(name))'", offset: position)
                }
                let attribute = try readName(what: "an attribute name in a tag")
                skipSpaces()
                guard position < count, bytes[position] == UInt8(ascii: "=") else {
                    throw XMLSyntaxError(message: "'=' after the attribute '\(text(attribute))'", offset: min(position, count))
                }
                position += 1
                skipSpaces()
                guard position < count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                    throw XMLSyntaxError(message: "a quoted value for the attribute '\(text(attribute))'", offset: min(position, count))
                }
                let quote = bytes[position]
                guard let found = memchr(base + position + 1, Int32(quote), count - position - 1) else {
                    throw unterminated("the value of the attribute '\(text(attribute))'", at: position)
                }
                let end = base.distance(to: UnsafeRawPointer(found))
                if let less = memchr(base + position + 1, Int32(UInt8(ascii: "<")), end - position - 1) {
                    throw XMLSyntaxError(message: "no '<' inside the value of the attribute '\(text(attribute))'",
                                         offset: base.distance(to: UnsafeRawPointer(less)))
                }
                position = end + 1
            }
        }
        if let innermost = open.last {
            throw XMLSyntaxError(message: "the end tag '</\(text(innermost))>' before the end of the part (is it truncated?)", offset: count)
        }
        guard sawRoot else { throw XMLSyntaxError(message: "a root element, found none", offset: count) }
        return nil
    }

    private var sawRoot = false

    // MARK: Reading values

    /// Calls `body` with the local name (any prefix removed) and the raw value (entities not decoded) of each
    /// attribute among `attributes` of a start tag, in order (the scanner has checked that every value is quoted).
    func forEachAttribute(in attributes: Range<Int>, _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var index = attributes.lowerBound
        let end = attributes.upperBound
        while index < end {
            while index < end, Self.isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !Self.isSpace(bytes[index]) { index += 1 }
            let name = localName(nameStart..<index)
            while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < end else { return }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < end, bytes[index] != quote { index += 1 }
            body(name, valueStart..<index)
            index += 1
        }
    }

    /// The raw bytes of attribute `name` (local name, any prefix ignored) among `attributes` of a start tag,
    /// entities not decoded; `nil` when the tag has none.
    func attribute(_ name: StaticString, in attributes: Range<Int>) -> Range<Int>? {
        var found: Range<Int>?
        forEachAttribute(in: attributes) { attributeName, value in
            if found == nil, isName(attributeName, name) { found = value }
        }
        return found
    }

    /// Attribute `name` as a string, entities decoded.
    func attributeString(_ name: StaticString, in attributes: Range<Int>) throws -> String? {
        guard let range = attribute(name, in: attributes) else { return nil }
        var out: [UInt8] = []
        try appendText(range, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text `range` to `out` with entities decoded (`&amp; &lt; &gt; &quot; &apos; &#N; &#xN;`).
    /// - Throws: ``XMLSyntaxError`` for an unknown or malformed entity.
    func appendText(_ range: Range<Int>, to out: inout [UInt8]) throws {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        var index = range.lowerBound
        while index < range.upperBound {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "&")), range.upperBound - index) else {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<range.upperBound]))
                return
            }
            let amp = base.distance(to: UnsafeRawPointer(found))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<amp]))
            var semicolon = amp + 1
            while semicolon < range.upperBound, semicolon - amp <= 12, bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < range.upperBound, bytes[semicolon] == UInt8(ascii: ";") else {
                throw XMLSyntaxError(message: "an entity such as '&amp;' ended by ';' after '&'", offset: amp)
            }
            let entity = UnsafeRawBufferPointer(rebasing: bytes[(amp + 1)..<semicolon])
            switch Array(entity) {
            case Array("amp".utf8): out.append(UInt8(ascii: "&"))
            case Array("lt".utf8): out.append(UInt8(ascii: "<"))
            case Array("gt".utf8): out.append(UInt8(ascii: ">"))
            case Array("quot".utf8): out.append(UInt8(ascii: "\""))
            case Array("apos".utf8): out.append(UInt8(ascii: "'"))
            default:
                guard entity.count >= 2, entity[0] == UInt8(ascii: "#") else {
                    throw XMLSyntaxError(message: "one of the entities &amp; &lt; &gt; &quot; &apos; or a character reference, "
                        + "found '&\(String(decoding: entity, as: UTF8.self));'", offset: amp)
                }
                let hex = entity[1] == UInt8(ascii: "x")
                let digits = entity.dropFirst(hex ? 2 : 1)
                var value: UInt32 = 0
                for digit in digits {
                    guard let d = Self.digitValue(digit, hex: hex), value < 0x110000 else { value = .max; break }
                    value = value * (hex ? 16 : 10) + UInt32(d)
                }
                guard !digits.isEmpty, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw XMLSyntaxError(message: "a character reference to a Unicode character, found '&\(String(decoding: entity, as: UTF8.self));'",
                                         offset: amp)
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            index = semicolon + 1
        }
    }

    /// The text of `range` as a string, bytes as they are (for names, which hold no entities).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Whether the bytes of `range` are `name`.
    func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
        range.count == name.utf8CodeUnitCount
            && equal(range, UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    // MARK: Helpers

    private func equal(_ range: Range<Int>, _ other: UnsafeRawBufferPointer) -> Bool {
        guard range.count == other.count else { return false }
        if range.isEmpty { return true }
        return memcmp(bytes.baseAddress! + range.lowerBound, other.baseAddress!, range.count) == 0
    }

    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        equal(a, UnsafeRawBufferPointer(rebasing: bytes[b]))
    }

    /// `name` without a namespace prefix (`x:row` → `row`).
    private func localName(_ name: Range<Int>) -> Range<Int> {
        var index = name.upperBound
        while index > name.lowerBound {
            if bytes[index - 1] == UInt8(ascii: ":") { return index..<name.upperBound }
            index -= 1
        }
        return name
    }

    private mutating func readName(what: @autoclosure () -> String) throws -> Range<Int> {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            position += 1
        }
        guard position > start else {
            throw XMLSyntaxError(message: position < bytes.count ? what() : "\(what()), found the end of the part", offset: start)
        }
        return start..<position
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private func matches(_ literal: StaticString, at offset: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        return memcmp(bytes.baseAddress! + offset, literal.utf8Start, length) == 0
    }

    /// The offset just after the first `terminator` at or after `from`.
    private func skip(past terminator: [UInt8], from: Int, what: String, start: Int) throws -> Int {
        var index = from
        while index + terminator.count <= bytes.count {
            guard let found = memchr(bytes.baseAddress! + index, Int32(terminator[0]), bytes.count - index) else { break }
            index = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
            if index + terminator.count <= bytes.count,
               terminator.indices.allSatisfy({ bytes[index + $0] == terminator[$0] }) { return index + terminator.count }
            index += 1
        }
        throw unterminated(what, at: start)
    }

    /// Skips a DOCTYPE declaration, with an internal subset in brackets.
    private func skipDoctype(from: Int, start: Int) throws -> Int {
        var index = from
        var depth = 0
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">"), depth <= 0 {
                return index + 1
            }
            index += 1
        }
        throw unterminated("the DOCTYPE declaration", at: start)
    }

    private func unterminated(_ what: String, at offset: Int) -> XMLSyntaxError {
        XMLSyntaxError(message: "the end of \(what) begun here, found the end of the part (is it truncated?)", offset: offset)
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func digitValue(_ byte: UInt8, hex: Bool) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
