/// The stable machine name of a test, as used in JSON (`paired_t`, `welch_t`, …). Extensible: later
/// tests add new names without changing existing ones.
public struct TestName: RawRepresentable, Hashable, Sendable {
    /// The name as written in JSON and CSV.
    public let rawValue: String
    /// Creates a name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Paired t-test of change within an arm.
    public static let pairedT = TestName(rawValue: "paired_t")
    /// Welch's unequal-variances t-test between arms.
    public static let welchT = TestName(rawValue: "welch_t")
    /// Student's pooled-variance t-test between arms.
    public static let studentT = TestName(rawValue: "student_t")
    /// Wilcoxon signed-rank test of change within an arm.
    public static let wilcoxonSignedRank = TestName(rawValue: "wilcoxon_signed_rank")
    /// Wilcoxon rank-sum (Mann–Whitney) test between arms.
    public static let mannWhitney = TestName(rawValue: "mann_whitney")
    /// Baseline-adjusted difference between arms (ANCOVA by least squares).
    public static let ancova = TestName(rawValue: "ancova")
    /// Shapiro–Wilk test of normality.
    public static let shapiroWilk = TestName(rawValue: "shapiro_wilk")
    /// Brown–Forsythe / Levene test of equal variances with median centring.
    public static let leveneMedian = TestName(rawValue: "levene_median")
    /// Treatment effect (A − B) of a 2×2 crossover trial, from the period differences.
    public static let crossoverTreatment = TestName(rawValue: "crossover_treatment")
    /// Period effect (period 1 − period 2) of a 2×2 crossover trial, from the period differences.
    public static let crossoverPeriod = TestName(rawValue: "crossover_period")
    /// Carry-over test of a 2×2 crossover trial: participant totals compared between the sequences.
    public static let crossoverCarryover = TestName(rawValue: "crossover_carryover")
    /// One-way analysis of variance across k groups (equal variances).
    public static let onewayANOVA = TestName(rawValue: "oneway_anova")
    /// Welch's one-way analysis of variance across k groups (unequal variances).
    public static let welchANOVA = TestName(rawValue: "welch_anova")
    /// Kruskal–Wallis rank sum test across k groups.
    public static let kruskalWallis = TestName(rawValue: "kruskal_wallis")
    /// F test of the arm factor in a baseline-adjusted model (ANCOVA, type II sums of squares).
    public static let ancovaArm = TestName(rawValue: "ancova_arm")
    /// F test of one effect (arm, time or arm × time) of a mixed (split-plot) ANOVA, type III sums of squares.
    public static let mixedANOVA = TestName(rawValue: "mixed_anova")
    /// F test of time in a one-way repeated-measures ANOVA (one group, every participant at every time).
    public static let repeatedMeasuresANOVA = TestName(rawValue: "repeated_measures_anova")
    /// Fisher's exact test of a 2×2 table (two proportions), conditional on the margins.
    public static let fisherExact = TestName(rawValue: "fisher_exact")
    /// Pearson's chi-squared test of two proportions with Yates' continuity correction (R's `prop.test`).
    public static let twoProportionsChiSquared = TestName(rawValue: "two_proportions_chisq")
}

/// The result of a hypothesis test, mirroring the fields of R's `htest` object so a report can always
/// say what ran. Fields a test does not have (a rank test's degrees of freedom, a normality test's
/// estimate) are `nil`.
public struct HypothesisTestResult: Sendable, Equatable {
    /// The machine name of the test.
    public let name: TestName
    /// R's own description of the test, such as "Welch Two Sample t-test".
    public let method: String
    /// The test statistic (t, V, W or F).
    public let statistic: Double
    /// The degrees of freedom of the reference distribution (the numerator's for F).
    public let degreesOfFreedom: Double?
    /// The denominator degrees of freedom of an F statistic.
    public let denominatorDegreesOfFreedom: Double?
    /// The two-sided p-value.
    public let pValue: Double
    /// The p-value adjusted for multiplicity across outcomes, once a report has adjusted it.
    public var adjustedPValue: Double?
    /// The p-value adjusted across the pairs of arms of one outcome, where pairwise comparisons are
    /// adjusted (the method is named with the comparison).
    public var pairwiseAdjustedPValue: Double?
    /// The estimate the interval belongs to (a mean change, a difference, a pseudo-median, a shift).
    public let estimate: Double?
    /// The standard error of ``estimate``, where the test has one.
    public let standardError: Double?
    /// The confidence interval of ``estimate`` (its level is the achieved level for exact rank tests).
    public let confidenceInterval: ConfidenceInterval?
    /// The number of observations behind the test, per sample.
    public let sampleSizes: [Int]

    /// Creates a result.
    public init(name: TestName, method: String, statistic: Double, degreesOfFreedom: Double? = nil,
                denominatorDegreesOfFreedom: Double? = nil, pValue: Double, estimate: Double? = nil,
                standardError: Double? = nil, confidenceInterval: ConfidenceInterval? = nil, sampleSizes: [Int]) {
        self.name = name
        self.method = method
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
        self.pValue = pValue
        self.estimate = estimate
        self.standardError = standardError
        self.confidenceInterval = confidenceInterval
        self.sampleSizes = sampleSizes
    }
}
