import WalkStatsModel
import WalkStatsStatistics

/// Responders to one outcome at one threshold: per arm responders/n with the Wilson interval, and each arm
/// against the reference (``ProportionComparison``), on complete cases and, as a stated sensitivity
/// analysis, counting every randomised participant with a missing (or not evaluable) change as a
/// non-responder.
public struct ResponderAnalysis: Sendable, Equatable {
    /// The outcome.
    public let outcome: String
    /// The earlier and later visit.
    public let from: String, to: String
    /// The change that makes a responder.
    public let threshold: ResponderThreshold
    /// Participants measured at both visits (and, for a percentage threshold, with a baseline above 0).
    public let completeCases: ProportionComparison
    /// Every randomised participant; those without a change count as non-responders.
    public let missingAsNonResponders: ProportionComparison
    /// Per arm, randomised participants not measured at both visits.
    public let missing: [NamedCount]
    /// Per arm, participants measured at both visits whose baseline of 0 leaves a percentage change
    /// undefined (only for a percentage threshold).
    public let notEvaluable: [NamedCount]

    /// Classifies every participant of `scores` at `threshold` and compares the arms with `reference`.
    public init(scores: ImprovementScores, threshold: ResponderThreshold, reference: String?, confidenceLevel: Double) {
        outcome = scores.outcome
        from = scores.from
        to = scores.to
        self.threshold = threshold
        var complete: [(arm: String, responders: Int, participants: Int)] = []
        var everyone: [(arm: String, responders: Int, participants: Int)] = []
        var missing: [NamedCount] = []
        var notEvaluable: [NamedCount] = []
        for arm in scores.arms {
            let decisions = arm.complete.map { scores.responds($0, to: threshold) }
            let responders = decisions.filter { $0 == true }.count
            let evaluable = decisions.filter { $0 != nil }.count
            complete.append((arm.arm, responders, evaluable))
            everyone.append((arm.arm, responders, arm.randomised))
            missing.append(NamedCount(name: arm.arm, count: arm.randomised - arm.complete.count))
            notEvaluable.append(NamedCount(name: arm.arm, count: arm.complete.count - evaluable))
        }
        completeCases = ProportionComparison(counts: complete, reference: reference, confidenceLevel: confidenceLevel)
        missingAsNonResponders = ProportionComparison(counts: everyone, reference: reference, confidenceLevel: confidenceLevel)
        self.missing = missing
        self.notEvaluable = threshold.kind == .percent ? notEvaluable : []
    }
}

/// The cumulative distribution of change per arm: for every improvement observed in any arm, the share of
/// each arm's complete cases that improved by at least that much (the display the FDA's 2009 guidance on
/// patient-reported outcomes puts forward for interpreting a responder definition). Each arm's curve steps
/// down from 100% at the smallest improvement; the gap between the curves at a threshold is the difference
/// in responders that threshold would give.
public struct CumulativeChange: Sendable, Equatable {
    /// The outcome.
    public let outcome: String
    /// The earlier and later visit.
    public let from: String, to: String
    /// Which direction is an improvement (the x-axis runs from worsening to improvement).
    public let better: BetterDirection
    /// The arms, in order.
    public let arms: [String]
    /// Each arm's improvements, sorted ascending (complete cases).
    public let improvements: [[ExactDecimal]]
    /// Every distinct improvement observed in any arm, ascending: the rows of the table.
    public let thresholds: [ExactDecimal]
    /// The responder thresholds in points, to mark on the figure.
    public let marked: [ResponderThreshold]

    /// The distribution of `scores`, marking the points thresholds among `thresholds`.
    public init(scores: ImprovementScores, thresholds: [ResponderThreshold]) {
        outcome = scores.outcome
        from = scores.from
        to = scores.to
        better = scores.better
        arms = scores.arms.map(\.arm)
        improvements = scores.arms.map { arm in arm.complete.map(\.improvement).sorted().map { ExactDecimal(significand: $0, decimals: scores.decimals) } }
        self.thresholds = Set(improvements.joined().map(\.significand)).sorted().map { ExactDecimal(significand: $0, decimals: scores.decimals) }
        marked = thresholds.filter { $0.kind == .points }
    }

    /// The rows of the table: every observed improvement and every marked threshold, ascending, at the larger
    /// of their precisions.
    public var tableThresholds: [ExactDecimal] {
        let decimals = max(improvements.first { !$0.isEmpty }?.first?.decimals ?? 0, marked.map(\.value.decimals).max() ?? 0)
        let values = Set(thresholds.map { $0.significand(atDecimals: decimals) } + marked.map { $0.value.significand(atDecimals: decimals) })
        return values.sorted().map { ExactDecimal(significand: $0, decimals: decimals) }
    }

    /// The marked threshold equal to `value`, if any.
    public func markedThreshold(at value: ExactDecimal) -> ResponderThreshold? {
        marked.first { $0.value.significand(atDecimals: max($0.value.decimals, value.decimals)) == value.significand(atDecimals: max($0.value.decimals, value.decimals)) }
    }

    /// The share of arm `index`'s complete cases that improved by at least `threshold` (`nil` for an arm
    /// without complete cases). Thresholds and improvements share the data's decimals.
    public func proportion(arm index: Int, atLeast threshold: ExactDecimal) -> Double? {
        let values = improvements[index]
        guard !values.isEmpty else { return nil }
        let common = max(values[0].decimals, threshold.decimals)
        let target = threshold.significand(atDecimals: common)
        // The first index at or above the target, by binary search over the sorted improvements.
        var (low, high) = (0, values.count)
        while low < high {
            let middle = (low + high) / 2
            if values[middle].significand(atDecimals: common) < target { low = middle + 1 } else { high = middle }
        }
        return Double(values.count - low) / Double(values.count)
    }
}

/// Everything about responders for one outcome: an analysis per threshold, the cumulative distribution of
/// change, and why an analysis was not possible.
public struct ResponderResult: Sendable, Equatable {
    /// One analysis per threshold, in the codebook's (or `--mcid`'s) order.
    public let analyses: [ResponderAnalysis]
    /// The cumulative distribution of change (absent when the better direction is unknown).
    public let distribution: CumulativeChange?
    /// Why no responder analysis ran, or what it could not do.
    public let notes: [String]
    /// For a pain outcome, the function outcomes the trial measured (empty: none), so that a report never
    /// presents pain relief alone as recovery; `nil` for an outcome of another domain.
    public let functionOutcomesMeasured: [String]?

    /// Creates a result.
    public init(analyses: [ResponderAnalysis], distribution: CumulativeChange?, notes: [String],
                functionOutcomesMeasured: [String]? = nil) {
        self.functionOutcomesMeasured = functionOutcomesMeasured
        self.analyses = analyses
        self.distribution = distribution
        self.notes = notes
    }
}
