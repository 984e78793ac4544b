import Dispatch
import WalkStatsStatistics
import WalkStatsModel

/// Descriptives of every outcome × arm × timepoint cell of a trial.
public struct TrialDescription: Sendable {
    /// One cell's descriptives.
    public struct Cell: Sendable, Equatable {
        /// The outcome id.
        public let outcome: String
        /// The arm name.
        public let arm: String
        /// The timepoint.
        public let timepoint: String
        /// Participants randomised to the arm.
        public let randomised: Int
        /// The statistics.
        public let descriptives: Descriptives
        /// The decimals the cell's observed values were recorded with (the most any has, at most 4;
        /// ``recordedDecimals(_:limit:)``), `nil` when it has none.
        public let recordedDecimals: Int?
    }

    /// Cells ordered by outcome, then arm, then timepoint (each in the trial's order).
    public let cells: [Cell]

    /// Describes `trial`; `missing` counts randomised participants without a value in a cell. Cells are
    /// computed on every core (each is independent; the order of ``cells`` does not depend on it).
    /// - Throws: ``StatisticsError`` only for an invalid confidence level (imported data are finite).
    public init(trial: Trial, confidenceLevel: Double = 0.95) throws {
        let keys = trial.outcomes.flatMap { outcome in
            trial.arms.indices.flatMap { arm in trial.timepoints.map { (outcome: outcome, arm: arm, timepoint: $0) } }
        }
        var results = [Result<Cell, Error>?](repeating: nil, count: keys.count)
        let arms = trial.arms
        // Each arm's values of every cell, in one pass over its participants.
        var gathered = [(layout: ObservationLayout, values: [[Double]])?](repeating: nil, count: arms.count)
        gathered.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: arms.count) { index in buffer[index] = arms[index].observedValuesByCell() }
        }
        let armValues = gathered
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: keys.count) { index in
                let key = keys[index], arm = arms[key.arm]
                buffer[index] = Result {
                    let values: [Double]
                    if let (layout, byCell) = armValues[key.arm] {
                        values = layout.cell(outcome: key.outcome, timepoint: key.timepoint).map { byCell[$0] } ?? []
                    } else {
                        values = arm.observedValues(of: key.outcome, at: key.timepoint)
                    }
                    return Cell(outcome: key.outcome, arm: arm.name, timepoint: key.timepoint, randomised: arm.participants.count,
                                descriptives: try Descriptives(values, missing: arm.participants.count - values.count,
                                                               confidenceLevel: confidenceLevel),
                                recordedDecimals: WalkStatsModel.recordedDecimals(mostOf: values))
                }
            }
        }
        cells = try results.map { try $0!.get() }
    }

    /// The decimals `outcome`'s observed values were recorded with, over every cell (as
    /// ``Trial/recordedDecimals(of:)``, computed with the cells), `nil` when it has no observed value.
    public func recordedDecimals(of outcome: String) -> Int? {
        cells.filter { $0.outcome == outcome }.compactMap(\.recordedDecimals).max()
    }

    /// The cells of one outcome.
    public func cells(of outcome: String) -> [Cell] {
        cells.filter { $0.outcome == outcome }
    }
}
