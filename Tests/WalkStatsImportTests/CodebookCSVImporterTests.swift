import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The codebook importer: outcome labels, units, better directions and MCIDs.
struct CodebookCSVImporterTests {
    private func codebook(_ text: String) throws -> Codebook {
        try CodebookCSVImporter.importCodebook(data: Data(text.utf8), file: "codebook.csv")
    }

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try codebook(text) }
    }

    static let header = "outcome,label,unit,better,mcid,mcid_source"

    @Test func goodCodebookWithQuotedLabels() throws {
        let parsed = try codebook(lines(
            Self.header,
            "pain_nrs,\"Knee pain, numeric rating scale 0-10\",NRS 0-10,lower,1,\"Salaffi et al. 2004, \"\"Eur J Pain\"\"\"",
            "walking_speed,Walking speed,m/s,higher,0.05,Perera et al. 2006",
            "tug,,s,lower,,not established",
            "quad_strength,Quadriceps torque,Nm,higher,NA,not established"
        ))
        #expect(parsed.definitions == [
            OutcomeDefinition(id: "pain_nrs", label: "Knee pain, numeric rating scale 0-10", unit: "NRS 0-10",
                              better: .lower, mcid: 1, mcidSource: "Salaffi et al. 2004, \"Eur J Pain\""),
            OutcomeDefinition(id: "walking_speed", label: "Walking speed", unit: "m/s", better: .higher, mcid: 0.05,
                              mcidSource: "Perera et al. 2006"),
            // An empty label falls back to the id; an empty or NA mcid is no MCID.
            OutcomeDefinition(id: "tug", label: "tug", unit: "s", better: .lower, mcid: nil, mcidSource: "not established"),
            OutcomeDefinition(id: "quad_strength", label: "Quadriceps torque", unit: "Nm", better: .higher, mcid: nil,
                              mcidSource: "not established"),
        ])
        #expect(parsed.definition(of: "tug")?.better == .lower)
        #expect(parsed.definition(of: "womac_total") == nil)
    }

    @Test func columnsInAnyOrderWithExtrasCRLFAndBOM() throws {
        let text = "\u{FEFF}mcid_source,notes,better,unit,mcid,label,outcome\r\nnone,x,higher,m/s, 0.1 ,Speed,walking_speed\r\n\r\n"
        let parsed = try codebook(text)
        #expect(parsed.definitions == [
            OutcomeDefinition(id: "walking_speed", label: "Speed", unit: "m/s", better: .higher, mcid: 0.1, mcidSource: "none"),
        ])
    }

    @Test(arguments: [("Lower", "Lower"), ("up", "up"), ("", ""), (" better ", "better")])
    func betterMustBeLowerOrHigher(value: String, shown: String) {
        let error = failure(lines(Self.header, "pain_nrs,Pain,NRS,lower,1,x", "tug,TUG,s,\(value),,x"))
        expectProblem(error, .invalidValue, file: "codebook.csv", line: 3, column: 4,
                      says: ["expected 'lower' or 'higher' in column 'better', found '\(shown)'"])
    }

    @Test func betterIgnoresSurroundingSpaces() throws {
        let parsed = try codebook(lines(Self.header, "tug,TUG,s, lower ,,x", "speed,Speed,m/s,higher\t,,x"))
        #expect(parsed.definitions.map(\.better) == [.lower, .higher])
    }

    @Test func nonNumericMCID() {
        expectProblem(failure(lines(Self.header, "pain_nrs,Pain,NRS,lower,one point,x")), .notANumber,
                      file: "codebook.csv", line: 2, column: 5, says: ["expected a number in column 'mcid', found 'one point'"])
        expectProblem(failure(lines(Self.header, "pain_nrs,Pain,NRS,lower,\"0,5\",x")), .notANumber,
                      file: "codebook.csv", line: 2, column: 5,
                      says: ["found '0,5'", "it looks like a decimal comma: write '0.5'"])
        expectProblem(failure(lines(Self.header, "pain_nrs,Pain,NRS,lower,inf,x")), .nonFiniteNumber,
                      file: "codebook.csv", line: 2, column: 5, says: ["expected a finite number in column 'mcid', found 'inf'"])
    }

    @Test(arguments: CodebookCSVImporter.requiredColumns)
    func missingColumn(name: String) {
        let header = CodebookCSVImporter.requiredColumns.filter { $0 != name }
        let error = failure(lines(header.joined(separator: ","), header.map { _ in "x" }.joined(separator: ",")))
        expectProblem(error, .missingColumn, file: "codebook.csv", line: 1, column: nil, says: [
            "expected the codebook column '\(name)' in the header",
            "(found: \(header.joined(separator: ", ")); required: outcome, label, unit, better, mcid, mcid_source)",
        ])
    }

    @Test func duplicateOutcome() {
        let error = failure(lines(Self.header,
                                  "tug,TUG,s,lower,,x",
                                  "pain_nrs,Pain,NRS,lower,1,x",
                                  " tug ,Timed Up and Go,s,lower,,y"))
        expectProblem(error, .duplicateMeasurement, file: "codebook.csv", line: 4, column: 1,
                      says: ["outcome 'tug' is defined twice; expected one row per outcome"])
    }

    @Test func emptyOutcomeId() {
        let error = failure(lines("label,outcome,unit,better,mcid,mcid_source", "Pain, ,NRS,lower,1,x"))
        expectProblem(error, .emptyField, file: "codebook.csv", line: 2, column: 2,
                      says: ["expected an outcome id, found an empty field"])
    }

    /// The first problem in the file is the one reported, whatever its kind.
    @Test func anEarlierBadValueIsReportedBeforeALaterRaggedRow() {
        let error = failure(lines(Self.header, "pain_nrs,Pain,NRS,sideways,1,x", "tug,TUG,s,lower,,x,extra"))
        expectProblem(error, .invalidValue, file: "codebook.csv", line: 2, column: 4,
                      says: ["expected 'lower' or 'higher' in column 'better', found 'sideways'"])
    }

    @Test func raggedCodebookRow() {
        let error = failure(lines(Self.header, "pain_nrs,Knee pain, NRS,NRS,lower,1,x"))
        expectProblem(error, .raggedRow, file: "codebook.csv", line: 2, column: 7,
                      says: ["expected 6 fields as in the header, found 7"])
    }

    @Test func codebookFileSystemErrors() {
        let missing = fixtureURL("no-codebook.csv").path
        expectProblem(#expect(throws: CSVImportError.self) { try CodebookCSVImporter.importCodebook(atPath: missing) },
                      .unreadableFile, file: missing, line: nil, column: nil, says: ["no such file"])
        let folder = fixtureURL().path
        expectProblem(#expect(throws: CSVImportError.self) { try CodebookCSVImporter.importCodebook(atPath: folder) },
                      .isDirectory, file: folder, line: nil, column: nil, says: ["this is a folder"])
        let empty = fixtureURL("empty.csv").path
        expectProblem(#expect(throws: CSVImportError.self) { try CodebookCSVImporter.importCodebook(atPath: empty) },
                      .emptyFile, file: empty, line: nil, column: nil, says: ["the file is empty"])
    }
}

