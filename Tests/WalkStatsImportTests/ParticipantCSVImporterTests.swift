import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The long-format participant importer: what it keeps from good files and how it reports bad ones.
struct ParticipantCSVImporterTests {
    // MARK: Good input

    /// Shuffled columns, extra columns of both levels, every missing spelling and a participant without
    /// week-6 rows. Columns: value 1, outcome 2, participant 3, unit 4, timepoint 5, age 6, arm 7, sex 8,
    /// kl_grade 9.
    static let shuffled = lines(
        "value,outcome,participant,unit,timepoint,age,arm,sex,kl_grade",
        "6,pain_nrs,P01,NRS 0-10,baseline,53,backward,M,2",
        "0.77,walking_speed,P01,m/s,baseline,53,backward,M,2",
        "4,pain_nrs,P01,NRS 0-10,week6,53,backward,M,2",
        "0.85,walking_speed,P01,m/s,week6,53,backward,M,2",
        "7,pain_nrs,P02,NRS 0-10,baseline,61,forward,F,3",
        "NA,walking_speed,P02,m/s,baseline,61,forward,,3",
        ",pain_nrs,P02,NRS 0-10,week6,61,forward,F,3",
        "NaN,walking_speed,P02,m/s,week6,61,forward,F,3",
        "5,pain_nrs,P03,NRS 0-10,baseline,70,backward,F,NA",
        "0.9,walking_speed,P03,m/s,baseline,70,backward,F,NA"
    )

    static func key(_ outcome: String, _ timepoint: String) -> ObservationKey {
        ObservationKey(outcome: outcome, timepoint: timepoint)
    }

    static let expectedShuffledTrial: Trial = {
        let pain = ["unit": "NRS 0-10"]
        let speed = ["unit": "m/s"]
        let p01 = Participant(id: "P01", arm: "backward", attributes: ["age": "53", "sex": "M", "kl_grade": "2"],
                              observations: [
                                key("pain_nrs", "baseline"): Observation(value: 6, attributes: pain, line: 2),
                                key("walking_speed", "baseline"): Observation(value: 0.77, attributes: speed, line: 3),
                                key("pain_nrs", "week6"): Observation(value: 4, attributes: pain, line: 4),
                                key("walking_speed", "week6"): Observation(value: 0.85, attributes: speed, line: 5),
                              ])
        let p02 = Participant(id: "P02", arm: "forward", attributes: ["age": "61", "sex": "F", "kl_grade": "3"],
                              observations: [
                                key("pain_nrs", "baseline"): Observation(value: 7, attributes: pain, line: 6),
                                key("walking_speed", "baseline"): Observation(value: nil, attributes: speed, line: 7),
                                key("pain_nrs", "week6"): Observation(value: nil, attributes: pain, line: 8),
                                key("walking_speed", "week6"): Observation(value: nil, attributes: speed, line: 9),
                              ])
        let p03Attributes: [String: String?] = ["age": "70", "sex": "F", "kl_grade": String?.none]
        let p03 = Participant(id: "P03", arm: "backward", attributes: p03Attributes,
                              observations: [
                                key("pain_nrs", "baseline"): Observation(value: 5, attributes: pain, line: 10),
                                key("walking_speed", "baseline"): Observation(value: 0.9, attributes: speed, line: 11),
                              ])
        return Trial(source: trialFile,
                     arms: [Arm(name: "backward", participants: [p01, p03]), Arm(name: "forward", participants: [p02])],
                     timepoints: ["baseline", "week6"], outcomes: ["pain_nrs", "walking_speed"],
                     participantAttributeNames: ["age", "sex", "kl_grade"], measurementAttributeNames: ["unit"],
                     missingCells: 3, timepointOrderReason: "read from the names as days (baseline first, week6 day 42)")
    }()

    @Test func shuffledColumnsImportCompletely() throws {
        let trial = try importTrial(Self.shuffled)
        #expect(trial == Self.expectedShuffledTrial)
    }

