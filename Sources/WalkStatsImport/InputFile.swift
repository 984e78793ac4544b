import Foundation

/// Reads an input file whole, turning every way it can be unusable into a ``CSVImportError``.
enum InputFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``CSVImportError`` when the path does not exist, is a folder or cannot be read.
    /// `mapped` maps the file into memory instead of copying it (for large participant files), sharing the
    /// mapping of a digest in progress (``FileDigests``) unless `shared` is false.
    static func read(_ path: String, mapped: Bool = false, shared: Bool = true) throws -> Data {
        if mapped, shared, let data = FileDigests.shared.mappedData(path) { return data }
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
        if mapped, let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) { return data }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVImportError(.unreadableFile, file: path, message: "the file cannot be read (check its permissions)")
        }
        return data
    }
}
