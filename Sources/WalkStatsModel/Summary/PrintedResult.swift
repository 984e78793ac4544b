/// A result as a paper or meta-analysis states it: a test's p-value, a pooled effect with its interval,
/// or a difference in words — for comparing recomputed results with what was printed.
public struct PrintedResult: Sendable, Equatable {
    /// The study id (a trial such as `chen2021`, or a meta-analysis such as `lin2025`).
    public let study: String
    /// What is compared, such as `backward_plus_conventional vs conventional`.
    public let comparison: String
    /// The outcome as the source names it (`pain_nrs`, or `pain` for a meta-analysis).
    public let outcome: String
    /// What the value measures, such as `Hedges g` or `post-intervention difference`.
    public let measure: String
    /// The printed value as text (it may be words such as `1.8 vs 1`), or `nil`.
    public let value: String?
    /// The printed interval, when given.
    public let ciLow: Double?
    /// See ``ciLow``.
    public let ciHigh: Double?
    /// A printed exact p-value, when given.
    public let pValue: Double?
    /// The p-value as printed (`P < 0.05`, `p = 0.01`), when given.
    public let pReportedAs: String?
    /// The number of studies pooled (meta-analyses).
    public let kStudies: Int?
    /// The model of a pooled estimate (`random effects`, `fixed effect (I2 = 0%)`).
    public let model: String?
    /// Where it is printed.
    public let source: String
    /// The file line, for messages.
    public let line: Int?
    /// What the outcome measures, when the file says (its `domain` column); else the codebook decides.
    public var domain: OutcomeDomain?

    /// Creates a printed result.
    public init(study: String, comparison: String, outcome: String, measure: String, value: String?, ciLow: Double?,
                ciHigh: Double?, pValue: Double?, pReportedAs: String?, kStudies: Int?, model: String?, source: String,
                line: Int? = nil) {
        self.study = study
        self.comparison = comparison
        self.outcome = outcome
        self.measure = measure
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.pReportedAs = pReportedAs
        self.kStudies = kStudies
        self.model = model
        self.source = source
        self.line = line
    }

    /// The printed value as a number, when it is one.
    public var numericValue: Double? { value.flatMap(Double.init) }
}
