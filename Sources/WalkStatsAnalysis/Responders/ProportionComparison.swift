import WalkStatsModel
import WalkStatsStatistics

/// Responders out of participants in one arm, with the Wilson interval of the proportion.
public struct ArmProportion: Sendable, Equatable {
    /// The arm.
    public let arm: String
    /// Participants counted as responding.
    public let responders: Int
    /// Participants counted (the denominator).
    public let participants: Int
    /// The Wilson score interval (``wilsonInterval(_:confidenceLevel:)``); `nil` when no participant is counted.
    public let interval: ConfidenceInterval?

    /// Creates a count.
    public init(arm: String, responders: Int, participants: Int, interval: ConfidenceInterval?) {
        self.arm = arm
        self.responders = responders
        self.participants = participants
        self.interval = interval
    }

    /// The proportion, `nil` without participants.
    public var proportion: Double? { participants > 0 ? Double(responders) / Double(participants) : nil }
}

/// One arm's responders against the reference arm's: risk difference (Newcombe's hybrid score interval),
/// number needed to treat (Altman), risk ratio (Katz), Fisher's exact test with the conditional odds ratio,
/// and the χ² test of `prop.test` with Yates' correction. Each is `nil` where it cannot be computed, with
/// the reason in ``notes``.
public struct ProportionContrast: Sendable, Equatable {
    /// The two arms, `[arm, reference]`: differences are arm − reference, ratios arm / reference.
    public let arms: [String]
    /// p(arm) − p(reference) with Newcombe's method 10 interval.
    public let riskDifference: RiskDifference?
    /// p(arm) / p(reference) with the Katz log interval.
    public let riskRatio: RiskRatio?
    /// Fisher's exact test: p-value, conditional maximum-likelihood odds ratio and its exact interval.
    public let fisher: HypothesisTestResult?
    /// `prop.test` (Yates' continuity correction): its p-value.
    public let chiSquared: HypothesisTestResult?
    /// Why a number is missing.
    public let notes: [String]

    /// The number needed to treat, from the risk difference (absent when the difference is 0).
    public var numberNeededToTreat: NumberNeededToTreat? {
        riskDifference.flatMap { $0.estimate == 0 ? nil : $0.numberNeededToTreat }
    }
}

/// The proportions of responders of several arms, each arm against the reference.
///
/// *Matches R:* per arm `prop.test(x, n, correct = FALSE)$conf.int`; per contrast `fisher.test` and
/// `prop.test(c(x1, x2), c(n1, n2))`, with Newcombe's and Katz's intervals from their formulas (see
/// ``riskDifference(_:_:confidenceLevel:)`` and ``riskRatio(_:_:confidenceLevel:)``).
public struct ProportionComparison: Sendable, Equatable {
    /// Each arm's responders, in the arms' order.
    public let arms: [ArmProportion]
    /// Each non-reference arm against the reference.
    public let contrasts: [ProportionContrast]

    /// Compares the counts `(arm, responders, participants)` of each arm with those of `reference` (no
    /// contrasts when `reference` is `nil` or not among them).
    public init(counts: [(arm: String, responders: Int, participants: Int)], reference: String?, confidenceLevel: Double) {
        func responderCount(_ c: (arm: String, responders: Int, participants: Int)) -> ResponderCount? {
            try? ResponderCount(responders: c.responders, participants: c.participants)
        }
        arms = counts.map { count in
            ArmProportion(arm: count.arm, responders: count.responders, participants: count.participants,
                          interval: responderCount(count).flatMap { try? wilsonInterval($0, confidenceLevel: confidenceLevel) })
        }
        guard let reference, let referenceCount = counts.first(where: { $0.arm == reference }) else {
            contrasts = []
            return
        }
        contrasts = counts.filter { $0.arm != reference }.map { count in
            let names = [count.arm, reference]
            guard let arm = responderCount(count), let ref = responderCount(referenceCount) else {
                let empty = [count, referenceCount].filter { $0.participants == 0 }.map(\.arm)
                return ProportionContrast(arms: names, riskDifference: nil, riskRatio: nil, fisher: nil, chiSquared: nil,
                                          notes: ["\(names.joined(separator: " vs ")): not compared, no participant counted in "
                                              + empty.joined(separator: " and ")])
            }
            var notes: [String] = []
            let ratio = try? riskRatio(arm, ref, confidenceLevel: confidenceLevel)
            if let reason = ratio?.undefinedReason { notes.append("\(names.joined(separator: " / ")) risk ratio: \(reason)") }
            let chiSquared = try? twoProportionsChiSquaredTest(arm, ref, confidenceLevel: confidenceLevel)
            if chiSquared == nil {
                notes.append("\(names.joined(separator: " vs ")): prop.test not computed, "
                    + (arm.responders + ref.responders == 0 ? "no participant responded in either arm" : "every participant responded in both arms"))
            }
            return ProportionContrast(arms: names, riskDifference: try? riskDifference(arm, ref, confidenceLevel: confidenceLevel),
                                      riskRatio: ratio, fisher: try? fisherExactTest(arm, ref, confidenceLevel: confidenceLevel),
                                      chiSquared: chiSquared, notes: notes)
        }
    }

    /// Every reason a number is missing.
    public var notes: [String] {
        arms.filter { $0.participants == 0 }.map { "\($0.arm): no participant counted, so no proportion" } + contrasts.flatMap(\.notes)
    }
}
