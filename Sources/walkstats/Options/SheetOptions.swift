import ArgumentParser
import Foundation

/// Which sheet of an Excel workbook to read, shared (through ``InputOptions``) by every command that reads a
/// participant file. A name that matches no sheet is an error listing the workbook's sheets.
struct SheetOptions: ParsableArguments {
    @Option(help: "With an Excel workbook (.xlsx): the sheet to read, by name or 1-based number (default: the first sheet).")
    var sheet: String?

    func validate() throws {
        if let sheet, sheet.allSatisfy(\.isWhitespace) { throw ValidationError("--sheet takes a sheet name or number, got an empty one") }
    }

    /// Refuses `--sheet` for a participant file `file` that is not a workbook (a usage error, before anything is read).
    func validate(file: String) throws {
        if sheet != nil, (file as NSString).pathExtension.lowercased() != "xlsx" {
            throw ValidationError("--sheet applies only to an Excel workbook (.xlsx)")
        }
    }
}
