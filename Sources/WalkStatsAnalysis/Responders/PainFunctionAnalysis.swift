import WalkStatsModel
import WalkStatsStatistics

/// Pain beside function for one pain outcome and one function outcome, each at its first responder
/// threshold: per arm, how many of the participants measured in both improved past the threshold in pain
/// only, in function only, in both, or in neither (each with a Wilson interval), and each arm against the
/// reference for "both" and for "pain only" (Newcombe's interval, as for responders).
///
/// Pain relief alone is not recovery: the "pain only" row counts those whose pain improved while their
/// function did not.
public struct PainFunctionTable: Sendable, Equatable {
    /// One arm's counts.
    public struct Arm: Sendable, Equatable {
        /// The arm.
        public let arm: String
        /// Participants measured in both outcomes at both visits (and evaluable at percentage thresholds).
        public let participants: Int
        /// Counts by category: improved in both, pain only, function only, neither.
        public let both: Int, painOnly: Int, functionOnly: Int, neither: Int

        /// The counts in the order of ``PainFunctionTable/categories``.
        public var counts: [Int] { [both, painOnly, functionOnly, neither] }
    }

    /// The categories in table order: machine name and words.
    public static let categories = [("both", "pain and function"), ("pain_only", "pain only"),
                                    ("function_only", "function only"), ("neither", "neither")]

    /// The pain outcome and its threshold.
    public let pain: String, painThreshold: ResponderThreshold
    /// The function outcome and its threshold.
    public let function: String, functionThreshold: ResponderThreshold
    /// The arms' counts.
    public let arms: [Arm]
    /// Each category's Wilson interval per arm, `[category][arm]` (`nil` for an arm without participants).
    public let intervals: [[ConfidenceInterval?]]
    /// Improved in both, each arm against the reference.
    public let both: ProportionComparison
    /// Improved in pain only, each arm against the reference.
    public let painOnly: ProportionComparison

    /// Classifies the participants of `pain` and `function` (same arms and visits) at the two thresholds.
    public init(pain: ImprovementScores, painThreshold: ResponderThreshold, function: ImprovementScores,
                functionThreshold: ResponderThreshold, reference: String?, confidenceLevel: Double) {
        self.pain = pain.outcome
        self.painThreshold = painThreshold
        self.function = function.outcome
        self.functionThreshold = functionThreshold
        let arms = zip(pain.arms, function.arms).map { painArm, functionArm in
            let functionByID = Dictionary(functionArm.complete.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var counts = [0, 0, 0, 0]
            var participants = 0
            for participant in painArm.complete {
                guard let other = functionByID[participant.id], let p = pain.responds(participant, to: painThreshold),
                      let f = function.responds(other, to: functionThreshold) else { continue }
                participants += 1
                counts[p && f ? 0 : p ? 1 : f ? 2 : 3] += 1
            }
            return Arm(arm: painArm.arm, participants: participants, both: counts[0], painOnly: counts[1], functionOnly: counts[2],
                       neither: counts[3])
        }
        self.arms = arms
        intervals = Self.categories.indices.map { c in
            arms.map { arm in
                (try? ResponderCount(responders: arm.counts[c], participants: arm.participants))
                    .flatMap { try? wilsonInterval($0, confidenceLevel: confidenceLevel) }
            }
        }
        both = ProportionComparison(counts: arms.map { ($0.arm, $0.both, $0.participants) }, reference: reference, confidenceLevel: confidenceLevel)
        painOnly = ProportionComparison(counts: arms.map { ($0.arm, $0.painOnly, $0.participants) }, reference: reference,
                                        confidenceLevel: confidenceLevel)
    }
}

/// The OMERACT–OARSI set of responder criteria (Pham et al. 2004, "scenario D"), on pain, function and,
/// when measured, the patient's global assessment, each normalised to 0–100 with 100 the worst:
///
/// ```
/// responder  ⇔  (pain or function improves by ≥ 50% and ≥ 20 points)
///            or (at least two of pain, function, global improve by ≥ 20% and ≥ 10 points)
/// ```
///
/// A score is normalised from the codebook's scale range: `100·(v − min)/(max − min)` when lower is better,
/// `100·(max − v)/(max − min)` when higher is better; percentages are of the participant's normalised
/// baseline. Every comparison is made on exact decimals, as integers. Without a global assessment the
/// second rule needs both pain and function, and the report says so.
///
/// *Reference:* Pham T, van der Heijde D, Altman RD, et al. (2004), OMERACT-OARSI initiative: Osteoarthritis
/// Research Society International set of responder criteria for osteoarthritis clinical trials revisited.
/// Osteoarthritis Cartilage 12(5):389–399. doi:10.1016/j.joca.2004.02.001
public struct OARSIResponders: Sendable, Equatable {
    /// The outcomes used for pain, function and (if measured) the patient's global assessment.
    public let pain: String, function: String, global: String?
    /// Responders per arm and each arm against the reference, among participants measured in every one of
    /// those outcomes at both visits.
    public let comparison: ProportionComparison

