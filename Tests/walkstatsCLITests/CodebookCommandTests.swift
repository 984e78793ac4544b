import Foundation
import Testing
import WalkStatsImport
import WalkStatsTestSupport

/// Which codebook a command uses: the built-in one wherever `walkstats` runs, overridden outcome by outcome
/// by a `codebook.csv` next to the data, then by `--codebook`; the provenance names each.
struct CodebookCommandTests {
    static let header = "outcome,label,unit,better,mcid,mcid_source\n"

    /// A fresh folder outside the repository holding `data/trial.csv` (chen2021-like's rows, no sidecar).
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-codebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: WalkstatsCommandTests.root.appendingPathComponent("datasets/sample/chen2021-like.csv"),
                                         to: folder.appendingPathComponent("data/trial.csv"))
        return folder
    }

    func write(_ text: String, to path: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }

    func run(_ arguments: [String], in folder: URL) throws -> String {
        let result = try runWalkstats(arguments, in: folder)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput
    }

    /// `compare --format json`'s `outcome_info` for `outcome`.
    func outcomeInfo(_ outcome: String, _ extra: [String] = [], in folder: URL) throws -> [String: Any] {
        let json = try run(["compare", "data/trial.csv", "--outcome", outcome, "--format", "json"] + extra, in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(document["outcome_info"] as? [String: Any])
    }

    @Test func builtInCodebookLabelsOutcomesOutsideTheRepository() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try run(["describe", "data/trial.csv"], in: folder)
        #expect(report.contains("## Knee pain, numeric rating scale 0-10 (`pain_nrs`, NRS 0-10)"))
        #expect(!report.contains("not in the codebook"))
        #expect(report.contains("- Codebook: built-in (SHA-256 `\(BuiltInCodebook.sha256)`)."))
        #expect(!report.contains("Input (codebook)"))
        let info = try outcomeInfo("pain_nrs", in: folder)
        #expect(info["better"] as? String == "lower" && info["mcid"] as? Double == 1)
    }

    @Test func codebookNextToTheDataOverridesOutcomeByOutcome() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.header + "grip,Grip,kg,higher,,none\npain_nrs,Site pain,NRS,lower,,site protocol\n", to: "data/codebook.csv", in: folder)
        let digest = try SHA256.hex(ofFileAt: folder.appendingPathComponent("data/codebook.csv").path)
        let pain = try outcomeInfo("pain_nrs", in: folder)
        #expect(pain["label"] as? String == "Site pain")
        #expect(pain["mcid"] is NSNull)
        #expect(try outcomeInfo("womac_total", in: folder)["label"] as? String == "WOMAC total score (pain, stiffness, physical function)")
        let report = try run(["report", "data/trial.csv"], in: folder)
        #expect(report.contains("- Input (codebook): `data/codebook.csv`, SHA-256 `\(digest)`."))
        #expect(report.contains("- Codebook: built-in (SHA-256 `\(BuiltInCodebook.sha256)`), overridden for `pain_nrs` and extended with "
            + "`grip` by `data/codebook.csv` (SHA-256 `\(digest)`)."))
    }

    @Test func givenCodebookWinsOverBoth() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.header + "pain_nrs,Site pain,NRS,lower,,site protocol\n", to: "data/codebook.csv", in: folder)
        try write(Self.header + "pain_nrs,Given pain,NRS,lower,2,my source\n", to: "mine.csv", in: folder)
        let pain = try outcomeInfo("pain_nrs", ["--codebook", "mine.csv"], in: folder)
        #expect(pain["label"] as? String == "Given pain" && pain["mcid"] as? Double == 2)
        let report = try run(["describe", "data/trial.csv", "--codebook", "mine.csv"], in: folder)
        let provenance = try #require(report.components(separatedBy: "## Provenance\n").last)
        #expect(provenance.contains("- Input (codebook): `data/codebook.csv`"))
        #expect(provenance.contains("- Input (codebook): `mine.csv`"))
        #expect(provenance.contains("overridden for `pain_nrs` by `data/codebook.csv` (SHA-256 `"))
        #expect(provenance.contains(", overridden for `pain_nrs` by `mine.csv` (SHA-256 `"))
        #expect(provenance.range(of: "data/codebook.csv` (SHA")!.lowerBound < provenance.range(of: "mine.csv` (SHA")!.lowerBound)
    }

    @Test func brokenUserCodebookIsAnErrorNamingFileLineAndColumn() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.header + "pain_nrs,Pain,NRS,sideways,,x\n", to: "broken.csv", in: folder)
        let given = try runWalkstats(["describe", "data/trial.csv", "--codebook", "broken.csv"], in: folder)
        #expect(given.status == 1)
        #expect(given.standardError.contains("broken.csv:2:4: expected 'lower' or 'higher' in column 'better', found 'sideways'"))
        #expect(given.standardOutput.isEmpty)
        try write(Self.header + "pain_nrs,Pain,NRS,lower,one,x\n", to: "data/codebook.csv", in: folder)
        let sidecar = try runWalkstats(["report", "data/trial.csv"], in: folder)
        #expect(sidecar.status == 1)
        #expect(sidecar.standardError.contains("data/codebook.csv:2:5: "), "\(sidecar.standardError)")
    }
}
