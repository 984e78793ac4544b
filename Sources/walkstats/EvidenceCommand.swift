import ArgumentParser
import Foundation
import WalkStats

/// `walkstats evidence FILE`: every study recomputed, printed pooled effects beside them, and the
/// written interpretation.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "What can and cannot be concluded: every study recomputed, printed pooled effects beside them (Markdown).")

    @OptionGroup var input: SummaryInputOptions
    @Option(help: "Markdown written by people to show as the interpretation; default: interpretation.md next to FILE when present.")
    var interpretation: String?
    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?
    @Option(help: "Also write the forest plot (SVG) into this folder next to --output; the Markdown links it.")
    var figures: String?

    func validate() throws {
        if figures != nil, output == nil { throw ValidationError("--figures needs --output: figures are written next to the report") }
    }

    func run() throws {
        let codebook = try input.loadCodebook()
        let folder = (input.file as NSString).deletingLastPathComponent
        let interpretationPath = interpretation ?? (folder.isEmpty ? "interpretation.md" : folder + "/interpretation.md")
        let text: String?
        if FileManager.default.fileExists(atPath: interpretationPath) {
            guard let data = FileManager.default.contents(atPath: interpretationPath), let decoded = String(data: data, encoding: .utf8) else {
                throw FlagRequestError(description: "\(interpretationPath): cannot be read as UTF-8 text")
            }
            text = decoded
        } else {
            guard interpretation == nil else { throw FlagRequestError(description: "\(interpretationPath): no such file; expected the Markdown given with --interpretation") }
            text = nil
        }
        let analysis = try EvidenceAnalysis(dataset: input.loadDataset(codebook: codebook), printed: input.loadPrinted(),
                                            codebook: codebook)
        let report = EvidenceReport(analysis: analysis, codebook: codebook, interpretation: text)
        let inputs = input.inputPaths + [interpretationPath]
        if let figures, let output {
            try FigureOutput.write(report.figures, folder: figures, nextTo: output, inputs: inputs)
        }
        let markdown = report.render(figureFolder: figures, context: try input.reportContext(
            extraInputs: text == nil ? [] : [("interpretation", interpretationPath)]))
        if let output {
            try AtomicFileWriter.write(markdown, to: output, protectedInputs: inputs)
        } else {
            FileHandle.standardOutput.write(Data(markdown.utf8))
        }
    }
}
