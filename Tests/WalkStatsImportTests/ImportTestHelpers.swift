import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// The URL of `name` inside the copied `Fixtures` folder (the folder itself for an empty name).
func fixtureURL(_ name: String = "") -> URL {
    let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    return name.isEmpty ? folder : folder.appendingPathComponent(name)
}

/// The participant file name used in messages of in-memory imports.
let trialFile = "trial.csv"

/// Imports `text` as a participant CSV named `trial.csv`.
func importTrial(_ text: String, timepointOrder: [String]? = nil, keepGoing: Bool = false) throws -> Trial {
    try ParticipantCSVImporter(timepointOrder: timepointOrder, keepGoing: keepGoing)
        .importTrial(data: Data(text.utf8), file: trialFile)
}

/// Imports `text` and returns the single error it must throw (recording an issue when it does not).
func importFailure(_ text: String, timepointOrder: [String]? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) -> CSVImportError? {
    #expect(throws: CSVImportError.self, sourceLocation: sourceLocation) {
        try importTrial(text, timepointOrder: timepointOrder)
    }
}

/// Checks every part of `error`: kind, file, line, column and pieces of the message.
func expectProblem(_ error: CSVImportError?, _ kind: CSVImportError.Kind, file: String = trialFile,
                   line: Int?, column: Int?, says parts: [String],
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else {
        Issue.record("expected a \(kind) error, got none", sourceLocation: sourceLocation)
        return
    }
    #expect(error.kind == kind, sourceLocation: sourceLocation)
    #expect(error.file == file, sourceLocation: sourceLocation)
    #expect(error.line == line, sourceLocation: sourceLocation)
    #expect(error.column == column, sourceLocation: sourceLocation)
    for part in parts {
        #expect(error.message.contains(part), "message was: \(error.message)", sourceLocation: sourceLocation)
    }
}

/// The header every participant test file starts with unless it says otherwise.
let standardHeader = "participant,arm,timepoint,outcome,value"

/// `lines` joined with LF and ended with a line break.
func lines(_ lines: String...) -> String {
    lines.joined(separator: "\n") + "\n"
}
