import Foundation

/// Writes a finished report to disk all at once: to a temporary file in the same folder, then renamed
/// over the destination, so a reader never sees a partial report.
public enum AtomicFileWriter {
    /// Why a report could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The destination path.
        public let path: String
        /// What went wrong.
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `text` to `path`, creating missing parent folders.
    /// - Parameter protectedInputs: paths that must never be overwritten (the input files).
    /// - Throws: ``WriteError`` when `path` is an input file or a folder, or the write fails.
    public static func write(_ text: String, to path: String, protectedInputs: [String]) throws {
        let destination = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in protectedInputs
        where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == destination {
            throw WriteError(path: path, reason: "this is an input file; refusing to overwrite it, choose another --output")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(path: path, reason: "this is a folder; expected a file path for --output")
        }
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: destination, options: .atomic)
        } catch {
            throw WriteError(path: path, reason: "cannot write the report (\(error.localizedDescription))")
        }
    }
}
