import ArgumentParser
import WalkStats

/// The `walkstats` command line: describe, compare and report on long-format trial data.
@main
struct WalkStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walkstats",
        abstract: "Statistics for backward vs forward walking trials, checked against R.",
        discussion: """
        Input is a long-format CSV: participant,arm,timepoint,outcome,value (+ extra columns), or a wide sheet \
        with --layout wide (convert writes either as the long CSV). \
        Exit status: 0 on success, 1 when the data or a request cannot be analysed, 64 for bad flags.
        """,
        subcommands: [DescribeCommand.self, CompareCommand.self, ReportCommand.self, ReplicateCommand.self, MetaCommand.self, EvidenceCommand.self, SimulateCommand.self, ConvertCommand.self])

    /// `--version`: a flag rather than the configuration's static version string, so that the commit is
    /// looked up (with git) only when asked for.
    @Flag(help: "Print the WalkStats version, the git commit of the checkout holding this executable (when there is one) and the GSL version.")
    var version = false

    /// Switches GSL's aborting error handler off before anything else runs.
    static func main() {
        GSLRuntime.prepare()
        main(nil)
    }

    /// Prints the versions with `--version`; without a subcommand, the help.
    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(VersionText.current())
    }
}