    /// One normalised domain of the criteria.
    struct Domain {
        let scores: ImprovementScores
        /// The scale's minimum and width at the scores' decimals.
        let width: Int128

        init?(_ scores: ImprovementScores, range: ClosedRange<Double>) {
            guard let low = ExactDecimal("\(range.lowerBound)")?.normalized, let high = ExactDecimal("\(range.upperBound)")?.normalized,
                  low.decimals <= scores.decimals, high.decimals <= scores.decimals else { return nil }
            self.scores = scores
            width = Int128(high.significand(atDecimals: scores.decimals) - low.significand(atDecimals: scores.decimals))
            minimum = Int128(low.significand(atDecimals: scores.decimals))
            maximum = Int128(high.significand(atDecimals: scores.decimals))
        }
        let minimum: Int128, maximum: Int128

        /// Whether the participant's improvement reaches `percent` % of the normalised baseline and `points` on 0–100.
        func reaches(_ p: ImprovementScores.Participant, percent: Int128, points: Int128) -> Bool {
            let severity = scores.better == .lower ? Int128(p.baseline) - minimum : maximum - Int128(p.baseline)
            let improvement = Int128(p.improvement)
            return severity > 0 && 100 * improvement >= percent * severity && 100 * improvement >= points * width
        }
    }

