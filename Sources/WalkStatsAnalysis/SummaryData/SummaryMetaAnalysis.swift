import WalkStatsStatistics
import WalkStatsModel

/// Pools one outcome across the studies of a summary dataset that print both arms of a contrast
/// arm − reference: each study's effect arm − reference
/// (``studyEffect(study:measure:meanA:sdA:nA:meanB:sdB:nB:)``), then
/// ``metaAnalysis(_:method:hksj:confidenceLevel:)``, leave-one-out and Egger's test (k ≥ 3).
///
/// *Timepoint:* with `timepoint`, only that timepoint; otherwise each study's last printed timepoint of
/// the outcome (its follow-up).
///
/// A study may print any number of arms: it contributes when it prints both arms of the contrast, and
/// its other arms are ignored. Studies without both arms are listed in ``notes``; studies whose mean or SD was estimated (from SE,
/// CI, median/IQR or range) are included and flagged in ``IncludedStudy/estimated``.
public struct SummaryMetaAnalysis: Sendable {
    /// A study in the pooled set.
    public struct IncludedStudy: Sendable {
        /// The study effect arm − reference (yi) and its sampling variance (vi).
        public let effect: StudyEffect
        /// The timepoint the effect compares.
        public let timepoint: String
        /// The summary of the contrast's arm.
        public let arm: ArmSummary
        /// The summary of the contrast's reference arm.
        public let reference: ArmSummary
        /// Whether any mean or SD behind the effect was converted or estimated rather than printed.
        public var estimated: Bool { !arm.isFullyReported || !reference.isFullyReported }
    }

    /// The pooled outcome id.
    public let outcome: String
    /// The arms compared: effects are arm − reference.
    public let contrast: ArmContrast
    /// MD or SMD.
    public let measure: EffectMeasure
    /// The pooled studies, in study order.
    public let included: [IncludedStudy]
    /// The pooled estimate and heterogeneity (metafor `rma`).
    public let result: MetaAnalysisResult
    /// Leave-one-out results in study order (k ≥ 3), else empty.
    public let leaveOneOut: [MetaAnalysisResult]
    /// Egger's regression test (k ≥ 3), else `nil`.
    public let egger: EggerTest?
    /// Studies left out and analyses not run, with reasons.
    public let notes: [String]

    /// Pools `outcome` (effect = `contrast.arm` − `contrast.reference`).
    /// - Throws: ``StatisticsError`` when fewer than 2 studies print both arms, a study's numbers cannot
    ///   give an effect, or the pooling fails; the message lists the studies found.
    public init(dataset: SummaryDataset, outcome: String, contrast: ArmContrast, timepoint: String? = nil,
                measure: EffectMeasure, method: HeterogeneityEstimator = .reml, hksj: Bool = false,
                confidenceLevel: Double = 0.95) throws {
        guard dataset.summaries.contains(where: { $0.outcome == outcome }) else {
            throw StatisticsError.unknownName(kind: "outcome", name: outcome, available: Array(Set(dataset.summaries.map(\.outcome))).sorted())
        }
        var included: [IncludedStudy] = []
        var notes: [String] = []
        for study in dataset.studyIDs {
            let timepoints = dataset.timepoints(study: study).filter { !dataset.summaries(study: study, timepoint: $0, outcome: outcome).isEmpty }
            guard let chosen = timepoint ?? timepoints.last else { continue }
            guard let a = dataset.summary(study: study, arm: contrast.arm, timepoint: chosen, outcome: outcome),
                  let b = dataset.summary(study: study, arm: contrast.reference, timepoint: chosen, outcome: outcome) else {
                let arms = dataset.summaries(study: study, timepoint: chosen, outcome: outcome).map(\.arm)
                notes.append("\(study) left out: it prints \(arms.isEmpty ? "no arm" : arms.joined(separator: ", ")) for \(outcome) at \(chosen), not both \(contrast.arm) and \(contrast.reference)")
                continue
            }
            let effect = try studyEffect(study: study, measure: measure, meanA: a.mean, sdA: a.standardDeviation, nA: a.n,
                                         meanB: b.mean, sdB: b.standardDeviation, nB: b.n)
            included.append(IncludedStudy(effect: effect, timepoint: chosen, arm: a, reference: b))
        }
        guard included.count >= 2 else {
            throw StatisticsError.invalidRequest(
                "pooling needs at least 2 studies that print both \(contrast.arm) and \(contrast.reference) for \(outcome); found \(included.count)"
                    + (included.isEmpty ? "" : " (\(included.map(\.effect.study).joined(separator: ", ")))")
                    + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; ")))
        }
        let effects = included.map(\.effect)
        self.outcome = outcome
        self.contrast = contrast
        self.measure = measure
        self.included = included
        result = try metaAnalysis(effects, method: method, hksj: hksj, confidenceLevel: confidenceLevel)
        if effects.count >= 3 {
            leaveOneOut = try WalkStatsStatistics.leaveOneOut(effects, method: method, hksj: hksj, confidenceLevel: confidenceLevel)
            egger = try eggerTest(effects, method: method, hksj: hksj, confidenceLevel: confidenceLevel)
        } else {
            leaveOneOut = []
            egger = nil
            notes.append("leave-one-out and Egger's test need at least 3 studies; found \(effects.count)")
        }
        self.notes = notes
    }
}
