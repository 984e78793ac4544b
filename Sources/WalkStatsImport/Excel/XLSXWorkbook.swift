import Foundation

/// The structure of an `.xlsx` workbook: its sheets in workbook order with the parts that hold them, and the
/// parts shared by every sheet (shared strings, styles).
///
/// Finds the workbook part through the package relationships (`_rels/.rels`, else `xl/workbook.xml`), the
/// sheets in its `<sheets>` element and each sheet's part through the workbook's relationships
/// (`xl/_rels/workbook.xml.rels`). Every part is read with ``XMLByteScanner``.
struct XLSXWorkbook {
    /// One sheet as the workbook lists it.
    struct Sheet: Equatable {
        /// The name on its tab.
        let name: String
        /// The path of its part in the archive; `nil` when its relationship is missing.
        let part: String?
        /// Whether it is a worksheet (not a chart sheet, dialog or macro sheet).
        let isWorksheet: Bool
        /// `visible`, `hidden` or `veryHidden`.
        let state: String
    }

    let package: XLSXPackage
    /// The sheets in workbook order.
    let sheets: [Sheet]
    /// The path of the shared strings part, when the workbook has one.
    let sharedStringsPart: String?
    /// The path of the styles part, when the workbook has one.
    let stylesPart: String?

    static let officeDocument = "/officeDocument"

    /// Reads the workbook's structure from `package`.
    /// - Throws: ``CSVImportError`` (`.corruptFile`) for a missing or malformed workbook part, or no sheets.
    init(package: XLSXPackage) throws {
        self.package = package
        let file = package.file
        guard package.contains("[Content_Types].xml") else {
            throw CSVImportError(.corruptFile, file: file,
                                 message: "this zip archive is not an Excel workbook: it has no '[Content_Types].xml' part; expected an .xlsx workbook")
        }
        var workbookPath = "xl/workbook.xml"
        if let rels = try package.part("_rels/.rels") {
            for relationship in try Self.relationships(rels, part: "_rels/.rels", file: file)
            where relationship.type.hasSuffix(Self.officeDocument) {
                workbookPath = XLSXPackage.resolve(relationship.target, in: "")
                break
            }
        }
        guard let workbook = try package.part(workbookPath) else {
            throw CSVImportError(.corruptFile, file: file,
                                 message: "the workbook part '\(workbookPath)' is missing; expected an .xlsx workbook with at least one sheet")
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        var targets: [String: (type: String, target: String)] = [:]
        var shared: String?
        var styles: String?
        if let rels = try package.part(relsPath) {
            for relationship in try Self.relationships(rels, part: relsPath, file: file) {
                let path = XLSXPackage.resolve(relationship.target, in: folder)
                targets[relationship.id] = (relationship.type, path)
                if relationship.type.hasSuffix("/sharedStrings") { shared = path }
                if relationship.type.hasSuffix("/styles") { styles = path }
            }
        }
        let prefix = folder.isEmpty ? "" : folder + "/"
        sharedStringsPart = shared ?? (package.contains(prefix + "sharedStrings.xml") ? prefix + "sharedStrings.xml" : nil)
        stylesPart = styles ?? (package.contains(prefix + "styles.xml") ? prefix + "styles.xml" : nil)

        var sheets: [Sheet] = []
        try Self.scan(workbook, part: workbookPath, file: file) { scanner, event in
            guard case let .start(name, attributes, _) = event, scanner.isName(name, "sheet") else { return }
            let sheetName = try scanner.attributeString("name", in: attributes) ?? "Sheet\(sheets.count + 1)"
            let id = try scanner.attributeString("id", in: attributes)
            let target = id.flatMap { targets[$0] }
            sheets.append(Sheet(name: sheetName, part: target?.target ?? (targets.isEmpty ? prefix + "worksheets/sheet\(sheets.count + 1).xml" : nil),
                                isWorksheet: target.map { $0.type.hasSuffix("/worksheet") } ?? true,
                                state: try scanner.attributeString("state", in: attributes) ?? "visible"))
        }
        guard !sheets.isEmpty else {
            throw CSVImportError(.corruptFile, file: file, message: "the workbook lists no sheets; expected at least one worksheet")
        }
        self.sheets = sheets
    }

    /// The sheet chosen by `selector`: a name (exactly, else ignoring case), or a 1-based number in workbook
    /// order; the first sheet when `selector` is `nil`.
    /// - Throws: ``CSVImportError`` (`.invalidValue`) listing the sheets when none matches.
    func sheet(_ selector: String?) throws -> (index: Int, sheet: Sheet) {
        guard let selector else { return (0, sheets[0]) }
        if let exact = sheets.firstIndex(where: { $0.name == selector }) { return (exact, sheets[exact]) }
        let folded = sheets.indices.filter { sheets[$0].name.lowercased() == selector.lowercased() }
        if folded.count == 1 { return (folded[0], sheets[folded[0]]) }
        if let number = Int(selector.trimmingCharacters(in: .whitespaces)), number >= 1, number <= sheets.count {
            return (number - 1, sheets[number - 1])
        }
        throw CSVImportError(.invalidValue, file: package.file,
                             message: "no sheet '\(selector)' (--sheet); expected a sheet name or a number from 1 to \(sheets.count): "
                                + "the workbook has \(listing)")
    }

    /// The sheets in words: `2 sheets: 'Data', 'Notes'`.
    var listing: String {
        "\(sheets.count) \(sheets.count == 1 ? "sheet" : "sheets"): " + sheets.map { "'\($0.name)'" }.joined(separator: ", ")
    }

    /// The relationships in a `.rels` part.
    static func relationships(_ data: Data, part: String, file: String) throws -> [(id: String, type: String, target: String)] {
        var result: [(id: String, type: String, target: String)] = []
        try scan(data, part: part, file: file) { scanner, event in
            guard case let .start(name, attributes, _) = event, scanner.isName(name, "Relationship") else { return }
            if (try scanner.attributeString("TargetMode", in: attributes)) == "External" { return }
            result.append((try scanner.attributeString("Id", in: attributes) ?? "",
                           try scanner.attributeString("Type", in: attributes) ?? "",
                           try scanner.attributeString("Target", in: attributes) ?? ""))
        }
        return result
    }

    /// Runs `body` on every event of the XML in `data`, turning a syntax error into a ``CSVImportError`` that
    /// names the part and the byte offset.
    static func scan(_ data: Data, part: String, file: String,
                     _ body: (XMLByteScanner, XMLEvent) throws -> Void) throws {
        try data.withUnsafeBytes { bytes in
            var scanner = XMLByteScanner(bytes)
            do {
                while let event = try scanner.next() { try body(scanner, event) }
            } catch let error as XMLSyntaxError {
                throw malformed(error, part: part, file: file)
            }
        }
    }

    /// The error for malformed XML in `part`.
    static func malformed(_ error: XMLSyntaxError, part: String, file: String) -> CSVImportError {
        CSVImportError(.corruptFile, file: file,
                       message: "part '\(part)' is not well-formed XML at byte \(error.offset): expected \(error.message)")
    }
}
