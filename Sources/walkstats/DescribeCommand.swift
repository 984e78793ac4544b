import ArgumentParser
import WalkStats

/// `walkstats describe FILE`: descriptives per outcome × arm × timepoint.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Descriptive statistics per arm, timepoint and outcome, with missing counts.")

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let trial = try input.loadTrial()
        let metadata = try input.loadMetadata()
        let report = DescriptivesReport(trial: trial, description: try TrialDescription(trial: trial), codebook: try input.loadCodebook(),
                                        design: metadata?.design ?? .parallel)
        try output.emit(report.render(output.format, context: input.reportContext(metadata: metadata)), inputs: input.inputPaths)
    }
}
