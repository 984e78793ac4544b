import Foundation

/// The SHA-256 digest (FIPS 180-4) of bytes or of a file, as lower-case hex — the checksum every report
/// prints for each input, so that a reader can check that a report came from the file they have
/// (`sha256sum FILE` prints the same).
///
/// ```
/// pad: message ‖ 0x80 ‖ 0x00… ‖ 64-bit big-endian bit length, to a multiple of 64 bytes
/// per 64-byte block: W_t (t < 16) the block's words; W_t = σ1(W_{t−2}) + W_{t−7} + σ0(W_{t−15}) + W_{t−16}
/// 64 rounds: T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t,  T2 = Σ0(a) + Maj(a, b, c)
/// ```
///
/// Foundation on Linux has no SHA-256 and the project takes no extra package for it; this is the plain
/// algorithm, checked against the FIPS 180-4 example vectors and `sha256sum`.
///
/// *Reference:* NIST (2015), FIPS PUB 180-4, Secure Hash Standard, §6.2. doi:10.6028/NIST.FIPS.180-4
public enum SHA256 {
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
    private static let initialHash: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]

    /// The digest of `bytes`, as 64 lower-case hex digits.
    /// - Complexity: O(n).
    public static func hex<Bytes: Collection>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Array(bytes).withUnsafeBytes { hex(ofRaw: $0) }
    }

    /// The digest of `data` (read in place: a memory-mapped file is not copied).
    public static func hex(of data: Data) -> String {
        data.withUnsafeBytes { hex(ofRaw: $0) }
    }

    /// The digest of raw bytes: whole 64-byte blocks straight from the buffer, then the padded tail.
    static func hex(ofRaw bytes: UnsafeRawBufferPointer) -> String {
        var hash = initialHash
        var w = [UInt32](repeating: 0, count: 64)
        let whole = bytes.count / 64 * 64
        w.withUnsafeMutableBufferPointer { w in
            hash.withUnsafeMutableBufferPointer { hash in
                roundConstants.withUnsafeBufferPointer { k in
                    // A large memory-mapped file gives back the pages it has hashed, every 8 MB.
                    let releasesPages = bytes.count > 16 << 20 && MappedFile.isFileMapping(bytes)
                    var block = 0
                    while block < whole {
                        compress(UnsafeRawBufferPointer(rebasing: bytes[block..<block + 64]), w: w, k: k, hash: hash)
                        block += 64
                        if releasesPages, block & (8 << 20 - 1) == 0 { MappedFile.release(bytes, before: block) }
                    }
                    var tail = Array(bytes[whole...])
                    let bitLength = UInt64(bytes.count) &* 8
                    tail.append(0x80)
                    while tail.count % 64 != 56 { tail.append(0) }
                    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
                    tail.withUnsafeBytes { tail in
                        for start in stride(from: 0, to: tail.count, by: 64) {
                            compress(UnsafeRawBufferPointer(rebasing: tail[start..<start + 64]), w: w, k: k, hash: hash)
                        }
                    }
                }
            }
        }
        return hash.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }.joined()
    }

    /// One 64-byte block into `hash`.
    private static func compress(_ block: UnsafeRawBufferPointer, w: UnsafeMutableBufferPointer<UInt32>, k: UnsafeBufferPointer<UInt32>,
                                 hash: UnsafeMutableBufferPointer<UInt32>) {
        for t in 0..<16 {
            let i = 4 * t
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i, as: UInt32.self))
        }
        for t in 16..<64 {
            let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] &>> 3)
            let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] &>> 10)
            w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
        }
        var (a, b, c, d, e, f, g, h) = (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7])
        for t in 0..<64 {
            let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
            let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        hash[0] = hash[0] &+ a; hash[1] = hash[1] &+ b; hash[2] = hash[2] &+ c; hash[3] = hash[3] &+ d
        hash[4] = hash[4] &+ e; hash[5] = hash[5] &+ f; hash[6] = hash[6] &+ g; hash[7] = hash[7] &+ h
    }

    /// The digest of the file at `path` (memory-mapped).
    /// - Throws: ``CSVImportError`` when the file cannot be read (as every importer reports it).
    public static func hex(ofFileAt path: String) throws -> String {
        try FileDigests.shared.digest(path)
    }

    /// Rotation right by `n` (0 < n < 32), with masking shifts (no over-shift checks in the inner loop).
    @inline(__always) private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }
}

/// SHA-256 digests of input files, computed on another core while the file is read and analysed: a
/// command asks for them early (``prefetch(_:)``) and the provenance collects them at the end
/// (``SHA256/hex(ofFileAt:)`` waits for a digest in progress instead of computing it again).
public final class FileDigests: @unchecked Sendable {
    /// The digests of this process.
    public static let shared = FileDigests()

    private let lock = NSLock()
    private var results: [String: Result<String, CSVImportError>] = [:]
    private var inProgress: [String: DispatchGroup] = [:]
    /// The mapped bytes of files being digested, shared with the importer so the pages are mapped once.
    private var mapped: [String: Data] = [:]

    /// Starts computing the digest of `path` in the background (once per path); a file that cannot be read
    /// is left for the importer to report.
    public func prefetch(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        guard results[path] == nil, inProgress[path] == nil, let data = try? InputFile.read(path, mapped: true, shared: false) else { return }
        mapped[path] = data
        let group = DispatchGroup()
        inProgress[path] = group
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let digest = SHA256.hex(of: data)
            self.lock.lock()
            self.results[path] = .success(digest)
            self.inProgress[path] = nil
            self.mapped[path] = nil
            self.lock.unlock()
            group.leave()
        }
    }

    /// The bytes of `path` mapped for a digest in progress, if any.
    func mappedData(_ path: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return mapped[path]
    }

    /// The digest of `path`: the prefetched one (waiting for it if still running), else computed now.
    /// - Throws: ``CSVImportError`` when the file cannot be read.
    public func digest(_ path: String) throws -> String {
        lock.lock()
        let group = inProgress[path]
        lock.unlock()
        group?.wait()
        lock.lock()
        let cached = results[path]
        lock.unlock()
        if let cached { return try cached.get() }
        return SHA256.hex(of: try InputFile.read(path, mapped: true))
    }
}
