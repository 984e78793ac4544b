/// The three numbers a paper prints for one group: sample size, mean and standard deviation.
///
/// This is what every summary-data statistic of WalkStats works on (the t-tests and effect sizes from
/// summaries, the change-score imputation, the within-subject correlation search). ``ArmSummary``
/// carries one, with the study, arm, timepoint and outcome it belongs to and where its numbers came
/// from; a one-off calculation can build one directly.
public struct SummaryStatistics: Sendable, Equatable, Hashable {
    /// The number of participants the mean and SD describe.
    public let n: Int
    /// The mean.
    public let mean: Double
    /// The standard deviation (sample SD, denominator n − 1, as papers report it).
    public let standardDeviation: Double

    /// Creates a summary. Values are not checked here: the statistics that use a summary validate it
    /// (n ≥ 2, finite values, SD ≥ 0) and throw a `StatisticsError` naming the problem.
    public init(n: Int, mean: Double, standardDeviation: Double) {
        self.n = n
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}
