import WalkStatsModel
import WalkStatsStatistics

/// The data the analyses of a 2×2 crossover receive: each complete participant's sequence and outcome in
/// the two periods.
public struct CrossoverData: Sendable {
    /// Each participant's sequence (AB: treatment A in period 1).
    public let sequences: [CrossoverSequence]
    /// The outcome in period 1, aligned with ``sequences``.
    public let period1: [Double]
    /// The outcome in period 2, aligned with ``sequences``.
    public let period2: [Double]
    /// The requested confidence level.
    public let confidenceLevel: Double
}

/// Why a file cannot be analysed as a 2×2 crossover. Each message names the participant and the line.
public enum CrossoverDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data have no `period` column.
    case noPeriodColumn(measurementColumns: [String])
    /// The `period` column does not hold exactly two periods.
    case periodCount([String])
    /// A crossover compares exactly two conditions (the `timepoint` values).
    case conditionCount([String])
    /// A measurement without a period.
    case missingPeriod(participant: String, condition: String, line: Int)
    /// A participant measured in the same period in both conditions.
    case samePeriod(participant: String, period: String, lines: [Int])
    /// A participant whose `sequence` label orders the conditions differently from other participants with
    /// that label.
    case inconsistentSequence(participant: String, label: String, line: Int, expected: String)
    /// The `sequence` column holds more than two labels.
    case sequenceLabels([String])

    public var description: String {
        switch self {
        case let .noPeriodColumn(columns):
            return "a crossover needs a 'period' column saying in which period each value was measured; the measurement columns are "
                + (columns.isEmpty ? "none" : columns.joined(separator: ", "))
        case let .periodCount(periods):
            return "a 2×2 crossover has exactly two periods; the 'period' column holds \(periods.count): \(periods.joined(separator: ", "))"
        case let .conditionCount(conditions):
            return "a 2×2 crossover compares exactly two conditions (the 'timepoint' values); the data have \(conditions.count): "
                + conditions.joined(separator: ", ") + " (choose two with --from and --to)"
        case let .missingPeriod(participant, condition, line):
            return "line \(line): participant \(participant) has a value in condition '\(condition)' but no period"
        case let .samePeriod(participant, period, lines):
            return "lines \(lines.map(String.init).joined(separator: " and ")): participant \(participant) is measured in period "
                + "'\(period)' in both conditions; each participant receives one condition per period"
        case let .inconsistentSequence(participant, label, line, expected):
            return "line \(line): participant \(participant) has sequence '\(label)', which other participants received as \(expected)"
        case let .sequenceLabels(labels):
            return "a 2×2 crossover has two sequences; the 'sequence' column holds \(labels.count): \(labels.joined(separator: ", "))"
        }
    }
}

/// The plan of a 2×2 (AB/BA) crossover: two conditions (the `timepoint` values), each participant receiving
/// one in each of two periods (the `period` column), in one of two sequences.
///
/// For each outcome: the treatment effect (A − B, A being the later condition in the condition order), the
/// period effect (period 1 − period 2), both from the period differences, and the carry-over test from the
/// participant totals (Senn 2002, ch. 3; ``crossoverAnalysis(sequences:period1:period2:confidenceLevel:)``).
/// The carry-over test is reported, never used to choose the analysis (Senn's advice).
///
/// *Sequences.* A participant's sequence is read from the data: AB when A came in period 1. A `sequence`
/// column, when present, must agree (each label one order); its labels name the sequences, else they are
/// named "A then B".
///
/// *Missing values.* Complete cases: a participant enters when measured in both periods; the others are
/// counted per sequence and excluded, not imputed.
public struct CrossoverPlan: Sendable {
    /// The outcomes, in the trial's order.
    public let outcomes: [String]
    /// Condition B (the earlier in the condition order).
    public let conditionB: String
    /// Condition A (the later); the treatment effect is A − B.
    public let conditionA: String
    /// The two periods, in order.
    public let periods: [String]
    /// The groups whose participants are analysed.
    public let arms: [String]
    /// Where the design came from, in words.
    public let designSource: String
    /// What runs for each outcome.
    public var analyses: [PlannedAnalysis<CrossoverData>]
    /// The multiplicity adjustment across outcomes.
    public let adjustment: PValueAdjustment
    /// The confidence level.
    public let confidenceLevel: Double

    /// The measurement column that names the period.
    public static let periodColumn = "period"
    /// The participant column that names the sequence (optional).
    public static let sequenceColumn = "sequence"

