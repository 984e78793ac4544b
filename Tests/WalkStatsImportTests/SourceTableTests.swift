import Foundation
import Testing
@testable import WalkStatsImport
import WalkStatsModel

/// A ``SourceTable`` (what the Excel, statistics-package and REDCap readers deliver) read long and wide like
/// delimited text, with value labels naming arms and every error at the source's own cell.
struct SourceTableTests {
    /// A worksheet whose table starts at column B, row 3.
    func sheet(_ rows: [[String]], header: [String], place: CellPlace = .sheet(name: "Data")) -> SourceTable {
        var table = SourceTable(file: "book.xlsx", header: header, headerLine: 3,
                                records: rows.enumerated().map { SourceRecord(line: 4 + $0.offset, fields: $0.element) }, place: place)
        table.headerColumns = header.indices.map { $0 + 2 }
        return table
    }

    let long = [["p1", "1", "pre", "pain", "5"], ["p1", "1", "post", "pain", "3"],
                ["p2", "2", "pre", "pain", "6"], ["p2", "2", "post", "pain", "4.5"]]
    let longHeader = ["participant", "arm", "timepoint", "outcome", "value"]

    @Test func longTableReadsAsTheSameTrialAsText() throws {
        var table = sheet(long, header: longHeader)
        table.valueLabels = ["arm": ["1": "backward", "2": "forward"]]
        let trial = try ParticipantCSVImporter().importTrial(source: table, wide: nil)
        let text = "participant,arm,timepoint,outcome,value\np1,backward,pre,pain,5\np1,backward,post,pain,3\n"
            + "p2,forward,pre,pain,6\np2,forward,post,pain,4.5\n"
        let fromText = try ParticipantCSVImporter().importTrial(data: Data(text.utf8), file: "book.xlsx")
        #expect(trial.arms.map(\.name) == ["backward", "forward"])
        #expect(trial.arms.map { $0.participants.map(\.id) } == fromText.arms.map { $0.participants.map(\.id) })
        #expect(trial.arms[1].participants[0].value(of: "pain", at: "post") == 4.5)
        #expect(trial.readingNotes.contains { $0.contains("'arm' read through its value labels (1 = backward, 2 = forward)") })
    }

