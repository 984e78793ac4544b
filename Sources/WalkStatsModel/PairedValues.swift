/// Values of one outcome at two timepoints for the participants of an arm measured at both.
public struct PairedValues: Sendable, Equatable {
    /// Values at the earlier timepoint, aligned with ``to``.
    public let from: [Double]
    /// Values at the later timepoint, aligned with ``from``.
    public let to: [Double]
    /// How many participants were randomised to the arm.
    public let randomised: Int

    /// Creates aligned pairs; `from` and `to` must have equal length.
    public init(from: [Double], to: [Double], randomised: Int) {
        precondition(from.count == to.count, "paired values must be aligned")
        self.from = from
        self.to = to
        self.randomised = randomised
    }

    /// The number of participants with both values.
    public var count: Int { from.count }
    /// Randomised participants lacking at least one of the two values.
    public var missing: Int { randomised - count }
    /// Change scores, `to − from`, per participant.
    public var changes: [Double] { zip(to, from).map { $0 - $1 } }
}
