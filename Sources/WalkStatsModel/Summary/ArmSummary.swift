/// One group of a published study as WalkStats analyses it: n, mean and SD of one outcome at one
/// timepoint in one arm (or, in a within-subject study, one condition), with flags saying whether the
/// mean and SD were printed as such or converted/estimated from other printed numbers, and how.
///
/// Built from a ``ReportedSummary`` by WalkStatsStatistics' `armSummary(converting:)` (which applies
/// the SE, CI, Wan 2014 and Luo 2018 conversions and sets the flags), or directly with reported values.
public struct ArmSummary: Sendable, Equatable, Hashable {
    /// The study id, such as `chen2021`.
    public let study: String
    /// The arm or condition, such as `backward_plus_conventional`.
    public let arm: String
    /// The timepoint, such as `week4`.
    public let timepoint: String
    /// The outcome id, such as `pain_nrs`.
    public let outcome: String
    /// The number of participants.
    public let n: Int
    /// The mean (printed, or estimated: see ``meanProvenance``).
    public let mean: Double
    /// The standard deviation (printed, or converted/estimated: see ``standardDeviationProvenance``).
    public let standardDeviation: Double
    /// The unit, when given.
    public let unit: String?
    /// Where the numbers were printed, when given.
    public let source: String?
    /// Where ``mean`` comes from.
    public let meanProvenance: SummaryValueProvenance
    /// Where ``standardDeviation`` comes from.
    public let standardDeviationProvenance: SummaryValueProvenance
    /// The row as printed, when the summary was converted from one (`nil` for summaries built in code).
    public let reported: ReportedSummary?

    /// Creates a summary; by default both values are flagged ``SummaryValueProvenance/reported``.
    public init(study: String, arm: String, timepoint: String, outcome: String, n: Int, mean: Double,
                standardDeviation: Double, unit: String? = nil, source: String? = nil,
                meanProvenance: SummaryValueProvenance = .reported,
                standardDeviationProvenance: SummaryValueProvenance = .reported,
                reported: ReportedSummary? = nil) {
        self.study = study
        self.arm = arm
        self.timepoint = timepoint
        self.outcome = outcome
        self.n = n
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.unit = unit
        self.source = source
        self.meanProvenance = meanProvenance
        self.standardDeviationProvenance = standardDeviationProvenance
        self.reported = reported
    }

    /// n, mean and SD, the input of the summary-data statistics.
    public var statistics: SummaryStatistics {
        SummaryStatistics(n: n, mean: mean, standardDeviation: standardDeviation)
    }

    /// Study, arm, timepoint and outcome.
    public var key: SummaryKey { SummaryKey(study: study, arm: arm, timepoint: timepoint, outcome: outcome) }

    /// Whether both the mean and the SD were printed as such.
    public var isFullyReported: Bool { meanProvenance.isReported && standardDeviationProvenance.isReported }

    /// The summary-file line the numbers came from, when known.
    public var line: Int? { reported?.line }
}
