import WalkStatsModel
import WalkStatsStatistics

/// A whole trial analysed: descriptives of every outcome × arm × timepoint and the planned pre/post
/// analysis of every outcome, with p-values adjusted across the outcomes. Everything is computed here;
/// the Report layer only renders it.
public struct TrialAnalysis: Sendable {
    /// The trial analysed.
    public let trial: Trial
    /// Descriptives of every cell.
    public let description: TrialDescription
    /// The plan that ran.
    public let plan: PrePostPlan
    /// One result per outcome, in the plan's order.
    public let outcomes: [OutcomeResult]

    /// Plans `request` for `trial`, runs it and describes the trial.
    /// - Throws: ``AnalysisRequestError`` for a request the data cannot answer; ``StatisticsError`` for an
    ///   invalid confidence level.
    public init(trial: Trial, request: AnalysisRequest) throws {
        self.trial = trial
        plan = try PrePostPlan(trial: trial, request: request)
        description = try TrialDescription(trial: trial, confidenceLevel: request.confidenceLevel)
        outcomes = try plan.run(on: trial)
    }
}
