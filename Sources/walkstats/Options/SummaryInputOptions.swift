import ArgumentParser
import Foundation
import WalkStats

/// Options of the commands that read printed summary data (`replicate`, `meta`, `evidence`).
struct SummaryInputOptions: ParsableArguments {
    @Argument(help: "Summary CSV: study,arm,timepoint,outcome,n,mean,sd (or se, ci_low/ci_high, median with q1/q3 or min/max).")
    var file: String

    @Option(help: "Study sheet CSV (study,citation,doi,design,duration); default: studies.csv next to FILE when present.")
    var studies: String?

    @Option(help: "Printed results CSV (p-values and pooled effects); default: reported-results.csv next to FILE when present.")
    var printed: String?

    @Option(help: "Codebook CSV (labels, better direction, scale ranges, whole-number scores), overriding the built-in codebook (and a codebook.csv next to FILE) outcome by outcome.")
    var codebook: String?

    @Flag(help: "List every problem in the input instead of stopping at the first.")
    var keepGoing = false

    /// A sibling of FILE named `name`, when it exists.
    private func sibling(_ name: String) -> String? {
        let folder = (file as NSString).deletingLastPathComponent
        let path = folder.isEmpty ? name : folder + "/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    var studiesPath: String? { studies ?? sibling("studies.csv") }
    var printedPath: String? { printed ?? sibling("reported-results.csv") }

    func loadCodebook() throws -> Codebook { try CodebookLayers.load(dataFile: file, given: codebook).codebook }

    /// The summaries, converted and flagged, with the study sheet; scale ranges come from the codebook.
    func loadDataset(codebook: Codebook) throws -> SummaryDataset {
        try Self.loadDataset(file, studies: studiesPath, codebook: codebook, keepGoing: keepGoing)
    }

    /// The summaries at `path` (checked against the codebook's scale ranges), converted and flagged, with
    /// the study sheet at `studies`. The commands that compare arms (`replicate`, `meta`, `evidence`)
    /// reject a comparison with a lone arm; `simulate` takes one arm at a time (`rejectLoneArms: false`).
    static func loadDataset(_ path: String, studies: String?, codebook: Codebook, keepGoing: Bool,
                            rejectLoneArms: Bool = true) throws -> SummaryDataset {
        var ranges: [String: ClosedRange<Double>] = [:]
        for definition in codebook.definitions { if let range = definition.scaleRange { ranges[definition.id] = range } }
        let rows = try SummaryCSVImporter(scaleRanges: ranges, rejectsLoneArms: rejectLoneArms, keepGoing: keepGoing)
            .importSummaries(atPath: path)
        let sheet = try studies.map { try StudySheetImporter(keepGoing: keepGoing).importStudies(atPath: $0) } ?? []
        return try SummaryDataset(converting: rows, studies: sheet)
    }

    func loadPrinted() throws -> [PrintedResult] {
        try printedPath.map { try PrintedResultsCSVImporter.importResults(atPath: $0) } ?? []
    }

    var inputPaths: [String] { [file] + [studiesPath, printedPath].compactMap { $0 } + CodebookLayers.userPaths(dataFile: file, given: codebook) }
}
