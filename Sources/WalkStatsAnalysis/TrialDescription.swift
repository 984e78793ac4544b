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
    }

    /// Cells ordered by outcome, then arm, then timepoint (each in the trial's order).
    public let cells: [Cell]

    /// Describes `trial`; `missing` counts randomised participants without a value in a cell.
    /// - Throws: ``StatisticsError`` only for an invalid confidence level (imported data are finite).
    public init(trial: Trial, confidenceLevel: Double = 0.95) throws {
        var cells: [Cell] = []
        for outcome in trial.outcomes {
            for arm in trial.arms {
                for timepoint in trial.timepoints {
                    let values = arm.observedValues(of: outcome, at: timepoint)
                    cells.append(Cell(outcome: outcome, arm: arm.name, timepoint: timepoint,
                                      randomised: arm.participants.count,
                                      descriptives: try Descriptives(values, missing: arm.participants.count - values.count,
                                                                     confidenceLevel: confidenceLevel)))
                }
            }
        }
        self.cells = cells
    }

    /// The cells of one outcome.
    public func cells(of outcome: String) -> [Cell] {
        cells.filter { $0.outcome == outcome }
    }
}
