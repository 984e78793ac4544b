import WalkStatsStatistics

/// How renderers name an analysis and its numbers. The plan entry that runs an analysis owns its
/// presentation, so adding a test adds an entry and never edits a renderer.
public struct Presentation: Sendable, Equatable {
    /// The human name, such as "Paired t-test".
    public let title: String
    /// What the estimate is, such as "mean change" or "adjusted difference".
    public let estimateLabel: String
    /// The symbol of the statistic (t, V, W, F, H).
    public let statisticSymbol: String
    /// Whether the interval's level is the achieved level of an exact rank interval, which the report
    /// shows when it differs from the requested level.
    public let reportsAchievedLevel: Bool
    /// A word for what the test's own sample sizes count when they differ from the participants analysed
    /// (the signed-rank test counts "non-zero" differences); `nil` when they are participants.
    public let countNote: String?

    /// Creates a presentation.
    public init(title: String, estimateLabel: String = "estimate", statisticSymbol: String = "t",
                reportsAchievedLevel: Bool = false, countNote: String? = nil) {
        self.title = title
        self.estimateLabel = estimateLabel
        self.statisticSymbol = statisticSymbol
        self.reportsAchievedLevel = reportsAchievedLevel
        self.countNote = countNote
    }
}

/// One row of a table of model terms: an ANOVA effect or a regression coefficient. Fields a term does not
/// have are `nil`.
public struct ModelTerm: Sendable, Equatable {
    /// The term or effect name (`arm`, `time`, `arm:time`, `(Intercept)`, `baseline`).
    public let term: String
    /// The coefficient, where the term is a coefficient.
    public let estimate: Double?
    /// The standard error of ``estimate``.
    public let standardError: Double?
    /// The test statistic (t or F).
    public let statistic: Double?
    /// The (numerator) degrees of freedom.
    public let degreesOfFreedom: Double?
    /// The denominator degrees of freedom of an F statistic.
    public let denominatorDegreesOfFreedom: Double?
    /// The two-sided p-value.
    public let pValue: Double?
    /// Further named numbers of the term, in order (such as `ges` for generalised η², `epsilon` for a
    /// sphericity correction, `w` for Mauchly's W): written into JSON under their names and shown beside
    /// the term's name in Markdown.
    public var details: [ResultField] = []

    /// Creates a term.
    public init(term: String, estimate: Double? = nil, standardError: Double? = nil, statistic: Double? = nil,
                degreesOfFreedom: Double? = nil, denominatorDegreesOfFreedom: Double? = nil, pValue: Double? = nil) {
        self.term = term
        self.estimate = estimate
        self.standardError = standardError
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
        self.pValue = pValue
    }
}

/// One contrast between two arms (estimate = first − second), as a list of pairwise comparisons holds
/// them.
public struct ContrastResult: Sendable, Equatable {
    /// The contrast's name, such as "backward - forward".
    public let name: String
    /// The two arms, the difference being `arms[0] − arms[1]`.
    public let arms: [String]
    /// The estimated difference (absent when the method gives none, as a rank test without its interval).
    public let estimate: Double?
    /// Its confidence interval (simultaneous where the method makes it so, as Tukey's does).
    public let confidenceInterval: ConfidenceInterval?
    /// The test statistic.
    public let statistic: Double?
    /// Its degrees of freedom.
    public let degreesOfFreedom: Double?
    /// The p-value of this contrast on its own (not adjusted for the other pairs).
    public let pValue: Double?
    /// The p-value adjusted across the pairs of arms (by the list's method, such as Tukey's).
    public let pairwiseAdjustedPValue: Double?
    /// The p-value adjusted across outcomes, once a report has adjusted it.
    public var adjustedPValue: Double?
    /// The visit the contrast is at, for a model's arm difference at each visit.
    public let timepoint: String?
    /// The standard error of ``estimate``, where the method gives one.
    public let standardError: Double?

    /// Creates a contrast.
    public init(name: String, arms: [String], estimate: Double?, confidenceInterval: ConfidenceInterval? = nil,
                statistic: Double? = nil, degreesOfFreedom: Double? = nil, pValue: Double? = nil,
                pairwiseAdjustedPValue: Double? = nil, adjustedPValue: Double? = nil, timepoint: String? = nil,
                standardError: Double? = nil) {
        self.timepoint = timepoint
        self.standardError = standardError
        self.name = name
        self.arms = arms
        self.estimate = estimate
        self.confidenceInterval = confidenceInterval
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.pairwiseAdjustedPValue = pairwiseAdjustedPValue
        self.adjustedPValue = adjustedPValue
    }
}

/// One analysis's result, of any shape: a hypothesis test, a standardised effect, a table of model terms,
/// or a list of contrasts, with its machine name, role and presentation.
public struct ResultItem: Sendable, Equatable {
    /// What the result is for, which decides the table it is shown in and whether it joins a multiplicity
    /// family.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        /// An inferential test or model: its p-values are claims and are adjusted for multiplicity.
        case test
        /// A standardised effect size.
        case effectSize = "effect_size"
        /// A check of a test's assumptions: described, never adjusted, never used to switch tests.
        case assumptionCheck = "assumption"
    }

    /// The shape of the numbers.
    public enum Content: Sendable, Equatable {
        /// A hypothesis test (R's `htest`).
        case test(HypothesisTestResult)
        /// A standardised effect size with its interval.
        case effectSize(EffectSize)
        /// A table of model terms (ANOVA rows, coefficients), with R's method string.
        case terms(method: String, [ModelTerm])
        /// A list of pairwise contrasts, with R's method string and the adjustment across pairs (such as
        /// "tukey" or "holm").
        case contrasts(method: String, pairsAdjustment: String, [ContrastResult])
        /// A model over several visits: its terms (effects or coefficients) and the arm differences at each
        /// visit (each ``ContrastResult`` with its ``ContrastResult/timepoint``), with R's method string and
        /// how the visit contrasts' `pairwiseAdjustedPValue` adjusts across visits (`nil`: not adjusted).
        case model(method: String, terms: [ModelTerm], visitContrasts: [ContrastResult], visitsAdjustment: String?)
    }

    /// The machine name, as in JSON and CSV (`paired_t`, `cohens_d`, `oneway_anova`).
    public let name: String
    /// The role.
    public let role: Role
    /// How renderers name it.
    public let presentation: Presentation
    /// The numbers.
    public var content: Content

    /// Creates an item.
    public init(name: String, role: Role, presentation: Presentation, content: Content) {
        self.name = name
        self.role = role
        self.presentation = presentation
        self.content = content
    }

    /// The hypothesis test, when the item is one.
    public var test: HypothesisTestResult? {
        if case let .test(test) = content { return test }
        return nil
    }

    /// The contrasts, when the item is a list of them.
    public var contrasts: [ContrastResult]? {
        if case let .contrasts(_, _, contrasts) = content { return contrasts }
        return nil
    }
}