    @Test func extraColumnsAreClassifiedByWhetherTheyVaryWithinAParticipant() throws {
        let trial = try importTrial(Self.shuffled)
        #expect(trial.participantAttributeNames == ["age", "sex", "kl_grade"])
        #expect(trial.measurementAttributeNames == ["unit"])
        let p02 = try #require(trial.arm(named: "forward")?.participants.first)
        // `sex` is empty on one of P02's rows: still one value, so still participant-level.
        #expect(p02.attributes["sex"] == "F")
        #expect(p02.observations[Self.key("walking_speed", "baseline")]?.attributes == ["unit": "m/s"])
        // A column missing on every row of a participant is kept as an attribute without a value.
        let p03 = try #require(trial.arm(named: "backward")?.participants.last)
        #expect(p03.id == "P03")
        #expect(p03.attributes.keys.contains("kl_grade"))
        #expect(p03.attributes["kl_grade"] == String??.some(nil))
    }

    @Test func columnVaryingInOneParticipantIsAMeasurementAttributeForAll() throws {
        let trial = try importTrial(lines(
            "participant,arm,timepoint,outcome,value,assessor,site",
            "P01,backward,baseline,pain_nrs,6,AB,Zurich",
            "P01,backward,week6,pain_nrs,4,AB,Zurich",
            "P02,forward,baseline,pain_nrs,7,AB,Basel",
            "P02,forward,week6,pain_nrs,5,CD,Basel",
            "P03,forward,baseline,pain_nrs,3,NA,Basel"
        ))
        #expect(trial.participantAttributeNames == ["site"])
        #expect(trial.measurementAttributeNames == ["assessor"])
        let p01 = try #require(trial.arm(named: "backward")?.participants.first)
        #expect(p01.attributes == ["site": "Zurich"])
        #expect(p01.observations[Self.key("pain_nrs", "week6")]?.attributes == ["assessor": "AB"])
        let p03 = try #require(trial.arm(named: "forward")?.participants.last)
        // A missing measurement attribute is left out rather than stored as "NA".
        #expect(p03.observations[Self.key("pain_nrs", "baseline")]?.attributes == [:])
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let trial = try importTrial(lines(
            "participant,arm,timepoint,outcome,value,note",
            "P01,backward,baseline,pain_nrs,6,\"knee hurts, left side\"",
            "P01,backward,week6,pain_nrs,\"4\",\"said \"\"better\"\"",
            "after walking\"",
            "\"P02\",\"forward\",\"baseline\",\"pain_nrs\",\" 7 \",plain",
            "P02,forward,week6,pain_nrs,3,\"\""
        ))
        #expect(trial.measurementAttributeNames == ["note"])
        let p01 = try #require(trial.arm(named: "backward")?.participants.first)
        #expect(p01.observations[Self.key("pain_nrs", "baseline")] ==
            Observation(value: 6, attributes: ["note": "knee hurts, left side"], line: 2))
        #expect(p01.observations[Self.key("pain_nrs", "week6")] ==
            Observation(value: 4, attributes: ["note": "said \"better\"\nafter walking"], line: 3))
        let p02 = try #require(trial.arm(named: "forward")?.participants.first)
        #expect(p02.id == "P02")
        // The record after the two-line field starts on line 5, not 4.
        #expect(p02.observations[Self.key("pain_nrs", "baseline")] ==
            Observation(value: 7, attributes: ["note": "plain"], line: 5))
        #expect(p02.observations[Self.key("pain_nrs", "week6")] == Observation(value: 3, attributes: [:], line: 6))
    }

    @Test func errorAfterMultiLineFieldNamesTheRecordLine() {
        let error = importFailure(lines(
            "participant,arm,timepoint,outcome,value,note",
            "P01,backward,baseline,pain_nrs,6,\"one",
            "two",
            "three\"",
            "P01,backward,week6,pain_nrs,four,x"
        ))
        expectProblem(error, .notANumber, line: 5, column: 5, says: ["found 'four'"])
    }

    @Test(arguments: ["\r\n", "\r"])
    func lineEndingsDoNotChangeTheTrial(ending: String) throws {
        let text = Self.shuffled.replacingOccurrences(of: "\n", with: ending)
        #expect(try importTrial(text) == Self.expectedShuffledTrial)
    }

    @Test func byteOrderMarkDoesNotHideTheFirstColumn() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(Self.shuffled.utf8)
        let trial = try ParticipantCSVImporter().importTrial(data: data, file: trialFile)
        #expect(trial == Self.expectedShuffledTrial)
        // A BOM before `participant` (the first column here) must not break the lookup either.
        let standard = Data([0xEF, 0xBB, 0xBF]) + Data(lines(standardHeader, "P01,backward,baseline,pain_nrs,6").utf8)
        let single = try ParticipantCSVImporter().importTrial(data: standard, file: trialFile)
        #expect(single.arms.first?.participants.first?.id == "P01")
    }

    @Test(arguments: ["\n\n\n", "\r\n\r\n", "   \n\t\n", ""])
    func blankTrailingLinesAreIgnored(trailer: String) throws {
        #expect(try importTrial(Self.shuffled + trailer) == Self.expectedShuffledTrial)
    }

    @Test func missingAndAbsentCellsAreCountedSeparately() throws {
        let trial = try importTrial(Self.shuffled)
        #expect(trial.missingCells == 3)
        // 3 participants × 2 timepoints × 2 outcomes = 12 cells, 10 rows given.
        #expect(trial.absentCells == 2)
        #expect(trial.participantCount == 3)
        let p02 = try #require(trial.arm(named: "forward")?.participants.first)
        #expect(p02.observations.count == 4)
        #expect(p02.observations.values.filter { $0.value == nil }.count == 3)
        #expect(trial.arm(named: "forward")?.observedValues(of: "pain_nrs", at: "baseline") == [7])
    }

    @Test(arguments: ["", "NA", "NaN", "  NA  ", " "])
    func everyMissingSpellingKeepsAnObservationWithoutValue(spelling: String) throws {
        let trial = try importTrial(lines(standardHeader,
                                          "P01,backward,baseline,pain_nrs,\(spelling)",
                                          "P01,backward,week6,pain_nrs,4"))
        #expect(trial.missingCells == 1)
        #expect(trial.absentCells == 0)
        let observation = trial.arms[0].participants[0].observations[Self.key("pain_nrs", "baseline")]
        #expect(observation == Observation(value: nil, attributes: [:], line: 2))
    }

    @Test func numbersInVariousSpellings() throws {
        let trial = try importTrial(lines(standardHeader,
                                          "P01,backward,t1,a,-1.5",
                                          "P01,backward,t1,b,+2",
                                          "P01,backward,t1,c,1e3",
                                          "P01,backward,t1,d,.25",
                                          "P01,backward,t1,e, 7 ",
                                          "P01,backward,t1,f,1.7976931348623157e308"))
        let values = trial.outcomes.map { trial.arms[0].participants[0].value(of: $0, at: "t1") }
        #expect(values == [-1.5, 2, 1000, 0.25, 7, 1.7976931348623157e308])
    }

    static let week6First = lines(
        standardHeader,
        "P01,backward,week6,pain_nrs,4",
        "P01,backward,baseline,pain_nrs,6",
        "P02,forward,baseline,walking_speed,0.7",
        "P02,forward,week12,pain_nrs,2"
    )

    /// Visits are put in time order by their names (VisitOrderTests); outcomes and arms keep the order of first
    /// appearance.
    @Test func visitsGoInTimeOrderOutcomesInOrderOfFirstAppearance() throws {
        let trial = try importTrial(Self.week6First)
        #expect(trial.timepoints == ["baseline", "week6", "week12"])
        #expect(trial.outcomes == ["pain_nrs", "walking_speed"])
        #expect(trial.arms.map(\.name) == ["backward", "forward"])
        // 2 participants × 3 timepoints × 2 outcomes = 12 cells, 4 rows given.
        #expect(trial.absentCells == 8)
        #expect(trial.missingCells == 0)
    }

    @Test func timepointOrderReordersWithoutChangingTheData() throws {
        let natural = try importTrial(Self.week6First)
        let ordered = try importTrial(Self.week6First, timepointOrder: ["baseline", "week6", "week12"])
        #expect(ordered.timepoints == ["baseline", "week6", "week12"])
        #expect(ordered.arms == natural.arms)
        #expect(ordered.absentCells == natural.absentCells)
    }

    @Test func keepGoingOnAGoodFileImportsTheSameTrial() throws {
        #expect(try importTrial(Self.shuffled, keepGoing: true) == Self.expectedShuffledTrial)
    }

    @Test func importFromPathUsesThePathAsSource() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("walkstats-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("trial.csv")
        try Data(Self.shuffled.utf8).write(to: url)
        let trial = try ParticipantCSVImporter().importTrial(atPath: url.path)
        #expect(trial.source == url.path)
        #expect(trial.arms == Self.expectedShuffledTrial.arms)
    }

    // MARK: Values that are not numbers

    /// Columns are shuffled so that the value column is the 2nd.
    static func oneBadValue(_ cell: String) -> String {
        lines("participant,value,arm,timepoint,outcome",
              "P01,6,backward,baseline,pain_nrs",
              "P01,\(cell),backward,week6,pain_nrs")
    }

    @Test(arguments: ["n/a", "abc", "6 kg", "1.2.3", "--1", "0x10"])
    func nonNumericValue(cell: String) {
        expectProblem(importFailure(Self.oneBadValue(cell)), .notANumber, line: 3, column: 2,
                      says: ["expected a number in column 'value', found '\(cell)'", "if '\(cell)' marks a missing value, declare it with --na '\(cell)'"])
        #expect(importFailure(Self.oneBadValue(cell))?.message.contains("decimal comma") == false)
    }

    /// The Unicode minus (U+2212, as word processors and some exports write it) reads as a minus.
    @Test func unicodeMinusReadsAsAMinus() throws {
        let trial = try importTrial(Self.oneBadValue("−1"))
        #expect(trial.arms[0].participants[0].value(of: "pain_nrs", at: "week6") == -1)
    }

    @Test func decimalCommaGetsAHint() {
        expectProblem(importFailure(Self.oneBadValue("\"3,5\"")), .notANumber, line: 3, column: 2,
                      says: ["expected a number in column 'value', found '3,5'",
                             "it looks like a decimal comma: write '3.5'"])
        expectProblem(importFailure(Self.oneBadValue("\"-0,25\"")), .notANumber, line: 3, column: 2,
                      says: ["write '-0.25'"])
    }

    @Test(arguments: [
        ("inf", "expected a finite number in column 'value', found 'inf'"),
        ("-Infinity", "expected a finite number in column 'value', found '-Infinity'"),
        ("+INF", "expected a finite number in column 'value', found '+INF'"),
        ("nan", "expected a finite number in column 'value', found 'nan' (write NA or NaN for a missing value)"),
        ("1e400", "expected a number within ±1.8e308 in column 'value', found '1e400', which is out of range"),
        ("-1e400", "found '-1e400', which is out of range"),
    ])
    func nonFiniteValue(cell: String, message: String) {
        expectProblem(importFailure(Self.oneBadValue(cell)), .nonFiniteNumber, line: 3, column: 2, says: [message])
    }

    // MARK: Structure

    @Test func oneMissingRequiredColumn() {
        let error = importFailure(lines("participant,arm,timepoint,outcome,score", "P01,backward,baseline,pain_nrs,6"))
        expectProblem(error, .missingColumn, line: 1, column: nil, says: [
            "expected the required column 'value' in the header",
            "(found: participant, arm, timepoint, outcome, score; required: participant, arm, timepoint, outcome, value)",
        ])
    }

    @Test func severalMissingRequiredColumnsAreListedTogether() {
        let error = importFailure(lines("\n", "id,timepoint,outcome,score", "P01,baseline,pain_nrs,6"))
        expectProblem(error, .missingColumn, line: 3, column: nil, says: [
            "expected the required columns 'participant', 'arm', 'value' in the header", "(found: id, timepoint, outcome, score; required:",
        ])
    }

    /// Column names match ignoring case and spaces, and the trial says which column was read as which.
    @Test func requiredColumnNamesIgnoreCaseAndSpaces() throws {
        let trial = try importTrial(lines(" participant , arm ,timepoint,outcome,value ", "P01,backward,baseline,pain_nrs,6"))
        #expect(trial.participantCount == 1)
        #expect(trial.readingNotes.isEmpty)
        let capitalised = try importTrial(lines("Participant,ARM,Time Point,outcome,Value", "P01,backward,baseline,pain_nrs,6"))
        #expect(capitalised.participantCount == 1)
        #expect(capitalised.readingNotes == ["column 'Participant' read as participant", "column 'ARM' read as arm",
                                             "column 'Time Point' read as timepoint", "column 'Value' read as value"])
        // Two columns that match the same name ignoring case are not guessed between.
        expectProblem(importFailure(lines("Participant,participant2,PARTICIPANT,arm,timepoint,outcome,value", "P01,x,P01,backward,baseline,pain_nrs,6")),
                      .missingColumn, line: 1, column: nil, says: ["'participant'"])
    }

    @Test func tooFewFields() {
        let error = importFailure(lines(standardHeader, "P01,backward,baseline,pain_nrs,6", "P01,backward,week6,pain_nrs"))
        expectProblem(error, .raggedRow, line: 3, column: 5, says: ["expected 5 fields as in the header, found 4"])
    }

    @Test func tooManyFields() {
        let error = importFailure(lines(standardHeader, "P01,backward,baseline,pain_nrs,6,kg,extra"))
        expectProblem(error, .raggedRow, line: 2, column: 6, says: ["expected 5 fields as in the header, found 7"])
    }

    @Test func unterminatedQuote() {
        let error = importFailure(lines(standardHeader,
                                        "P01,backward,baseline,pain_nrs,6",
                                        "P01,backward,\"week6,pain_nrs,4",
                                        "P02,forward,baseline,pain_nrs,5"))
        expectProblem(error, .unterminatedQuote, line: 3, column: 3, says: ["a quoted field opened here is never closed"])
    }

    @Test func textAfterClosingQuote() {
        let error = importFailure(lines(standardHeader, "P01,\"backward\"x,baseline,pain_nrs,6"))
        expectProblem(error, .unexpectedCharacterAfterQuote, line: 2, column: 2,
                      says: ["expected ',' or the end of the line after a closing quote, found 'x'"])
    }

    @Test func latin1FileIsNotUTF8() throws {
        let path = fixtureURL("bad-latin1.csv").path
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(atPath: path) }
        // Line 4 is "P02,forward,baseline,pain_nrs,5,Montr\u{E9}al" written in Latin-1.
        expectProblem(error, .notUTF8, file: path, line: 4, column: nil,
                      says: ["not valid UTF-8 at character 38 of this line", "save the file with UTF-8 encoding"])
    }

    @Test func participantInTwoArms() {
        let error = importFailure(lines(standardHeader,
                                        "P01,backward,baseline,pain_nrs,6",
                                        "P02,forward,baseline,pain_nrs,7",
                                        "P01,forward,week6,pain_nrs,4"))
        expectProblem(error, .participantInTwoArms, line: 4, column: 2, says: [
            "participant 'P01' is in arm 'forward' here but in arm 'backward' on line 2; expected one arm per participant",
        ])
    }

    @Test func sameParticipantTimepointAndOutcomeTwice() {
        let error = importFailure(lines("outcome,timepoint,arm,participant,value",
                                        "pain_nrs,baseline,backward,P01,NA",
                                        "pain_nrs,week6,backward,P01,4",
                                        "walking_speed,baseline,backward,P01,0.8",
                                        "pain_nrs,baseline,backward,P01,6"))
        // The first row's value is missing: it still counts as the row for that cell.
        expectProblem(error, .duplicateMeasurement, line: 5, column: 5, says: [
            "participant 'P01' already has a 'pain_nrs' value at 'baseline' on line 2; "
                + "expected one row per participant, timepoint and outcome",
        ])
    }

    @Test func identifiersAreTrimmedBeforeComparison() {
        let error = importFailure(lines(standardHeader,
                                        "P01,backward,baseline,pain_nrs,6",
                                        " P01 , backward ,baseline , pain_nrs,7"))
        expectProblem(error, .duplicateMeasurement, line: 3, column: 5, says: ["participant 'P01' already has"])
    }

    @Test(arguments: [("participant", 1), ("arm", 2), ("timepoint", 3), ("outcome", 4)],
          ["", "  ", "\"\""])
    func emptyIdentifier(column: (String, Int), blank: String) {
        let (name, number) = column
        var fields = ["P02", "forward", "baseline", "pain_nrs", "7"]
        fields[number - 1] = blank
        let error = importFailure(lines(standardHeader, "P01,backward,baseline,pain_nrs,6", fields.joined(separator: ",")))
        expectProblem(error, .emptyField, line: 3, column: number,
                      says: ["expected a value in column '\(name)', found an empty field"])
    }

    @Test func emptyIdentifierColumnFollowsTheHeader() {
        let error = importFailure(lines("value,outcome,timepoint,arm,participant", "6,pain_nrs,baseline,backward,"))
        expectProblem(error, .emptyField, line: 2, column: 5, says: ["column 'participant'"])
    }

    @Test func duplicateColumnName() {
        let error = importFailure(lines("participant,arm,timepoint,outcome,value,arm", "P01,backward,baseline,pain_nrs,6,backward"))
        expectProblem(error, .duplicateColumn, line: 1, column: 6, says: ["column 'arm' appears twice in the header (also column 2)"])
    }

    @Test func emptyColumnName() {
        let error = importFailure(lines("participant,arm,,timepoint,outcome,value", "P01,backward,x,baseline,pain_nrs,6"))
        expectProblem(error, .emptyColumnName, line: 1, column: 3, says: ["expected a column name in the header, found an empty field"])
    }

    @Test func timepointNotInTheGivenOrder() {
        let error = importFailure(lines(standardHeader,
                                        "P01,backward,baseline,pain_nrs,6",
                                        "P01,backward,week6,pain_nrs,4",
                                        "P01,backward,week12,pain_nrs,3"),
                                  timepointOrder: ["baseline", "week6"])
        expectProblem(error, .unlistedTimepoint, line: 4, column: 3, says: [
            "expected one of the timepoints given with --timepoints (baseline,week6), found 'week12'",
        ])
    }

    @Test func listedTimepointAbsentFromTheData() {
        let error = importFailure(lines(standardHeader,
                                        "P01,backward,baseline,pain_nrs,6",
                                        "P01,backward,week6,pain_nrs,4"),
                                  timepointOrder: ["baseline", "week6", "week12"])
        expectProblem(error, .timepointNotInData, line: nil, column: nil, says: [
            "timepoint 'week12' given with --timepoints does not appear in the data (found: baseline, week6)",
        ])
    }

    // MARK: Files

    @Test func fileThatDoesNotExist() {
        let path = fixtureURL("does-not-exist.csv").path
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(atPath: path) }
        expectProblem(error, .unreadableFile, file: path, line: nil, column: nil,
                      says: ["no such file; expected a path to a CSV file"])
    }

    @Test func pathThatIsAFolder() {
        let path = fixtureURL().path
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(atPath: path) }
        expectProblem(error, .isDirectory, file: path, line: nil, column: nil,
                      says: ["this is a folder; expected a path to a CSV file"])
    }

    @Test(arguments: ["empty.csv", "whitespace-only.csv"])
    func emptyFile(name: String) throws {
        let path = fixtureURL(name).path
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(atPath: path) }
        expectProblem(error, .emptyFile, file: path, line: nil, column: nil, says: ["the file is empty; expected a header row"])
    }

    @Test func headerWithNoRows() {
        let path = fixtureURL("header-only.csv").path
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(atPath: path) }
        expectProblem(error, .noDataRows, file: path, line: 1, column: nil, says: ["the file has a header but no data rows"])
    }

    // MARK: keepGoing

    /// Problems on lines 3–9 and one about the whole file.
    static let manyProblems = lines(
        standardHeader,
        "P01,backward,baseline,pain_nrs,6",
        "P01,backward,week6,pain_nrs,abc",
        "P02,,baseline,pain_nrs,7",
        "P02,forward,baseline,pain_nrs,inf",
        "P03,forward,baseline,pain_nrs",
        "P01,forward,week6,pain_nrs,3",
        "P01,backward,baseline,pain_nrs,5",
        "P04,forward,week12,pain_nrs,2",
        "P05,forward,week6,pain_nrs,2"
    )
    static let manyProblemsOrder = ["baseline", "week6", "month3"]

    @Test func keepGoingReportsEveryProblemInFileOrder() {
        let errors = #expect(throws: CSVImportErrors.self) {
            try importTrial(Self.manyProblems, timepointOrder: Self.manyProblemsOrder, keepGoing: true)
        }
        let list = errors?.errors ?? []
        #expect(list.map(\.kind) == [.notANumber, .emptyField, .nonFiniteNumber, .raggedRow, .participantInTwoArms,
                                     .duplicateMeasurement, .unlistedTimepoint, .timepointNotInData])
        #expect(list.map(\.line) == [3, 4, 5, 6, 7, 8, 9, nil])
        #expect(list.map(\.column) == [5, 2, 5, 5, 2, 5, 3, nil])
        #expect(list.allSatisfy { $0.file == trialFile })
        #expect(list.last?.message.contains("timepoint 'month3' given with --timepoints does not appear") == true)
        #expect(errors?.description.hasSuffix("8 problems found; nothing was imported.") == true)
    }

    @Test func withoutKeepGoingTheFirstProblemInFileOrderIsThrown() throws {
        let error = importFailure(Self.manyProblems, timepointOrder: Self.manyProblemsOrder)
        expectProblem(error, .notANumber, line: 3, column: 5, says: ["found 'abc'"])
        let all = try #require(#expect(throws: CSVImportErrors.self) {
            try importTrial(Self.manyProblems, timepointOrder: Self.manyProblemsOrder, keepGoing: true)
        })
        #expect(all.errors.first == error)
    }

    @Test func raggedRowAfterABadValueIsNotReportedFirst() {
        let error = importFailure(lines(standardHeader, "P01,backward,baseline,pain_nrs,x", "P01,backward,week6"))
        expectProblem(error, .notANumber, line: 2, column: 5, says: ["found 'x'"])
    }

    @Test func missingColumnIsReportedBeforeRaggedRows() {
        let error = importFailure(lines("participant,arm,timepoint,outcome", "P01,backward,baseline", "P01,backward,week6,pain_nrs"))
        expectProblem(error, .missingColumn, line: 1, column: nil, says: ["'value'"])
    }

    @Test func keepGoingWithOnlyRaggedRowsStillImportsNothing() {
        let errors = #expect(throws: CSVImportErrors.self) {
            try importTrial(lines(standardHeader, "P01,backward,baseline,pain_nrs,6", "P01,backward", "P02,forward,baseline,pain_nrs,7,8"),
                            keepGoing: true)
        }
        #expect(errors?.errors.map(\.kind) == [.raggedRow, .raggedRow])
        #expect(errors?.errors.map(\.line) == [3, 4])
    }

    @Test func keepGoingDoesNotCallATimepointWithOnlyBadRowsAbsent() {
        let errors = #expect(throws: CSVImportErrors.self) {
            try importTrial(lines(standardHeader, "P01,backward,baseline,pain_nrs,6", "P01,backward,week6,pain_nrs,bad"),
                            timepointOrder: ["baseline", "week6"], keepGoing: true)
        }
        #expect(errors?.errors.map(\.kind) == [.notANumber])
        #expect(errors?.errors.map(\.line) == [3])
    }
}

