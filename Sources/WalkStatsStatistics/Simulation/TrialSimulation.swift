import WalkStatsModel

/// Participant-level data simulated to reproduce a study's per-arm summaries: every simulated arm ×
/// timepoint × outcome has the summary's n, and a mean and SD that print as the summary's.
///
/// ```
/// participant i of an arm:  u_i ~ N(0, 1)                          (a stable person effect)
/// value at timepoint t:     z_it = √ρ · u_i + √(1 − ρ) · e_it,      e_it ~ N(0, 1)
///                           → corr(z_is, z_it) = ρ between any two timepoints (or conditions)
/// observed at t:            the first n_t participants of a seeded random order (monotone dropout
///                           when n_t falls over time); the others are written as NA
/// values:                   momentMatchedSample(mean_t, SD_t, printed decimals, scale, z_·t)
/// ```
///
/// *Assumptions* (recorded by the caller in the dataset's metadata): one common correlation ρ between
/// timepoints, outcomes independent of each other, dropout unrelated to the values (missing completely at
/// random), scores rounded as the codebook says, measures without a scale range kept non-negative.
public struct TrialSimulation: Sendable {
    /// One simulated participant-level row.
    public struct Row: Sendable, Equatable {
        /// The simulated participant id (S001, S002, …).
        public let participant: String
        /// The arm (or `within_subject` for a within-subject study).
        public let arm: String
        /// The timepoint (or condition).
        public let timepoint: String
        /// The outcome id.
        public let outcome: String
        /// `nil` when the participant is not observed at that timepoint.
        public let value: Double?
        /// Decimals to write the value with.
        public let decimals: Int
    }

    /// The simulated rows, participant by participant, in timepoint and outcome order.
    public let rows: [Row]
    /// Randomised participants per arm.
    public let participantsPerArm: [(arm: String, count: Int)]

    /// The maximum number of fresh draws tried when a continuous sample falls outside its range.
    public static let maximumRedraws = 50

    /// Simulates participants for `summaries` (one per arm × timepoint × outcome, all of one study).
    ///
    /// - Parameters:
    ///   - timepoints: the order of timepoints (conditions for a within-subject study).
    ///   - scales: the kind of values per outcome (integer scores, range); an outcome without an entry is
    ///     continuous and non-negative.
    ///   - printedDecimals: decimals of each summary's printed mean/SD, by summary key.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when a summary cannot be reproduced (GRIM or
    ///   GRIMMER inconsistent, a range that cannot hold the values, ρ outside [0, 1), n larger than the arm).
    public init(summaries: [ArmSummary], timepoints: [String], scales: [String: ScaleConstraints],
                printedDecimals: [SummaryKey: Int], correlation: Double, seed: UInt64) throws {
        guard correlation >= 0, correlation < 1 else {
            throw StatisticsError.invalidRequest("the correlation between timepoints must lie in [0, 1), got \(correlation)")
        }
        var generator = SeededGenerator(seed: seed)
        let arms = summaries.map(\.arm).uniqueInOrder()
        let outcomes = summaries.map(\.outcome).uniqueInOrder()
        var rows: [Row] = []
        var perArm: [(String, Int)] = []
        var serial = 0
        for arm in arms {
            let armSummaries = summaries.filter { $0.arm == arm }
            let count = armSummaries.map(\.n).max() ?? 0
            perArm.append((arm, count))
            let ids = (0..<count).map { index in String(format: "S%03d", serial + index + 1) }
            serial += count
            var values: [String: [Double?]] = [:]   // "outcome|timepoint" → per participant
            // A seeded order in which participants stop being observed, shared by every outcome: a
            // participant who misses a visit misses it for all outcomes measured with fewer participants.
            let order = (0..<count).map { ($0, generator.nextUniform()) }.sorted { $0.1 < $1.1 }.map(\.0)
            for outcome in outcomes {
                let person = (0..<count).map { _ in generator.nextNormal() }
                for timepoint in timepoints {
                    guard let summary = armSummaries.first(where: { $0.outcome == outcome && $0.timepoint == timepoint }) else { continue }
                    let observed = Array(order.prefix(summary.n))
                    let scale = scales[outcome] ?? ScaleConstraints(range: 0...Double.greatestFiniteMagnitude, integerScores: false)
                    var sample: [Double]? = nil
                    var lastError: Error? = nil
                    for _ in 0..<Self.maximumRedraws {
                        let normals = observed.map { correlation.squareRoot() * person[$0] + (1 - correlation).squareRoot() * generator.nextNormal() }
                        do {
                            sample = try momentMatchedSample(mean: summary.mean, standardDeviation: summary.standardDeviation,
                                                             printedDecimals: printedDecimals[summary.key] ?? 2, scale: scale,
                                                             normals: normals)
                            break
                        } catch {
                            lastError = error
                            if scale.integerScores { break }   // whole-number failures are not a matter of luck
                        }
                    }
                    guard let sample else {
                        throw StatisticsError.invalidRequest("cannot simulate \(summary.key): \(lastError.map { "\($0)" } ?? "no sample")")
                    }
                    var column = [Double?](repeating: nil, count: count)
                    for (position, participant) in observed.enumerated() { column[participant] = sample[position] }
                    values["\(outcome)|\(timepoint)"] = column
                }
            }
            for (index, id) in ids.enumerated() {
                for timepoint in timepoints {
                    for outcome in outcomes {
                        guard let column = values["\(outcome)|\(timepoint)"] else { continue }
                        let key = SummaryKey(study: armSummaries[0].study, arm: arm, timepoint: timepoint, outcome: outcome)
                        let integer = scales[outcome]?.integerScores ?? false
                        rows.append(Row(participant: id, arm: arm, timepoint: timepoint, outcome: outcome, value: column[index],
                                        decimals: integer ? 0 : (printedDecimals[key] ?? 2) + 2))
                    }
                }
            }
        }
        self.rows = rows
        participantsPerArm = perArm
    }
}
