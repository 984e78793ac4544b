import ArgumentParser
import WalkStats

/// The `walkstats` command line: describe, compare and report on long-format trial data.
@main
struct WalkStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkstats",
        abstract: "Statistics for backward vs forward walking trials, checked against R.",
        discussion: """
        Input is a long-format CSV: participant,arm,timepoint,outcome,value (+ extra columns). \
        Exit status: 0 on success, 1 when the data or a request cannot be analysed, 64 for bad flags.
        """,
        subcommands: [DescribeCommand.self, CompareCommand.self, ReportCommand.self, ReplicateCommand.self, MetaCommand.self, EvidenceCommand.self, SimulateCommand.self])

    /// Switches GSL's aborting error handler off before anything else runs.
    static func main() {
        GSLRuntime.prepare()
        main(nil)
    }
}
