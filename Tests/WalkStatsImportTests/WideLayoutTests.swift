import Foundation
import Testing
@testable import WalkStatsImport
import WalkStatsModel

/// The wide layout: the plan read from a header, the reshaped rows and their error locations, and the
/// R-made fixtures (`Fixtures/wide/generate.R`) reading as the same trial as their long source.
struct WideLayoutTests {
    let file = "wide.csv"

    func plan(_ header: String, _ layout: WideLayout = WideLayout()) throws -> WidePlan {
        try layout.plan(header: header.split(separator: ",").map(String.init), file: file, headerLine: 1)
    }

    func planFailure(_ header: String, _ layout: WideLayout = WideLayout(), sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try plan(header, layout) }
    }

    func readings(_ plan: WidePlan) -> [String] {
        plan.values.map { "\($0.column):\($0.outcome)@\($0.timepoint)" }
    }

    /// `trial` without its source, line numbers and timepoint-order wording: what the data say.
    func content(_ trial: Trial) -> Trial {
        Trial(source: "", arms: trial.arms.map { arm in
            Arm(name: arm.name, participants: arm.participants.map { participant in
                Participant(id: participant.id, arm: participant.arm, attributes: participant.attributes,
                            observations: participant.observations.mapValues { Observation(value: $0.value, attributes: $0.attributes) })
            })
        }, timepoints: trial.timepoints, outcomes: trial.outcomes, participantAttributeNames: trial.participantAttributeNames,
              measurementAttributeNames: trial.measurementAttributeNames, missingCells: trial.missingCells)
    }

    // MARK: patterns

    @Test(arguments: [("{outcome}_{timepoint}", "_", true), ("{timepoint}.{outcome}", ".", false), ("{outcome}-{timepoint}", "-", true),
                      ("{outcome}__{timepoint}", "__", true)])
    func patternsRead(_ text: String, separator: String, outcomeFirst: Bool) {
        #expect(WidePattern(text) == WidePattern(separator: separator, outcomeFirst: outcomeFirst))
        #expect(WidePattern(text)?.description == text)
    }

    @Test(arguments: ["{outcome}{timepoint}", "{outcome}_{outcome}", "{outcome}_", "x{outcome}_{timepoint}", "{outcome}_{timepoint}_",
                      "{outcome}_{timepoint}_{timepoint}", "outcome_timepoint", "{outcome}{_}{timepoint}", ""])
    func badPatternsAreRefused(_ text: String) {
        #expect(WidePattern(text) == nil)
    }

    // MARK: splitting

    @Test func namesSplitAtTheLastSeparatorAndOtherColumnsAreAttributes() throws {
        let plan = try plan("id,group,age,kl_grade,pain_pre,pain_post,speed_pre,speed_post")
        #expect(plan.idColumn == 0 && plan.armColumn == 1)
        #expect(readings(plan) == ["4:pain@pre", "5:pain@post", "6:speed@pre", "7:speed@post"])
        #expect(plan.attributeColumns == [2, 3])  // kl_grade shares neither outcome nor timepoint with a value column
    }

    @Test func outcomeIdsWithTheSeparatorKeepItWithoutACodebook() throws {
        let plan = try plan("participant,arm,pain_nrs_baseline,pain_nrs_week6,walking_speed_baseline,walking_speed_week6")
        #expect(readings(plan) == ["2:pain_nrs@baseline", "3:pain_nrs@week6", "4:walking_speed@baseline", "5:walking_speed@week6"])
    }

    @Test func knownOutcomesSplitAfterTheLongestId() throws {
        // Timepoints with the separator: only the codebook's ids tell where the outcome ends.
        let layout = WideLayout(knownOutcomes: ["pain", "pain_nrs", "tug"])
        let plan = try plan("id,arm,pain_nrs_week_0,pain_nrs_week_6,tug_week_0,tug_week_6", layout)
        #expect(readings(plan) == ["2:pain_nrs@week_0", "3:pain_nrs@week_6", "4:tug@week_0", "5:tug@week_6"])
    }

    @Test func aKnownOutcomeMeasuredOnceIsStillAValueColumn() throws {
        let plan = try plan("id,arm,pain_nrs_pre,pain_nrs_post,satisfaction_post", WideLayout(knownOutcomes: ["satisfaction"]))
        #expect(readings(plan).last == "4:satisfaction@post")
    }

    @Test func aKnownReadingTheSheetDoesNotConfirmIsAmbiguous() {
        // Codebook knows `pain`; the sheet's other columns use timepoint week6, so pain_nrs@week6 is as likely.
        let error = planFailure("id,arm,pain_nrs_baseline,pain_nrs_week6,speed_baseline,speed_week6", WideLayout(knownOutcomes: ["pain"]))
        expectProblem(error, .ambiguousColumn, file: file, line: 1, column: 3, says: [
            "column 'pain_nrs_baseline' (column 3) could be outcome 'pain' at 'nrs_baseline' or outcome 'pain_nrs' at 'baseline'",
            "give --wide-pattern or rename the column"])
    }

    @Test func timepointFirstPatternsSplitAtTheFirstSeparator() throws {
        let layout = WideLayout(pattern: WidePattern("{timepoint}.{outcome}")!)
        let plan = try plan("participant,arm,age,baseline.pain_nrs,baseline.speed,week6.pain_nrs,week6.speed", layout)
        #expect(readings(plan) == ["3:pain_nrs@baseline", "4:speed@baseline", "5:pain_nrs@week6", "6:speed@week6"])
        #expect(plan.attributeColumns == [2])
    }

    @Test func aNameWithAnEmptyPartCannotBeSplit() {
        expectProblem(planFailure("id,arm,pain_pre,pain_"), .unsplittableColumn, file: file, line: 1, column: 4,
                      says: ["column 'pain_' (column 4) cannot be split", "'{outcome}_{timepoint}'", "--wide-pattern"])
    }

    @Test func twoColumnsForOneOutcomeAndTimepointAreRefused() {
        expectProblem(planFailure("id,arm,pain_pre,pain_post,Pain_Pre"), .duplicateColumn, file: file, line: 1, column: 5,
                      says: ["columns 'pain_pre' (column 3) and 'Pain_Pre' (column 5) both hold outcome 'Pain' at 'Pre'"])
    }

    // MARK: participant and arm columns

    @Test func participantAndArmColumnsAreFoundByUsualNamesIgnoringCaseAndSpaces() throws {
        let plan = try plan("Age,Record_ID,RANDOMISATION,pain_pre,pain_post")
        #expect(plan.idColumn == 1 && plan.armColumn == 2 && plan.attributeColumns == [0])
        let named = try self.plan("study no,Treatment Arm,pain_pre,pain_post", WideLayout(idColumnName: "Study No", armColumnName: "treatmentarm"))
        #expect(named.idColumn == 0 && named.armColumn == 1)
    }

    @Test func missingOrAmbiguousParticipantAndArmColumnsNameTheFlag() {
        expectProblem(planFailure("who,arm,pain_pre,pain_post"), .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected one participant column: none of participant, id, subject", "(header: who, arm, pain_pre, pain_post)",
                             "name it with --id NAME"])
        expectProblem(planFailure("id,subject,arm,pain_pre,pain_post"), .missingColumn, file: file, line: 1, column: nil,
                      says: ["several columns could be it (id, subject)", "--id NAME"])
        expectProblem(planFailure("id,pain_pre,pain_post"), .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected one arm column", "--arm NAME"])
        expectProblem(planFailure("id,arm,pain_pre,pain_post", WideLayout(armColumnName: "allocation")), .missingColumn, file: file, line: 1,
                      column: nil, says: ["expected the arm column named 'allocation' (given with --arm) in the header, found none"])
        expectProblem(planFailure("id,arm,age,sex"), .missingColumn, file: file, line: 1, column: nil,
                      says: ["expected columns named like '{outcome}_{timepoint}' (such as 'pain_pre')", "found none"])
    }

    // MARK: reshaping

    @Test func reshapedRowsKeepTheWideLineAndColumnInErrors() throws {
        let text = "id,group,age,pain_pre,pain_post\nP1,a,60,5,3\nP2,b,61,6,x\nP3,,62,4,4\n"
        let table = try CSVTable(data: Data(text.utf8), file: file)
        let plan = try WideLayout().plan(for: table)
        let reshaped = WideLayout.reshape(table, with: plan)
        #expect(reshaped.table.header == ["participant", "arm", "timepoint", "outcome", "value", "age"])
        #expect(reshaped.table.records.map(\.line) == [2, 2, 3, 3, 4, 4])
        #expect(reshaped.table.records[3].fields == ["P2", "b", "post", "pain", "x", "61"])
        #expect(reshaped.sourceColumn(of: 4, in: reshaped.table.records[3]) == 4)
        #expect(reshaped.sourceColumn(of: 5, in: reshaped.table.records[3]) == 2)

        let importer = ParticipantCSVImporter(keepGoing: true)
        #expect {
            try importer.importTrial(wide: table, plan: plan)
        } throws: { error in
            let problems = (error as? CSVImportErrors)?.errors ?? []
            return problems.map(\.description) == [
                "wide.csv:3:5: expected a number in column 'pain_post', found 'x'; if 'x' marks a missing value, declare it with --na 'x'",
                "wide.csv:4:2: expected a value in column 'group', found an empty field",
                "wide.csv:4:2: expected a value in column 'group', found an empty field",
            ]
        }
    }

    @Test func aParticipantOnTwoRowsIsRefusedAtTheSecond() throws {
        let table = try CSVTable(data: Data("id,arm,pain_pre,pain_post\nP1,a,5,3\nP1,a,6,4\n".utf8), file: file)
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(wide: table, plan: WideLayout().plan(for: table)) }
        expectProblem(error, .duplicateMeasurement, file: file, line: 3, column: 3, says: ["participant 'P1' already has a 'pain' value at 'pre' on line 2"])
    }

    // MARK: the R-made fixtures

    @Test(arguments: [("wide/wide-underscore.csv", "{outcome}_{timepoint}"), ("wide/wide-dotted.csv", "{timepoint}.{outcome}")])
    func wideFixturesReadAsTheirLongSource(_ name: String, pattern: String) throws {
        let long = try ParticipantCSVImporter().importTrial(atPath: fixtureURL("wide/long.csv").path)
        let wide = try ParticipantCSVImporter().importTrial(atPath: fixtureURL(name).path, wide: WideLayout(pattern: WidePattern(pattern)!))
        #expect(content(wide) == content(long))
        #expect(wide.arms.map(\.name) == ["forward", "backward", "control"])
        #expect(wide.timepoints == ["baseline", "week4", "week8"])
        #expect(wide.participantAttributeNames == ["age"] && wide.missingCells == 3)
        #expect(wide.arms[1].participants[3].observations[ObservationKey(outcome: "walking_speed", timepoint: "week8")]?.line == 12)
    }

    // MARK: a wide sheet read as long

    @Test func aWideSheetReadAsLongSaysHowToReadIt() {
        let error = importFailure("id,group,pain_pre,pain_post,speed_pre,speed_post\nP1,a,5,3,1,1\n")
        expectProblem(error, .missingColumn, line: 1, column: nil, says: [
            "expected the required columns",
            "this looks like a wide sheet (one column per outcome and timepoint: pain_pre, pain_post, speed_pre, …); "
                + "read it with --layout wide (and --wide-pattern if the names are not OUTCOME_TIMEPOINT)"])
        let dotted = importFailure("id,group,pain.pre,pain.post\nP1,a,5,3\n")
        expectProblem(dotted, .missingColumn, line: 1, column: nil, says: ["read it with --layout wide --wide-pattern '{outcome}.{timepoint}'"])
        let notWide = importFailure("participant,arm,kl_grade,value\nP1,a,2,3\n")
        #expect(notWide?.message.contains("wide") == false)
    }
}
