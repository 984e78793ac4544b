import ArgumentParser
import WalkStats

/// `walkstats compare FILE --outcome ID`: change within arms (paired t) and between arms (Welch, Student).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Paired t-tests of change within arms and Welch/Student t-tests between arms.")

    @OptionGroup var input: InputOptions
    @Option(help: "Outcome id to compare, e.g. pain_nrs.") var outcome: String
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let trial = try input.loadTrial()
        let result = try OutcomeComparison(trial: trial, outcome: outcome, from: comparison.from, to: comparison.to,
                                           arms: comparison.armList)
        let report = ComparisonReport(comparison: result, codebook: try input.loadCodebook())
        try output.emit(report.render(output.format), inputs: input.inputPaths)
    }
}
