import ArgumentParser
import WalkStats

/// `walkstats report FILE`: every outcome's descriptives, within-arm and between-arm tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The full report: descriptives, change within arms and between arms, per outcome.")

    @OptionGroup var input: InputOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try TrialReport(trial: input.loadTrial(), codebook: input.loadCodebook(), from: comparison.from,
                                     to: comparison.to, arms: comparison.armList, covariates: comparison.covariateList,
                                     adjustment: comparison.adjust)
        try output.emit(report.render(output.format), inputs: input.inputPaths)
    }
}
