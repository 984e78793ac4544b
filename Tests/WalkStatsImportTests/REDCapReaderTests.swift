import Foundation
import Testing
@testable import WalkStatsImport
import WalkStatsModel

/// The REDCap reader: the fixtures made by `Fixtures/redcap/generate.py` read back as the long files they were
/// made from, and each rule of the mapping (arms, visits, collected fields, attributes, what is left out, errors
/// at the export's line and column) on small exports written here.
struct REDCapReaderTests {
    static let folder = "redcap/"

    /// The fixture `name` read with the fixture dictionary `dictionary`.
    func readFixture(_ name: String, dictionary: String?, armField: String? = nil) throws -> SourceTable {
        try REDCapReader.read(path: fixtureURL(Self.folder + name).path, dictionary: dictionary.map { fixtureURL(Self.folder + $0).path },
                              armField: armField, options: TextOptions())
    }

    /// The long rows of `table` as CSV lines, a missing value written NA (as the long fixtures write it).
    func lines(_ table: SourceTable) -> [String] {
        [table.header.joined(separator: ",")] + table.records.map { record in
            record.fields.enumerated().map { $0.offset == 4 && $0.element.isEmpty ? "NA" : $0.element }.joined(separator: ",")
        }
    }

    /// The lines of the long fixture `name`.
    func longFixture(_ name: String) throws -> [String] {
        try String(contentsOf: fixtureURL(Self.folder + name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    let file = "export.csv"
    let dictionaryFile = "dictionary.csv"

    /// Reads export `text` (named export.csv) with dictionary `dictionary` (dictionary.csv) when given.
    func read(_ text: String, dictionary: String? = nil, armField: String? = nil) throws -> SourceTable {
        let dictionary = try dictionary.map { try REDCapDataDictionary.read(data: Data($0.utf8), file: dictionaryFile) }
        return try REDCapReader.read(data: Data(text.utf8), file: file, dictionary: dictionary, armField: armField)
    }

    func failure(_ text: String, dictionary: String? = nil, armField: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try read(text, dictionary: dictionary, armField: armField) }
    }

    static let dictionaryHeader = "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
        + "\"Choices, Calculations, OR Slider Labels\",Field Note,Text Validation Type OR Show Slider Number,"
        + "Text Validation Min,Text Validation Max,Identifier?\n"

    // MARK: The fixtures

    @Test func theExportReadsAsTheLongFileItWasMadeFrom() throws {
        let table = try readFixture("export.csv", dictionary: "dictionary.csv", armField: "group")
        #expect(try lines(table) == longFixture("long.csv"))
        #expect(table.headerLine == 1)
        #expect(table.sourceHeader?.first == "record_id")  // the byte-order mark is not part of the name
    }

    @Test func theRepeatingInstrumentReadsAsOneVisitPerInstance() throws {
        let table = try readFixture("export-repeating.csv", dictionary: "dictionary-repeating.csv")
        #expect(try lines(table) == longFixture("long-repeating.csv"))
        #expect(table.notes.first?.contains("the repeat instrument and instance (one visit per instance)") == true)
    }

    /// The participant importer reads the export's table as the same trial as the long file (apart from lines and source).
    @Test func theImporterReadsTheSameTrialAsFromTheLongFile() throws {
        let codebook = try BuiltInCodebook.codebook.get()
        let importer = ParticipantCSVImporter(codebook: codebook)
        let fromExport = try importer.importTrial(source: readFixture("export.csv", dictionary: "dictionary.csv", armField: "group"), wide: nil)
        let fromLong = try importer.importTrial(atPath: fixtureURL(Self.folder + "long.csv").path)
        func content(_ trial: Trial) -> [String] {
            trial.arms.flatMap(\.participants).flatMap { participant in
                participant.observations.sorted { ($0.key.timepoint, $0.key.outcome) < ($1.key.timepoint, $1.key.outcome) }.map { key, observation in
                    "\(participant.id) \(participant.arm) \(participant.attributes) \(key.timepoint) \(key.outcome) \(observation.value.map { "\($0)" } ?? "NA")"
                }
            }
        }
        #expect(content(fromExport) == content(fromLong))
        #expect(fromExport.timepoints == fromLong.timepoints && fromExport.outcomes == fromLong.outcomes)
        #expect(fromExport.participantAttributeNames == ["sex"] && fromExport.missingCells == fromLong.missingCells)
    }

    @Test func anExportWithoutNumbersIsAnError() {
        expectProblem(failure("record_id,redcap_event_name,name\n1,baseline_arm_1,Ann\n"), .missingColumn, file: file, line: 1, column: nil,
                      says: ["found no numeric field to analyse in the header (record_id, redcap_event_name, name)"])
    }

    /// Each long row keeps the export's line and the export's column of each field.
    @Test func longRowsPointAtTheExportsLinesAndColumns() throws {
        let table = try readFixture("export.csv", dictionary: "dictionary.csv", armField: "group")
        let missing = try #require(table.records.first { $0.fields[0] == "P018" && $0.fields[2] == "week_6" && $0.fields[3] == "pain_nrs" })
        #expect(missing.line == 27)
        #expect(missing.fields[4] == "")
        // participant record_id (1), arm group (6), timepoint redcap_event_name (2), outcome and value pain_nrs (9), sex (5).
        #expect(missing.columns == [1, 6, 2, 9, 9, 5])
        let repeating = try readFixture("export-repeating.csv", dictionary: "dictionary-repeating.csv")
        let strength = try #require(repeating.records.first { $0.fields[0] == "P002" && $0.fields[2] == "visit_2" && $0.fields[3] == "quad_strength" })
        #expect(strength.line == 8 && strength.fields[4] == "")
        // The arm from the event name (2), the visit from the repeat instrument (3), quad_strength (11), sex (7).
        #expect(strength.columns == [1, 2, 3, 11, 11, 7])
        #expect(table.notes.first?.contains("1 missing value of fields collected on their events") == true)
    }

    @Test func identifiersStatusColumnsAndDatesAreLeftOutAndSaid() throws {
        let table = try readFixture("export.csv", dictionary: "dictionary.csv", armField: "group")
        #expect(table.dropped == ["`name` (flagged as an identifier)", "`dob` (flagged as an identifier)", "`enrolment_complete` (a form status)",
                                  "`assessment_date` (a date, not a number)", "`knee_assessment_complete` (a form status)"])
        #expect(!table.records.contains { $0.fields.contains("Ada Example") || $0.fields.contains("1973-06-15") })
    }

