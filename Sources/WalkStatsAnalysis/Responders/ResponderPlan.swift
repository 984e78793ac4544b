import WalkStatsModel

/// Plans the responder analyses of a parallel trial: for each outcome with a known better direction, the
/// cumulative distribution of change; for each of its responder thresholds (`--mcid`, else the codebook's),
/// a ``ResponderAnalysis`` at the later visit of the change analysed (`--to`, default the last).
public struct ResponderPlan: Sendable {
    /// The arms analysed and the reference.
    public let arms: [String]
    public let reference: String?
    /// The visits of the change.
    public let from: String, to: String
    /// What the outcomes mean.
    public let codebook: Codebook
    /// Thresholds chosen on the command line, by outcome.
    public let chosen: [String: [ResponderThreshold]]
    /// The confidence level.
    public let confidenceLevel: Double

    /// The plan for the arms, reference and visits of `plan`, with the request's codebook and thresholds.
    public init(plan: PrePostPlan, request: AnalysisRequest) {
        arms = plan.arms
        reference = plan.reference
        from = plan.from
        to = plan.to
        codebook = request.codebook
        chosen = request.responderThresholds
        confidenceLevel = request.confidenceLevel
    }

    /// The thresholds of `outcome`: the chosen ones, else the codebook's.
    public func thresholds(of outcome: String) -> [ResponderThreshold] {
        chosen[outcome] ?? codebook.definition(of: outcome)?.responderThresholds ?? []
    }

    /// The improvement scores of `outcome`, when its better direction is known.
    public func scores(_ outcome: String, in trial: Trial) -> ImprovementScores? {
        codebook.definition(of: outcome).map {
            ImprovementScores(trial: trial, outcome: outcome, better: $0.better, arms: arms, from: from, to: to)
        }
    }

    /// The responder analyses of `outcome` in `trial`.
    public func analyse(_ outcome: String, in trial: Trial) -> ResponderResult {
        guard let definition = codebook.definition(of: outcome), let scores = scores(outcome, in: trial) else {
            return ResponderResult(analyses: [], distribution: nil, notes: [
                "No responder analysis: '\(outcome)' is not in the codebook, so which direction is an improvement is unknown",
            ])
        }
        let thresholds = thresholds(of: outcome)
        var notes: [String] = []
        if thresholds.isEmpty {
            notes.append("No responder analysis: no minimal clinically important difference is set for '\(outcome)' "
                + "(\(definition.mcidSource.isEmpty ? "none in the codebook" : definition.mcidSource)); give one with --mcid \(outcome)=VALUE")
        }
        return ResponderResult(
            analyses: thresholds.map { ResponderAnalysis(scores: scores, threshold: $0, reference: reference, confidenceLevel: confidenceLevel) },
            distribution: CumulativeChange(scores: scores, thresholds: thresholds), notes: notes,
            functionOutcomesMeasured: definition.domain == .pain
                ? trial.outcomes.filter { codebook.definition(of: $0)?.domain == .function } : nil)
    }
}