/// The optional scale columns: instrument, range and whether scores are whole numbers.
struct CodebookScaleColumnsTests {
    @Test func scaleColumnsAreRead() throws {
        let codebook = try CodebookCSVImporter.importCodebook(data: Data("""
            outcome,label,unit,better,mcid,mcid_source,instrument,scale_min,scale_max,integer_scores
            pain_nrs,Pain,points,lower,1,x,NRS,0,10,yes
            speed,Speed,m/s,higher,,none,timed walk,,,no

            """.utf8), file: "codebook.csv")
        #expect(codebook.definitions[0].scaleRange == 0...10)
        #expect(codebook.definitions[0].integerScores)
        #expect(codebook.definitions[0].instrument == "NRS")
        #expect(codebook.definitions[1].scaleRange == nil)
        #expect(!codebook.definitions[1].integerScores)
    }

    @Test func halfARangeOrABadFlagIsAnError() throws {
        #expect(throws: CSVImportError.self) {
            try CodebookCSVImporter.importCodebook(data: Data("""
                outcome,label,unit,better,mcid,mcid_source,scale_min,scale_max
                pain_nrs,Pain,points,lower,1,x,0,

                """.utf8), file: "codebook.csv")
        }
        do {
            _ = try CodebookCSVImporter.importCodebook(data: Data("""
                outcome,label,unit,better,mcid,mcid_source,integer_scores
                pain_nrs,Pain,points,lower,1,x,maybe

                """.utf8), file: "codebook.csv")
            Issue.record("expected an error")
        } catch let error as CSVImportError {
            #expect(error.description == "codebook.csv:2:7: expected 'yes' or 'no' in column 'integer_scores', found 'maybe'")
        }
    }
}

