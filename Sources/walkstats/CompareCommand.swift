import ArgumentParser
import WalkStats

/// `walkstats compare FILE --outcome ID`: change within arms (paired t) and between arms (Welch, Student).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Change within arms and the difference between two arms: t, rank and ANCOVA tests, effect sizes, checks.")

    @OptionGroup var input: InputOptions
    @Option(help: "Outcome id to compare, e.g. pain_nrs.") var outcome: String
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let trial = try input.loadTrial(design: comparison.design)
        let metadata = try input.loadMetadata()
        let codebook = try input.loadCodebook()
        let request = comparison.request(outcomes: [outcome], metadata: metadata, codebook: codebook)
        let results = try FlagRequestError.mapping { try TrialAnalysis.run(request, on: trial) }
        let report = ComparisonReport(result: results[0], codebook: codebook, reading: trial.readingNotes)
        try output.emit(report.render(output.format, context: input.reportContext(metadata: metadata)), inputs: input.inputPaths)
    }
}