    @Test func errorsNameTheWorksheetCell() {
        var rows = long
        rows[2][4] = "six"
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(source: sheet(rows, header: longHeader), wide: nil) }
        #expect(error?.line == 6)
        #expect(error?.column == 6)
        #expect(error?.description.hasPrefix("book.xlsx, sheet 'Data', cell F6: expected a number in column 'value', found 'six'") == true)
    }

    @Test func wideTableErrorsNameTheDatasetVariable() {
        let header = ["id", "group", "pain_pre", "pain_post"]
        let table = SourceTable(file: "trial.sav", header: header, headerLine: 0,
                                records: [SourceRecord(line: 1, fields: ["p1", "1", "5", "3"]), SourceRecord(line: 2, fields: ["p2", "2", "6", "x"])],
                                place: .dataset(variables: header))
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(source: table, wide: WideLayout()) }
        #expect(error?.description.hasPrefix("trial.sav, case 2, variable 'pain_post': expected a number") == true)
    }

    @Test func wideTableArmsFromValueLabels() throws {
        let header = ["id", "group", "pain_pre", "pain_post"]
        var table = SourceTable(file: "trial.sav", header: header, headerLine: 0,
                                records: [SourceRecord(line: 1, fields: ["p1", "1", "5", "3"]), SourceRecord(line: 2, fields: ["p2", "2", "6", ""])],
                                place: .dataset(variables: header))
        table.valueLabels = ["group": ["1": "backward", "2": "forward"]]
        table.dropped = ["`name` (identifier)"]
        let trial = try ParticipantCSVImporter().importTrial(source: table, wide: WideLayout())
        #expect(trial.arms.map(\.name) == ["backward", "forward"])
        #expect(trial.missingCells == 1)
        #expect(trial.readingNotes.contains("left out: `name` (identifier)"))
        #expect(trial.readingNotes.contains { $0.hasPrefix("a wide sheet (--layout wide)") })
    }

    @Test func longRowsMadeFromOtherColumnsNameTheSourceColumn() {
        // Two long rows from one export line, their values from columns 4 and 5 of the export.
        var table = SourceTable(file: "export.csv", header: longHeader, headerLine: 1, records: [
            SourceRecord(line: 2, fields: ["1", "arm_1", "baseline", "pain", "5"], columns: [1, 2, 3, 3, 4]),
            SourceRecord(line: 2, fields: ["1", "arm_1", "baseline", "tug", "slow"], columns: [1, 2, 3, 3, 5]),
        ], place: .text)
        table.sourceHeader = ["record_id", "arm", "redcap_event_name", "pain", "tug"]
        let error = #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(source: table, wide: nil) }
        #expect(error?.description.hasPrefix("export.csv:2:5: expected a number in column 'tug', found 'slow'") == true)
    }

    @Test func placesNameCellsTheWayTheirProgramsDo() {
        #expect(CellPlace.columnLetters(1) == "A")
        #expect(CellPlace.columnLetters(26) == "Z")
        #expect(CellPlace.columnLetters(27) == "AA")
        #expect(CellPlace.columnLetters(703) == "AAA")
        #expect(CellPlace.sheet(name: "S").location(file: "b.xlsx", line: 3, column: nil) == "b.xlsx, sheet 'S', row 3")
        #expect(CellPlace.dataset(variables: ["a"]).location(file: "d.dta", line: nil, column: 1) == "d.dta, variable 'a'")
        #expect(CellPlace.text.location(file: "t.csv", line: 2, column: 3) == "t.csv:2:3")
    }

    @Test func variableLabelsNameOutcomes() {
        let header = ["id", "group", "pain_pre", "pain_post", "tug_pre", "age"]
        var table = SourceTable(file: "trial.sav", header: header, headerLine: 0, records: [], place: .dataset(variables: header))
        table.variableLabels = ["pain_pre": "Knee pain (NRS) at baseline", "pain_post": "Knee pain (NRS) at week 6",
                                "tug_pre": "Timed Up and Go", "age": "Age in years"]
        table.outcomeInfo = [FileOutcomeInfo(id: "pain", label: "from the dictionary", source: "REDCap")]
        let info = table.fileOutcomes(wide: WideLayout())
        #expect(info.first == FileOutcomeInfo(id: "pain", label: "from the dictionary", source: "REDCap"))
        #expect(info.contains(FileOutcomeInfo(id: "pain", label: "Knee pain (NRS)", source: "the file's variable label")))
        #expect(info.contains(FileOutcomeInfo(id: "tug", label: "Timed Up and Go", source: "the file's variable label")))
        // The first word for an id counts; a codebook definition beats both.
        let codebook = Codebook(definitions: [OutcomeDefinition(id: "tug", label: "TUG", unit: "s", better: .lower, mcid: nil, mcidSource: "")])
            .adding(fileOutcomes: info)
        #expect(codebook.fileOutcome(of: "pain")?.label == "from the dictionary")
        #expect(codebook.fileOutcome(of: "tug") == nil)
        #expect(codebook.definition(of: "tug")?.label == "TUG")
    }

    @Test func aFileScaleRangeChecksValues() {
        let codebook = Codebook(definitions: []).adding(fileOutcomes: [FileOutcomeInfo(id: "pain", label: "Pain", scaleRange: 0...10,
                                                                                       integerScores: true, source: "REDCap")])
        var rows = long
        rows[1][4] = "11"
        let error = #expect(throws: CSVImportError.self) {
            try ParticipantCSVImporter(codebook: codebook).importTrial(source: sheet(rows, header: longHeader), wide: nil)
        }
        #expect(error?.description.hasPrefix("book.xlsx, sheet 'Data', cell F5:") == true)
        #expect(error?.message.hasPrefix("expected a 'pain' value within its scale, 0 to 10") == true)
        // Within range, the report says the file labelled the outcome.
        var whole = long
        whole[3][4] = "4"
        let trial = try? ParticipantCSVImporter(codebook: codebook).importTrial(source: sheet(whole, header: longHeader), wide: nil)
        #expect(trial?.readingNotes.contains("outcomes no codebook defines, labelled by the file itself (which does not say which "
            + "direction is better): `pain` ('Pain', from REDCap)") == true)
    }
}
