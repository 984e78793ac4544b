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
    /// Whether the dataset's metadata marks the data as simulated (and from which file).
    public let simulatedBy: String?
    /// The design analysed and where it came from.
    public let design: (design: DatasetMetadata.Design, source: String)
    /// One result per outcome, in the plan's order.
    public let outcomes: [OutcomeResult]
    /// The participants at baseline by arm (outcomes at the earlier timepoint in a parallel design; none
    /// when the timepoints are conditions).
    public let baseline: BaselineTable
    /// Participants randomised and measured at each visit, by arm.
    public let flow: ParticipantFlow
    /// Pain beside function (a parallel trial that measured both).
    public let painFunction: PainFunctionAnalysis?

    /// Plans `request` for `trial`, runs it and describes the trial.
    /// - Throws: ``AnalysisRequestError`` for a request the data cannot answer; ``StatisticsError`` for an
    ///   invalid confidence level.
    public init(trial: Trial, request: AnalysisRequest) throws {
        self.trial = trial
        design = request.resolvedDesign
        simulatedBy = request.metadata.flatMap { $0.simulated == true ? $0.source : nil }
        description = try TrialDescription(trial: trial, confidenceLevel: request.confidenceLevel)
        outcomes = try Self.run(request, on: trial)
        if design.design == .parallel {
            let plan = try ResponderPlan(plan: PrePostPlan(trial: trial, request: request), request: request)
            painFunction = PainFunctionAnalysis(plan: plan, outcomes: outcomes.map(\.outcome), in: trial)
        } else {
            painFunction = nil
        }
        flow = ParticipantFlow(trial: trial, arms: request.arms)
        baseline = BaselineTable(trial: trial, arms: request.arms,
                                 timepoint: design.design == .parallel ? (request.from ?? trial.timepoints.first) : nil)
    }

    /// The plan the request's design calls for (parallel: ``PrePostPlan``; within: ``WithinSubjectPlan``;
    /// crossover: ``CrossoverPlan``), run on `trial`.
    /// - Throws: ``AnalysisRequestError`` for a request the data cannot answer; ``CrossoverDataError`` for data
    ///   that are not a 2×2 crossover.
    public static func run(_ request: AnalysisRequest, on trial: Trial) throws -> [OutcomeResult] {
        let (design, source) = request.resolvedDesign
        if design != .parallel, !request.responderThresholds.isEmpty {
            throw AnalysisRequestError.thresholdsNeedParallelDesign(design)
        }
        switch design {
        case .parallel:
            for name in request.responderThresholds.keys.sorted() where !trial.outcomes.contains(name) {
                throw AnalysisRequestError.unknownThresholdOutcome(name, available: trial.outcomes)
            }
            let plan = try PrePostPlan(trial: trial, request: request)
            let responders = ResponderPlan(plan: plan, request: request)
            return try plan.run(on: trial).map { result in
                var result = result
                result.responders = responders.analyse(result.outcome, in: trial)
                return result
            }
        case .within: return try WithinSubjectPlan(trial: trial, request: request, designSource: source).run(on: trial)
        case .crossover: return try CrossoverPlan(trial: trial, request: request, designSource: source).run(on: trial)
        }
    }
}
