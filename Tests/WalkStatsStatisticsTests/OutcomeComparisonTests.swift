import Testing
import WalkStats

/// Requests that cannot be answered are errors that name what is available.
struct OutcomeComparisonTests {
    static let trial = Trial(
        source: "inline", arms: [
            Arm(name: "a", participants: [participant("1", "a", 5, 3), participant("2", "a", 6, 3), participant("3", "a", 7, 5)]),
            Arm(name: "b", participants: [participant("4", "b", 5, 5), participant("5", "b", 6, 4)]),
            Arm(name: "c", participants: [participant("6", "c", 5, 5)]),
        ], timepoints: ["pre", "post"], outcomes: ["pain"])

    static func participant(_ id: String, _ arm: String, _ pre: Double, _ post: Double) -> Participant {
        Participant(id: id, arm: arm, observations: [
            ObservationKey(outcome: "pain", timepoint: "pre"): Observation(value: pre),
            ObservationKey(outcome: "pain", timepoint: "post"): Observation(value: post),
        ])
    }

    @Test func moreThanTwoArmsNeedAChoice() {
        #expect(throws: StatisticsError.self) { try OutcomeComparison(trial: Self.trial, outcome: "pain") }
    }

    @Test func unknownNamesListWhatExists() {
        #expect(throws: StatisticsError.unknownName(kind: "outcome", name: "womac", available: ["pain"])) {
            try OutcomeComparison(trial: Self.trial, outcome: "womac", arms: ["a", "b"])
        }
        #expect(throws: StatisticsError.unknownName(kind: "arm", name: "x", available: ["a", "b", "c"])) {
            try OutcomeComparison(trial: Self.trial, outcome: "pain", arms: ["a", "x"])
        }
        #expect(throws: StatisticsError.unknownName(kind: "timepoint", name: "week9", available: ["pre", "post"])) {
            try OutcomeComparison(trial: Self.trial, outcome: "pain", to: "week9", arms: ["a", "b"])
        }
    }

    @Test func sameTimepointTwiceIsRejected() {
        #expect(throws: StatisticsError.self) {
            try OutcomeComparison(trial: Self.trial, outcome: "pain", from: "pre", to: "pre", arms: ["a", "b"])
        }
    }

    /// Arm c has one participant: its paired test cannot run, and that is said, not dropped.
    @Test func testsThatCannotRunBecomeNotes() throws {
        let comparison = try OutcomeComparison(trial: Self.trial, outcome: "pain", arms: ["a", "c"])
        #expect(comparison.within[1].tests.isEmpty)
        #expect(comparison.notes.contains("paired_t (c) not computed: needs at least 2 pairs, found 1"))
        #expect(comparison.notes.contains("welch_t (a vs c) not computed: needs at least 2 values in the second sample, found 1"))
        #expect(comparison.notes.contains { $0.hasPrefix("ancova (a vs c) not computed:") })
        #expect(comparison.between?.tests.map(\.name) == [.studentT, .mannWhitney])
    }
}
