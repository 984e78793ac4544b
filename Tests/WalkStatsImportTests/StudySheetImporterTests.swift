import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The study-sheet importer: study id, citation, DOI, design and duration.
struct StudySheetImporterTests {
    static let file = "studies.csv"
    static let header = "study,citation,doi,design,duration"

    private func studies(_ text: String, keepGoing: Bool = false) throws -> [StudyDescription] {
        try StudySheetImporter(keepGoing: keepGoing).importStudies(data: Data(text.utf8), file: Self.file)
    }

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
        #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) { try studies(text) }
    }

    @Test func fixtureSheet() throws {
        let parsed = try StudySheetImporter().importStudies(atPath: fixtureURL("study-sheet.csv").path)
        #expect(parsed == [
            StudyDescription(id: "trial-a", citation: "Synthetic A, Example B (2020). A made-up trial for the importer tests.",
                             doi: "10.1234/example.2020.001", design: .parallel, duration: "6 weeks"),
            // A resolver prefix is removed; "Parallel" is forgiven its capital; an empty duration is none.
            StudyDescription(id: "trial-b", citation: "Synthetic C (2019). Another made-up trial.", doi: "10.5678/EX-19",
                             design: .parallel, duration: nil),
            StudyDescription(id: "trial-c", citation: "Synthetic D (2012). A made-up crossover, one session.", doi: nil,
                             design: .withinSubject, duration: "one session"),
        ])
    }

    /// doi and duration are optional columns.
    @Test func onlyRequiredColumns() throws {
        let parsed = try studies(lines("design,study,citation", "within_subject,roos-like,Someone (2012)"))
        #expect(parsed == [StudyDescription(id: "roos-like", citation: "Someone (2012)", design: .withinSubject)])
    }

    @Test(arguments: StudySheetImporter.requiredColumns)
    func missingColumn(name: String) {
        let header = Self.header.split(separator: ",").map(String.init).filter { $0 != name }
        let error = failure(lines(header.joined(separator: ","), header.map { _ in "x" }.joined(separator: ",")))
        expectProblem(error, .missingColumn, file: Self.file, line: 1, column: nil,
                      says: ["expected the study sheet column '\(name)' in the header"])
    }

    @Test func unknownDesign() {
        expectProblem(failure(lines(Self.header, "a,Cite,,crossover,")), .invalidValue, file: Self.file, line: 2, column: 4,
                      says: ["expected 'parallel' or 'within_subject' in column 'design', found 'crossover'"])
    }

    @Test(arguments: ["doi.org/10.1/x", "10.1155", "https://example.com/paper", "10.1155/2021 5574966", "11.1155/x"])
    func notADOI(doi: String) {
        expectProblem(failure(lines(Self.header, "a,Cite,\(doi),parallel,")), .invalidValue, file: Self.file, line: 2, column: 3,
                      says: ["expected a DOI such as 10.1155/2021/5574966 in column 'doi', found '\(doi)'"])
    }

    @Test func emptyIdOrCitation() {
        expectProblem(failure(lines(Self.header, ",Cite,,parallel,")), .emptyField, file: Self.file, line: 2, column: 1,
                      says: ["expected a study id in column 'study', found an empty field"])
        expectProblem(failure(lines(Self.header, "a, ,,parallel,")), .emptyField, file: Self.file, line: 2, column: 2,
                      says: ["expected a citation in column 'citation', found an empty field"])
    }

    @Test func duplicateStudy() {
        expectProblem(failure(lines(Self.header, "a,One,,parallel,", "b,Two,,parallel,", "a,Three,,parallel,")),
                      .duplicateMeasurement, file: Self.file, line: 4, column: 1,
                      says: ["study 'a' is described twice (also on line 2); expected one row per study"])
    }

    @Test func keepGoing() {
        do {
            _ = try studies(lines(Self.header, "a,One,,sideways,", ",Two,,parallel,", "c,Three,10.1/x,parallel,"), keepGoing: true)
            Issue.record("expected errors")
        } catch let errors as CSVImportErrors {
            #expect(errors.errors.map(\.line) == [2, 3])
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
