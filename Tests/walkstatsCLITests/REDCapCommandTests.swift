import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: REDCap raw exports (`Tests/WalkStatsImportTests/Fixtures/redcap/`, written by generate.py from the
/// long files beside them) convert to the same long CSV and give the same analysis as those long files; the report
/// says what was left out; bad exports and dictionaries stop with a message naming the file, line and column.
@Suite(.serialized)
struct REDCapCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsImportTests/Fixtures/redcap/"
    static let export = [folder + "export.csv", "--redcap-dictionary", folder + "dictionary.csv", "--redcap-arm", "group"]
    static let repeating = [folder + "export-repeating.csv", "--redcap-dictionary", folder + "dictionary-repeating.csv"]

    func run(_ arguments: [String]) throws -> CommandResult { try runWalkstats(arguments, in: Self.root) }

    /// `convert`'s long CSV of `arguments`.
    func converted(_ arguments: [String]) throws -> String {
        let result = try run(["convert"] + arguments)
        #expect(result.status == 0 && result.standardError.isEmpty, "\(arguments): \(result.standardError)")
        return result.standardOutput
    }

    /// The JSON document of `command arguments --format json` without what names the file or says how it was read.
    func json(_ command: String, _ arguments: [String]) throws -> NSDictionary {
        try analysisJSON([command] + arguments + ["--format", "json"], in: Self.root)
    }

    @Test func convertGivesTheLongFileTheExportWasMadeFrom() throws {
        let fromExport = try converted(Self.export)
        #expect(fromExport == (try converted([Self.folder + "long.csv"])))
        #expect(fromExport.hasPrefix("participant,arm,timepoint,outcome,value,sex\nP001,backward,baseline,pain_nrs,6.0,M\n"))
        #expect(fromExport.contains("P018,forward,week_6,pain_nrs,NA,F\n"))
        #expect(try converted(Self.repeating) == converted([Self.folder + "long-repeating.csv"]))
    }

    @Test func theAnalysisIsTheLongFilesApartFromWhereItCameFrom() throws {
        #expect(try json("describe", Self.export) == json("describe", [Self.folder + "long.csv"]))
        #expect(try json("report", Self.export) == json("report", [Self.folder + "long.csv"]))
        #expect(try json("compare", Self.export + ["--outcome", "walking_speed"]) == json("compare", [Self.folder + "long.csv", "--outcome", "walking_speed"]))
        #expect(try json("report", Self.repeating) == json("report", [Self.folder + "long-repeating.csv"]))
    }

    @Test func theReportSaysWhatWasLeftOut() throws {
        let result = try run(["report"] + Self.export)
        #expect(result.status == 0)
        let readAs = try #require(result.standardOutput.split(separator: "\n").first { $0.contains("Read as: ") })
        #expect(readAs.contains("a REDCap export: participant from 'record_id', timepoint from 'redcap_event_name', arm from the field 'group'"))
        #expect(readAs.contains("left out: `name` (flagged as an identifier), `dob` (flagged as an identifier), `enrolment_complete` (a form status)"))
        #expect(!result.standardOutput.contains("Ada Example"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run(["describe"] + Self.export + ["--format", "json"]).standardOutput.utf8))
                                    as? [String: Any])
        #expect((json["reading"] as? [String])?.contains { $0.hasPrefix("data dictionary ") && $0.contains("does not say which direction is better") } == true)
        let inputs = try #require((json["provenance"] as? [String: Any])?["inputs"] as? [[String: Any]])
        #expect(inputs.contains { $0["role"] as? String == "codebook" && ($0["path"] as? String)?.hasSuffix("redcap/dictionary.csv") == true })
    }

    /// A header with `record_id` and `redcap_event_name` is read as an export without any flag: arms from the events.
    @Test func anExportIsRecognisedByItsHeader() throws {
        let long = try converted([Self.folder + "export.csv"])
        let lines = long.split(separator: "\n")
        #expect(lines.first == "participant,arm,timepoint,outcome,value,name,sex")
        #expect(lines.contains("P003,arm_2,baseline,group,2.0,Cleo Example,M"))
        let described = try run(["describe", Self.folder + "export.csv"])
        #expect(described.standardOutput.contains("no data dictionary given (--redcap-dictionary)"))
        #expect(described.standardOutput.contains("`dob` (a date, not a number)"))
    }

    // MARK: Errors

    @Test func badFlagsAreUsageErrors() throws {
        let arm = try run(["convert", Self.folder + "long.csv", "--redcap-arm", "group"])
        #expect(arm.status == 64 && arm.standardError.contains("--redcap-arm applies only to a REDCap export"))
        let wide = try run(["convert", Self.folder + "export.csv", "--layout", "wide"])
        #expect(wide.status == 64 && wide.standardError.contains("is read as a REDCap export, which has its own layout"))
    }

    @Test func badExportsAndDictionariesNameTheirPlace() throws {
        let arm = try run(["convert", Self.folder + "export.csv", "--redcap-arm", "grp"])
        #expect(arm.status == 1 && arm.standardError.contains("export.csv:1: expected the arm field 'grp' (--redcap-arm) in the header"))
        let dictionary = try run(["describe", Self.folder + "export.csv", "--redcap-dictionary", Self.folder + "long.csv"])
        #expect(dictionary.status == 1 && dictionary.standardError.contains("long.csv:1: expected the REDCap data dictionary columns"))
        let wrongProject = try run(["describe", Self.folder + "export.csv", "--redcap-dictionary", Self.folder + "dictionary-repeating.csv"])
        #expect(wrongProject.status == 1
                    && wrongProject.standardError.contains("export.csv:1:6: column 'group' is not a field of the data dictionary"))
        #expect(try run(["describe", Self.folder + "export.csv", "--redcap-dictionary", Self.folder + "none.csv"]).status == 1)
    }

    /// A value the importer refuses is reported at the export's own line and column, naming the export's field.
    @Test func aBadValueIsReportedAtTheExportsCell() throws {
        let folder = try CommandLineConventionTests().scratch()
        let source = try String(contentsOf: Self.root.appendingPathComponent(Self.folder + "export.csv"), encoding: .utf8)
        let broken = source.replacingOccurrences(of: "P002,week_6_arm_1,,,,,,2026-04-11,3,", with: "P002,week_6_arm_1,,,,,,2026-04-11,12,")
        #expect(broken != source)
        let path = folder.appendingPathComponent("export.csv").path
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let dictionary = Self.root.appendingPathComponent(Self.folder + "dictionary.csv").path
        let result = try run(["convert", path, "--redcap-dictionary", dictionary, "--redcap-arm", "group"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("export.csv:5:9: "), "\(result.standardError)")
        #expect(result.standardError.contains("pain_nrs") && result.standardError.contains("12"))
        #expect(result.standardOutput.isEmpty)

        // With --keep-going, a row without its record id is reported beside the bad value, each at its place.
        let lines = broken.split(separator: "\n", omittingEmptySubsequences: false)
        let withoutID = ([lines[0], lines[1], "," + lines[2].drop { $0 != "," }.dropFirst()] + lines.dropFirst(3)).joined(separator: "\n")
        try withoutID.write(toFile: path, atomically: true, encoding: .utf8)
        let both = try run(["convert", path, "--redcap-dictionary", dictionary, "--redcap-arm", "group", "--keep-going"])
        #expect(both.status == 1)
        #expect(both.standardError.contains("export.csv:3:1: expected a record id"), "\(both.standardError)")
        #expect(both.standardError.contains("export.csv:5:9: "), "\(both.standardError)")
    }
}