    /// Plans `request` for `trial`.
    /// - Throws: ``AnalysisRequestError`` for an unknown outcome, condition or arm; ``CrossoverDataError`` for
    ///   data that are not a 2×2 crossover; ``StatisticsError/invalidConfidenceLevel(_:)``.
    public init(trial: Trial, request: AnalysisRequest, designSource: String) throws {
        outcomes = try request.checkedOutcomes(in: trial)
        let pair = try request.checkedTimepoints(in: trial)
        if request.from == nil, request.to == nil, trial.timepoints.count != 2 {
            throw CrossoverDataError.conditionCount(trial.timepoints)
        }
        (conditionB, conditionA) = (pair.from, pair.to)
        arms = try ArmSelection.select(request.arms, available: trial.arms.map(\.name))
        guard trial.measurementAttributeNames.contains(Self.periodColumn) else {
            throw CrossoverDataError.noPeriodColumn(measurementColumns: trial.measurementAttributeNames)
        }
        var periods: Set<String> = []
        for arm in trial.arms where arms.contains(arm.name) {
            for participant in arm.participants {
                for (key, observation) in participant.observations where [conditionA, conditionB].contains(key.timepoint) {
                    if let period = observation.attributes[Self.periodColumn], !period.isEmpty { periods.insert(period) }
                }
            }
        }
        let ordered = periods.sorted { a, b in
            if let x = Double(a), let y = Double(b) { return x < y }
            return a.precedesByCodePoint(b)
        }
        guard ordered.count == 2 else { throw CrossoverDataError.periodCount(ordered) }
        self.periods = ordered
        self.designSource = designSource
        analyses = [.crossoverTreatment, .crossoverPeriod, .crossoverCarryover]
        adjustment = request.adjustment
        confidenceLevel = request.confidenceLevel
    }

    /// Runs the plan and adjusts the tests' p-values across the outcomes.
    /// - Throws: ``CrossoverDataError`` for a participant the design cannot hold (no period, one period twice,
    ///   a sequence label that disagrees).
    public func run(on trial: Trial) throws -> [OutcomeResult] {
        try MultiplicityAdjustment.adjust(try outcomes.map { outcome in
            var result = try analyse(outcome, in: trial)
            result.recordedDecimals = trial.recordedDecimals(of: outcome)
            return result
        }, method: adjustment)
    }

    /// One participant's place in the design for one outcome.
    private struct Entry {
        let sequence: CrossoverSequence?
        let values: (first: Double, second: Double)?
    }

    /// Every participant's entry, and the `sequence` column's label of each sequence (when there is one).
    private func entries(_ outcome: String, in trial: Trial) throws -> (entries: [Entry], labels: [CrossoverSequence: String]) {
        var labels: [String: CrossoverSequence] = [:]
        var names: [CrossoverSequence: String] = [:]
        var result: [Entry] = []
        for participant in arms.compactMap({ trial.arm(named: $0) }).flatMap(\.participants) {
            var byPeriod: [String: (condition: String, value: Double?, line: Int)] = [:]
            for condition in [conditionA, conditionB] {
                guard let observation = participant.observation(of: outcome, at: condition) else { continue }
                guard let period = observation.attributes[Self.periodColumn], !period.isEmpty else {
                    if observation.value == nil { continue }
                    throw CrossoverDataError.missingPeriod(participant: participant.id, condition: condition, line: observation.line)
                }
                if let other = byPeriod[period] {
                    throw CrossoverDataError.samePeriod(participant: participant.id, period: period,
                                                        lines: [other.line, observation.line].sorted())
                }
                byPeriod[period] = (condition, observation.value, observation.line)
            }
            let sequence: CrossoverSequence? = byPeriod[periods[0]].map { $0.condition == conditionA ? .ab : .ba }
                ?? byPeriod[periods[1]].map { $0.condition == conditionA ? .ba : .ab }
            if let sequence, let label = participant.attributes[Self.sequenceColumn] ?? nil, !label.isEmpty {
                if let known = labels[label], known != sequence {
                    let line = byPeriod.values.map(\.line).min() ?? 0
                    throw CrossoverDataError.inconsistentSequence(participant: participant.id, label: label, line: line,
                                                                  expected: describe(known))
                }
                labels[label] = sequence
                if names[sequence] == nil { names[sequence] = label }
                if labels.count > 2 { throw CrossoverDataError.sequenceLabels(labels.keys.sorted { $0.precedesByCodePoint($1) }) }
            }
            let values = byPeriod[periods[0]]?.value.flatMap { first in byPeriod[periods[1]]?.value.map { (first, $0) } }
            result.append(Entry(sequence: sequence, values: values))
        }
        return (result, names)
    }

    /// "A then B" in the conditions' names.
    private func describe(_ sequence: CrossoverSequence) -> String {
        sequence == .ab ? "\(conditionA) then \(conditionB)" : "\(conditionB) then \(conditionA)"
    }

