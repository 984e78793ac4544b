import ArgumentParser
import Foundation
import WalkStats

/// `walkstats convert FILE --output long.csv`: any participant file WalkStats reads, written as the tidy long CSV.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a participant file (long or wide) as the tidy long CSV that R, pandas and the notebooks read.",
        discussion: """
        Columns: participant,arm,timepoint,outcome,value, then the attribute columns. Rows: participants in file order, \
        timepoints in the trial's order, outcomes in file order. Values are written as read, in their shortest form \
        (1.10 becomes 1.1); missing values as NA.
        """)

    @OptionGroup var input: InputOptions

    @Option(help: "Write the long CSV to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let text = LongCSVWriter(try input.loadTrial()).csv
        if let output {
            try AtomicFileWriter.write(text, to: output, protectedInputs: input.inputPaths)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
