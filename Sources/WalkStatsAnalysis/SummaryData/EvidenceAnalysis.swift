import WalkStatsModel
import WalkStatsStatistics

/// Every study of a summary dataset replicated from its printed numbers, beside the printed results of
/// sources that are not trials in the dataset (the pooled effects meta-analyses print).
public struct EvidenceAnalysis: Sendable {
    /// One replication per study, in the dataset's order.
    public let replications: [StudyReplication]
    /// Printed results of sources that are not trials in the summary data (meta-analyses).
    public let pooledPrinted: [PrintedResult]
    /// For every source (trial or meta-analysis), which of its outcomes measure pain and which function.
    public let painBesideFunction: [SourceDomains]

    /// Replicates every study of `dataset`, checking it against `printed`.
    /// - Throws: ``StatisticsError`` if a study's replication fails.
    public init(dataset: SummaryDataset, printed: [PrintedResult], codebook: Codebook) throws {
        let trials = Set(dataset.studyIDs)
        replications = try dataset.studyIDs.map {
            try StudyReplication(study: $0, dataset: dataset, printed: printed, codebook: codebook)
        }
        pooledPrinted = printed.filter { !trials.contains($0.study) }
        var sources: [String] = []
        for study in dataset.studyIDs + printed.map(\.study) where !sources.contains(study) { sources.append(study) }
        painBesideFunction = sources.map { study in
            var outcomes: [(String, OutcomeDomain)] = dataset.studyIDs.contains(study)
                ? Set(dataset.summaries.filter { $0.study == study }.map(\.outcome)).sorted().map { ($0, codebook.definition(of: $0)?.domain ?? .other) }
                : []
            for result in printed where result.study == study && !outcomes.contains(where: { $0.0 == result.outcome }) {
                outcomes.append((result.outcome, result.domain ?? codebook.definition(of: result.outcome)?.domain ?? .other))
            }
            return SourceDomains(source: study, outcomes: outcomes)
        }
    }
}

/// A source's outcomes by domain, and what they can say about pain beside function.
public struct SourceDomains: Sendable, Equatable {
    /// The trial or meta-analysis.
    public let source: String
    /// Its outcomes with their domains, in order (recomputed outcomes first, then printed ones).
    public let outcomes: [(outcome: String, domain: OutcomeDomain)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.source == rhs.source && lhs.outcomes.map(\.outcome) == rhs.outcomes.map(\.outcome)
            && lhs.outcomes.map(\.domain) == rhs.outcomes.map(\.domain)
    }

    /// The outcomes of `domain`.
    public func outcomes(_ domain: OutcomeDomain) -> [String] { outcomes.filter { $0.domain == domain }.map(\.outcome) }

    /// What the source can say: pain and function both measured, pain only (relief without evidence of
    /// recovery), function only, or neither.
    public var reading: String {
        switch (!outcomes(.pain).isEmpty, !outcomes(.function).isEmpty) {
        case (true, true): return "pain and function both measured: set them side by side before calling the programme a recovery"
        case (true, false):
            return "pain only" + (outcomes(.other).isEmpty ? "" : " (beside composite or other outcomes)")
                + ": pain relief alone does not show that function recovered"
        case (false, true): return "function without pain"
        case (false, false): return "neither pain nor function"
        }
    }
}
