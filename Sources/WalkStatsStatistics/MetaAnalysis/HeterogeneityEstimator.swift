/// How the between-study variance τ² is estimated, with metafor's names (`rma(..., method = )`).
///
/// Where metafor iterates (REML, PM, and the Q-profile interval of τ²), WalkStats runs metafor's own
/// algorithm to full double precision instead of stopping at metafor's default tolerance, so it returns
/// the exact estimate (what `rma` returns with a tight `control`) rather than metafor's default answer.
/// That one stops once a REML step changes τ² by ≤ 1e-5, and PM and the interval bounds at `uniroot`'s
/// tol = 1.2e-4 (all absolute), so it can lie that far from the root: for small τ², such as 0.01, about
/// 1e-3 relative (1.7e-3 for PM on `dat.hackshaw1998`).
public enum HeterogeneityEstimator: String, Sendable, CaseIterable {
    /// Restricted maximum likelihood (metafor's default): Fisher scoring from the Hedges (HE) estimate,
    /// with step halving at the boundary τ² = 0.
    ///
    /// ```
    /// step = (yᵀPPy − tr P) / tr(PP),   P = W − W1(1ᵀW1)⁻¹1ᵀW,   W = diag(1/(v_i + τ²))
    /// ```
    case reml = "REML"
    /// DerSimonian–Laird, the method-of-moments estimator (closed form):
    /// τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)), w = 1/v.
    case dl = "DL"
    /// Paule–Mandel: the τ² at which the generalised Q statistic Σ wᵢ(τ²)(yᵢ − μ̂(τ²))² equals k − 1
    /// (0 when Q(0) < k − 1).
    case pm = "PM"
    /// The fixed-effect (common-effect) model: τ² = 0, inverse-variance weights 1/v.
    case fe = "FE"
}
