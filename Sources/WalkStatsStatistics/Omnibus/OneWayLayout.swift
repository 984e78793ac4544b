import WalkStatsModel
/// Independent groups of values (the levels of one factor) after the checks every k-group test makes,
/// with the one-way analysis of variance decomposition of their values:
///
/// ```
/// group g = 1…k, observation i = 1…n_g, N = Σ n_g,  ȳ_g the group mean,  ȳ the grand mean
/// SSB = Σ_g n_g (ȳ_g − ȳ)²            (between groups, k − 1 df)
/// SSW = Σ_g Σ_i (y_gi − ȳ_g)²         (within groups, N − k df)
/// fitted = Σ_g n_g ȳ_g²               (uncentred sum of squared fitted values, for R's perfect-fit rule)
/// ```
///
/// Shared by ``leveneMedianTest(_:)`` (on absolute deviations), ``onewayANOVA(_:confidenceLevel:)``,
/// ``welchANOVA(_:)`` and ``kruskalWallisTest(_:)``.
struct OneWayLayout {
    /// The groups as given.
    let groups: [[Double]]
    /// n_g.
    var sizes: [Int] { groups.map(\.count) }
    /// N.
    var total: Int { groups.reduce(0) { $0 + $1.count } }

    /// R's `anova.lm` warns of "an essentially perfect fit" when the residual sum of squares is below this
    /// multiple of the (uncentred) sum of squared fitted values; WalkStats refuses such data.
    static let perfectFitRatio = 1e-10

    /// Checks that there are at least 2 groups, none empty, all values finite, and (when
    /// `needsResidualDegreesOfFreedom`) more values than groups.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)``,
    ///   ``StatisticsError/nonFiniteInput(what:)``.
    init(_ groups: [[Double]], needsResidualDegreesOfFreedom: Bool = true) throws {
        let k = groups.count
        guard k >= 2 else { throw StatisticsError.insufficientObservations(what: "groups", needed: 2, got: k) }
        for (index, group) in groups.enumerated() {
            guard !group.isEmpty else {
                throw StatisticsError.insufficientObservations(what: "values in group \(index + 1)", needed: 1, got: 0)
            }
            guard group.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteInput(what: "the values of group \(index + 1)") }
        }
        self.groups = groups
        let total = total
        if needsResidualDegreesOfFreedom, total <= k {
            throw StatisticsError.insufficientObservations(what: "values in all groups together (more than the \(k) groups)",
                                                           needed: k + 1, got: total)
        }
    }

    /// SSB, SSW and the uncentred fitted sum of squares of the values.
    func sumsOfSquares() -> (between: Double, within: Double, fitted: Double) {
        let means = groups.map { $0.reduce(0, +) / Double($0.count) }
        let grandMean = groups.joined().reduce(0, +) / Double(total)
        var between = 0.0, within = 0.0, fitted = 0.0
        for (group, mean) in zip(groups, means) {
            let count = Double(group.count)
            between += count * (mean - grandMean) * (mean - grandMean)
            fitted += count * mean * mean
            within += group.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        return (between, within, fitted)
    }

    /// The checks of ``init(_:needsResidualDegreesOfFreedom:)`` for printed summaries: at least 2 groups,
    /// each with n ≥ 1 and finite mean and SD ≥ 0, and more participants than groups.
    /// - Throws: ``StatisticsError/insufficientObservations(what:needed:got:)``,
    ///   ``StatisticsError/nonFiniteInput(what:)``.
    static func check(_ summaries: [SummaryStatistics]) throws {
        let k = summaries.count
        guard k >= 2 else { throw StatisticsError.insufficientObservations(what: "groups", needed: 2, got: k) }
        for (index, summary) in summaries.enumerated() {
            guard summary.n >= 1 else {
                throw StatisticsError.insufficientObservations(what: "participants in group \(index + 1)", needed: 1, got: summary.n)
            }
            guard summary.mean.isFinite, summary.standardDeviation.isFinite, summary.standardDeviation >= 0 else {
                throw StatisticsError.nonFiniteInput(what: "the mean and SD of group \(index + 1)")
            }
        }
        let total = summaries.reduce(0) { $0 + $1.n }
        guard total > k else {
            throw StatisticsError.insufficientObservations(what: "participants (more than the \(k) groups)", needed: k + 1, got: total)
        }
    }
}
