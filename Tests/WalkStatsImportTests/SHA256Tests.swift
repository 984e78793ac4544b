import Foundation
import Testing
import WalkStatsImport

/// SHA-256 against the FIPS 180-4 example vectors and the system's `sha256sum`.
struct SHA256Tests {
    /// FIPS 180-4 / NIST CSRC examples: "abc", the empty message and the two-block 448-bit message; and a
    /// million 'a' (the long-message vector), which crosses many blocks.
    @Test func matchesTheStandardsVectors() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length from 0 to 130 bytes (each padding case) agrees with `sha256sum`.
    @Test func agreesWithSha256sumAtEveryPaddingLength() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for length in 0...130 {
            let url = folder.appendingPathComponent("\(length).bin")
            try Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let expected = output.split(separator: "\n").map { String($0.prefix(64)) }
        #expect(expected.count == paths.count)
        for (path, digest) in zip(paths, expected) {
            #expect(try SHA256.hex(ofFileAt: path) == digest, "\(path)")
        }
    }
}
