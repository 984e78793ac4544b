import WalkStatsModel
import WalkStatsStatistics

/// What a user asks of a trial: which timepoints, arms and covariates, how to adjust for multiplicity and
/// at what confidence level. `nil` means "decide from the data" (see ``PrePostPlan``).
public struct AnalysisRequest: Sendable, Equatable {
    /// The outcomes to analyse; `nil` analyses every outcome.
    public var outcomes: [String]?
    /// The earlier timepoint; `nil` is the first.
    public var from: String?
    /// The later timepoint; `nil` is the last.
    public var to: String?
    /// The arms to analyse, in order (the order decides which way round two non-reference arms are
    /// compared: the later − the earlier); `nil` analyses every arm, in sorted order.
    public var arms: [String]?
    /// The reference (comparator) arm; `nil` takes the metadata's, else an arm named like a control, else
    /// the last arm in sorted order.
    public var reference: String?
    /// What the dataset's sidecar says (its reference arm and design are used when the request names none).
    public var metadata: DatasetMetadata?
    /// The design; `nil` takes the metadata's, else parallel.
    public var design: DatasetMetadata.Design?
    /// Participant attributes the ANCOVA adjusts for besides baseline.
    public var covariates: [String]
    /// R's `p.adjust` method applied across the outcomes analysed together.
    public var adjustment: PValueAdjustment
    /// The level of every confidence interval.
    public var confidenceLevel: Double

    /// Creates a request; the defaults are R's (Holm, 95%).
    /// The models over every visit to fit when the data have three or more visits (`nil`: all of
    /// ``PlannedAnalysis/modelNames``; empty: none).
    public var models: [String]?
    /// What the outcomes mean (better direction, responder thresholds, domain, scale): responder analyses
    /// need it.
    public var codebook: Codebook
    /// Responder thresholds chosen for outcomes (`--mcid`), replacing the codebook's for those outcomes.
    public var responderThresholds: [String: [ResponderThreshold]]

    public init(outcomes: [String]? = nil, from: String? = nil, to: String? = nil, arms: [String]? = nil,
                reference: String? = nil, metadata: DatasetMetadata? = nil, design: DatasetMetadata.Design? = nil,
                covariates: [String] = [],
                adjustment: PValueAdjustment = .holm, confidenceLevel: Double = 0.95, models: [String]? = nil,
                codebook: Codebook = Codebook(definitions: []), responderThresholds: [String: [ResponderThreshold]] = [:]) {
        self.models = models
        self.codebook = codebook
        self.responderThresholds = responderThresholds
        self.outcomes = outcomes
        self.from = from
        self.to = to
        self.arms = arms
        self.reference = reference
        self.metadata = metadata
        self.design = design
        self.covariates = covariates
        self.adjustment = adjustment
        self.confidenceLevel = confidenceLevel
    }
}

