import WalkStatsModel

/// How many participants each arm randomised and how many were measured at each visit — the numbers a
/// CONSORT flow diagram needs (Schulz, Altman, Moher 2010, item 13). A participant counts as measured at a
/// visit when any outcome has a value there; each analysis states separately how many it used.
public struct ParticipantFlow: Sendable, Equatable {
    /// The arms, in the report's order.
    public let arms: [String]
    /// Participants randomised per arm.
    public let randomised: [Int]
    /// The visits, in time order.
    public let visits: [String]
    /// `measured[v][a]`: participants of arm `a` measured at visit `v`.
    public let measured: [[Int]]
    /// `measuredEveryVisit[a]`: participants of arm `a` measured (any outcome) at every visit.
    public let measuredEveryVisit: [Int]

    /// The flow of `trial` for `arms` (default every arm in sorted order).
    public init(trial: Trial, arms: [String]? = nil) {
        let selected = (arms ?? trial.arms.map(\.name).sorted { $0.precedesByCodePoint($1) }).compactMap { trial.arm(named: $0) }
        self.arms = selected.map(\.name)
        randomised = selected.map(\.participants.count)
        visits = trial.timepoints
        func isMeasured(_ participant: Participant, at visit: String) -> Bool {
            trial.outcomes.contains { participant.value(of: $0, at: visit) != nil }
        }
        measured = trial.timepoints.map { visit in selected.map { arm in arm.participants.filter { isMeasured($0, at: visit) }.count } }
        measuredEveryVisit = selected.map { arm in
            arm.participants.filter { participant in trial.timepoints.allSatisfy { isMeasured(participant, at: $0) } }.count
        }
    }
}
