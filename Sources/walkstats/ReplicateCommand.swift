import ArgumentParser
import WalkStats

/// `walkstats replicate FILE --study ID`: recompute a study's tests from its printed numbers and check them.
struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Recompute a study's tests from its printed n, means and SDs, and check the printed numbers (GRIM, GRIMMER, p-values).")

    @OptionGroup var input: SummaryInputOptions
    @Option(help: "The study id, e.g. chen2021.") var study: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let codebook = try input.loadCodebook()
        let replication = try StudyReplication(study: study, dataset: input.loadDataset(codebook: codebook),
                                               printed: input.loadPrinted(), codebook: codebook)
        try output.emit(ReplicationReport(replication: replication, codebook: codebook).render(output.format, context: input.reportContext()),
                        inputs: input.inputPaths)
    }
}