/// Why a request cannot be planned for these data. The messages describe the data; the command line maps
/// each case to the flag that made the request.
public enum AnalysisRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of name a request gave.
    public enum NameKind: String, Sendable, Equatable {
        case outcome, timepoint, arm
        /// A participant attribute asked for as a covariate.
        case covariate = "participant attribute"
    }

    /// A name the data do not contain.
    case unknownName(NameKind, name: String, available: [String])
    /// The data have one timepoint, so there is no change to analyse.
    case singleTimepoint(String)
    /// The earlier and later timepoint are the same.
    case sameTimepoints(String)
    /// The "earlier" timepoint of a change comes after the "later" one in the timepoint order.
    case reversedTimepoints(from: String, to: String, order: [String])
    /// A model name that is not one of the models over every visit.
    case unknownModel(String, available: [String])
    /// The chosen arms are empty or repeat a name.
    case invalidArmSelection([String])
    /// The reference arm asked for is not among the arms analysed.
    case referenceNotAnalysed(String, arms: [String])
    /// A responder threshold was chosen for an outcome the data do not contain.
    case unknownThresholdOutcome(String, available: [String])
    /// Responder thresholds were chosen for a design without responder analyses (within-subject, crossover).
    case thresholdsNeedParallelDesign(DatasetMetadata.Design)

    public var description: String {
        switch self {
        case let .unknownName(kind, name, available):
            return "no \(kind.rawValue) '\(name)' in the data; available: \(available.joined(separator: ", "))"
        case let .singleTimepoint(timepoint):
            return "a change needs two timepoints; the data have only '\(timepoint)'"
        case let .sameTimepoints(timepoint):
            return "the earlier and later timepoint must differ (both are '\(timepoint)')"
        case let .reversedTimepoints(from, to, order):
            return "'\(from)' comes after '\(to)' in the timepoint order (\(order.joined(separator: ", "))); a change runs from an "
                + "earlier to a later timepoint"
        case let .unknownModel(name, available):
            return "no model '\(name)'; available: \(available.joined(separator: ", "))"
        case let .invalidArmSelection(names):
            return "the arms to analyse must be different, non-empty names, got \(names.map { "'\($0)'" }.joined(separator: ", "))"
        case let .referenceNotAnalysed(reference, arms):
            return "the reference arm '\(reference)' is not among the arms analysed (\(arms.joined(separator: ", ")))"
        case let .thresholdsNeedParallelDesign(design):
            return "responder thresholds apply to a parallel trial (change from baseline in each arm); this design is \(design.rawValue)"
        case let .unknownThresholdOutcome(name, available):
            return "a responder threshold was given for '\(name)', which is not an outcome of the data; available: \(available.joined(separator: ", "))"
        }
    }
}

extension AnalysisRequest {
    /// The design in force: the request's, else the metadata's, else parallel; and where it came from.
    public var resolvedDesign: (design: DatasetMetadata.Design, source: String) {
        if let design { return (design, "chosen in the request") }
        if let design = metadata?.design { return (design, "from the dataset's metadata") }
        return (.parallel, "the default")
    }
}

extension AnalysisRequest {
    /// The outcomes asked for (every outcome of `trial` when none are named), after checking the confidence
    /// level and that each outcome exists: the checks every plan starts with.
    /// - Throws: ``StatisticsError/invalidConfidenceLevel(_:)``, ``AnalysisRequestError/unknownName(_:name:available:)``.
    func checkedOutcomes(in trial: Trial) throws -> [String] {
        try ConfidenceInterval.validate(level: confidenceLevel)
        let outcomes = self.outcomes ?? trial.outcomes
        for outcome in outcomes where !trial.outcomes.contains(outcome) {
            throw AnalysisRequestError.unknownName(.outcome, name: outcome, available: trial.outcomes)
        }
        return outcomes
    }

    /// The two timepoints compared, `from` (default the first) and `to` (default the last), checked to exist
    /// and differ, and with `inTimeOrder` (a change over time) to come in the trial's timepoint order.
    /// - Throws: ``AnalysisRequestError`` for a trial with one timepoint, an unknown name, equal names or,
    ///   with `inTimeOrder`, a reversed pair.
    func checkedTimepoints(in trial: Trial, inTimeOrder: Bool = false) throws -> (from: String, to: String) {
        guard let first = trial.timepoints.first, let last = trial.timepoints.last, trial.timepoints.count >= 2 else {
            throw AnalysisRequestError.singleTimepoint(trial.timepoints.first ?? "")
        }
        let pair = (from: from ?? first, to: to ?? last)
        for timepoint in [pair.from, pair.to] where !trial.timepoints.contains(timepoint) {
            throw AnalysisRequestError.unknownName(.timepoint, name: timepoint, available: trial.timepoints)
        }
        guard pair.from != pair.to else { throw AnalysisRequestError.sameTimepoints(pair.from) }
        if inTimeOrder, let f = trial.timepoints.firstIndex(of: pair.from), let t = trial.timepoints.firstIndex(of: pair.to), f > t {
            throw AnalysisRequestError.reversedTimepoints(from: pair.from, to: pair.to, order: trial.timepoints)
        }
        return pair
    }
}
