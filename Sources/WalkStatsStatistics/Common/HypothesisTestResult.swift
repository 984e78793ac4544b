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
}

/// The result of a hypothesis test, mirroring the fields of R's `htest` object so a report can always
/// say what ran.
public struct HypothesisTestResult: Sendable, Equatable {
    /// The machine name of the test.
    public let name: TestName
    /// R's own description of the test, such as "Welch Two Sample t-test".
    public let method: String
    /// The test statistic (t).
    public let statistic: Double
    /// The degrees of freedom of the reference distribution.
    public let degreesOfFreedom: Double
    /// The two-sided p-value.
    public let pValue: Double
    /// The estimate the interval belongs to (a mean change or a difference in means).
    public let estimate: Double
    /// The confidence interval of ``estimate``.
    public let confidenceInterval: ConfidenceInterval
    /// The number of observations behind the test, per sample.
    public let sampleSizes: [Int]
}
