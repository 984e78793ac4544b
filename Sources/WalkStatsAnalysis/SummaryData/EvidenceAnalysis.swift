import WalkStatsModel
import WalkStatsStatistics

/// Every study of a summary dataset replicated from its printed numbers, beside the printed results of
/// sources that are not trials in the dataset (the pooled effects meta-analyses print).
public struct EvidenceAnalysis: Sendable {
    /// One replication per study, in the dataset's order.
    public let replications: [StudyReplication]
    /// Printed results of sources that are not trials in the summary data (meta-analyses).
    public let pooledPrinted: [PrintedResult]

    /// Replicates every study of `dataset`, checking it against `printed`.
    /// - Throws: ``StatisticsError`` if a study's replication fails.
    public init(dataset: SummaryDataset, printed: [PrintedResult], codebook: Codebook) throws {
        let trials = Set(dataset.studyIDs)
        replications = try dataset.studyIDs.map {
            try StudyReplication(study: $0, dataset: dataset, printed: printed, codebook: codebook)
        }
        pooledPrinted = printed.filter { !trials.contains($0.study) }
    }
}
