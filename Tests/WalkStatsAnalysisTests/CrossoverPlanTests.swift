import Testing
import WalkStats

/// A 2×2 crossover read from a participant file: the period from the `period` column, the sequence from
/// the data (checked against a `sequence` column), complete cases, and an error naming the line for data
/// that are not a crossover. The numbers themselves are checked against R through the command line
/// (`CrossoverCommandTests`) and in Statistics (`CrossoverAnalysisTests`).
struct CrossoverPlanTests {
    /// One row of a crossover: participant, sequence label, condition, period, value.
    typealias Row = (id: String, sequence: String?, condition: String, period: String?, value: Double?)

    static func trial(_ rows: [Row], sequenceColumn: Bool = true, timepoints: [String] = ["B", "A"]) -> Trial {
        var participants: [String: Participant] = [:]
        var order: [String] = []
        for (line, row) in rows.enumerated() {
            let existing = participants[row.id]
            if existing == nil { order.append(row.id) }
            var observations = existing?.observations ?? [:]
            observations[ObservationKey(outcome: "y", timepoint: row.condition)] =
                Observation(value: row.value, attributes: row.period.map { ["period": $0] } ?? ["period": ""], line: line + 2)
            participants[row.id] = Participant(id: row.id, arm: "group",
                                               attributes: sequenceColumn ? ["sequence": row.sequence] : [:],
                                               observations: observations)
        }
        return Trial(source: "inline", arms: [Arm(name: "group", participants: order.map { participants[$0]! })],
                     timepoints: timepoints, outcomes: ["y"], participantAttributeNames: sequenceColumn ? ["sequence"] : [],
                     measurementAttributeNames: ["period"])
    }

    /// Two participants per sequence, and participant 5 (AB) measured in period 1 only.
    static let rows: [Row] = [
        ("1", "AB", "A", "1", 10), ("1", "AB", "B", "2", 7),
        ("2", "AB", "A", "1", 12), ("2", "AB", "B", "2", 8),
        ("3", "BA", "B", "1", 6), ("3", "BA", "A", "2", 9),
        ("4", "BA", "B", "1", 5), ("4", "BA", "A", "2", 11),
        ("5", "AB", "A", "1", 9), ("5", "AB", "B", "2", nil),
    ]

    static func run(_ trial: Trial, _ request: AnalysisRequest = AnalysisRequest(design: .crossover)) throws -> OutcomeResult {
        try TrialAnalysis.run(request, on: trial)[0]
    }

    @Test func treatmentIsLaterMinusEarlierConditionFromCompleteParticipants() throws {
        let result = try Self.run(Self.trial(Self.rows))
        #expect(result.direction == .conditions(later: "A", earlier: "B"))
        let section = try #require(result.sections.first { $0.key == "crossover" })
        let group = try #require(section.groups.first)
        #expect(group.arms == ["AB", "BA"])
        #expect(group.randomised == [3, 2])
        #expect(group.analysed == [2, 2])
        let treatment = try #require(group.items.first { $0.name == "crossover_treatment" }?.test)
        // d_AB = 3, 4; d_BA = −3, −6 → (mean d_AB − mean d_BA) / 2 = (3.5 + 4.5) / 2 = 4.
        #expect(abs((treatment.estimate ?? 0) - 4) < 1e-12)
        let expected = try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [10, 12, 6, 5], period2: [7, 8, 9, 11])
        #expect(treatment.pValue == expected.treatment.pValue)
        #expect(group.items.map(\.name) == ["crossover_treatment", "crossover_period", "crossover_carryover"])
        #expect(result.missingData.contains("AB 2 of 3, BA 2 of 2"))
    }

    /// The same data with the conditions the other way round: the treatment effect changes sign, the
    /// sequences swap names, and rows in another order change nothing.
    @Test func conditionOrderSetsTheSignAndRowOrderDoesNot() throws {
        let forward = try Self.run(Self.trial(Self.rows))
        let reversed = try Self.run(Self.trial(Self.rows), AnalysisRequest(from: "A", to: "B", design: .crossover))
        let shuffled = try Self.run(Self.trial(Self.rows.reversed()))
        func treatment(_ result: OutcomeResult) -> Double? {
            result.sections[0].groups[0].items.first { $0.name == "crossover_treatment" }?.test?.estimate
        }
        #expect(treatment(reversed) == treatment(forward).map { -$0 })
        #expect(reversed.sections[0].groups[0].arms == ["BA", "AB"])
        #expect(treatment(shuffled) == treatment(forward))
        // Without a sequence column the sequences are named by the conditions.
        let unnamed = try Self.run(Self.trial(Self.rows, sequenceColumn: false))
        #expect(unnamed.sections[0].groups[0].arms == ["A then B", "B then A"])
    }

    @Test func dataThatAreNotACrossoverAreRefusedWithTheLine() throws {
        var samePeriod = Self.rows
        samePeriod[1] = ("1", "AB", "B", "1", 7)
        #expect(throws: CrossoverDataError.samePeriod(participant: "1", period: "1", lines: [2, 3])) {
            try Self.run(Self.trial(samePeriod))
        }
        var noPeriod = Self.rows
        noPeriod[2] = ("2", "AB", "A", nil, 12)
        #expect(throws: CrossoverDataError.missingPeriod(participant: "2", condition: "A", line: 4)) {
            try Self.run(Self.trial(noPeriod))
        }
        var threePeriods = Self.rows
        threePeriods[9] = ("5", "AB", "B", "3", 4)
        #expect(throws: CrossoverDataError.periodCount(["1", "2", "3"])) { try Self.run(Self.trial(threePeriods)) }
        var wrongLabel = Self.rows
        wrongLabel[6] = ("4", "AB", "B", "1", 5)
        wrongLabel[7] = ("4", "AB", "A", "2", 11)
        #expect(throws: CrossoverDataError.inconsistentSequence(participant: "4", label: "AB", line: 8, expected: "A then B")) {
            try Self.run(Self.trial(wrongLabel))
        }
        #expect(throws: CrossoverDataError.conditionCount(["B", "A", "C"])) {
            try Self.run(Self.trial(Self.rows, timepoints: ["B", "A", "C"]))
        }
        let message = CrossoverDataError.samePeriod(participant: "1", period: "1", lines: [2, 3]).description
        #expect(message.hasPrefix("lines 2 and 3: participant 1 is measured in period '1' in both conditions"))
    }
}