    /// Without `--redcap-arm` the arm is the event's suffix, and the radio field `group` is one more outcome
    /// (its codes are numbers), collected at baseline only.
    @Test func withoutAnArmFieldTheArmIsTheEventsSuffix() throws {
        let table = try readFixture("export.csv", dictionary: "dictionary.csv")
        #expect(Set(table.records.map { $0.fields[1] }) == ["arm_1", "arm_2"])
        #expect(table.records.filter { $0.fields[0] == "P003" }.allSatisfy { $0.fields[1] == "arm_2" })
        let group = table.records.filter { $0.fields[3] == "group" }
        #expect(group.count == 14 && group.allSatisfy { $0.fields[2] == "baseline" })
        #expect(table.valueLabels["group"] == ["1": "backward", "2": "forward"])
    }

    /// The dictionary labels the outcomes and gives their ranges (``FileOutcomeInfo``), never a better direction.
    @Test func theDictionarySaysWhatTheOutcomesAre() throws {
        let table = try readFixture("export.csv", dictionary: "dictionary.csv", armField: "group")
        #expect(table.outcomeInfo.map(\.id) == ["pain_nrs", "quad_strength", "walking_speed"])
        let pain = try #require(table.outcomeInfo.first)
        #expect(pain.label == "Knee pain now, 0 (none) to 10 (worst imaginable)")  // the <b> tags removed
        #expect(pain.scaleRange == 0...10 && pain.integerScores)
        #expect(pain.source.hasPrefix("REDCap data dictionary `") && pain.source.hasSuffix("redcap/dictionary.csv`"))
        #expect(table.outcomeInfo[1].scaleRange == nil && !table.outcomeInfo[1].integerScores)  // a min without a max is no range
        #expect(table.outcomeInfo[2].scaleRange == 0...3)
        #expect(table.variableLabels == ["sex": "Sex as recorded (M or F)"])
        #expect(table.notes.contains { $0.hasPrefix("data dictionary ") && $0.contains("does not say which direction is better") })
    }

