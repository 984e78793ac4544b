/// A randomised participant: an id, the arm, attributes that do not change over time, and the
/// observations by outcome and timepoint.
public struct Participant: Sendable, Equatable {
    /// The participant id as written in the file.
    public let id: String
    /// The name of the arm the participant was randomised to.
    public let arm: String
    /// Participant-level attributes (such as `age`, `sex`, `kl_grade`) by column name; `nil` when missing.
    public let attributes: [String: String?]
    /// Measurements by outcome and timepoint. A key that is absent means no row was given.
    public let observations: [ObservationKey: Observation]

    /// Creates a participant.
    public init(id: String, arm: String, attributes: [String: String?] = [:],
                observations: [ObservationKey: Observation]) {
        self.id = id
        self.arm = arm
        self.attributes = attributes
        self.observations = observations
    }

    /// The observed value of `outcome` at `timepoint`, or `nil` when it is missing or no row was given.
    public func value(of outcome: String, at timepoint: String) -> Double? {
        observations[ObservationKey(outcome: outcome, timepoint: timepoint)]?.value
    }
}
