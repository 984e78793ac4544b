import Foundation

/// Reads an input file whole, turning every way it can be unusable into a ``CSVImportError``.
enum InputFile {
    /// The bytes of the file at `path`.
    /// - Throws: ``CSVImportError`` when the path does not exist, is a folder or cannot be read.
    /// `mapped` maps the file into memory instead of copying it (for large participant files), sharing the
    /// mapping of a digest in progress (``FileDigests``) unless `shared` is false.
    static func read(_ path: String, mapped: Bool = false, shared: Bool = true) throws -> Data {
        if mapped, shared, let data = FileDigests.shared.mappedData(path) { return data }
        if mapped, let data = try? mappedFile(path) { return data.data }
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

    /// The file at `path` mapped into memory, as a ``MappedFile`` whose pages can be given back once read.
    static func mappedFile(_ path: String) throws -> MappedFile {
        MappedFile(data: try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
    }
}

/// A file mapped read-only into memory (`Data(contentsOf:options: .alwaysMapped)`): pages already read can
/// be given back to the operating system (`madvise(MADV_DONTNEED)`), so reading a large file keeps only a
/// few megabytes of it resident; a page read again is read back from the file.
struct MappedFile: @unchecked Sendable {
    let data: Data

    /// Whether `base` (the bytes of ``data``) lies in a read-only mapping of a file, checked in
    /// `/proc/self/maps`; only then may its pages be released.
    static func isFileMapping(_ base: UnsafeRawBufferPointer) -> Bool {
        guard let start = base.baseAddress.map({ UInt(bitPattern: $0) }), base.count > 0,
              let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return false }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1].hasPrefix("r"), !fields[1].contains("w") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let low = UInt(range[0], radix: 16), let high = UInt(range[1], radix: 16) else { continue }
            if low <= start, start + UInt(base.count) <= high { return true }
        }
        return false
    }

    /// Gives back the whole pages of `base` before `offset`.
    static func release(_ base: UnsafeRawBufferPointer, before offset: Int) {
        guard let address = base.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = UInt(bitPattern: address)
        let alignedStart = (start + UInt(page) - 1) / UInt(page) * UInt(page)
        let end = (start + UInt(offset)) / UInt(page) * UInt(page)
        guard end > alignedStart else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: alignedStart), Int(end - alignedStart), Int32(MADV_DONTNEED))
    }
}
