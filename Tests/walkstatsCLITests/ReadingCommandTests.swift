import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: one trial written by R in every way it leaves a clinic (`Tests/WalkStatsImportTests/Fixtures/encodings/
/// generate.R`: `write.csv2`, tab-separated, UTF-8 with a byte-order mark, UTF-16 LE with one, Latin-1, Windows-1252,
/// missing values as -999) converts to the same long CSV and gives the same analysis as the plain UTF-8 file; what
/// needs a flag says which one.
@Suite(.serialized)
struct ReadingCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsImportTests/Fixtures/encodings/"

    func run(_ arguments: [String]) throws -> CommandResult { try runWalkstats(arguments, in: Self.root) }

    /// `convert`'s long CSV of `arguments`.
    func converted(_ arguments: [String]) throws -> String {
        let result = try run(["convert"] + arguments)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput
    }

    /// The `describe --format json` document without what names the file (source, provenance) or says how it was read.
    func described(_ arguments: [String]) throws -> NSDictionary {
        try analysisJSON(["describe"] + arguments + ["--format", "json"], in: Self.root)
    }

    @Test(arguments: [
        (["long-csv2.csv"], "long-utf8.csv"),
        (["long-tab.tsv"], "long-utf8.csv"),
        (["long-utf8-bom.csv"], "long-utf8.csv"),
        (["long-utf16le-bom.csv"], "long-utf8.csv"),
        (["long-windows1252.csv", "--encoding", "windows-1252"], "long-utf8.csv"),
        (["long-latin1.csv", "--encoding", "latin1"], "long-utf8-hyphen.csv"),
        (["long-na-999.csv", "--na", "-999"], "long-utf8.csv"),
        (["long-csv2.csv", "--delimiter", "semicolon", "--decimal-comma"], "long-utf8.csv"),
    ])
    func everyWayInGivesTheSameTrial(variant: [String], reference: String) throws {
        let arguments = [Self.folder + variant[0]] + variant.dropFirst()
        #expect(try converted(arguments) == converted([Self.folder + reference]))
        #expect(try described(arguments) == described([Self.folder + reference]))
    }

    /// The same analysis, number for number, from the European export as from the plain file.
    @Test func aEuropeanExportGivesTheSameComparison() throws {
        func comparison(_ file: String) throws -> NSDictionary {
            let result = try run(["compare", Self.folder + file, "--outcome", "walking_speed", "--format", "json"])
            #expect(result.status == 0, "\(result.standardError)")
            var json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            json["provenance"] = nil
            json["reading"] = nil
            return json as NSDictionary
        }
        #expect(try comparison("long-csv2.csv") == comparison("long-utf8.csv"))
    }

    /// `compare` says how the file was read too: in JSON as `reading`, in Markdown before the results.
    @Test func compareSaysHowTheFileWasRead() throws {
        let json = try run(["compare", Self.folder + "long-csv2.csv", "--outcome", "walking_speed", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["reading"] as? [String] == ["';'-separated (detected from the header)",
                                                   "decimal comma (detected: numbers such as 1,5 in a file not separated by commas)"])
        let markdown = try run(["compare", Self.folder + "long-utf16le-bom.csv", "--outcome", "walking_speed"])
        #expect(markdown.standardOutput.contains("Read as: decoded from UTF-16 little-endian (byte-order mark)."))
    }

    /// The report says how the file was read when it was detected.
    @Test func detectedDialectIsReported() throws {
        let result = try run(["describe", Self.folder + "long-csv2.csv", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["reading"] as? [String] == ["';'-separated (detected from the header)",
                                                 "decimal comma (detected: numbers such as 1,5 in a file not separated by commas)"])
        let markdown = try run(["describe", Self.folder + "long-utf16le-bom.csv"])
        #expect(markdown.standardOutput.contains("Read as: decoded from UTF-16 little-endian (byte-order mark)."))
        let plain = try run(["describe", Self.folder + "long-utf8.csv", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(plain.standardOutput.utf8)) as? [String: Any])?["reading"] as? [String] == [])
    }

    /// What needs a flag fails with a message naming the flag, exit 1; a bad flag value is a usage error, exit 64.
    @Test func whatNeedsAFlagSaysWhich() throws {
        let latin1 = try run(["describe", Self.folder + "long-latin1.csv"])
        #expect(latin1.status == 1)
        #expect(latin1.standardError.contains("long-latin1.csv:2:") && latin1.standardError.contains("--encoding latin1"))

        let codes = try run(["describe", Self.folder + "long-na-999.csv"])
        #expect(codes.status == 1)
        // The first -999 in the file is a walking speed, which has no scale range in the codebook: refused as a missing-value code.
        #expect(codes.standardError.contains("long-na-999.csv:9:5: found '-999' in column 'value', a number written for a missing value "
            + "by statistics packages and spreadsheets, not a measurement; if '-999' marks a missing value, declare it with --na '-999'"),
            "\(codes.standardError)")
        // A pain score of -999 is outside its scale, which the message says.
        let all = try run(["describe", Self.folder + "long-na-999.csv", "--keep-going"])
        #expect(all.standardError.contains("long-na-999.csv:24:5: expected a 'pain_nrs' value within its scale, 0 to 10 (codebook), "
            + "found '-999'; if '-999' marks a missing value, declare it with --na '-999'"), "\(all.standardError)")

        for bad in [["--delimiter", "pipe"], ["--encoding", "ebcdic"], ["--na", ""], ["--na", "NA,,-9"]] {
            let result = try run(["describe", Self.folder + "long-utf8.csv"] + bad)
            #expect(result.status == 64, "\(bad): \(result.standardError)")
        }
    }

    /// Values the codebook rules out: outside the scale, or not whole on a whole-number scale; and spellings of
    /// missing values that are not declared get a hint.
    @Test func valuesAgainstTheCodebook() throws {
        let folder = try CommandLineConventionTests().scratch()
        func attempt(_ value: String) throws -> CommandResult {
            let file = folder.appendingPathComponent("t-\(UUID().uuidString).csv")
            try Data("participant,arm,timepoint,outcome,value\nP1,a,baseline,pain_nrs,5\nP1,a,week6,pain_nrs,\(value)\n".utf8).write(to: file)
            return try run(["describe", file.path])
        }
        let fractional = try attempt("5.5")
        #expect(fractional.status == 1)
        #expect(fractional.standardError.contains(":3:5: expected a whole number for 'pain_nrs'"))
        let above = try attempt("15")
        #expect(above.standardError.contains("expected a 'pain_nrs' value within its scale, 0 to 10 (codebook), found '15'"))
        for code in [".", "#N/A", "n/a", "-"] {
            let result = try attempt(code)
            #expect(result.status == 1)
            #expect(result.standardError.contains("declare it with --na '\(code)'"), "\(code): \(result.standardError)")
        }
        #expect(try attempt("−3").standardError.contains("found '−3'"))  // the Unicode minus reads as a minus: below the scale
        #expect(try attempt("4").status == 0)
    }
}
