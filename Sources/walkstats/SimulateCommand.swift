import ArgumentParser
import Foundation
import WalkStats

/// `walkstats simulate --like SUMMARIES --study ID --seed S`: participant-level data whose per-arm means
/// and SDs reproduce a study's printed ones.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate participant-level data that reproduce a study's printed per-arm means and SDs (moment-matched).",
        discussion: """
        What the paper does not print (baseline values, other arms or timepoints) comes from --assumptions, a \
        summary CSV whose rows are marked as assumed. The output CSV is long format; a .metadata.json file next \
        to it records the seed, the correlation, which numbers are printed and which assumed. The data are \
        SIMULATED, never a trial's real data.
        """)

    @Option(help: "Summary CSV with the study's printed numbers (a studies.csv next to it gives the design).")
    var like: String
    @Option(help: "The study id in --like.") var study: String
    @Option(help: "Seed of the random generator (same seed, same bytes).") var seed: UInt64
    @Option(help: "Summary CSV of assumed numbers for what the study does not print (rows for the same study id).")
    var assumptions: String?
    @Option(help: "Correlation between a participant's values at different timepoints or conditions (default 0.5).")
    var correlation: Double = 0.5
    @Option(help: "Timepoint order, comma-separated (default: order of first appearance, assumptions first).")
    var timepoints: String?
    @Option(help: "The reference (comparator) arm, written to the metadata as reference_arm so reports of the data use it.")
    var reference: String?
    @Option(help: "Codebook CSV (whole-number scores, ranges), overriding the built-in codebook (and a codebook.csv next to --like) outcome by outcome.")
    var codebook: String?
    @Option(help: "Write the CSV here (atomically) and its metadata next to it as NAME.metadata.json.")
    var output: String

    @Option(help: "json: also print the metadata document (walkstats.simulate-metadata/1, as written next to the CSV) on standard output. The data themselves are always a long CSV, so markdown and csv are refused.")
    var format: ReportFormat?

    /// Refuses `--format markdown|csv` as a usage error: the data are always a CSV and its metadata JSON.
    func validate() throws {
        if let format, format != .json {
            throw ValidationError("""
                simulate always writes a long CSV to --output and its NAME.metadata.json; --format takes only json \
                (print that metadata document on standard output), not \(format.rawValue)
                """)
        }
    }

    func run() throws {
        let dataset = try simulatedDataset()
        let writer = SimulatedDatasetWriter(dataset)
        let metadataPath = ((output as NSString).deletingPathExtension) + ".metadata.json"
        let inputs: [String] = [like] + [assumptions].compactMap { $0 } + CodebookLayers.userPaths(dataFile: like, given: codebook)
        try AtomicFileWriter.write(writer.metadata, to: metadataPath, protectedInputs: inputs)
        try AtomicFileWriter.write(writer.csv, to: output, protectedInputs: inputs)
        if format == .json { FileHandle.standardOutput.write(Data(writer.metadata.utf8)) }
    }

    /// Loads the summaries and simulates; a request the data cannot satisfy (an unknown study, reference
    /// arm or timepoint order) is a data error (exit 1) naming the file and what it has.
    private func simulatedDataset() throws -> SimulatedDataset {
        let book = try CodebookLayers.load(dataFile: like, given: codebook).codebook
        let folder = (like as NSString).deletingLastPathComponent
        let sheetPath = (folder.isEmpty ? "" : folder + "/") + "studies.csv"
        let sheet = FileManager.default.fileExists(atPath: sheetPath) ? sheetPath : nil
        let printed = try SummaryInputOptions.loadDataset(like, studies: sheet, codebook: book, keepGoing: false, rejectLoneArms: false)
        let assumed = try assumptions.map {
            try SummaryInputOptions.loadDataset($0, studies: nil, codebook: book, keepGoing: false, rejectLoneArms: false)
        }
        let request = SimulationRequest(study: study, like: like, seed: seed, correlation: correlation, reference: reference,
                                        timepoints: timepoints.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        do {
            return try SimulatedDataset(printed: printed, assumed: assumed, codebook: book, request: request)
        } catch SimulationRequestError.noRows(let study) {
            let files = like + (assumptions.map { " or \($0)" } ?? "")
            let studies = Array(Set(printed.studyIDs + (assumed?.studyIDs ?? []))).sorted()
            throw FlagRequestError(description: "no rows for study '\(study)' in \(files); studies there: \(studies.joined(separator: ", "))")
        } catch SimulationRequestError.unknownReference(let name, let arms) {
            throw FlagRequestError(description: "--reference '\(name)' is not an arm of study '\(study)': \(arms.joined(separator: ", "))")
        } catch SimulationRequestError.timepointsMismatch(let expected) {
            throw FlagRequestError(description: "--timepoints must list exactly the timepoints of study '\(study)' in \(like): \(expected.joined(separator: ","))")
        }
    }
}
