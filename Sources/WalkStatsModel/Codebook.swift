/// Which direction of an outcome is an improvement.
public enum BetterDirection: String, Sendable, Equatable {
    /// Lower values are better (pain, Timed Up and Go).
    case lower
    /// Higher values are better (strength, walking speed).
    case higher
}

/// What an outcome measures, so that a report can set pain beside function: pain relief alone is not
/// recovery (the second seed's argument).
public enum OutcomeDomain: String, Sendable, Equatable, CaseIterable {
    /// Pain (NRS, VAS, WOMAC pain).
    case pain
    /// Physical function (walking speed, Timed Up and Go, WOMAC function).
    case function
    /// Muscle strength or activation.
    case strength
    /// The patient's global assessment of the disease or of change (one of the OMERACT–OARSI criteria).
    case global
    /// Anything else (composites, biomechanics, health-service use).
    case other
}

/// What an outcome id means: label, unit, better direction and minimal clinically important difference.
public struct OutcomeDefinition: Sendable, Equatable {
    /// The outcome id used in data files, such as `pain_nrs`.
    public let id: String
    /// A human-readable label for reports.
    public let label: String
    /// The unit, such as `m/s`.
    public let unit: String
    /// Which direction is an improvement.
    public let better: BetterDirection
    /// The minimal clinically important difference, when one is established.
    public let mcid: Double?
    /// Where the MCID comes from, or why there is none.
    public let mcidSource: String
    /// The instrument that measures the outcome (such as "WOMAC index" or "hand-held dynamometer").
    public let instrument: String
    /// The values the scale can take, when it is bounded (NRS 0–10, WOMAC 0–96).
    public let scaleRange: ClosedRange<Double>?
    /// Whether a participant's score is a whole number (sums of integer items), so that GRIM and GRIMMER
    /// apply to reported means and SDs.
    public let integerScores: Bool
    /// What the outcome measures.
    public let domain: OutcomeDomain
    /// The changes that make a participant a responder, smallest first: the MCID in points, and where the
    /// source gives them, the MCID as a percentage of baseline and a larger "important" change.
    public let responderThresholds: [ResponderThreshold]

    /// Creates a definition.
    public init(id: String, label: String, unit: String, better: BetterDirection, mcid: Double?, mcidSource: String,
                instrument: String = "", scaleRange: ClosedRange<Double>? = nil, integerScores: Bool = false,
                domain: OutcomeDomain = .other, responderThresholds: [ResponderThreshold]? = nil) {
        self.domain = domain
        self.responderThresholds = responderThresholds ?? mcid.flatMap { mcid in
            ExactDecimal("\(mcid)").map { [ResponderThreshold(value: $0, kind: .points, level: .minimal, source: mcidSource)] }
        } ?? []
        self.id = id
        self.label = label
        self.unit = unit
        self.better = better
        self.mcid = mcid
        self.mcidSource = mcidSource
        self.instrument = instrument
        self.scaleRange = scaleRange
        self.integerScores = integerScores
    }
}

/// What a data file itself says about an outcome (an SPSS variable label, a REDCap data dictionary's field):
/// a label, and maybe the scale's range and whole-number scores — but not which direction is better, so it
/// labels an outcome the codebook does not define without making it one.
public struct FileOutcomeInfo: Sendable, Equatable {
    /// The outcome id.
    public let id: String
    /// The label the file gives.
    public let label: String
    /// The values the scale can take, when the file says (REDCap's validation minimum and maximum).
    public let scaleRange: ClosedRange<Double>?
    /// Whether scores are whole numbers (REDCap's integer validation, coded choices).
    public let integerScores: Bool
    /// Where it comes from, in words ("SPSS variable label", "REDCap data dictionary `dict.csv`").
    public let source: String

    public init(id: String, label: String, scaleRange: ClosedRange<Double>? = nil, integerScores: Bool = false, source: String) {
        self.id = id
        self.label = label
        self.scaleRange = scaleRange
        self.integerScores = integerScores
        self.source = source
    }
}

/// Outcome definitions by id, read from a codebook CSV.
public struct Codebook: Sendable, Equatable {
    /// The definitions in file order.
    public let definitions: [OutcomeDefinition]
    /// What the data file says about outcomes without a definition (see ``FileOutcomeInfo``).
    public private(set) var fileOutcomes: [FileOutcomeInfo] = []

    /// Creates a codebook.
    public init(definitions: [OutcomeDefinition]) {
        self.definitions = definitions
    }

    /// The definition of `outcome`, if the codebook has one.
    public func definition(of outcome: String) -> OutcomeDefinition? {
        definitions.first { $0.id == outcome }
    }

    /// What the data file says about `outcome`, when the codebook does not define it.
    public func fileOutcome(of outcome: String) -> FileOutcomeInfo? {
        definition(of: outcome) == nil ? fileOutcomes.first { $0.id == outcome } : nil
    }

    /// The scale range and whole-number rule to check `outcome`'s values against: the definition's, else the
    /// data file's own.
    public func valueRule(of outcome: String) -> (range: ClosedRange<Double>?, integer: Bool)? {
        if let definition = definition(of: outcome) { return (definition.scaleRange, definition.integerScores) }
        return fileOutcome(of: outcome).map { ($0.scaleRange, $0.integerScores) }
    }

    /// This codebook with `info` added for the outcomes it does not define (the first for each id counts).
    public func adding(fileOutcomes info: [FileOutcomeInfo]) -> Codebook {
        var codebook = self
        let known = Set(definitions.map(\.id)).union(fileOutcomes.map(\.id))
        var seen = Set<String>()
        codebook.fileOutcomes += info.filter { !known.contains($0.id) && seen.insert($0.id).inserted }
        return codebook
    }
}

extension Codebook {
    /// This codebook with `later` laid over it, outcome by outcome: `later`'s row for an outcome replaces this
    /// one's row for it entirely (an empty `mcid` there means no threshold, not "keep the earlier one"); outcomes
    /// `later` does not mention keep this definition; outcomes only `later` has follow, in its order.
    public func overriding(with later: Codebook) -> Codebook {
        let replacements = Dictionary(later.definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = Set(definitions.map(\.id))
        return Codebook(definitions: definitions.map { replacements[$0.id] ?? $0 } + later.definitions.filter { !ids.contains($0.id) })
            .adding(fileOutcomes: fileOutcomes + later.fileOutcomes)
    }
}
