import Foundation
import Testing
import WalkStatsImport
import WalkStatsTestSupport

/// End-to-end: the built `walkstats` binary, its output, its messages and its exit codes.
@Suite(.serialized)
struct WalkstatsCommandTests {
    /// The repository root (this file is Tests/walkstatsCLITests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sample = "datasets/sample/retro-walking-trial.csv"

    func run(_ arguments: [String]) throws -> CommandResult {
        try runWalkstats(arguments, in: Self.root)
    }

    /// A scratch folder with `contents` written to `name`.
    func scratchFile(_ name: String, _ contents: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }

    @Test func describePrintsTablesWithMissingCounts() throws {
        let result = try run(["describe", Self.sample])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("| Arm | Timepoint | n | Missing | Mean | SD | SE | 95% CI |"))
        #expect(result.standardOutput.contains("46 participants randomised (backward 24, forward 22)"))
        #expect(result.standardOutput.contains("9 values marked missing"))
        #expect(result.standardError.isEmpty)
    }

    /// The JSON contract of `compare`, and its numbers equal R's (fixture from generate.R).
    @Test func compareJSONFollowsTheContractAndMatchesR() throws {
        let result = try run(["compare", Self.sample, "--outcome", "pain_nrs", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["outcome"] as? String == "pain_nrs")
        #expect(json["from"] as? String == "baseline")
        #expect(json["to"] as? String == "week6")
        #expect(json["arms"] as? [String] == ["backward", "forward"])
        let within = try #require(json["within"] as? [[String: Any]])
        #expect(within.map { $0["arm"] as? String } == ["backward", "forward"])
        for arm in within {
            for key in ["n", "missing", "mean_change", "sd_change", "tests"] { #expect(arm[key] != nil, "within.\(key)") }
            let tests = try #require(arm["tests"] as? [[String: Any]])
            #expect(tests.map { $0["name"] as? String } == ["paired_t", "wilcoxon_signed_rank"])
        }
        let between = try #require(json["between"] as? [String: Any])
        #expect(between["n"] as? [String: Int] == ["backward": 23, "forward": 20])
        let tests = try #require(between["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["ancova", "welch_t", "student_t", "mann_whitney"])
        for test in tests {
            for key in ["name", "statistic", "df", "p_value", "estimate", "ci_low", "ci_high", "conf_level"] {
                #expect(test[key] != nil, "test.\(key)")
            }
        }
        let reference = try ReferenceValues(contentsOf: Self.root.appendingPathComponent(
            "Tests/WalkStatsStatisticsTests/Fixtures/r-reference/expected.csv"))
        let rWelchP = try #require(reference.values["retro-walking-trial"]?["between/backward/forward/pain_nrs/baseline/week6/welch_t/p_value"])
        #expect(relativeError(try #require(tests[1]["p_value"] as? Double), rWelchP) < 1e-12)
    }

    @Test func reportIsDeterministic() throws {
        let first = try run(["report", Self.sample])
        let second = try run(["report", Self.sample])
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput)
        #expect(first.standardOutput.contains("| Welch t-test of change |"))
    }

    @Test func outputIsWrittenToAFileAndNeverOverAnInput() throws {
        let target = try scratchFile("placeholder.txt", Data()) + ".md"
        let written = try run(["report", Self.sample, "--output", target])
        #expect(written.status == 0 && written.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# WalkStats report"))

        let input = try scratchFile("trial.csv", Data("participant,arm,timepoint,outcome,value\nP1,a,pre,x,1\nP1,a,post,x,2\n".utf8))
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let refused = try run(["describe", input, "--output", input])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("refusing to overwrite"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test func figuresAreWrittenNextToTheReportAndLinked() throws {
        let target = try scratchFile("placeholder.txt", Data()) + "-report.md"
        let result = try run(["report", Self.sample, "--output", target, "--figures", "figs"])
        #expect(result.status == 0, "\(result.standardError)")
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent("figs")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 13 && files.contains("pain_nrs-trajectory.svg") && files.contains("pain_nrs-responders.svg") && files.contains("participant-flow.svg"))
        let svg = try String(contentsOf: folder.appendingPathComponent("walking_speed-change.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg ") && svg.contains("Walking speed"))
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("](figs/pain_nrs-participants.svg)"))
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("](figs/pain_nrs-responders.svg)"))
        #expect(try run(["report", Self.sample, "--figures", "figs"]).status == 64)
    }

    static let badInputs: [(name: String, contents: [UInt8], message: String)] = [
        ("not-a-number", Array("participant,arm,timepoint,outcome,value\nP1,a,pre,pain,\"3,5\"\n".utf8),
         ":2:5: expected a number in column 'value', found '3,5'; it looks like a decimal comma"),
        ("infinite", Array("participant,arm,timepoint,outcome,value\nP1,a,pre,pain,1e400\n".utf8), ":2:5: expected a number within"),
        ("missing-column", Array("participant,arm,timepoint,value\nP1,a,pre,3\n".utf8), ":1: expected the required column 'outcome'"),
        ("ragged", Array("participant,arm,timepoint,outcome,value\nP1,a,pre,pain\n".utf8), ":2:5: expected 5 fields"),
        ("unterminated", Array("participant,arm,timepoint,outcome,value\nP1,a,\"pre,pain,3\n".utf8), ":2:3: a quoted field opened here is never closed"),
        ("latin1", Array("participant,arm,timepoint,outcome,value\nP1,".utf8) + [0x72, 0xE9, 0x74, 0x72, 0x6F] + Array(",pre,pain,3\n".utf8),
         ":2: the text is not valid UTF-8"),
        ("two-arms", Array("participant,arm,timepoint,outcome,value\nP1,a,pre,pain,3\nP1,b,post,pain,2\n".utf8),
         ":3:2: participant 'P1' is in arm 'b' here but in arm 'a' on line 2"),
        ("duplicate", Array("participant,arm,timepoint,outcome,value\nP1,a,pre,pain,3\nP1,a,pre,pain,2\n".utf8),
         ":3:5: participant 'P1' already has a 'pain' value at 'pre' on line 2"),
        ("empty", [], ": the file is empty"),
        ("header-only", Array("participant,arm,timepoint,outcome,value\n".utf8), ":1: the file has a header but no data rows"),
    ]

    @Test(arguments: badInputs.indices)
    func badInputExitsNonZeroWithALocatedMessage(index: Int) throws {
        let bad = Self.badInputs[index]
        let path = try scratchFile("\(bad.name).csv", Data(bad.contents))
        let result = try run(["report", path])
        #expect(result.status == 1, "\(bad.name)")
        #expect(result.standardOutput.isEmpty, "no partial report for \(bad.name)")
        #expect(result.standardError.contains(path + bad.message), "\(bad.name): \(result.standardError)")
    }

    @Test func folderAndMissingPathsAreClearErrors() throws {
        let folder = try run(["describe", "datasets"])
        #expect(folder.status == 1 && folder.standardError.contains("datasets: this is a folder"))
        let device = try run(["describe", "/dev/null"])
        #expect(device.status == 1 && device.standardError.contains("/dev/null: this is not a regular file"))
        let missing = try run(["describe", "no/such.csv"])
        #expect(missing.status == 1 && missing.standardError.contains("no/such.csv: no such file"))
    }

    @Test func keepGoingListsEveryProblem() throws {
        let path = try scratchFile("many.csv", Data("participant,arm,timepoint,outcome,value\nP1,a,pre,pain,x\nP1,a,post,pain,inf\nP2,b,pre\n".utf8))
        let result = try run(["describe", path, "--keep-going"])
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains("\(path):2:5:"))
        #expect(result.standardError.contains("\(path):3:5:"))
        #expect(result.standardError.contains("\(path):4:"))
        #expect(result.standardError.contains("3 problems found; nothing was imported."))
    }

    @Test func badRequestsAreExplained() throws {
        let outcome = try run(["compare", Self.sample, "--outcome", "womac"])
        #expect(outcome.status == 1 && outcome.standardError.contains("no outcome 'womac' in the data; available: pain_nrs"))
        let format = try run(["describe", Self.sample, "--format", "xml"])
        #expect(format.status == 64)
        let timepoints = try run(["describe", Self.sample, "--timepoints", "baseline,baseline"])
        #expect(timepoints.status == 64)
    }

    /// Three arms are all analysed; the control-like arm is the reference; `--reference` changes it; the
    /// sidecar's reference_arm is used when no flag is given, and a flag naming an arm not analysed is an
    /// error naming the flag.
    @Test func everyArmIsAnalysedAgainstTheReference() throws {
        let three = "datasets/sample/alghadir2019-shaped.csv"
        let result = try run(["compare", three, "--outcome", "pain_nrs", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["reference"] as? String == "usual_care")
        #expect(json["between"] is NSNull)
        let pairs = try #require(json["pairwise"] as? [[String: Any]])
        #expect(pairs.compactMap { $0["difference"] as? String }
            == ["forward_walking - usual_care", "retro_walking - usual_care", "retro_walking - forward_walking"])
        let reference = try run(["compare", three, "--outcome", "pain_nrs", "--reference", "forward_walking"])
        #expect(reference.standardOutput.contains("Reference arm: forward_walking (chosen in the request)"))
        #expect(reference.standardOutput.contains("#### Pair of arms (retro_walking − forward_walking)") == false)
        #expect(reference.standardOutput.contains("### Pair of arms (retro_walking − forward_walking)"))
        // Pairwise intervals are each pair's own, and say so.
        #expect(reference.standardOutput.contains("| 95% CI (not adjusted for the pairs) |"))
        let notAnalysed = try run(["compare", three, "--outcome", "pain_nrs", "--arms", "retro_walking,forward_walking",
                                   "--reference", "usual_care"])
        #expect(notAnalysed.status == 1)
        #expect(notAnalysed.standardError.contains("--reference 'usual_care' is not among the arms analysed"))

        let csv = try String(contentsOf: Self.root.appendingPathComponent(Self.sample), encoding: .utf8)
        let data = try scratchFile("trial.csv", Data(csv.utf8))
        try Data(#"{"reference_arm": "backward", "timepoints": ["baseline", "week3", "week6"]}"#.utf8)
            .write(to: URL(fileURLWithPath: DatasetMetadataImporter.sidecarPath(of: data)))
        let sidecar = try run(["compare", data, "--outcome", "pain_nrs"])
        #expect(sidecar.status == 0, "\(sidecar.standardError)")
        #expect(sidecar.standardOutput.contains("Reference arm: backward (from the dataset's metadata)"))
        #expect(sidecar.standardOutput.contains("### Between arms (forward − backward)"))
        try Data(#"{"reference_arm": 7}"#.utf8).write(to: URL(fileURLWithPath: DatasetMetadataImporter.sidecarPath(of: data)))
        let broken = try run(["compare", data, "--outcome", "pain_nrs"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("trial.metadata.json: expected 'reference_arm' to be an arm name"))
    }

    /// A dataset whose metadata says `simulated: true` is called SIMULATED in its report (Markdown and JSON),
    /// the generated sample trial too (its generator writes the sidecar); data without metadata are not
    /// (`ProvenanceCommandTests`).
    @Test func simulatedDataAreLabelledInTheReport() throws {
        let simulated = try run(["report", "datasets/sample/chen2021-like.csv"])
        #expect(simulated.status == 0, "\(simulated.standardError)")
        #expect(simulated.standardOutput.contains("**SIMULATED data**: `datasets/sample/chen2021-like.metadata.json` marks this dataset as simulated."))
        let json = try run(["report", "datasets/sample/chen2021-like.csv", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["simulated"] as? Bool == true)
        let sample = try run(["report", Self.sample])
        #expect(sample.standardOutput.contains("**SIMULATED data**: `datasets/sample/retro-walking-trial.metadata.json`"))
    }

    @Test func timepointOrderCanBeGiven() throws {
        let result = try run(["compare", Self.sample, "--outcome", "walking_speed", "--timepoints", "week6,week3,baseline",
                              "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["from"] as? String == "week6" && json["to"] as? String == "baseline")
    }
}
