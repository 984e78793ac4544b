import Foundation
import Testing
import WalkStatsTestSupport

/// End-to-end: SPSS, Stata and SAS participant files (read through ReadStat), on the haven-written fixtures in
/// `Tests/WalkStatsImportTests/Fixtures/statistical/` (generate.R makes them from the wide-layout fixtures'
/// long.csv and wide-underscore.csv): each gives the same long CSV and the same analysis as the CSV it was made from.
@Suite(.serialized)
struct StatisticalFileCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsImportTests/Fixtures/statistical/"
    static let longCSV = "Tests/WalkStatsImportTests/Fixtures/wide/long.csv"
    static let longFiles = ["long.sav", "long.zsav", "long.dta", "long.xpt", "long.sas7bdat"].map { folder + $0 }
    static let wideFiles = ["wide.sav", "wide.dta", "wide.xpt"].map { folder + $0 }

    func run(_ arguments: [String]) throws -> CommandResult {
        try runWalkstats(arguments, in: Self.root)
    }

    /// The JSON output of `arguments` without its provenance, source and reading notes (``analysisJSON(_:in:sourceLocation:)``).
    func jsonWithoutProvenance(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> NSDictionary {
        try analysisJSON(arguments, in: Self.root, sourceLocation: sourceLocation)
    }

    /// A fresh scratch folder (the conventions suite's).
    func scratchFolder() throws -> URL {
        try CommandLineConventionTests().scratch()
    }

    @Test func convertGivesTheLongCSVOfTheFileItWasMadeFrom() throws {
        let expected = try run(["convert", Self.longCSV])
        #expect(expected.status == 0 && expected.standardOutput.split(separator: "\n").count == 73)
        for file in Self.longFiles {
            let converted = try run(["convert", file])
            #expect(converted.status == 0, "\(file): \(converted.standardError)")
            #expect(converted.standardOutput == expected.standardOutput, "\(file)")
        }
        for file in Self.wideFiles {
            let converted = try run(["convert", file, "--layout", "wide"])
            #expect(converted.status == 0, "\(file): \(converted.standardError)")
            #expect(converted.standardOutput == expected.standardOutput, "\(file)")
        }
    }

    @Test func everyFormatGivesTheSameAnalysisAsItsCSV() throws {
        let described = try jsonWithoutProvenance(["describe", Self.longCSV, "--format", "json"])
        for file in Self.longFiles {
            #expect(try jsonWithoutProvenance(["describe", file, "--format", "json"]) == described, "\(file)")
        }
        for file in Self.wideFiles {
            #expect(try jsonWithoutProvenance(["describe", file, "--layout", "wide", "--format", "json"]) == described, "\(file)")
        }
        let compared = try jsonWithoutProvenance(["compare", Self.longCSV, "--outcome", "pain_nrs", "--format", "json", "--models", "none"])
        for file in [Self.folder + "long.sav", Self.folder + "long.dta", Self.folder + "long.sas7bdat"] {
            #expect(try jsonWithoutProvenance(["compare", file, "--outcome", "pain_nrs", "--format", "json", "--models", "none"]) == compared,
                    "\(file)")
        }
        #expect(try jsonWithoutProvenance(["report", Self.folder + "long.zsav", "--format", "json", "--models", "none"])
                    == jsonWithoutProvenance(["report", Self.longCSV, "--format", "json", "--models", "none"]))
        #expect(try jsonWithoutProvenance(["compare", Self.folder + "wide.xpt", "--layout", "wide", "--outcome", "walking_speed",
                                           "--format", "json", "--models", "none"])
                    == jsonWithoutProvenance(["compare", Self.longCSV, "--outcome", "walking_speed", "--format", "json", "--models", "none"]))
    }

    /// The report says how the file was read: its format, the missing codes and the arm's value labels.
    @Test func theReportSaysHowTheFileWasRead() throws {
        func reading(_ arguments: [String]) throws -> [String] {
            let result = try run(["describe"] + arguments + ["--format", "json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            return try #require(json["reading"] as? [String])
        }
        let spss = try reading([Self.folder + "long.sav"])
        #expect(Array(spss.prefix(3)) == ["SPSS data file (.sav), 72 cases, 6 variables",
                                          "2 user-defined missing values (SPSS missing codes) read as missing",
                                          "'arm' read through its value labels (1 = backward, 2 = control, 3 = forward)"])
        #expect(try reading([Self.folder + "wide.dta", "--layout", "wide"]).contains("3 special missing values (Stata's .a to .z) read as missing"))
        #expect(try reading([Self.folder + "wide.dta", "--layout", "wide"]).first == "Stata data file (.dta), 12 cases, 9 variables")
        #expect(try reading([Self.folder + "long.sas7bdat"]).contains("SAS data file: value labels live in a .sas7bcat catalogue; none given (--catalog)"))
    }

    @Test func badFilesExitNonZeroNamingTheFileAndWhatWasExpected() throws {
        let scratch = try scratchFolder()
        // Each fixture cut in half: an error naming the file and its format, never a crash.
        for name in ["long.sav", "long.zsav", "long.dta", "long.xpt", "long.sas7bdat"] {
            let bytes = try Data(contentsOf: Self.root.appendingPathComponent(Self.folder + name))
            let cut = scratch.appendingPathComponent("cut-" + name).path
            try Data(bytes.prefix(bytes.count / 2 - 7)).write(to: URL(fileURLWithPath: cut))
            let result = try run(["convert", cut])
            #expect(result.status == 1, "\(name): \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("\(cut): expected a"), "\(name): \(result.standardError)")
        }
        let csv = scratch.appendingPathComponent("renamed.dta").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent(Self.longCSV).path, toPath: csv)
        let renamed = try run(["describe", csv])
        #expect(renamed.status == 1)
        #expect(renamed.standardError.contains("renamed.dta: expected a Stata data file (.dta); the file is truncated, damaged or not one (ReadStat says: "),
                "\(renamed.standardError)")

        let dated = try run(["convert", Self.folder + "dates.sav"])
        #expect(dated.status == 1)
        #expect(dated.standardError.contains("dates.sav, case 1, variable 'visit_date': variable 'visit_date' holds a date or time "
            + "(display format DATE11)"), "\(dated.standardError)")

        let catalogueForSPSS = try run(["convert", Self.folder + "long.sav", "--catalog", scratch.appendingPathComponent("formats.sas7bcat").path])
        #expect(catalogueForSPSS.status == 1 && catalogueForSPSS.standardError.contains("SAS files (.sas7bdat, .xpt) only"))
        let missingCatalogue = try run(["convert", Self.folder + "long.sas7bdat", "--catalog", scratch.appendingPathComponent("formats.sas7bcat").path])
        #expect(missingCatalogue.status == 1 && missingCatalogue.standardError.contains("formats.sas7bcat: no such file"))
        let notACatalogue = try run(["convert", Self.folder + "long.sas7bdat", "--catalog", Self.folder + "long.xpt"])
        #expect(notACatalogue.status == 64 && notACatalogue.standardError.contains("--catalog takes a SAS format catalogue"))
    }
}
