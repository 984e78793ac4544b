import Foundation

/// Which cell styles of a workbook show a number as a date or time, read from `styles.xml`.
///
/// Excel stores a date as a plain number (days since 1899-12-30) and says it is a date only through the cell's
/// style: `<c s="3">` points at the fourth `<xf>` of `<cellXfs>`, whose `numFmtId` is either a built-in
/// format or one defined in `<numFmts>`. A format shows a date or time when it is one of the built-in date
/// and time formats
///
///     14–22, 27–36, 45–47, 50–58
///
/// or a custom format code with `d`, `m`, `y`, `h` or `s` (any case) outside quoted text ("kg"), brackets
/// ([Red], [$-409]; the elapsed-time brackets [h] [mm] [ss] count as time), escaped characters (\d) and the
/// `_x` / `*x` spacing and fill characters.
struct XLSXDateFormats {
    /// For each `cellXfs` index: the date format's code, or `nil` when the style does not show a date.
    let dateFormats: [String?]

    /// No style shows a date (a workbook without `styles.xml`).
    static let none = XLSXDateFormats(dateFormats: [])

    init(dateFormats: [String?]) { self.dateFormats = dateFormats }

    /// The date format of style `index`, if it shows a date.
    func dateFormat(style index: Int) -> String? {
        index >= 0 && index < dateFormats.count ? dateFormats[index] : nil
    }

    /// Reads the styles part.
    /// - Throws: ``CSVImportError`` (`.corruptFile`) for malformed XML.
    init(styles data: Data, part: String, file: String) throws {
        var custom: [Int: String] = [:]
        var formats: [String?] = []
        var inCellXfs = false
        var builtIn: [Int] = []
        try XLSXWorkbook.scan(data, part: part, file: file) { scanner, event in
            switch event {
            case let .start(name, attributes, selfClosing):
                if scanner.isName(name, "numFmt") {
                    if let id = (try scanner.attributeString("numFmtId", in: attributes)).flatMap({ Int($0) }),
                       let code = try scanner.attributeString("formatCode", in: attributes) {
                        custom[id] = code
                    }
                } else if scanner.isName(name, "cellXfs") {
                    inCellXfs = !selfClosing
                } else if inCellXfs, scanner.isName(name, "xf") {
                    builtIn.append((try scanner.attributeString("numFmtId", in: attributes)).flatMap { Int($0) } ?? 0)
                }
            case let .end(name):
                if scanner.isName(name, "cellXfs") { inCellXfs = false }
            case .text:
                break
            }
        }
        for id in builtIn {
            if let code = custom[id] {
                formats.append(Self.showsDate(code) ? code : nil)
            } else if Self.isBuiltInDate(id) {
                formats.append(Self.builtInCodes[id] ?? "built-in date format \(id)")
            } else {
                formats.append(nil)
            }
        }
        dateFormats = formats
    }

    /// Whether built-in number format `id` shows a date or time.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// The codes of the built-in date formats that do not depend on the locale (ECMA-376 Part 1, 18.8.30).
    static let builtInCodes: [Int: String] = [
        14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
        20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
    ]

    /// Whether the custom format `code` shows a date or time (see the type's description).
    static func showsDate(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var bracketText = ""
        var skipNext = false
        for character in code {
            if skipNext { skipNext = false; continue }
            if quoted {
                if character == "\"" { quoted = false }
                continue
            }
            if bracket {
                if character == "]" {
                    bracket = false
                    let inside = bracketText.lowercased()
                    if !inside.isEmpty, inside.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { return true }
                } else {
                    bracketText.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case "[": bracket = true; bracketText = ""
            case "\\", "_", "*": skipNext = true
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S": return true
            default: break
            }
        }
        return false
    }
}