    /// The criteria on the arms of `pain`, `function` and `global` (same arms and visits), with their scale
    /// ranges; `nil` when a range cannot be read at the data's decimals.
    init?(pain: (ImprovementScores, ClosedRange<Double>), function: (ImprovementScores, ClosedRange<Double>),
          global: (ImprovementScores, ClosedRange<Double>)?, reference: String?, confidenceLevel: Double) {
        guard let p = Domain(pain.0, range: pain.1), let f = Domain(function.0, range: function.1) else { return nil }
        let g = global.flatMap { Domain($0.0, range: $0.1) }
        if global != nil, g == nil { return nil }
        self.pain = pain.0.outcome
        self.function = function.0.outcome
        self.global = global?.0.outcome
        var counts: [(arm: String, responders: Int, participants: Int)] = []
        for (index, painArm) in pain.0.arms.enumerated() {
            func byID(_ domain: Domain?) -> [String: ImprovementScores.Participant] {
                Dictionary((domain?.scores.arms[index].complete ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let (functionByID, globalByID) = (byID(f), byID(g))
            var (responders, participants) = (0, 0)
            for painScore in painArm.complete {
                guard let functionScore = functionByID[painScore.id] else { continue }
                let globalScore = globalByID[painScore.id]
                if g != nil, globalScore == nil { continue }
                participants += 1
                let high = p.reaches(painScore, percent: 50, points: 20) || f.reaches(functionScore, percent: 50, points: 20)
                var moderate = [p.reaches(painScore, percent: 20, points: 10), f.reaches(functionScore, percent: 20, points: 10)]
                if let g, let globalScore { moderate.append(g.reaches(globalScore, percent: 20, points: 10)) }
                if high || moderate.filter({ $0 }).count >= 2 { responders += 1 }
            }
            counts.append((painArm.arm, responders, participants))
        }
        comparison = ProportionComparison(counts: counts, reference: reference, confidenceLevel: confidenceLevel)
    }
}

/// Pain beside function across a trial's outcomes: which pain and function outcomes were measured, a
/// ``PainFunctionTable`` for every pain outcome × function outcome with a responder threshold, and the
/// OMERACT–OARSI responders when pain and function can be normalised to 0–100.
public struct PainFunctionAnalysis: Sendable, Equatable {
    /// The pain outcomes analysed.
    public let painOutcomes: [String]
    /// The function outcomes measured, each with whether it has a responder threshold.
    public let functionOutcomes: [(outcome: String, hasThreshold: Bool)]
    /// One table per pain × function pair with thresholds.
    public let tables: [PainFunctionTable]
    /// The OMERACT–OARSI responders, when computable.
    public let oarsi: OARSIResponders?
    /// Why the OMERACT–OARSI criteria were or were not applied, and on what.
    public let oarsiNote: String
    /// The earlier and later visit.
    public let from: String, to: String

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.painOutcomes == rhs.painOutcomes && lhs.functionOutcomes.map(\.outcome) == rhs.functionOutcomes.map(\.outcome)
            && lhs.functionOutcomes.map(\.hasThreshold) == rhs.functionOutcomes.map(\.hasThreshold) && lhs.tables == rhs.tables
            && lhs.oarsi == rhs.oarsi && lhs.oarsiNote == rhs.oarsiNote && lhs.from == rhs.from && lhs.to == rhs.to
    }

    /// Pain beside function for the outcomes of `outcomes` (in order) that the codebook puts in the pain,
    /// function and global domains; `nil` when there is no pain outcome or no function outcome.
    public init?(plan: ResponderPlan, outcomes: [String], in trial: Trial) {
        func domain(_ outcome: String) -> OutcomeDomain? { plan.codebook.definition(of: outcome)?.domain }
        let pains = outcomes.filter { domain($0) == .pain }
        let functions = outcomes.filter { domain($0) == .function }
        guard !pains.isEmpty, !functions.isEmpty else { return nil }
        painOutcomes = pains
        functionOutcomes = functions.map { ($0, !plan.thresholds(of: $0).isEmpty) }
        from = plan.from
        to = plan.to
        var scores: [String: ImprovementScores] = [:]
        for outcome in outcomes { scores[outcome] = plan.scores(outcome, in: trial) }
        tables = pains.flatMap { pain in
            functions.compactMap { function -> PainFunctionTable? in
                guard let p = plan.thresholds(of: pain).first, let f = plan.thresholds(of: function).first,
                      let painScores = scores[pain], let functionScores = scores[function] else { return nil }
                return PainFunctionTable(pain: painScores, painThreshold: p, function: functionScores, functionThreshold: f,
                                         reference: plan.reference, confidenceLevel: plan.confidenceLevel)
            }
        }
        // OMERACT–OARSI: per domain, the first outcome already on 0–100, else the first with a scale range to
        // normalise from.
        func scaled(_ list: [String]) -> (ImprovementScores, ClosedRange<Double>)? {
            let candidates = list.compactMap { outcome -> (ImprovementScores, ClosedRange<Double>)? in
                guard let range = plan.codebook.definition(of: outcome)?.scaleRange, let s = scores[outcome] else { return nil }
                return (s, range)
            }
            return candidates.first { $0.1 == 0...100 } ?? candidates.first
        }
        let globals = outcomes.filter { domain($0) == .global }
        let (pain, function, global) = (scaled(pains), scaled(functions), scaled(globals))
        if let pain, let function {
            oarsi = OARSIResponders(pain: pain, function: function, global: global, reference: plan.reference,
                                    confidenceLevel: plan.confidenceLevel)
            oarsiNote = oarsi == nil
                ? "OMERACT–OARSI criteria not applied: a scale range in the codebook has more decimals than the data"
                : "OMERACT–OARSI criteria (Pham et al. 2004) applied to \(pain.0.outcome) (pain) and \(function.0.outcome) (function)"
                    + (global.map { " and \($0.0.outcome) (patient global assessment)" }
                        ?? "; no patient global assessment was measured, so the two-of-three rule needs both pain and function")
                    + ", each normalised to 0–100 from its scale range (per domain, an outcome already on 0–100 is preferred)"
        } else {
            oarsi = nil
            let missing = [pain == nil ? "pain" : nil, function == nil ? "function" : nil].compactMap { $0 }
            oarsiNote = "OMERACT–OARSI criteria not applied: no \(missing.joined(separator: " or ")) outcome has a scale range in the codebook, "
                + "so it cannot be normalised to 0–100"
        }
    }
}
