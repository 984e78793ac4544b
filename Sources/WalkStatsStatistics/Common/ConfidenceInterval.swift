/// A two-sided confidence interval with its level.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The confidence level, such as 0.95.
    public let level: Double
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double

    /// Creates an interval.
    public init(level: Double, lower: Double, upper: Double) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }

    /// Checks that `level` lies strictly between 0 and 1.
    /// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)`` otherwise.
    public static func validate(level: Double) throws {
        guard level > 0, level < 1 else { throw StatisticsError.invalidConfidenceLevel(level) }
    }
}
