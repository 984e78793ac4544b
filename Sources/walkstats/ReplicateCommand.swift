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
        let dataset = try input.loadDataset(codebook: codebook)
        let replication: StudyReplication
        do {
            replication = try StudyReplication(study: study, dataset: dataset, printed: input.loadPrinted(), codebook: codebook)
        } catch StatisticsError.unknownName(kind: "study", let name, let available) {
            // The study is not in the file: a data error (exit 1) naming the file and the studies it has.
            throw FlagRequestError(description: "--study '\(name)' is not in \(input.file); studies there: \(available.joined(separator: ", "))")
        }
        try output.emit(ReplicationReport(replication: replication, codebook: codebook).render(output.format, context: input.reportContext()),
                        inputs: input.inputPaths)
    }
}