/// The optional `domain` column: pain, function, strength or other (default), anything else refused with
/// the line and column.
struct CodebookDomainTests {
    @Test func domainsAreReadAndChecked() throws {
        let header = "outcome,label,unit,better,mcid,mcid_source,domain\n"
        let codebook = try CodebookCSVImporter.importCodebook(data: Data((header + "pain,Pain,NRS,lower,1,x,pain\nspeed,Speed,m/s,higher,,y,function\nother,O,u,lower,,z,\n").utf8),
                                                              file: "c.csv")
        #expect(codebook.definitions.map(\.domain) == [.pain, .function, .other])
        #expect(throws: CSVImportError.self) {
            try CodebookCSVImporter.importCodebook(data: Data((header + "pain,Pain,NRS,lower,1,x,mood\n").utf8), file: "c.csv")
        }
        let shipped = try CodebookCSVImporter.importCodebook(
            atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("datasets/codebook.csv").path)
        #expect(shipped.definition(of: "pain_nrs")?.domain == .pain)
        #expect(shipped.definition(of: "walking_speed")?.domain == .function)
        #expect(shipped.definition(of: "quad_strength")?.domain == .strength)
    }
}

/// Responder thresholds: kept exactly as written, in the order minimal points, minimal percent, important
/// points, important percent; anything but a positive plain decimal is an error naming line and column.
struct CodebookResponderThresholdTests {
    private func codebook(_ text: String) throws -> Codebook {
        try CodebookCSVImporter.importCodebook(data: Data(text.utf8), file: "codebook.csv")
    }

    static let header = "outcome,label,unit,better,mcid,mcid_percent,important_change,important_change_percent,mcid_source,domain"

    @Test func everyThresholdColumnIsReadExactly() throws {
        let parsed = try codebook(Self.header + "\npain_nrs,Pain,NRS,lower,1,15,2,33,Salaffi 2004,pain\n"
            + "walking_speed,Speed,m/s,higher,0.05,,0.10,,Perera 2006,function\npatient_global,Global,points,lower,NA,,,,none,global\n")
        let pain = try #require(parsed.definition(of: "pain_nrs"))
        #expect(pain.responderThresholds.map(\.label) == ["1", "15%", "2", "33%"])
        #expect(pain.responderThresholds.map(\.level) == [.minimal, .minimal, .important, .important])
        #expect(pain.responderThresholds.allSatisfy { $0.source == "Salaffi 2004" })
        let speed = try #require(parsed.definition(of: "walking_speed"))
        #expect(speed.responderThresholds.map(\.value) == [ExactDecimal(significand: 5, decimals: 2), ExactDecimal(significand: 10, decimals: 2)])
        #expect(speed.domain == .function)
        #expect(parsed.definition(of: "patient_global")?.responderThresholds == [])
        #expect(parsed.definition(of: "patient_global")?.domain == .global)
    }

    @Test(arguments: [("0", 5), ("-1", 5), ("1e-2", 5), ("15%", 6), ("two", 7)])
    func badThresholdIsAnErrorNamingTheColumn(value: String, column: Int) throws {
        var cells = ["pain_nrs", "Pain", "NRS", "lower", "1", "15", "2", "33", "Salaffi", "pain"]
        cells[column - 1] = value
        let error = try #require(throws: CSVImportError.self) { try codebook(Self.header + "\n" + cells.joined(separator: ",") + "\n") }
        #expect(error.line == 2)
        #expect(error.column == column)
        #expect(error.message.contains("positive decimal"))
    }
}

/// Exact decimals: parsing, printing and scaling.
struct ExactDecimalTests {
    @Test(arguments: [("0.05", 5, 2, "0.05"), ("2", 2, 0, "2"), ("-19.9", -199, 1, "-19.9"), ("\u{2212}1.50", -150, 2, "-1.5"),
                      ("+.5", 5, 1, "0.5"), ("7.", 7, 0, "7")])
    func parsesAndPrints(text: String, significand: Int64, decimals: Int, printed: String) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.significand == significand)
        #expect(value.decimals == decimals)
        #expect(value.description == printed)
    }

    @Test(arguments: ["", ".", "1e3", "1,5", "abc", "1.2.3", "12345678901234567"])
    func rejects(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    /// 1.15 − 1.10 in binary floating point is 0.04999…; at the data's decimals it is exactly 5 hundredths.
    @Test func recordedValuesAreExact() {
        #expect(1.15 - 1.10 < 0.05)
        #expect(ExactDecimal(1.15, decimals: 2).significand - ExactDecimal(1.10, decimals: 2).significand
            == ExactDecimal("0.05")!.significand(atDecimals: 2))
        #expect(ExactDecimal("0.1")!.significand(atDecimals: 3) == 100)
        #expect(ExactDecimal("2.50")!.normalized == ExactDecimal(significand: 25, decimals: 1))
    }

    @Test func chosenThresholds() {
        #expect(ResponderThreshold(chosen: "2")?.kind == .points)
        #expect(ResponderThreshold(chosen: "30%")?.kind == .percent)
        #expect(ResponderThreshold(chosen: "30%")?.label == "30%")
        #expect(ResponderThreshold(chosen: "0") == nil)
        #expect(ResponderThreshold(chosen: "-2") == nil)
        #expect(ResponderThreshold(chosen: "x%") == nil)
    }
}
