import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: `--layout wide`, its flags and `walkstats convert`, on the R-made fixtures in
/// `Tests/WalkStatsImportTests/Fixtures/wide/` (a long file and its wide reshapes by generate.R).
@Suite(.serialized)
struct WideLayoutCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsImportTests/Fixtures/wide/"
    static let long = folder + "long.csv"
    static let underscore = [folder + "wide-underscore.csv", "--layout", "wide"]
    static let dotted = [folder + "wide-dotted.csv", "--layout", "wide", "--wide-pattern", "{timepoint}.{outcome}"]

    func run(_ arguments: [String]) throws -> CommandResult {
        try runWalkstats(arguments, in: Self.root)
    }

    /// A fresh scratch folder (the conventions suite's).
    func scratchFolder() throws -> URL {
        try CommandLineConventionTests().scratch()
    }

    /// The JSON output of `arguments` without its provenance, source and reading notes (``analysisJSON(_:in:sourceLocation:)``).
    func jsonWithoutProvenance(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> NSDictionary {
        try analysisJSON(arguments, in: Self.root, sourceLocation: sourceLocation)
    }

    /// The report says the file was read as a wide sheet, with which participant and arm columns.
    @Test func theReportSaysHowTheSheetWasRead() throws {
        let result = try run(["describe"] + Self.dotted + ["--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["reading"] as? [String] == ["a wide sheet (--layout wide): participant column 'participant', arm column 'arm', "
            + "6 value columns named '{timepoint}.{outcome}'"])
    }

    @Test func wideSheetsGiveTheSameComparisonAsTheLongFile() throws {
        for outcome in ["pain_nrs", "walking_speed"] {
            let expected = try jsonWithoutProvenance(["compare", Self.long, "--outcome", outcome, "--format", "json", "--models", "none"])
            #expect(try jsonWithoutProvenance(["compare"] + Self.underscore + ["--outcome", outcome, "--format", "json", "--models", "none"]) == expected)
            #expect(try jsonWithoutProvenance(["compare"] + Self.dotted + ["--outcome", outcome, "--format", "json", "--models", "none"]) == expected)
        }
        let described = try jsonWithoutProvenance(["describe", Self.long, "--format", "json"])
        #expect(try jsonWithoutProvenance(["describe"] + Self.underscore + ["--format", "json"]) == described)
    }

    @Test func convertWritesTheSameLongFileFromEveryLayoutAndRoundTrips() throws {
        let fromLong = try run(["convert", Self.long])
        #expect(fromLong.status == 0 && fromLong.standardError.isEmpty)
        let lines = fromLong.standardOutput.split(separator: "\n")
        #expect(lines.first == "participant,arm,timepoint,outcome,value,age")
        #expect(lines[1] == "P01,forward,baseline,pain_nrs,7.0,56")
        #expect(lines.count == 73 && lines.contains("P04,forward,week8,pain_nrs,NA,68"))
        #expect(try run(["convert"] + Self.underscore).standardOutput == fromLong.standardOutput)
        #expect(try run(["convert"] + Self.dotted).standardOutput == fromLong.standardOutput)

        // long → convert → long: the written file reads back to the same trial (same analysis, same conversion).
        let output = try scratchFolder().appendingPathComponent("long.csv").path
        let written = try run(["convert"] + Self.dotted + ["--output", output])
        #expect(written.status == 0 && written.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == fromLong.standardOutput)
        #expect(try run(["convert", output]).standardOutput == fromLong.standardOutput)
        #expect(try jsonWithoutProvenance(["describe", output, "--format", "json"])
                    == jsonWithoutProvenance(["describe", Self.long, "--format", "json"]))
        #expect(try jsonWithoutProvenance(["compare", output, "--outcome", "walking_speed", "--format", "json", "--models", "none"])
                    == jsonWithoutProvenance(["compare", Self.long, "--outcome", "walking_speed", "--format", "json", "--models", "none"]))
    }

    @Test func convertNeverOverwritesItsInput() throws {
        let folder = try scratchFolder()
        let input = folder.appendingPathComponent("wide.csv").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent(Self.underscore[0]).path, toPath: input)
        let result = try run(["convert", input, "--layout", "wide", "--output", input])
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: input, encoding: .utf8).hasPrefix("id,group,age,"))
    }

    @Test func aWideSheetReadAsLongSaysHowToReadIt() throws {
        let result = try run(["describe", Self.underscore[0]])
        #expect(result.status == 1)
        #expect(result.standardError.contains("this looks like a wide sheet (one column per outcome and timepoint: pain_nrs_baseline, "
            + "pain_nrs_week4, pain_nrs_week8, …); read it with --layout wide"))
    }

    @Test func theWrongPatternNamesTheOneThatFits() throws {
        let result = try run(["convert", Self.dotted[0], "--layout", "wide"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("give --wide-pattern '{timepoint}.{outcome}'"))
    }

    @Test(arguments: [
        (["--layout", "diagonal"], "--layout"),
        (["--id", "id"], "--id applies only to a wide sheet; add --layout wide"),
        (["--wide-pattern", "{outcome}_{timepoint}", "--arm", "group"], "--wide-pattern, --arm apply only to a wide sheet"),
        (["--layout", "wide", "--wide-pattern", "{outcome}{timepoint}"], "--wide-pattern takes {outcome} and {timepoint} once each"),
        (["--layout", "wide", "--id", " "], "--id takes a column name"),
    ])
    func badReadingFlagsAreUsageErrors(_ flags: [String], message: String) throws {
        for command in ["describe", "compare", "report", "convert"] {
            let result = try run([command, Self.underscore[0]] + flags)
            #expect(result.status == 64, "\(command) \(flags)")
            #expect(result.standardError.contains(message), "\(command): \(result.standardError)")
        }
    }

    @Test func headersWithoutTheNamedColumnsAreDataErrors() throws {
        let named = try run(["convert"] + Self.underscore + ["--arm", "allocation"])
        #expect(named.status == 1)
        #expect(named.standardError.contains("wide-underscore.csv:1: expected the arm column named 'allocation' (given with --arm)"))
        let long = try run(["convert", Self.long, "--layout", "wide"])
        #expect(long.status == 1)
        #expect(long.standardError.contains("expected one arm column") == false)
        #expect(long.standardError.contains("expected columns named like '{outcome}_{timepoint}'"))
    }
}
