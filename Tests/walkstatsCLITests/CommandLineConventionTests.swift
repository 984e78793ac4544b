import Foundation
import Testing
import WalkStatsTestSupport

/// What every command promises (README "Exit status" and "Commands"): `--version`, exit status 64 for bad
/// flags and 1 for data the request cannot use, and enumerated option values in any letter case.
@Suite(.serialized)
struct CommandLineConventionTests {
    /// The repository root, where every command runs.
    static let root = WalkstatsCommandTests.root
    /// The simulated sample trial (participant data).
    static let sample = WalkstatsCommandTests.sample
    /// The published trials' printed summaries.
    static let published = "datasets/published/arm-summaries.csv"
    /// metafor's dat.normand1999, a summary file `meta` pools.
    static let normand = "datasets/examples/normand1999.csv"

    /// Runs the built `walkstats` with `arguments` in the repository root.
    func run(_ arguments: [String]) throws -> CommandResult {
        try runWalkstats(arguments, in: Self.root)
    }

    /// A fresh scratch folder.
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-conventions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The standard output of `executable arguments` run in the repository, when it exits 0.
    func tool(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = Self.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The study ids of the published summary file, read from its first column.
    func publishedStudies() throws -> [String] {
        let text = try String(contentsOf: Self.root.appendingPathComponent(Self.published), encoding: .utf8)
        let ids = text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        return Array(Set(ids)).sorted()
    }

    // MARK: --version

    /// `--version` prints the version in WalkStatsVersion.swift, the checkout's commit and the GSL version.
    @Test func versionNamesWalkStatsTheCommitAndGSL() throws {
        let result = try run(["--version"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let source = try String(contentsOf: Self.root.appendingPathComponent("Sources/WalkStatsReport/WalkStatsVersion.swift"), encoding: .utf8)
        let declared = try #require(source.firstMatch(of: /static let current = "([^"]+)"/)?.1)
        #expect(lines.first == "walkstats \(declared)")
        // The tests run inside the checkout the executable was built in.
        if let head = tool("git", ["rev-parse", "--short", "HEAD"]) {
            #expect(lines.contains { $0 == "commit \(head)" || $0 == "commit \(head)-dirty" }, "\(lines)")
        }
        let gsl = try #require(lines.last)
        #expect(gsl.firstMatch(of: /^GSL \d+\.\d+(\.\d+)?$/) != nil, "\(gsl)")
        if let installed = tool("gsl-config", ["--version"]) ?? tool("pkg-config", ["--modversion", "gsl"]) {
            #expect(gsl == "GSL \(installed)")
        }
    }

    /// Without a subcommand or `--version`, the help, as before.
    @Test func noSubcommandPrintsTheHelp() throws {
        let result = try run([])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("SUBCOMMANDS:"))
    }

    // MARK: Exit status

    /// Bad flags: exit 64 and the usage line, for every command.
    @Test(arguments: [
        ["describe", sample, "--bogus"],
        ["describe", sample, "--format", "xml"],
        ["describe", sample, "--timepoints", "baseline,baseline"],
        ["compare", sample],
        ["compare", sample, "--outcome", "pain_nrs", "--design", "sideways"],
        ["compare", sample, "--outcome", "pain_nrs", "--adjust", "tukey"],
        ["report", sample, "--figures", "figs"],
        ["replicate", published],
        ["replicate", published, "--study", "chen2021", "--format", "pdf"],
        ["meta", published, "--outcome", "pain_nrs", "--arms", "backward", "--measure", "MD"],
        ["meta", published, "--outcome", "pain_nrs", "--arms", "backward,forward", "--measure", "OR"],
        ["meta", published, "--outcome", "pain_nrs", "--arms", "backward,forward", "--measure", "MD", "--method", "ML"],
        ["evidence", published, "--figures", "figs"],
        ["evidence", published, "--format", "json"],
        ["simulate", "--like", published, "--study", "chen2021", "--output", "x.csv"],
        ["simulate", "--like", published, "--study", "chen2021", "--seed", "1", "--output", "x.csv", "--format", "csv"],
        ["--bogus"],
    ])
    func badFlagsExit64(_ arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains("Usage:") || result.standardError.contains("USAGE:"), "\(arguments)")
        #expect(result.standardOutput.isEmpty)
    }

    /// Data the request cannot use: exit 1, a message naming what is wrong, no usage line, no output.
    @Test(arguments: [
        (["describe", "no-such-file.csv"], "no-such-file.csv"),
        (["compare", sample, "--outcome", "no_such_outcome"], "no_such_outcome"),
        (["compare", sample, "--outcome", "pain_nrs", "--from", "week99"], "week99"),
        (["compare", sample, "--outcome", "pain_nrs", "--design", "crossover"], "crossover"),
        (["report", sample, "--covariates", "shoe_size"], "shoe_size"),
        (["report", sample, "--timepoints", "a,b"], "--timepoints"),
        (["meta", published, "--outcome", "no_such_outcome", "--arms", "backward,forward", "--measure", "MD"], "no_such_outcome"),
        (["evidence", "no-such-file.csv"], "no-such-file.csv"),
        (["evidence", published, "--interpretation", "no-such-interpretation.md"], "no-such-interpretation.md"),
        (["simulate", "--like", published, "--study", "chen2021", "--seed", "1", "--reference", "placebo", "--output", "unused.csv"], "placebo"),
        (["simulate", "--like", published, "--study", "chen2021", "--seed", "1", "--timepoints", "day1,day2", "--output", "unused.csv"], "--timepoints"),
        (["simulate", "--like", "no-such-file.csv", "--study", "chen2021", "--seed", "1", "--output", "unused.csv"], "no-such-file.csv"),
    ])
    func badDataExit1(_ arguments: [String], _ named: String) throws {
        let folder = try scratch()
        // Outputs of `simulate` go to a scratch folder, so a wrongly succeeding run writes nothing here.
        let arguments = arguments.map { $0 == "unused.csv" ? folder.appendingPathComponent($0).path : $0 }
        let result = try run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.standardError)")
        #expect(result.standardError.hasPrefix("Error: ") && result.standardError.contains(named), "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Usage:"), "\(arguments): a data error printed the usage line")
        #expect(result.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A study that is not in the file is a data error: exit 1, naming the file and the studies it has.
    @Test(arguments: [
        ["replicate", published, "--study", "smith1999"],
        ["simulate", "--like", published, "--study", "smith1999", "--seed", "1", "--output", "unused.csv"],
    ])
    func unknownStudyNamesTheFileAndItsStudies(_ arguments: [String]) throws {
        let folder = try scratch()
        let result = try run(arguments.map { $0 == "unused.csv" ? folder.appendingPathComponent($0).path : $0 })
        #expect(result.status == 1, "\(result.standardError)")
        #expect(!result.standardError.contains("Usage:"))
        #expect(result.standardError.contains("smith1999") && result.standardError.contains(Self.published), "\(result.standardError)")
        for study in try publishedStudies() { #expect(result.standardError.contains(study), "\(study) not listed") }
    }

    // MARK: Enumerated options in any case

    /// Each option value in another letter case gives the same output as its canonical spelling.
    @Test(arguments: [
        (["meta", normand, "--outcome", "length_of_stay", "--arms", "specialist,routine"], "--measure", "MD", "md"),
        (["meta", normand, "--outcome", "length_of_stay", "--arms", "specialist,routine", "--measure", "SMD"], "--method", "REML", "reml"),
        (["meta", normand, "--outcome", "length_of_stay", "--arms", "specialist,routine", "--measure", "MD"], "--method", "DL", "Dl"),
        (["compare", sample, "--outcome", "pain_nrs"], "--format", "json", "JSON"),
        (["describe", sample], "--format", "csv", "Csv"),
        (["compare", "datasets/sample/roos2012-like.csv", "--outcome", "knee_moment_peak"], "--design", "within", "Within"),
        (["report", sample], "--adjust", "holm", "Holm"),
        (["report", sample], "--adjust", "bh", "BH"),
    ])
    func enumeratedValuesIgnoreCase(_ arguments: [String], _ option: String, _ canonical: String, _ variant: String) throws {
        let expected = try run(arguments + [option, canonical])
        let variantResult = try run(arguments + [option, variant])
        #expect(expected.status == 0, "\(arguments) \(option) \(canonical): \(expected.standardError)")
        #expect(variantResult.status == 0, "\(arguments) \(option) \(variant): \(variantResult.standardError)")
        // The same output, except the provenance's record of the command as typed.
        func withoutCommand(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("- Command: `walkstats ") && !$0.contains("\"command\": \"walkstats ") }.joined(separator: "\n")
        }
        #expect(withoutCommand(variantResult.standardOutput) == withoutCommand(expected.standardOutput))
        if canonical != "csv" { #expect(variantResult.standardOutput.contains(variant)) }  // CSV carries no provenance
    }

    /// The help still lists the canonical spellings (whitespace collapsed: the help wraps its lines).
    @Test func helpListsCanonicalSpellings() throws {
        func help(_ command: String) throws -> String {
            try run([command, "--help"]).standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let meta = try help("meta")
        #expect(meta.contains("(values: MD, SMD)") && meta.contains("(values: REML, DL, PM, FE; default: REML)"), "\(meta)")
        let compare = try help("compare")
        #expect(compare.contains("(values: parallel, within, crossover)"), "\(compare)")
        #expect(compare.contains("(values: holm, bonferroni, hochberg, bh, none; default: holm)"), "\(compare)")
        #expect(compare.contains("(values: markdown, json, csv; default: markdown)"), "\(compare)")
    }
}