/// A large file is read on two cores, split at a line break; the trial, and every problem with its line and
/// column, must be exactly what reading it in one pass gives.
struct SplitReadingTests {
    /// About 9 MB: participants spanning the split, missing values, a participant attribute and a measurement
    /// attribute; `breakAt` participants get a problem in the second half (a second arm, a repeated row).
    static func largeFile(withProblems: Bool) -> Data {
        var text = "participant,arm,timepoint,outcome,value,site,unit\n"
        let outcomes = [("pain_nrs", "NRS"), ("walking_speed", "m/s"), ("quad_strength", "Nm")]
        for p in 0..<20_000 {
            let id = String(format: "P%06d", p)
            let arm = p % 3 == 0 ? "backward" : p % 3 == 1 ? "forward" : "usual care"
            for (v, visit) in ["baseline", "week4", "week8", "week12"].enumerated() {
                for (o, (outcome, unit)) in outcomes.enumerated() {
                    let value = (p + v + o) % 17 == 0 ? "NA" : String(format: o == 1 ? "%.2f" : "%.0f", Double((p * 7 + v * 3 + o) % 10) + (o == 1 ? 0.25 : 0))
                    text += "\(id),\(arm),\(visit),\(outcome),\(value),site\(p % 5),\(unit)\n"
                }
            }
            if withProblems, p == 15_000 { text += "P000003,forward,baseline,pain_nrs,3,site3,NRS\n" }  // P000003 is in backward
            if withProblems, p == 16_000 { text += "P000001,forward,week8,walking_speed,1.5,site1,m/s\n" }  // repeats a first-half row
            if withProblems, p == 17_000 { text += "P016000,forward,week4,pain_nrs,5,site0,NRS\n" }  // a repeated measurement
            if withProblems, p == 18_000 { text += "P018000,backward,week4,tug,abc,site0,s\n" }  // not a number
        }
        return Data(text.utf8)
    }

