import ArgumentParser
import Foundation
import WalkStats

/// `walkstats report FILE`: every outcome's descriptives, within-arm and between-arm tables, and figures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The full report: descriptives, change within arms and between arms, per outcome, with figures.")

    @OptionGroup var input: InputOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Also write SVG figures into this folder next to --output (a name such as sample-trial-figures); the Markdown links them.")
    var figures: String?

    func validate() throws {
        if let figures {
            guard output.output != nil else { throw ValidationError("--figures needs --output: figures are written next to the report") }
            guard !figures.isEmpty, !figures.hasPrefix("/"), !figures.split(separator: "/").contains("..") else {
                throw ValidationError("--figures takes a folder name relative to the report, such as sample-trial-figures")
            }
        }
    }

    func run() throws {
        let trial = try input.loadTrial(design: comparison.design)
        let metadata = try input.loadMetadata()
        let codebook = try input.loadCodebook()
        let analysis = try FlagRequestError.mapping {
            try TrialAnalysis(trial: trial, request: comparison.request(metadata: metadata, codebook: codebook))
        }
        let report = TrialReport(analysis: analysis, codebook: codebook)
        let text = report.render(output.format, figureFolder: figures, context: try input.reportContext(metadata: metadata))
        if let figures, let destination = output.output {
            try FigureOutput.write(report.figures, folder: figures, nextTo: destination, inputs: input.inputPaths)
        }
        try output.emit(text, inputs: input.inputPaths)
    }
}
