/// The result of a least-squares fit of `y = Xβ + ε` with a full-rank design, by
/// ``LinearLeastSquares``: ordinary (`Cov(ε) = σ²I`), weighted (`σ² diag(1/w)`) or generalised
/// (`σ²Σ`, Σ known). Below, W stands for I, diag(w) or Σ⁻¹ respectively.
///
/// ```
/// β̂                     = (XᵀWX)⁻¹ XᵀW y
/// unscaledCovariance    = (XᵀWX)⁻¹                         R: summary(fit)$cov.unscaled
/// residualSumOfSquares  = (y − Xβ̂)ᵀ W (y − Xβ̂)             R: deviance(fit)
/// σ̂²                    = RSS / (n − p)                     R: summary(fit)$sigma^2
/// covariance            = σ̂² (XᵀWX)⁻¹                       R: vcov(fit)
/// ```
public struct LinearLeastSquaresFit: Sendable, Equatable {
    /// β̂, one per design column, in column order.
    public let coefficients: [Double]
    /// (XᵀWX)⁻¹, the covariance of β̂ when Cov(ε) is known exactly (σ² = 1), R's
    /// `summary(fit)$cov.unscaled`; metafor's `vcov` for known sampling variances.
    public let unscaledCovariance: [[Double]]
    /// The estimated covariance of β̂, σ̂²(XᵀWX)⁻¹ with σ̂² = RSS / (n − p) (R's `vcov(lm(...))`,
    /// `vcov(nlme::gls(...))` with REML and a fixed correlation structure).
    public let covariance: [[Double]]
    /// The raw residuals y − Xβ̂ (R's `residuals(fit, type = "response")`; not multiplied by √w).
    public let residuals: [Double]
    /// RSS = (y − Xβ̂)ᵀW(y − Xβ̂): Σ (yᵢ − xᵢᵀβ̂)² for OLS, Σ wᵢ(yᵢ − xᵢᵀβ̂)² for weights (R's `deviance`).
    public let residualSumOfSquares: Double
    /// The numerical rank of the design, as the decomposition saw it (always p for a returned fit).
    public let rank: Int
    /// n − p.
    public let residualDegreesOfFreedom: Int
    /// log det(XᵀWX), as the REML likelihood needs it (metafor's `ll0check`, `nlme::gls`'s REML).
    public let logDeterminantOfCrossProduct: Double

    /// Creates a fit (for tests and callers that assemble their own); `covariance` should be
    /// `RSS / residualDegreesOfFreedom · unscaledCovariance`.
    public init(coefficients: [Double], unscaledCovariance: [[Double]], covariance: [[Double]], residuals: [Double],
                residualSumOfSquares: Double, rank: Int, residualDegreesOfFreedom: Int,
                logDeterminantOfCrossProduct: Double) {
        self.coefficients = coefficients
        self.unscaledCovariance = unscaledCovariance
        self.covariance = covariance
        self.residuals = residuals
        self.residualSumOfSquares = residualSumOfSquares
        self.rank = rank
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
        self.logDeterminantOfCrossProduct = logDeterminantOfCrossProduct
    }

    /// The standard errors √diag(covariance), R's `coef(summary(fit))[, "Std. Error"]`.
    public var standardErrors: [Double] { covariance.indices.map { covariance[$0][$0].squareRoot() } }

    /// σ̂² = RSS / (n − p), R's `summary(fit)$sigma^2`.
    public var residualVariance: Double { residualSumOfSquares / Double(residualDegreesOfFreedom) }
}