    func analyse(_ outcome: String, in trial: Trial) throws -> OutcomeResult {
        let (entries, sequenceLabels) = try entries(outcome, in: trial)
        let complete = entries.filter { $0.sequence != nil && $0.values != nil }
        let data = CrossoverData(sequences: complete.map { $0.sequence! }, period1: complete.map { $0.values!.first },
                                 period2: complete.map { $0.values!.second }, confidenceLevel: confidenceLevel)
        var notes: [String] = []
        let items = analyses.compactMap { $0.run(data, scope: "crossover", notes: &notes) }
        let randomised = CrossoverSequence.allCases.map { s in entries.filter { $0.sequence == s }.count }
        let analysed = CrossoverSequence.allCases.map { s in complete.filter { $0.sequence == s }.count }
        let unknown = entries.count - randomised.reduce(0, +)
        let names = CrossoverSequence.allCases.map { sequenceLabels[$0] ?? describe($0) }
        let group = ResultGroup(
            arms: names, randomised: randomised, analysed: analysed,
            fields: [ResultField("sequences", .strings(names)),
                     ResultField("n", .counts(zip(names, analysed).map { NamedCount(name: $0, count: $1) })),
                     ResultField("treatment", .string("\(conditionA) - \(conditionB)")),
                     ResultField("periods", .strings(periods))],
            effectSubject: "\(conditionA) − \(conditionB)", checkSubject: "\(conditionA) − \(conditionB)", items: items, notes: notes)
        let counts = zip(names, zip(analysed, randomised)).map { "\($0) \($1.0) of \($1.1)" }.joined(separator: ", ")
        return OutcomeResult(
            outcome: outcome,
            fields: [ResultField("outcome", .string(outcome)), ResultField("design", .string(DatasetMetadata.Design.crossover.rawValue)),
                     ResultField("conditions", .strings([conditionB, conditionA])), ResultField("arms", .strings(arms))],
            heading: "Crossover: \(conditionA) − \(conditionB)",
            direction: .conditions(later: conditionA, earlier: conditionB), confidenceLevel: confidenceLevel,
            sections: [ResultSection(key: "crossover", heading: "2×2 crossover (\(conditionA) − \(conditionB))", groupColumn: nil,
                                     estimateHeader: "Estimate", explanation: Self.readCrossover, isSingleObject: true,
                                     groups: [group])],
            explanations: [:], methods: methods(names),
            missingData: "Participants measured in both periods: \(counts). Missing data: complete cases; a participant "
                + "without a value in either period is excluded, not imputed"
                + (unknown > 0 ? "; \(unknown) participant\(unknown == 1 ? " has" : "s have") no value of this outcome in either period." : "."))
    }

    private func methods(_ names: [String]) -> [String] {
        ["Design: 2×2 crossover (\(designSource)): each participant received both conditions, \(conditionA) (A) and "
            + "\(conditionB) (B), one in each period (\(periods.joined(separator: ", "))), in sequence \(names[0]) (AB) or "
            + "\(names[1]) (BA). Tests (Senn 2002, ch. 3): treatment effect A − B and period effect (period \(periods[0]) − "
            + "period \(periods[1])) from the period differences, as the coefficients of R `lm(y ~ participant + period + "
            + "treatment)`; carry-over test from the participant totals, `t.test(total ~ sequence, var.equal = TRUE)` (AB − BA). "
            + "All two-sided. The carry-over test is reported, not used to choose the analysis: it has little power, and "
            + "choosing by it biases the treatment test (Freeman 1989)."]
    }

    static let readCrossover = """
    How to read this: every participant received both conditions, one per period, so the treatment effect \
    compares the conditions within participants while the period effect (a change between the periods, \
    whatever was given) is removed. The carry-over test asks whether the participants' totals differ between \
    the sequences, as they would if the first condition's effect lasted into the second period; it has little \
    power, so a large p-value does not show that there is no carry-over.
    """
}

/// The analyses of a 2×2 crossover: treatment, period and carry-over.
public extension PlannedAnalysis where Input == CrossoverData {
    /// The treatment effect A − B from the period differences (R `lm(y ~ participant + period + treatment)`).
    static var crossoverTreatment: Self {
        Self(name: TestName.crossoverTreatment.rawValue, role: .test,
             presentation: Presentation(title: "Treatment effect (A − B)", estimateLabel: "difference")) {
            .test(try crossoverAnalysis(sequences: $0.sequences, period1: $0.period1, period2: $0.period2,
                                        confidenceLevel: $0.confidenceLevel).treatment)
        }
    }

    /// The period effect, period 1 − period 2.
    static var crossoverPeriod: Self {
        Self(name: TestName.crossoverPeriod.rawValue, role: .test,
             presentation: Presentation(title: "Period effect (period 1 − period 2)", estimateLabel: "difference")) {
            .test(try crossoverAnalysis(sequences: $0.sequences, period1: $0.period1, period2: $0.period2,
                                        confidenceLevel: $0.confidenceLevel).period)
        }
    }

    /// The carry-over test: participant totals, sequence AB − BA (R `t.test(total ~ sequence, var.equal = TRUE)`).
    static var crossoverCarryover: Self {
        Self(name: TestName.crossoverCarryover.rawValue, role: .test,
             presentation: Presentation(title: "Carry-over (participant totals, AB − BA)", estimateLabel: "difference in totals")) {
            .test(try crossoverAnalysis(sequences: $0.sequences, period1: $0.period1, period2: $0.period2,
                                        confidenceLevel: $0.confidenceLevel).carryover)
        }
    }
}
