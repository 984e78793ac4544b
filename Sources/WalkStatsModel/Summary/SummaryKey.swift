/// Names one group of a summary dataset: study, arm (or condition), timepoint and outcome.
public struct SummaryKey: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The study id.
    public let study: String
    /// The arm or condition.
    public let arm: String
    /// The timepoint.
    public let timepoint: String
    /// The outcome id.
    public let outcome: String

    /// Creates a key.
    public init(study: String, arm: String, timepoint: String, outcome: String) {
        self.study = study
        self.arm = arm
        self.timepoint = timepoint
        self.outcome = outcome
    }

    /// The comparison the group belongs to (the key without the arm).
    public var comparison: SummaryComparisonKey {
        SummaryComparisonKey(study: study, timepoint: timepoint, outcome: outcome)
    }

    /// `study / arm / timepoint / outcome`.
    public var description: String { "\(study) / \(arm) / \(timepoint) / \(outcome)" }
}

/// Names one comparison of a summary dataset: the arms (or conditions) of one study measured on one
/// outcome at one timepoint.
public struct SummaryComparisonKey: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The study id.
    public let study: String
    /// The timepoint.
    public let timepoint: String
    /// The outcome id.
    public let outcome: String

    /// Creates a key.
    public init(study: String, timepoint: String, outcome: String) {
        self.study = study
        self.timepoint = timepoint
        self.outcome = outcome
    }

    /// `study / timepoint / outcome`.
    public var description: String { "\(study) / \(timepoint) / \(outcome)" }
}
