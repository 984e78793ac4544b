/// The mean and SD that open a group's table row, such as the mean (SD) of change within an arm.
public struct SummaryLine: Sendable, Equatable {
    /// The machine name (`change`), written in CSV's `test` column.
    public let name: String
    /// The human name, such as "Mean (SD) of change".
    public let title: String
    /// The mean.
    public let mean: Double?
    /// The standard deviation.
    public let standardDeviation: Double?

    /// Creates a summary line.
    public init(name: String, title: String, mean: Double?, standardDeviation: Double?) {
        self.name = name
        self.title = title
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}

/// The results that belong to one place in a trial: one arm (its change), or a contrast between arms
/// (any number of them), with how many participants were randomised and analysed there, every item that
/// was computed, and why others were not.
public struct ResultGroup: Sendable, Equatable {
    /// The arms involved, in the order a difference is taken (`arms[0] − arms[1]` for a contrast).
    public let arms: [String]
    /// Participants randomised to each arm of ``arms``.
    public let randomised: [Int]
    /// Participants analysed in each arm (for example those measured at both timepoints).
    public let analysed: [Int]
    /// The values analysed per arm (the change scores), for figures.
    public let values: [[Double]]
    /// A summary row shown first, if any.
    public let summary: SummaryLine?
    /// Named values describing the group, in order (written as JSON keys).
    public let fields: [ResultField]
    /// What effect sizes of this group measure, such as "change in backward" or "change, A − B".
    public let effectSubject: String
    /// What assumption checks of this group look at, such as "change, A vs B".
    public let checkSubject: String
    /// The results, in the plan's order.
    public var items: [ResultItem]
    /// Why an analysis of this group could not be computed, one sentence each.
    public let notes: [String]

    /// Creates a group.
    public init(arms: [String], randomised: [Int], analysed: [Int], values: [[Double]] = [], summary: SummaryLine? = nil,
                fields: [ResultField], effectSubject: String, checkSubject: String, items: [ResultItem], notes: [String]) {
        self.arms = arms
        self.randomised = randomised
        self.analysed = analysed
        self.values = values
        self.summary = summary
        self.fields = fields
        self.effectSubject = effectSubject
        self.checkSubject = checkSubject
        self.items = items
        self.notes = notes
    }

    /// Randomised participants not analysed, per arm.
    public var missing: [Int] { zip(randomised, analysed).map { $0 - $1 } }

    /// The items of one role.
    public func items(_ role: ResultItem.Role) -> [ResultItem] { items.filter { $0.role == role } }
}

/// A set of groups shown together: the within-arm changes, or one between-arm contrast.
public struct ResultSection: Sendable, Equatable {
    /// The JSON key and CSV section (`within`, `between`).
    public let key: String
    /// The heading, such as "Within arms (week6 − baseline)".
    public let heading: String
    /// When the groups share one table, the header of the column naming each group ("Arm"); `nil` for a
    /// section of one group.
    public let groupColumn: String?
    /// The header of the estimate column, such as "Estimate (backward − forward)".
    public let estimateHeader: String
    /// How to read the section's tests, shown after them.
    public let explanation: String
    /// A qualifier of the section's confidence intervals, such as "not adjusted for the pairs", shown with
    /// the interval column; `nil` for none.
    public var intervalQualifier: String?
    /// Whether JSON writes the section's single group as an object (the two-arm `between` shape) rather
    /// than a list; a section of this kind with no group is written as `null`.
    public let isSingleObject: Bool
    /// The groups.
    public var groups: [ResultGroup]

    /// Creates a section.
    public init(key: String, heading: String, groupColumn: String?, estimateHeader: String, explanation: String,
                isSingleObject: Bool, groups: [ResultGroup], intervalQualifier: String? = nil) {
        self.key = key
        self.intervalQualifier = intervalQualifier
        self.heading = heading
        self.groupColumn = groupColumn
        self.estimateHeader = estimateHeader
        self.explanation = explanation
        self.isSingleObject = isSingleObject
        self.groups = groups
    }
}