    @Test func twoCoresReadTheSameTrialAsOne() throws {
        let data = Self.largeFile(withProblems: false)
        #expect(data.count > 8 << 20)
        var one = ParticipantCSVImporter()
        one.splitsLargeFiles = false
        let split = try ParticipantCSVImporter().importTrial(data: data, file: "large.csv")
        let whole = try one.importTrial(data: data, file: "large.csv")
        #expect(split == whole)
        #expect(split.participantAttributeNames == ["site"])
        #expect(split.measurementAttributeNames == ["unit"])
        #expect(split.arms.map(\.name) == ["backward", "forward", "usual care"])
        #expect(split.missingCells == whole.missingCells && split.missingCells > 0)
    }

    @Test func twoCoresReportTheSameProblems() throws {
        let data = Self.largeFile(withProblems: true)
        var one = ParticipantCSVImporter(keepGoing: true)
        one.splitsLargeFiles = false
        let split = ParticipantCSVImporter(keepGoing: true)
        let expected = try #require(throws: CSVImportErrors.self) { try one.importTrial(data: data, file: "large.csv") }
        let actual = try #require(throws: CSVImportErrors.self) { try split.importTrial(data: data, file: "large.csv") }
        #expect(actual.errors == expected.errors)
        #expect(expected.errors.map(\.kind) == [.participantInTwoArms, .duplicateMeasurement, .duplicateMeasurement, .notANumber])
    }
}
