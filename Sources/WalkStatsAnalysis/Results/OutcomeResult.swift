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
    /// The arm a favourable difference favours (the first arm of the primary contrast), if any.
    public let favouredArm: String?
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

    /// Creates a result.
    public init(outcome: String, fields: [ResultField], heading: String, favouredArm: String?, confidenceLevel: Double,
                sections: [ResultSection], explanations: [ResultItem.Role: String], methods: [String], missingData: String) {
        self.outcome = outcome
        self.fields = fields
        self.heading = heading
        self.favouredArm = favouredArm
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
