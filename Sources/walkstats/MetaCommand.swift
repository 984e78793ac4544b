import ArgumentParser
import Foundation
import WalkStats

/// `walkstats meta FILE --outcome ID --arms A,B --measure MD|SMD`: pool the studies' printed numbers.
struct MetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meta",
        abstract: "Pool studies' printed summaries (A − B): MD or SMD, fixed or random effects, heterogeneity, forest and funnel plots.")

    @OptionGroup var input: SummaryInputOptions
    @Option(help: "Outcome id to pool, e.g. pain_nrs.") var outcome: String
    @Option(help: "Two arms A,B as the summary file names them; effects are A − B.") var arms: String
    @Option(help: "Timepoint to pool (default: each study's last printed timepoint).") var timepoint: String?
    @Option(help: "MD (mean difference) or SMD (Hedges' g).") var measure: EffectMeasure
    @Option(help: "REML (default, as metafor), DL, PM or FE.") var method: HeterogeneityEstimator = .reml
    @Flag(help: "Hartung–Knapp–Sidik–Jonkman: t-based inference with the adjusted standard error.") var hksj = false
    @OptionGroup var output: OutputOptions
    @Option(help: "Also write the forest and funnel plots (SVG) into this folder next to --output; the Markdown links them.")
    var figures: String?

    func validate() throws {
        let names = arms.split(separator: ",", omittingEmptySubsequences: false)
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty, names[0] != names[1] else {
            throw ValidationError("--arms takes two different arm names separated by a comma, such as backward,forward")
        }
        if figures != nil, output.output == nil { throw ValidationError("--figures needs --output: figures are written next to the report") }
    }

    func run() throws {
        let codebook = try input.loadCodebook()
        let names = arms.split(separator: ",").map(String.init)
        let analysis = try SummaryMetaAnalysis(dataset: input.loadDataset(codebook: codebook), outcome: outcome,
                                               contrast: ArmContrast(arm: names[0], reference: names[1]), timepoint: timepoint, measure: measure, method: method, hksj: hksj)
        let report = MetaAnalysisReport(analysis: analysis, codebook: codebook)
        if let figures, let destination = output.output {
            try FigureOutput.write(report.figures, folder: figures, nextTo: destination, inputs: input.inputPaths)
        }
        try output.emit(report.render(output.format, figureFolder: figures, context: input.reportContext()), inputs: input.inputPaths)
    }
}
