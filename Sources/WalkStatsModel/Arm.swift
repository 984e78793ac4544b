/// A trial arm (such as `backward` or `forward`) with its randomised participants in file order.
public struct Arm: Sendable, Equatable {
    /// The arm's name as written in the file.
    public let name: String
    /// The participants randomised to the arm, in order of first appearance.
    public let participants: [Participant]

    /// Creates an arm.
    public init(name: String, participants: [Participant]) {
        self.name = name
        self.participants = participants
    }

    /// The observed values of `outcome` at `timepoint`, in participant order; missing values are left out.
    public func observedValues(of outcome: String, at timepoint: String) -> [Double] {
        participants.compactMap { $0.value(of: outcome, at: timepoint) }
    }

    /// The participants measured at both timepoints, as aligned `from` and `to` values.
    public func pairedValues(of outcome: String, from: String, to: String) -> PairedValues {
        var fromValues: [Double] = []
        var toValues: [Double] = []
        for participant in participants {
            if let before = participant.value(of: outcome, at: from),
               let after = participant.value(of: outcome, at: to) {
                fromValues.append(before)
                toValues.append(after)
            }
        }
        return PairedValues(from: fromValues, to: toValues, randomised: participants.count)
    }
}
