import WalkStatsModel

/// The words a report uses for a design, so that nothing written for a randomised pre/post trial ("over
/// time", "randomised", "change") appears in the report of conditions measured in the same people.
struct DesignWording: Sendable, Equatable {
    /// The design worded.
    let design: DatasetMetadata.Design

    /// What the `timepoint` column holds, capitalised for a column or an axis: "Timepoint" or "Condition".
    var occasion: String { design == .parallel ? "Timepoint" : "Condition" }

    /// What a group of participants is called, for a column: "Arm" in a parallel or crossover trial,
    /// "Group" when the same people were measured in every condition.
    var group: String { design == .within ? "Group" : "Arm" }

    /// The plural, lower-case: "timepoints" or "conditions".
    var occasions: String { design == .parallel ? "timepoints" : "conditions" }

    /// Who is in the data, such as "66 participants randomised (a 33, b 33)" or "20 participants, each
    /// measured in every condition (within_subject 20)".
    func participants(_ trial: Trial) -> String {
        let groups = trial.arms.map { "\($0.name) \($0.participants.count)" }.joined(separator: ", ")
        switch design {
        case .parallel: return "\(trial.participantCount) participants randomised (\(groups))"
        case .within: return "\(trial.participantCount) participants, each measured in every condition (\(groups))"
        case .crossover: return "\(trial.participantCount) participants, each given both conditions, one per period (\(groups))"
        }
    }

    /// How the per-occasion figures run: "over time" or "across the conditions".
    var across: String { design == .parallel ? "over time" : "across the conditions" }
}
