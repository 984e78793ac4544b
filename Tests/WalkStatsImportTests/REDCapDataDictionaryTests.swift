import Foundation
import Testing
@testable import WalkStatsImport
import WalkStatsModel

/// The REDCap data dictionary: what each field type becomes, what it says about outcomes, and errors at the
/// dictionary's line and column.
struct REDCapDataDictionaryTests {
    let file = "dictionary.csv"
    static let header = REDCapReaderTests.dictionaryHeader

    func read(_ rows: String) throws -> REDCapDataDictionary {
        try REDCapDataDictionary.read(data: Data((Self.header + rows).utf8), file: file)
    }

    func failure(_ rows: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try read(rows) }
    }

    static let everyType = """
        record_id,enrolment,,text,Record ID,,,,,,
        name,enrolment,,text,Name,,,,,,y
        dob,enrolment,,text,Date of birth,,,date_ymd,,,
        email,enrolment,,text,E-mail,,,email,,,
        sex,enrolment,,radio,Sex,"1, Male | 2, Female",,,,,
        site,enrolment,,dropdown,Site,"A, Aarhus | B, Bergen",,,,,
        pain,visit,,text,<p>Pain <i>now</i> &amp; today</p>,,,integer,0,10,
        speed,visit,,text,Speed,,,number_2dp,0,3,
        legacy,visit,,text,Legacy,,,float,,,
        total,visit,,calc,Total,[pain] + 1,,,,,
        vas,visit,,slider,VAS,Left | Right,,,,,
        scaled,visit,,slider,Scaled,,,,0,10,
        stairs,visit,,yesno,Stairs,,,,,,
        meds,visit,,checkbox,Medication,"1, Paracetamol | 2, NSAID",,,,,
        photo,visit,,file,Photo,,,,,,
        intro,visit,,descriptive,Intro,,,,,,
        comments,visit,,notes,Comments,,,,,,
        """

    @Test func eachFieldTypeHasItsRole() throws {
        let dictionary = try read(Self.everyType)
        let roles = Dictionary(uniqueKeysWithValues: dictionary.fields.map { ($0.name, $0.role) })
        for name in ["sex", "pain", "speed", "legacy", "total", "vas", "scaled", "stairs"] { #expect(roles[name] == .number, "\(name)") }
        for name in ["record_id", "email", "site", "comments"] { #expect(roles[name] == .text, "\(name)") }
        #expect(roles["name"] == .leftOut("flagged as an identifier"))
        #expect(roles["dob"] == .leftOut("a date, not a number"))
        #expect(roles["meds"] == .leftOut("a checkbox, one 0/1 column per choice"))
        #expect(roles["photo"] == .leftOut("a file upload"))
        #expect(roles["intro"] == .leftOut("descriptive text"))
        #expect(dictionary.forms == ["enrolment", "visit"])
    }

    @Test func rangesLabelsAndWholeNumbers() throws {
        let dictionary = try read(Self.everyType)
        func field(_ name: String) throws -> REDCapDataDictionary.Field { try #require(dictionary.field(name)) }
        #expect(try field("pain").label == "Pain now & today")
        #expect(try field("pain").scaleRange == 0...10 && field("pain").integerScores)
        #expect(try field("speed").scaleRange == 0...3 && !field("speed").integerScores)
        #expect(try field("vas").scaleRange == 0...100 && field("vas").integerScores)  // a slider without min and max is 0–100
        #expect(try field("scaled").scaleRange == 0...10)
        #expect(try field("sex").scaleRange == 1...2 && field("sex").integerScores)
        #expect(try field("stairs").choices.map(\.code) == ["1", "0"] && field("stairs").scaleRange == 0...1)
        #expect(try field("total").scaleRange == nil && field("total").choices.isEmpty)  // a calculation is not choices
        #expect(try field("site").choices.map(\.label) == ["Aarhus", "Bergen"])
        let info = dictionary.outcomeInfo(outcomes: ["pain", "speed", "site", "nonexistent"])  // site is text: no outcome
        #expect(info == [FileOutcomeInfo(id: "pain", label: "Pain now & today", scaleRange: 0...10, integerScores: true,
                                         source: "REDCap data dictionary `dictionary.csv`"),
                         FileOutcomeInfo(id: "speed", label: "Speed", scaleRange: 0...3, integerScores: false,
                                         source: "REDCap data dictionary `dictionary.csv`")])
    }

    @Test func aChoiceLabelMayHoldCommas() throws {
        let dictionary = try read("record_id,e,,text,ID,,,,,,\nmood,e,,radio,Mood,\"1, Good, mostly | 2, Bad\",,,,,\n")
        #expect(dictionary.field("mood")?.choices.map(\.label) == ["Good, mostly", "Bad"])
    }

    // MARK: Errors

    @Test func anUnknownFieldTypeNamesItsLineAndColumn() {
        expectProblem(failure("record_id,e,,text,ID,,,,,,\npain,e,,number,Pain,,,,,,\n"), .invalidValue, file: file, line: 3, column: 4,
                      says: ["expected a REDCap field type", "for field 'pain', found 'number'"])
    }

    @Test func badChoicesAreErrors() {
        expectProblem(failure("record_id,e,,text,ID,,,,,,\nsex,e,,radio,Sex,\"1, Male | Female\",,,,,\n"), .invalidValue, file: file, line: 3, column: 6,
                      says: ["expected each choice of field 'sex' as 'code, label'", "found 'Female'"])
        expectProblem(failure("record_id,e,,text,ID,,,,,,\nsex,e,,radio,Sex,\"1, Male | 1, Female\",,,,,\n"), .invalidValue, file: file, line: 3, column: 6,
                      says: ["choice code '1' appears twice in field 'sex'"])
        expectProblem(failure("record_id,e,,text,ID,,,,,,\nsex,e,,dropdown,Sex,,,,,,\n"), .emptyField, file: file, line: 3, column: 6,
                      says: ["expected choices such as '1, Yes | 2, No' for field 'sex'"])
    }

    @Test func aValidationBoundThatIsNotANumberIsAnError() {
        expectProblem(failure("record_id,e,,text,ID,,,,,,\npain,e,,text,Pain,,,integer,zero,10,\n"), .notANumber, file: file, line: 3, column: 9,
                      says: ["expected a number in column 'Text Validation Min' for field 'pain' (validated as integer), found 'zero'"])
        expectProblem(failure("record_id,e,,text,ID,,,,,,\npain,e,,text,Pain,,,integer,10,0,\n"), .invalidValue, file: file, line: 3, column: 9,
                      says: ["the validation min of field 'pain' (10) is above its max (0)"])
    }

    @Test func aDateValidationBoundIsNotReadAsANumber() throws {
        let dictionary = try read("record_id,e,,text,ID,,,,,,\nvisit,e,,text,Visit,,,date_ymd,2020-01-01,2030-12-31,\n")
        #expect(dictionary.field("visit")?.minimum == nil)
    }

    @Test func aRepeatedFieldOrEmptyNameIsAnError() {
        expectProblem(failure("record_id,e,,text,ID,,,,,,\nrecord_id,e,,text,ID,,,,,,\n"), .duplicateMeasurement, file: file, line: 3, column: 1,
                      says: ["field 'record_id' is defined twice (also on line 2)"])
        expectProblem(failure("record_id,e,,text,ID,,,,,,\n,e,,text,ID,,,,,,\n"), .emptyField, file: file, line: 3, column: 1,
                      says: ["expected a variable name"])
    }

    @Test func anIdentifierFlagOtherThanYIsAnError() {
        expectProblem(failure("record_id,e,,text,ID,,,,,,maybe\n"), .invalidValue, file: file, line: 2, column: 11,
                      says: ["expected 'y' or nothing in column 'Identifier?'"])
    }

    @Test func aFileThatIsNoDictionaryIsAnError() {
        let error = #expect(throws: CSVImportError.self) {
            try REDCapDataDictionary.read(data: Data("outcome,label\npain,Pain\n".utf8), file: file)
        }
        expectProblem(error, .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected the REDCap data dictionary columns 'Variable / Field Name', 'Form Name', 'Field Type', 'Field Label'"])
    }
}
