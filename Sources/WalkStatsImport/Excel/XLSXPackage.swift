import Foundation
import CLibdeflate

/// The zip archive of an `.xlsx` workbook, its parts inflated into memory on request.
///
/// The central directory is read here, every offset and size checked against the file's length; each part's
/// deflate stream is inflated in one call by Debian's libdeflate straight into a buffer of the size the
/// directory gives, and its CRC-32 is checked against the directory's. (On the 283 MB sheet of a 1,000,000-row
/// workbook libdeflate takes about 0.1 s where zlib takes 0.27 s and ZIPFoundation's `Data.decompress`, which
/// copies every chunk, twice that; ZIPFoundation's `Archive.extract` also loops forever on a deflate stream cut
/// short, and its in-memory archives trap on a damaged directory.)
///
/// Refuses, as ``CSVImportError/Kind-swift.enum/corruptFile`` naming the file: bytes that are not a zip
/// archive, a truncated archive (no end-of-central-directory record, entries beyond the end of the file), a
/// part that fails to inflate or whose CRC-32 or size does not match. An Excel 97–2003 `.xls` file (an OLE2
/// compound document), an OpenDocument spreadsheet, a ZIP64 archive and a part compressed other than by
/// deflate are ``CSVImportError/Kind-swift.enum/unsupportedFile``.
struct XLSXPackage {
    /// One entry of the central directory.
    struct Entry {
        let path: String
        let method: UInt16
        let checksum: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    /// The file's path as the user gave it, for messages.
    let file: String
    /// The archive's bytes.
    let data: Data
    /// The entries by path.
    private let entries: [String: Entry]
    /// The paths of the archive's entries, in the directory's order.
    let paths: [String]

    /// The most a part may inflate to (a damaged or hostile size field must not exhaust memory).
    static let largestPart = 4 << 30

    /// Opens the archive whose bytes are `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` as described on the type.
    init(data: Data, file: String) throws {
        self.file = file
        self.data = data
        if data.isEmpty {
            throw CSVImportError(.emptyFile, file: file, message: "the file is empty; expected an Excel .xlsx workbook")
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw CSVImportError(.unsupportedFile, file: file,
                                 message: "this is an Excel 97–2003 workbook (.xls) or another OLE2 document; expected an .xlsx workbook: "
                                    + "open it in Excel or LibreOffice and save it as .xlsx")
        }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            let start = String(decoding: data.prefix(24), as: UTF8.self)
                .map { $0.isASCII && ($0.isLetter || $0.isNumber || $0.isPunctuation || $0 == " ") ? $0 : "." }
            throw CSVImportError(.corruptFile, file: file,
                                 message: "not an Excel .xlsx workbook: expected a zip archive (starting 'PK'), found '\(String(start))…'")
        }
        let list = try Self.directory(data, file: file)
        paths = list.map(\.path)
        entries = Dictionary(list.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        if let type = try? part("mimetype"), String(decoding: type, as: UTF8.self).contains("opendocument") {
            throw CSVImportError(.unsupportedFile, file: file,
                                 message: "this is an OpenDocument spreadsheet (.ods); expected an .xlsx workbook: save it as .xlsx")
        }
    }

