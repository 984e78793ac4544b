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
        let trial = try input.loadTrial()
        let plan = try FlagRequestError.mapping { try PrePostPlan(trial: trial, request: comparison.request(outcomes: [outcome], metadata: input.loadMetadata())) }
        let report = ComparisonReport(result: try plan.run(on: trial)[0], codebook: try input.loadCodebook())
        try output.emit(report.render(output.format), inputs: input.inputPaths)
    }
}
