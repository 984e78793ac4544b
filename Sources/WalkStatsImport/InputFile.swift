import Foundation

/// Reads an input file whole, turning every way it can be unusable into a ``CSVImportError``.
enum InputFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``CSVImportError`` when the path does not exist, is a folder or cannot be read.
    static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVImportError(.unreadableFile, file: path, message: "no such file; expected a path to a CSV file")
        }
        if isDirectory.boolValue {
            throw CSVImportError(.isDirectory, file: path, message: "this is a folder; expected a path to a CSV file")
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular, type != .typeSymbolicLink {
            throw CSVImportError(.unreadableFile, file: path, message: "this is not a regular file; expected a path to a CSV file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVImportError(.unreadableFile, file: path, message: "the file cannot be read (check its permissions)")
        }
        return data
    }
}
