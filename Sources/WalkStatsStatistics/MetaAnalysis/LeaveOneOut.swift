/// The meta-analysis repeated k times, each time without one study: how much each study moves the pooled
/// result.
///
/// ```
/// result_i = metaAnalysis(effects without study i, method, hksj, confidenceLevel),   i = 1 … k
/// ```
///
/// Each element is a complete ``MetaAnalysisResult`` for k − 1 studies, in the order of the omitted
/// study (element i omits `effects[i]`), so its `studies` no longer contain that study.
///
/// *Assumptions.* Those of ``metaAnalysis(_:method:hksj:confidenceLevel:)``.
///
/// *Missing values.* None accepted, as for the pooling.
///
/// *Matches R:* `metafor::leave1out(rma(yi, vi, method = method, test = if (hksj) "knha" else "z",
/// level = 100 * confidenceLevel))` (metafor 3.8-1): its columns `estimate`, `se`, `zval` (`tval`),
/// `pval`, `ci.lb`, `ci.ub`, `Q`, `Qp`, `tau2`, `I2`, `H2` are the fields `estimate`, `standardError`,
/// `statistic`, `pValue`, `confidenceInterval`, `q`, `qPValue`, `tau2`, `i2`, `h2` of element i, with the
/// exact REML/PM estimates (see ``HeterogeneityEstimator``). metafor puts `NA` in a row whose fit fails;
/// WalkStats throws instead.
///
/// - Parameters:
///   - effects: the studies, k ≥ 3 (so that every subset still has the 2 studies pooling needs).
///   - method: the τ² estimator (default REML).
///   - hksj: use the Knapp–Hartung adjustment (default false).
///   - confidenceLevel: the level of every interval (default 0.95).
/// - Returns: k results, element i without study i.
/// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)`` for fewer than 3 studies, and
///   every error of ``metaAnalysis(_:method:hksj:confidenceLevel:)`` for the full set or a subset.
/// - Complexity: k pooled analyses.
public func leaveOneOut(_ effects: [StudyEffect], method: HeterogeneityEstimator = .reml, hksj: Bool = false,
                        confidenceLevel: Double = 0.95) throws -> [MetaAnalysisResult] {
    try MetaAnalysisInput.validate(effects, minimumStudies: 3, confidenceLevel: confidenceLevel)
    return try effects.indices.map { omitted in
        var subset = effects
        subset.remove(at: omitted)
        return try metaAnalysis(subset, method: method, hksj: hksj, confidenceLevel: confidenceLevel)
    }
}
