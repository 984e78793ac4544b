import WalkStatsModel

/// Each participant's improvement in one outcome between two visits, held as exact decimals so that a change
/// exactly at a threshold counts as reaching it.
///
/// The improvement is `baseline − follow-up` when lower values are better and `follow-up − baseline` when
/// higher values are better, so a positive improvement is always a change for the better. Values are held
/// as integers at the decimals the outcome was recorded with (``decimals``): 1.15 − 1.10 is 5 hundredths,
/// exactly the 0.05 threshold, where the binary floating-point difference is 0.04999….
public struct ImprovementScores: Sendable, Equatable {
    /// One participant measured at both visits.
    public struct Participant: Sendable, Equatable {
        /// The participant id.
        public let id: String
        /// The value at the earlier visit, scaled by 10^``ImprovementScores/decimals``.
        public let baseline: Int64
        /// The value at the later visit, scaled likewise.
        public let followUp: Int64
        /// The improvement, scaled likewise.
        public let improvement: Int64
    }

    /// One arm's participants.
    public struct ArmScores: Sendable, Equatable {
        /// The arm.
        public let arm: String
        /// Participants randomised to it (every participant of the arm in the data).
        public let randomised: Int
        /// Those measured at both visits, in data order.
        public let complete: [Participant]
    }

    /// The outcome.
    public let outcome: String
    /// Which direction is better.
    public let better: BetterDirection
    /// The decimals every value is held at (the most any value of the outcome was recorded with).
    public let decimals: Int
    /// The earlier and later visit.
    public let from: String, to: String
    /// The arms, in the order analysed.
    public let arms: [ArmScores]

    /// The improvements in `outcome` from `from` to `to` of each of `arms` of `trial`.
    public init(trial: Trial, outcome: String, better: BetterDirection, arms: [String], from: String, to: String) {
        var decimals = 0
        for arm in trial.arms {
            for participant in arm.participants {
                for value in participant.observedValues(of: outcome) { decimals = max(decimals, recordedDecimals(value, limit: 9)) }
            }
        }
        self.outcome = outcome
        self.better = better
        self.decimals = decimals
        self.from = from
        self.to = to
        self.arms = arms.compactMap { trial.arm(named: $0) }.map { arm in
            ArmScores(arm: arm.name, randomised: arm.participants.count, complete: arm.participants.compactMap { participant in
                guard let before = participant.value(of: outcome, at: from), let after = participant.value(of: outcome, at: to) else { return nil }
                let (b, a) = (ExactDecimal(before, decimals: decimals).significand, ExactDecimal(after, decimals: decimals).significand)
                return Participant(id: participant.id, baseline: b, followUp: a, improvement: better == .lower ? b - a : a - b)
            })
        }
    }

    /// Whether `participant` improved by at least `threshold`: `nil` when a percentage threshold cannot be
    /// applied because the baseline value is 0 or below (a percentage of it is undefined).
    ///
    /// Points: improvement ≥ threshold. Percent: baseline > 0 and 100 · improvement ≥ threshold · baseline.
    /// Both are compared as integers at the larger of the two decimal precisions.
    public func responds(_ participant: Participant, to threshold: ResponderThreshold) -> Bool? {
        let common = max(decimals, threshold.value.decimals)
        var scale: Int128 = 1
        for _ in decimals..<common { scale *= 10 }
        let improvement = Int128(participant.improvement) * scale
        switch threshold.kind {
        case .points:
            return improvement >= Int128(threshold.value.significand(atDecimals: common))
        case .percent:
            guard participant.baseline > 0 else { return nil }
            var percentScale: Int128 = 1
            for _ in 0..<threshold.value.decimals { percentScale *= 10 }
            // improvement / baseline ≥ P / (100 · 10^d)  ⇔  improvement · 100 · 10^d ≥ P · baseline (both at `decimals`).
            return Int128(participant.improvement) * 100 * percentScale >= Int128(threshold.value.significand) * Int128(participant.baseline)
        }
    }

    /// The improvement of `participant` as an exact decimal.
    public func improvement(of participant: Participant) -> ExactDecimal {
        ExactDecimal(significand: participant.improvement, decimals: decimals)
    }
}
