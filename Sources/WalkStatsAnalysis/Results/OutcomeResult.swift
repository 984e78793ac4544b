import WalkStatsStatistics

/// Everything analysed for one outcome, in a shape no renderer needs to know in advance: named fields,
/// sections of groups holding items of any shape, explanations, the methods that ran and the notes on what
/// could not be computed.
public struct OutcomeResult: Sendable, Equatable {
    /// The outcome id.
    public let outcome: String
    /// Named values describing the analysis (outcome, timepoints, arms), in JSON order.
    public let fields: [ResultField]
    /// The heading, such as "Change from baseline to week6".
    public let heading: String
    /// What the groups' values are, for a figure title: "change from baseline to week6".
    public var valuesLabel: String { heading.prefix(1).lowercased() + heading.dropFirst() }
    /// What a difference means, for the sentence on the better direction.
    public let direction: DifferenceDirection
    /// The requested confidence level of every interval (exact rank intervals may achieve another).
    public let confidenceLevel: Double
    /// The sections, in order.
    public var sections: [ResultSection]
    /// How to read the effect-size and assumption-check tables, by role.
    public let explanations: [ResultItem.Role: String]
    /// Sentences saying which tests ran (R's calls), effect sizes and checks.
    public let methods: [String]
    /// The sentence saying on whom the analyses ran and how missing data were handled.
    public let missingData: String
    /// The multiplicity adjustment applied, once applied.
    public var adjustment: AppliedAdjustment?
    /// Whom a group's counts are out of, for "n of …": "randomised" in a randomised design, "participants"
    /// when the same people were measured in every condition.
    public let countedOutOf: String
    /// Sentences a report prints first, before any table: what the data could not support that a reader
    /// would otherwise look for (such as a primary analysis that could not be computed).
    public var headline: [String] = []
    /// The decimals the outcome's values were recorded with (``Trial/recordedDecimals(of:)``), from which
    /// reports choose how many decimals to print; `nil` when unknown.
    public var recordedDecimals: Int?
    /// The responder analyses and the cumulative distribution of change (parallel designs), once run.
    public var responders: ResponderResult?

    /// Creates a result.
    public init(outcome: String, fields: [ResultField], heading: String, direction: DifferenceDirection, confidenceLevel: Double,
                sections: [ResultSection], explanations: [ResultItem.Role: String], methods: [String], missingData: String,
                countedOutOf: String = "randomised") {
        self.countedOutOf = countedOutOf
        self.outcome = outcome
        self.fields = fields
        self.heading = heading
        self.direction = direction
        self.confidenceLevel = confidenceLevel
        self.sections = sections
        self.explanations = explanations
        self.methods = methods
        self.missingData = missingData
    }

    /// Every methods sentence in reading order: what ran, the multiplicity adjustment, missing data.
    public var methodsSentences: [String] { methods + (adjustment.map { [$0.sentence] } ?? []) + [missingData] }

    /// Every group, section by section.
    public var groups: [ResultGroup] { sections.flatMap(\.groups) }

    /// Why analyses could not be computed, group by group.
    public var notes: [String] { groups.flatMap(\.notes) }
}

/// A multiplicity adjustment as applied to a set of results.
public struct AppliedAdjustment: Sendable, Equatable {
    /// R's `p.adjust` method.
    public let method: PValueAdjustment
    /// The largest family size (outcomes a test was applied to).
    public let familySize: Int
    /// The sentence a report prints about it.
    public let sentence: String

    /// Creates the record.
    public init(method: PValueAdjustment, familySize: Int, sentence: String) {
        self.method = method
        self.familySize = familySize
        self.sentence = sentence
    }
}

/// What the differences of a result are, so a report words the better direction correctly.
public enum DifferenceDirection: Sendable, Equatable {
    /// Change over time within arms; a favourable difference between arms favours `favouring` (the first
    /// arm of the only contrast), if there is one contrast.
    case change(favouring: String?)
    /// A difference between conditions measured in the same people, `later − earlier`.
    case conditions(later: String, earlier: String)

    /// How a figure labels a value of zero: "No change" or "No difference".
    public var zeroLabel: String { "No \(noun.lowercased())" }

    /// The noun for the values a group analyses: "Change" or "Difference".
    public var noun: String {
        switch self {
        case .change: return "Change"
        case .conditions: return "Difference"
        }
    }
}
