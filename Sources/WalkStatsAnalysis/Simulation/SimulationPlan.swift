import WalkStatsModel
import WalkStatsStatistics

/// What `simulate` is asked for: which study of a summary file to imitate, the seed and the correlation.
public struct SimulationRequest: Sendable, Equatable {
    /// The study id.
    public var study: String
    /// Where the printed summaries came from (recorded in the metadata).
    public var like: String
    /// The seed of the random generator.
    public var seed: UInt64
    /// The correlation between a participant's values at different timepoints or conditions.
    public var correlation: Double
    /// The timepoint order; `nil` is the order of first appearance, assumptions first.
    public var timepoints: [String]?
    /// The reference (comparator) arm to record in the metadata, if one is named.
    public var reference: String?

    /// Creates a request.
    public init(study: String, like: String, seed: UInt64, correlation: Double = 0.5, reference: String? = nil,
                timepoints: [String]? = nil) {
        self.study = study
        self.like = like
        self.seed = seed
        self.correlation = correlation
        self.reference = reference
        self.timepoints = timepoints
    }
}

/// Why a simulation request cannot be planned; the messages describe the data, the command line names
/// the flags.
public enum SimulationRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither the printed nor the assumed summaries have rows for the study.
    case noRows(study: String)
    /// The timepoint order given does not list exactly the study's timepoints.
    case timepointsMismatch(expected: [String])
    /// The reference arm named is not an arm of the study.
    case unknownReference(String, arms: [String])

    public var description: String {
        switch self {
        case let .noRows(study): return "no rows for study '\(study)'"
        case let .unknownReference(name, arms):
            return "the reference arm '\(name)' is not an arm of the study: \(arms.joined(separator: ", "))"
        case let .timepointsMismatch(expected):
            return "the timepoint order must list exactly the timepoints of the study: \(expected.joined(separator: ","))"
        }
    }
}

/// A simulated dataset and everything its metadata records: the study, design, seed, correlation, the
/// timepoint order, which summaries were printed and which assumed, and the simulated rows.
///
/// Plans the simulation (which summaries, in which order, at which printed precision and within which
/// scale) and runs ``TrialSimulation``. What a paper prints wins over an assumption for the same arm ×
/// timepoint × outcome. The conditions of a within-subject study become the "timepoints" of one group
/// named `within_subject`.
public struct SimulatedDataset: Sendable {
    /// The request.
    public let request: SimulationRequest
    /// The study's design (parallel unless its study sheet says otherwise).
    public let design: StudyDesign
    /// The timepoint (condition) order used.
    public let timepoints: [String]
    /// The summaries the study prints.
    public let printed: [ArmSummary]
    /// The assumed summaries used for what the study does not print.
    public let assumed: [ArmSummary]
    /// The simulation.
    public let simulation: TrialSimulation

    /// The assumptions every simulated dataset rests on, recorded in its metadata.
    public var assumptions: [String] {
        [
            "values at different timepoints (or conditions) of a participant correlate with rho = \(request.correlation); outcomes are independent",
            "participants missing at a timepoint drop out completely at random (monotone: the same order at every timepoint)",
            "scores are whole numbers within the codebook's range where it says so; other measures are non-negative",
            "means and SDs of the simulated values print as the summaries' (same decimals); the summaries marked 'assumed' are not printed by the study",
        ]
    }

    /// Simulates `request.study` from `printed` summaries, filling gaps from `assumed` ones, with scales
    /// from `codebook`.
    /// - Throws: ``SimulationRequestError``; ``StatisticsError`` when a summary cannot be reproduced.
    public init(printed: SummaryDataset, assumed: SummaryDataset?, codebook: Codebook, request: SimulationRequest) throws {
        let printedRows = printed.summaries(study: request.study)
        let printedKeys = Set(printedRows.map(\.key))
        let assumedRows = (assumed?.summaries(study: request.study) ?? []).filter { !printedKeys.contains($0.key) }
        guard !(printedRows + assumedRows).isEmpty else { throw SimulationRequestError.noRows(study: request.study) }
        let design = printed.study(request.study)?.design ?? .parallel
        if let reference = request.reference {
            let arms = (printedRows + assumedRows).map(\.arm).uniqueInOrder()
            guard arms.contains(reference) else { throw SimulationRequestError.unknownReference(reference, arms: arms) }
        }
        var rows = assumedRows + printedRows
        if design == .withinSubject {
            rows = rows.map { ArmSummary(study: $0.study, arm: "within_subject", timepoint: $0.arm, outcome: $0.outcome, n: $0.n,
                                         mean: $0.mean, standardDeviation: $0.standardDeviation, unit: $0.unit, source: $0.source,
                                         meanProvenance: $0.meanProvenance, standardDeviationProvenance: $0.standardDeviationProvenance,
                                         reported: $0.reported) }
        }
        var order = rows.map(\.timepoint).uniqueInOrder()
        if let given = request.timepoints {
            guard Set(given) == Set(order), given.count == order.count else {
                throw SimulationRequestError.timepointsMismatch(expected: order)
            }
            order = given
        }
        var scales: [String: ScaleConstraints] = [:]
        for outcome in Set(rows.map(\.outcome)) {
            let definition = codebook.definition(of: outcome)
            scales[outcome] = ScaleConstraints(range: definition?.scaleRange ?? 0...Double.greatestFiniteMagnitude,
                                               integerScores: definition?.integerScores ?? false)
        }
        var decimals: [SummaryKey: Int] = [:]
        for row in rows {
            let texts = [row.reported?.printedMean, row.reported?.printedStandardDeviation].compactMap { $0 }
            decimals[row.key] = texts.map { $0.split(separator: ".").count == 2 ? $0.split(separator: ".")[1].count : 0 }.max() ?? 2
        }
        simulation = try TrialSimulation(summaries: rows, timepoints: order, scales: scales, printedDecimals: decimals,
                                         correlation: request.correlation, seed: request.seed)
        self.request = request
        self.design = design
        timepoints = order
        self.printed = printedRows
        self.assumed = assumedRows
    }
}
