/// One observation of outcome data: a participant's value of one outcome at one timepoint.
public struct Observation: Sendable, Equatable {
    /// The value, or `nil` when the file marked it missing (empty, `NA` or `NaN`).
    public let value: Double?
    /// Observation-level attributes from extra columns (such as `unit`), by column name.
    public let attributes: [String: String]
    /// The 1-based line of the file where the row starts, for messages.
    public let line: Int

    /// Creates a measurement.
    public init(value: Double?, attributes: [String: String] = [:], line: Int = 0) {
        self.value = value
        self.attributes = attributes
        self.line = line
    }
}

/// Where a measurement sits in a participant's record: which outcome at which timepoint.
public struct ObservationKey: Hashable, Sendable {
    /// The outcome id, such as `pain_nrs`.
    public let outcome: String
    /// The timepoint name, such as `baseline`.
    public let timepoint: String

    /// Creates a key.
    public init(outcome: String, timepoint: String) {
        self.outcome = outcome
        self.timepoint = timepoint
    }
}
