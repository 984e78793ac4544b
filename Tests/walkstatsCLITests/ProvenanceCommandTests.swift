import Foundation
import Testing
import WalkStatsImport
import WalkStatsTestSupport

/// Every output says whether its data are simulated (banner first, `"simulated": true` in JSON, a
/// `simulated` column in CSV) and ends with its provenance, identical wherever it is regenerated.
struct ProvenanceCommandTests {
    static let root = WalkstatsCommandTests.root
    static let simulated = "datasets/sample/chen2021-like.csv"

    func run(_ arguments: [String]) throws -> String {
        let result = try runWalkstats(arguments, in: Self.root)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput
    }

    /// Simulated data are labelled in every command's every format; real-looking data without a sidecar are not.
    @Test(arguments: [["describe"], ["compare", "--outcome", "pain_nrs"], ["report"]])
    func simulatedDataAreLabelledInEveryFormat(command: [String]) throws {
        let arguments = [command[0], Self.simulated] + command.dropFirst()
        let markdown = try run(arguments)
        let firstLines = markdown.split(separator: "\n").prefix(3).joined(separator: "\n")
        #expect(firstLines.contains("**SIMULATED data**"), "\(command[0]) Markdown: \(firstLines)")
        let json = try run(arguments + ["--format", "json"])
        #expect(json.hasPrefix("{\n  \"schema\": \"walkstats.\(command[0])/1\",\n  \"simulated\": true,\n"))
        let csv = try run(arguments + ["--format", "csv"]).split(separator: "\n")
        #expect(csv[0].hasSuffix(",simulated"))
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",true") })

        let path = try scratchCopy(of: Self.simulated)  // the same rows, without their sidecar
        let plain = [command[0], path] + command.dropFirst()
        #expect(!(try run(plain)).contains("SIMULATED"))
        #expect(!(try run(plain + ["--format", "json"])).contains("\"simulated\""))
        #expect((try run(plain + ["--format", "csv"])).split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",false") })
    }

    /// The provenance: versions, the command with --output by its file name, each input with its SHA-256 (as
    /// sha256sum prints it) and the codebook; regenerated into two folders, the reports are byte-identical.
    @Test func provenanceIsCompleteAndTheSameWhereverTheReportIsWritten() throws {
        var reports: [String] = []
        for _ in 0..<2 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-prov-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = folder.appendingPathComponent("trial.md").path
            _ = try run(["report", Self.simulated, "--output", output])
            reports.append(try String(contentsOfFile: output, encoding: .utf8))
        }
        #expect(reports[0] == reports[1])
        let provenance = try #require(reports[0].components(separatedBy: "## Provenance\n").last)
        #expect(reports[0].hasSuffix(provenance) && reports[0].contains("## Provenance\n"))
        #expect(provenance.contains("- Command: `walkstats report \(Self.simulated) --output trial.md`."))
        #expect(provenance.contains("with GSL "))
        for (role, path) in [("data", Self.simulated), ("metadata", "datasets/sample/chen2021-like.metadata.json")] {
            let digest = try SHA256.hex(ofFileAt: Self.root.appendingPathComponent(path).path)
            #expect(provenance.contains("- Input (\(role)): `\(path)`, SHA-256 `\(digest)`."), "\(role)")
        }
        #expect(!provenance.contains("Input (codebook)"))
        #expect(provenance.contains("- Codebook: built-in (SHA-256 `\(BuiltInCodebook.sha256)`)."))
        let json = try run(["replicate", "datasets/published/arm-summaries.csv", "--study", "chen2021", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let record = try #require(document["provenance"] as? [String: Any])
        #expect((record["inputs"] as? [[String: Any]])?.map { $0["role"] as? String } == ["summaries", "study sheet", "printed results"])
        #expect(record["command"] as? String == "walkstats replicate datasets/published/arm-summaries.csv --study chen2021 --format json")
    }

    /// A copy of the repository file `path` in a fresh temporary folder (so it has no sidecar).
    func scratchCopy(of path: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("plain.csv")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent(path), to: copy)
        return copy.path
    }
}