    /// Whether the archive holds `path`.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The inflated bytes of part `path`, or `nil` when the archive has no such part.
    /// - Throws: ``CSVImportError`` (`.corruptFile`) when the part cannot be inflated or its checksum fails.
    func part(_ path: String) throws -> Data? {
        guard let entry = entries[path] else { return nil }
        let damaged = { (what: String) in
            CSVImportError(.corruptFile, file: self.file, message: "part '\(path)' \(what) (the file may be truncated or damaged)")
        }
        // The local header: 30 bytes, then the name and an extra field, then the data.
        let header = entry.localHeaderOffset
        guard header + 30 <= data.count, read32(header) == 0x0403_4B50 else { throw damaged("has no local header where the directory says") }
        let start = header + 30 + Int(read16(header + 26)) + Int(read16(header + 28))
        guard start + entry.compressedSize <= data.count else { throw damaged("runs past the end of the file") }
        let base = data.startIndex
        let output: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw damaged("has a stored size that does not match its size") }
            output = data.subdata(in: (base + start)..<(base + start + entry.compressedSize))
        case 8:
            output = try data.withUnsafeBytes { bytes in
                try Self.inflated(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)]), size: entry.uncompressedSize,
                                 damaged: damaged)
            }
        default:
            throw CSVImportError(.unsupportedFile, file: file,
                                 message: "part '\(path)' is compressed with zip method \(entry.method); expected deflate (8) or stored (0), as Excel writes")
        }
        guard output.count == entry.uncompressedSize else {
            throw damaged("inflates to \(output.count) bytes, not the \(entry.uncompressedSize) its directory entry says")
        }
        guard output.withUnsafeBytes(ZipCRC32.checksum) == entry.checksum else {
            throw CSVImportError(.corruptFile, file: file, message: "part '\(path)' is damaged: its CRC-32 checksum does not match its contents")
        }
        return output
    }

    /// The raw deflate stream `input` inflated; it must inflate to exactly `size` bytes.
    /// - Throws: `damaged(what)` when it cannot be inflated or inflates to another size.
    private static func inflated(_ input: UnsafeRawBufferPointer, size: Int, damaged: (String) -> CSVImportError) throws -> Data {
        guard let decompressor = libdeflate_alloc_decompressor() else { throw damaged("cannot be inflated (out of memory)") }
        defer { libdeflate_free_decompressor(decompressor) }
        let output = PartBuffer(size: size)
        var produced = 0
        let result = libdeflate_deflate_decompress_ex(decompressor, input.baseAddress, input.count, output.bytes, size, nil, &produced)
        output.waitUntilPopulated()
        guard result == LIBDEFLATE_SUCCESS, produced == size else {
            output.deallocate()
            switch result {
            case LIBDEFLATE_INSUFFICIENT_SPACE: throw damaged("inflates to more than the \(size) bytes its directory entry says")
            case LIBDEFLATE_SUCCESS: throw damaged("inflates to \(produced) bytes, not the \(size) its directory entry says")
            default: throw damaged("cannot be inflated")
            }
        }
        return output.data
    }

    /// The memory a large part is inflated into. Writing to fresh memory costs a page fault per page, which
    /// on the 283 MB sheet of a 1,000,000-row workbook took twice as long as inflating it: the pages past the
    /// first 30% are made present on another core (`MADV_POPULATE_WRITE`, Linux 5.14) while the inflating
    /// begins, so the faults are shared between two cores. Small parts get ordinary memory.
    private final class PartBuffer: @unchecked Sendable {
        let bytes: UnsafeMutableRawPointer
        let size: Int
        private let mapped: Bool
        private let populating = DispatchGroup()

        /// Parts from this size are mapped and populated on another core.
        static let populatedSize = 16 << 20
        /// Linux's `MADV_POPULATE_WRITE` (not in every C library's headers yet); older kernels refuse it, harmlessly.
        static let populateWrite: Int32 = 23

        init(size: Int) {
            self.size = size
            if size >= Self.populatedSize, let pointer = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               pointer != MAP_FAILED {
                bytes = pointer
                mapped = true
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                let start = size * 3 / 10 / page * page
                nonisolated(unsafe) let rest = pointer + start
                DispatchQueue.global().async(group: populating) { _ = madvise(rest, size - start, Self.populateWrite) }
            } else {
                bytes = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 16)
                mapped = false
            }
        }

        func waitUntilPopulated() { populating.wait() }

        func deallocate() {
            if mapped { munmap(bytes, size) } else { bytes.deallocate() }
        }

        /// The bytes as `Data`, which frees them.
        var data: Data {
            let (mapped, size) = (mapped, size)
            return Data(bytesNoCopy: bytes, count: size, deallocator: .custom { pointer, _ in
                if mapped { munmap(pointer, size) } else { pointer.deallocate() }
            })
        }
    }

    /// The entries of the central directory.
    private static func directory(_ data: Data, file: String) throws -> [Entry] {
        let truncated = CSVImportError(.corruptFile, file: file,
                                       message: "the zip archive cannot be read (it may be truncated or damaged); expected an Excel .xlsx workbook")
        let reader = XLSXPackage.Reader(data: data)
        // The end-of-central-directory record: 22 bytes and a comment of at most 65,535 bytes, at the end.
        guard data.count >= 22 else { throw truncated }
        var end = -1
        var candidate = data.count - 22
        while candidate >= max(0, data.count - 22 - 65_535) {
            if reader.read32(candidate) == 0x0605_4B50, candidate + 22 + Int(reader.read16(candidate + 20)) == data.count { end = candidate; break }
            candidate -= 1
        }
        guard end >= 0 else { throw truncated }
        let count = Int(reader.read16(end + 10))
        let size = Int(reader.read32(end + 12))
        let offset = Int(reader.read32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw CSVImportError(.unsupportedFile, file: file, message: "this is a ZIP64 archive, which WalkStats does not read; expected an .xlsx workbook under 4 GB")
        }
        guard offset + size <= end else { throw truncated }
        var entries: [Entry] = []
        var position = offset
        for _ in 0..<count {
            guard position + 46 <= offset + size, reader.read32(position) == 0x0201_4B50 else { throw truncated }
            let nameLength = Int(reader.read16(position + 28))
            let next = position + 46 + nameLength + Int(reader.read16(position + 30)) + Int(reader.read16(position + 32))
            guard next <= offset + size else { throw truncated }
            let compressed = Int(reader.read32(position + 20))
            let uncompressed = Int(reader.read32(position + 24))
            let local = Int(reader.read32(position + 42))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw CSVImportError(.unsupportedFile, file: file, message: "this is a ZIP64 archive, which WalkStats does not read; expected an .xlsx workbook under 4 GB")
            }
            let base = data.startIndex
            let name = String(decoding: data[(base + position + 46)..<(base + position + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(path: name, method: reader.read16(position + 10), checksum: reader.read32(position + 16),
                                 compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local))
            position = next
        }
        return entries
    }

    /// Little-endian integers at offsets of the archive (the caller checks the bounds).
    private struct Reader {
        let data: Data
        func read16(_ offset: Int) -> UInt16 {
            let base = data.startIndex + offset
            return UInt16(data[base]) | UInt16(data[base + 1]) << 8
        }
        func read32(_ offset: Int) -> UInt32 {
            let base = data.startIndex + offset
            return UInt32(data[base]) | UInt32(data[base + 1]) << 8 | UInt32(data[base + 2]) << 16 | UInt32(data[base + 3]) << 24
        }
    }

    private func read16(_ offset: Int) -> UInt16 { Reader(data: data).read16(offset) }
    private func read32(_ offset: Int) -> UInt32 { Reader(data: data).read32(offset) }

    /// The path of a part named by `target` from a relationships part in `folder` (`xl`): relative targets are
    /// resolved against the folder, absolute ones (`/xl/…`) against the archive's root; `.` and `..` are resolved.
    static func resolve(_ target: String, in folder: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in target.split(separator: "/") {
            if component == "." { continue }
            if component == ".." { _ = components.popLast(); continue }
            components.append(component)
        }
        return components.joined(separator: "/")
    }
}