    /// An outcome no codebook defines is labelled and checked against the dictionary's range.
    @Test func theDictionaryChecksAnOutcomeNoCodebookDefines() throws {
        let dictionary = Self.dictionaryHeader + """
            record_id,visit,,text,Record ID,,,,,,
            grip,visit,,text,<b>Grip</b> strength,,,integer,0,60,
            """
        let table = try read("record_id,redcap_event_name,grip\n1,baseline_arm_1,30\n1,week_6_arm_1,61\n", dictionary: dictionary)
        let codebook = try BuiltInCodebook.codebook.get().adding(fileOutcomes: table.fileOutcomes(wide: nil))
        #expect(codebook.fileOutcome(of: "grip")?.label == "Grip strength" && codebook.definition(of: "grip") == nil)
        let error = #expect(throws: CSVImportError.self) {
            try ParticipantCSVImporter(codebook: codebook).importTrial(source: table, wide: nil)
        }
        expectProblem(error, .invalidValue, file: file, line: 3, column: 3, says: ["'grip'", "61"])
    }

    // MARK: Rules on small exports

    /// A field gets rows only on the events where some record has a value for it; an empty cell there is missing.
    @Test func aFieldHasRowsOnlyWhereItIsCollected() throws {
        let table = try read("""
            record_id,redcap_event_name,pain,womac
            1,baseline_arm_1,5,
            1,week_6_arm_1,4,30
            2,baseline_arm_1,6,
            2,week_6_arm_1,,
            """)
        #expect(table.records.map { $0.fields[0...4].joined(separator: ",") } == [
            "1,arm_1,baseline,pain,5", "1,arm_1,week_6,pain,4", "1,arm_1,week_6,womac,30",
            "2,arm_1,baseline,pain,6", "2,arm_1,week_6,pain,", "2,arm_1,week_6,womac,",
        ])
        #expect(table.notes.first?.contains("; 2 missing values of fields collected on their events") == true)
    }

    /// Collected is decided per event, not per timepoint: a field of arm 1's baseline only has no rows in arm 2.
    @Test func collectedIsDecidedPerEvent() throws {
        let table = try read("""
            record_id,redcap_event_name,pain,extra
            1,baseline_arm_1,5,9
            2,baseline_arm_2,6,
            """)
        #expect(table.records.map { $0.fields[0...4].joined(separator: ",") } == ["1,arm_1,baseline,pain,5", "1,arm_1,baseline,extra,9",
                                                                                 "2,arm_2,baseline,pain,6"])
    }

    @Test func anAttributeWithOneValueInARecordIsGivenToAllItsRows() throws {
        let table = try read("""
            record_id,redcap_event_name,sex,site_note,pain
            1,baseline_arm_1,F,first,5
            1,week_6_arm_1,,second,4
            """)
        #expect(table.header == ["participant", "arm", "timepoint", "outcome", "value", "sex", "site_note"])
        #expect(table.records.map { $0.fields[5...].joined(separator: ",") } == ["F,first", "F,second"])
    }

    @Test func repeatingInstrumentsOnSeveralTimepointsAndRepeatingEventsNameTheirVisits() throws {
        let table = try read("""
            record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,pain,diary
            1,baseline_arm_1,,,5,
            1,baseline_arm_1,weekly_pain,1,,3
            1,week_6_arm_1,weekly_pain,1,,2
            1,week_6_arm_1,weekly_pain,2,,1
            1,followup_arm_1,,1,4,
            1,followup_arm_1,,2,3,
            """)
        #expect(table.records.map { "\($0.fields[2]):\($0.fields[3])=\($0.fields[4])" } == [
            "baseline:pain=5", "baseline_weekly_pain_1:diary=3", "week_6_weekly_pain_1:diary=2", "week_6_weekly_pain_2:diary=1",
            "followup_1:pain=4", "followup_2:pain=3",
        ])
        // The visit of a repeating instrument's row points at the instrument column; a repeating event's at the event.
        #expect(table.records[1].columns?[2] == 3 && table.records[4].columns?[2] == 2)
    }

    @Test func anInstrumentRepeatingOnOneTimepointIsNamedWithoutIt() throws {
        let table = try read("""
            record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,diary
            1,enrolment_arm_1,weekly_pain,1,3
            1,enrolment_arm_1,weekly_pain,2,2
            """)
        #expect(table.records.map { $0.fields[2] } == ["weekly_pain_1", "weekly_pain_2"])
    }

    @Test func withoutADictionaryNumbersAreOutcomesAndTheRestAttributes() throws {
        let table = try read("""
            record_id,redcap_event_name,redcap_data_access_group,name,pain,speed,baseline_complete,visit_timestamp,unused,dob,seen
            1,baseline_arm_1,site_a,Ann,5,1.1,2,2026-01-01 10:00,,1960-02-29,2026-01-01 10:00:05
            1,week_6_arm_1,site_a,,4,NA,2,2026-02-01 10:00,,,2026-02-01 9:00
            """)
        #expect(table.header == ["participant", "arm", "timepoint", "outcome", "value", "name", "seen"])
        #expect(Set(table.records.map { $0.fields[3] }) == ["pain", "speed"])
        #expect(table.dropped == ["`redcap_data_access_group` (a REDCap system column)", "`baseline_complete` (a form status)",
                                  "`visit_timestamp` (a survey timestamp)", "`unused` (empty in every row)", "`dob` (a date, not a number)"])
        #expect(table.records[0].fields.contains("2026-01-01 10:00:05"))  // not a date in every cell: "9:00" lacks a digit
        #expect(table.outcomeInfo.isEmpty && table.variableLabels.isEmpty)
        #expect(table.notes.contains { $0.hasPrefix("no data dictionary given") && $0.contains("identifiers cannot be recognised") })
    }

    /// Without a dictionary a column of mostly numbers stays an outcome, so the importer reports a stray text at its cell;
    /// `--na` codes do not count as text.
    @Test func withoutADictionaryAStrayTextKeepsTheColumnAnOutcome() throws {
        let export = """
            record_id,redcap_event_name,pain,grip,site
            1,baseline_arm_1,5,.,A
            1,week_6_arm_1,n/a,.,B
            2,baseline_arm_1,6,31,A
            """
        let table = try REDCapReader.read(data: Data(export.utf8), file: file, dictionary: nil, armField: nil,
                                          options: TextOptions(missingCodes: ["."]))
        #expect(table.header == ["participant", "arm", "timepoint", "outcome", "value", "site"])
        #expect(table.records.map { "\($0.fields[3])=\($0.fields[4])" } == ["pain=5", "grip=.", "pain=n/a", "grip=.", "pain=6", "grip=31"])
        let error = #expect(throws: CSVImportError.self) {
            try ParticipantCSVImporter(reading: TextOptions(missingCodes: ["."])).importTrial(source: table, wide: nil)
        }
        expectProblem(error, .notANumber, file: file, line: 3, column: 3, says: ["expected a number in column 'pain', found 'n/a'"])
    }

    /// A project without events: the arm must come from a field, and the visits from a repeating instrument.
    @Test func anExportWithoutEventsNeedsAnArmFieldAndRepeatingVisits() throws {
        let export = """
            record_id,redcap_repeat_instrument,redcap_repeat_instance,group,pain
            1,,,2,
            1,visit,1,,5
            1,visit,2,,4
            """
        let table = try read(export, armField: "group")
        #expect(table.records.map { $0.fields[0...4].joined(separator: ",") } == ["1,2,visit_1,pain,5", "1,2,visit_2,pain,4"])
        expectProblem(failure(export), .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected the column 'redcap_event_name'", "--redcap-arm"])
        expectProblem(failure("record_id,group,pain\n1,2,5\n", armField: "group"), .missingColumn, file: file, line: 2, column: 3,
                      says: ["field 'pain' has values on rows that are no visit"])
    }

    @Test func theArmFieldWithoutADictionaryIsItsValue() throws {
        let table = try read("""
            record_id,redcap_event_name,group,pain
            1,baseline,Backward,5
            1,week_6,,4
            """, armField: "group")
        #expect(table.records.map { "\($0.fields[1]):\($0.fields[2])" } == ["Backward:baseline", "Backward:week_6"])
    }

    // MARK: Errors at the export's line and column

    @Test func aRecordWithTwoArmValuesNamesBothLines() {
        let error = failure("""
            record_id,redcap_event_name,group,pain
            1,baseline_arm_1,1,5
            1,week_6_arm_1,2,4
            """, armField: "group")
        expectProblem(error, .participantInTwoArms, file: file, line: 3, column: 3,
                      says: ["record '1' has two values in the arm field 'group'", "'1' on line 2 and '2' on line 3"])
    }

    @Test func aRecordWithoutAnArmValueNamesItsLines() {
        let error = failure("""
            record_id,redcap_event_name,group,pain
            1,baseline_arm_1,1,5
            2,baseline_arm_1,,5
            2,week_6_arm_1,,4
            """, armField: "group")
        expectProblem(error, .emptyField, file: file, line: 3, column: 3,
                      says: ["record '2' has no value in the arm field 'group'", "(lines 3, 4)"])
    }

    @Test func anArmCodeOutsideTheChoicesIsAnError() {
        let dictionary = Self.dictionaryHeader + """
            record_id,enrolment,,text,Record ID,,,,,,
            group,enrolment,,radio,Group,"1, backward | 2, forward",,,,,
            pain,enrolment,,text,Pain,,,integer,0,10,
            """
        let error = failure("""
            record_id,redcap_event_name,group,pain
            1,baseline_arm_1,3,5
            """, dictionary: dictionary, armField: "group")
        expectProblem(error, .invalidValue, file: file, line: 2, column: 3, says: ["expected one of the codes of field 'group' (1 = backward, 2 = forward)", "found '3'"])
    }

    @Test func anArmFieldNotInTheExportIsAnError() {
        let error = failure("record_id,redcap_event_name,pain\n1,baseline_arm_1,5\n", armField: "grp")
        expectProblem(error, .missingColumn, file: file, line: 1, column: nil, says: ["expected the arm field 'grp' (--redcap-arm)"])
    }

    @Test func anEventWithoutAnArmSuffixNeedsAnArmField() {
        let error = failure("record_id,redcap_event_name,pain\n1,baseline_arm_1,5\n1,week_6,4\n")
        expectProblem(error, .invalidValue, file: file, line: 3, column: 2,
                      says: ["expected an event name ending in the arm, such as 'baseline_arm_1', found 'week_6'", "--redcap-arm"])
    }

    @Test func emptyRecordIDsEventsAndInstancesAreErrors() {
        expectProblem(failure("record_id,redcap_event_name,pain\n,baseline_arm_1,5\n"), .emptyField, file: file, line: 2, column: 1,
                      says: ["expected a record id in column 'record_id'"])
        expectProblem(failure("record_id,redcap_event_name,pain\n1,,5\n"), .emptyField, file: file, line: 2, column: 2,
                      says: ["expected an event name in column 'redcap_event_name'"])
        expectProblem(failure("record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,pain\n1,baseline_arm_1,diary,x,5\n"),
                      .invalidValue, file: file, line: 2, column: 4,
                      says: ["expected a repeat instance (a whole number from 1) in column 'redcap_repeat_instance' for instrument 'diary', found 'x'"])
    }

    /// With --keep-going every row problem of the export is kept (its rows left out) and reported by the
    /// importer with the rows' own problems, in line order; without it the first stops the read.
    @Test func keepingGoingReportsEveryRowProblem() throws {
        let events = """
            record_id,redcap_event_name,pain
            1,baseline_arm_1,5
            ,baseline_arm_1,5
            2,week_6,4
            3,,6
            4,baseline_arm_1,x
            5,week_6_arm_2,
            """
        expectProblem(failure(events), .emptyField, file: file, line: 3, column: 1, says: ["expected a record id"])
        let table = try REDCapReader.read(data: Data(events.utf8), file: file, dictionary: nil, armField: nil, keepGoing: true)
        #expect(table.problems.map { [$0.line ?? 0, $0.column ?? 0] } == [[3, 1], [4, 2], [5, 2]])
        #expect(table.records.map(\.line) == [2, 6])  // (line 7's event collects no value on any row, so it has none)
        let errors = #expect(throws: CSVImportErrors.self) { try ParticipantCSVImporter(keepGoing: true).importTrial(source: table, wide: nil) }
        #expect(errors?.errors.map { [$0.line ?? 0, $0.column ?? 0] } == [[3, 1], [4, 2], [5, 2], [6, 3]])

        // A record without one arm in the arm field: its rows left out, every such record reported.
        let arms = """
            record_id,redcap_event_name,group,pain
            1,baseline_arm_1,1,5
            1,week_6_arm_1,2,4
            2,baseline_arm_1,,5
            3,baseline_arm_1,1,6
            """
        let armTable = try REDCapReader.read(data: Data(arms.utf8), file: file, dictionary: nil, armField: "group", keepGoing: true)
        #expect(armTable.problems.map { [$0.line ?? 0, $0.column ?? 0] } == [[3, 3], [4, 3]])
        #expect(armTable.records.map(\.fields[0]) == ["3"])

        // When every row is a problem, those are the errors, not "no data rows".
        let none = try REDCapReader.read(data: Data("record_id,redcap_event_name,pain\n,baseline_arm_1,5\n1,,4\n".utf8), file: file,
                                         dictionary: nil, armField: nil, keepGoing: true)
        let only = #expect(throws: CSVImportErrors.self) { try ParticipantCSVImporter(keepGoing: true).importTrial(source: none, wide: nil) }
        #expect(only?.errors.map(\.line) == [2, 3])
    }

    @Test func aDecimalCommaFieldIsReadWithItsComma() throws {
        let dictionary = Self.dictionaryHeader + """
            record_id,enrolment,,text,Record ID,,,,,,
            speed,enrolment,,text,Speed,,,number_2dp_comma_decimal,0,3,
            """
        let table = try read("record_id,redcap_event_name,speed\n1,baseline_arm_1,\"1,25\"\n", dictionary: dictionary)
        #expect(table.records.map { $0.fields[4] } == ["1.25"])
        #expect(table.outcomeInfo.first?.scaleRange == 0...3)
    }

    @Test func checkboxColumnsAreLeftOutAndSaid() throws {
        let dictionary = Self.dictionaryHeader + """
            record_id,enrolment,,text,Record ID,,,,,,
            meds,enrolment,,checkbox,Medication,"1, Paracetamol | 2, NSAID",,,,,
            pain,enrolment,,text,Pain,,,integer,0,10,
            """
        let table = try read("record_id,redcap_event_name,meds___1,meds___2,pain\n1,baseline_arm_1,1,0,5\n", dictionary: dictionary)
        #expect(table.dropped == ["`meds___1` (a checkbox, one 0/1 column per choice)", "`meds___2` (a checkbox, one 0/1 column per choice)"])
        #expect(table.records.map { $0.fields[3] } == ["pain"])
    }

    @Test func aColumnTheDictionaryDoesNotDefineIsAnError() {
        let dictionary = Self.dictionaryHeader + "record_id,enrolment,,text,Record ID,,,,,,\npain,enrolment,,text,Pain,,,integer,0,10,\n"
        let error = failure("record_id,redcap_event_name,pain,Walking speed\n1,baseline_arm_1,5,1.2\n", dictionary: dictionary)
        expectProblem(error, .invalidValue, file: file, line: 1, column: 4,
                      says: ["column 'Walking speed' is not a field of the data dictionary dictionary.csv", "raw export"])
    }

    @Test func theDictionarysRecordIDMustBeInTheExport() {
        let dictionary = Self.dictionaryHeader + "study_id,enrolment,,text,Study ID,,,,,,\npain,enrolment,,text,Pain,,,integer,0,10,\n"
        let error = failure("record_id,redcap_event_name,pain\n1,baseline_arm_1,5\n", dictionary: dictionary)
        expectProblem(error, .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected the record id field 'study_id' (the first field of the data dictionary dictionary.csv)"])
    }

    @Test func aFieldNamedLikeALongColumnIsAnError() {
        let error = failure("record_id,redcap_event_name,value\n1,baseline_arm_1,5\n")
        expectProblem(error, .duplicateColumn, file: file, line: 1, column: 3, says: ["field 'value' has the name of a column of the long layout"])
    }

    @Test func aRaggedRowIsAnError() {
        let error = failure("record_id,redcap_event_name,pain\n1,baseline_arm_1,5,9\n")
        expectProblem(error, .raggedRow, file: file, line: 2, column: 4, says: ["expected 3 fields"])
    }

    @Test func looksLikeExportNeedsARecordIDAndEventNames() {
        #expect(REDCapReader.looksLikeExport(header: ["record_id", "redcap_event_name", "pain"]))
        #expect(REDCapReader.looksLikeExport(header: ["study_id", "redcap_event_name"], recordIDField: "study_id"))
        #expect(!REDCapReader.looksLikeExport(header: ["study_id", "redcap_event_name"]))
        #expect(!REDCapReader.looksLikeExport(header: ["record_id", "arm", "timepoint"]))
    }
}
