/// The stable machine name of a standardised effect size, as used in JSON (`cohens_d`, `hedges_g`, …).
/// Extensible: later effect sizes add new names without changing existing ones.
public struct EffectSizeName: RawRepresentable, Hashable, Sendable {
    /// The name as written in JSON and CSV.
    public let rawValue: String
    /// Creates a name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Cohen's d_z: the mean of paired differences over their standard deviation.
    public static let cohensDz = EffectSizeName(rawValue: "cohens_dz")
    /// Cohen's d_av: the mean of paired differences over the average of the two conditions' SDs.
    public static let cohensDav = EffectSizeName(rawValue: "cohens_dav")
    /// Cohen's d: the difference of two independent means over the pooled standard deviation.
    public static let cohensD = EffectSizeName(rawValue: "cohens_d")
    /// Hedges' g: Cohen's d with the exact small-sample bias correction J(df).
    public static let hedgesG = EffectSizeName(rawValue: "hedges_g")
    /// η²: the share of the total sum of squares between groups (one-way ANOVA).
    public static let etaSquared = EffectSizeName(rawValue: "eta_squared")
    /// ω²: the less biased estimate of the share of variance between groups (one-way ANOVA).
    public static let omegaSquared = EffectSizeName(rawValue: "omega_squared")
    /// Rank ε²: the Kruskal–Wallis H over n − 1.
    public static let rankEpsilonSquared = EffectSizeName(rawValue: "rank_epsilon_squared")
}

/// A standardised effect size with its confidence interval, mirroring the columns of the table R's
/// `effectsize` package returns (`Cohens_d`/`Hedges_g`, `CI`, `CI_low`, `CI_high`).
public struct EffectSize: Sendable, Equatable {
    /// Which effect size this is.
    public let name: EffectSizeName
    /// The point estimate.
    public let value: Double
    /// The two-sided confidence interval of ``value`` (from the noncentral t or F distribution); absent
    /// for an effect whose reference interval WalkStats does not reproduce (rank ε², whose effectsize
    /// interval is a bootstrap).
    public let confidenceInterval: ConfidenceInterval?
    /// The number of observations behind the estimate: `[n]` pairs for d_z and d_av, `[n_a, n_b]` otherwise.
    public let sampleSizes: [Int]

    /// Creates an effect size.
    public init(name: EffectSizeName, value: Double, confidenceInterval: ConfidenceInterval?, sampleSizes: [Int]) {
        self.name = name
        self.value = value
        self.confidenceInterval = confidenceInterval
        self.sampleSizes = sampleSizes
    }
}
