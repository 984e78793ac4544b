import WalkStatsModel

/// Checks shared by every statistic computed from printed summaries.
enum SummaryValidation {
    /// n ≥ `minimumN`, finite mean and SD, SD ≥ 0; `label` names the summary in messages ("the first
    /// summary").
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)``,
    ///   ``StatisticsError/nonFiniteInput(what:)`` or ``StatisticsError/invalidRequest(_:)``.
    static func check(_ summary: SummaryStatistics, label: String, minimumN: Int = 2) throws {
        guard summary.n >= minimumN else {
            throw StatisticsError.insufficientObservations(what: "participants in \(label)", needed: minimumN, got: summary.n)
        }
        guard summary.mean.isFinite, summary.standardDeviation.isFinite else {
            throw StatisticsError.nonFiniteInput(what: "the mean and SD of \(label)")
        }
        guard summary.standardDeviation >= 0 else {
            throw StatisticsError.invalidRequest(
                "the standard deviation of \(label) is negative (\(summary.standardDeviation)); expected a value ≥ 0")
        }
    }

    /// A correlation in [−1, 1].
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` otherwise.
    static func checkCorrelation(_ rho: Double) throws {
        guard rho.isFinite, rho >= -1, rho <= 1 else {
            throw StatisticsError.invalidRequest("a correlation must lie in [-1, 1], got \(rho)")
        }
    }

    /// The SD of a difference or change, √(s₁² + s₂² − 2ρ s₁ s₂), clamped at 0 against rounding
    /// (the radicand is ≥ (s₁ − s₂)² ≥ 0 for ρ ≤ 1).
    static func differenceStandardDeviation(_ s1: Double, _ s2: Double, correlation rho: Double) -> Double {
        max(0, s1 * s1 + s2 * s2 - 2 * rho * s1 * s2).squareRoot()
    }
}
