#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WalkStatsGSL

/// The weighted-least-squares core of `metafor::rma.uni` for a design with p ≤ k columns: the
/// intercept-only model behind ``metaAnalysis(_:method:hksj:confidenceLevel:)`` (p = 1) and the
/// meta-regression on the standard error behind ``eggerTest(_:method:hksj:confidenceLevel:)`` (p = 2).
///
/// ```
/// y = Xβ + u + ε,   u ~ N(0, τ² I),   ε ~ N(0, diag(v))
/// W   = diag(w),  w_i = 1 / (v_i + τ²)
/// β̂   = (XᵀWX)⁻¹ XᵀW y,                Var(β̂) = (XᵀWX)⁻¹
/// P   = W − WX (XᵀWX)⁻¹ XᵀW,           so P y = W (y − Xβ̂) and yᵀP y = Σ w_i (y_i − x_iᵀβ̂)²
/// ```
///
/// The τ² estimators follow `rma.uni` step by step (read from metafor 3.8-1's R source); where metafor
/// iterates, this code iterates the same way but to full double precision (see
/// ``HeterogeneityEstimator``). β̂, (XᵀWX)⁻¹ and log det(XᵀWX) come from the weighted least squares of
/// the linear-model core (``LinearLeastSquares``, pivoted QR of √w·X, R's aliasing rule as metafor's
/// `qr(X)$rank` check); P is never stored, only its diagonal and Σ P_ij² are accumulated.
struct MetaRegression: Sendable {
    /// The effects y_i.
    let effects: [Double]
    /// The sampling variances v_i (all finite and > 0).
    let variances: [Double]
    /// The design X, one row per study, p columns.
    let design: [[Double]]
    /// How far the iterative estimators run: to full precision (the public API), or to metafor's
    /// default tolerances (the tests use this to show that the iterations are metafor's own).
    var convergence: Convergence = .exact

    /// Where the iterations stop.
    enum Convergence: Sendable {
        /// To full double precision: the exact roots (WalkStats' answer).
        case exact
        /// Where metafor 3.8-1 stops with its default `control`: Fisher scoring at a step ≤ 1e-5
        /// (`threshold`, at most `maxiter` = 100 steps), `uniroot(tol = 1.2e-4)` for PM (`maxiter` = 100, on
        /// metafor's bracket, failing as metafor does when the root lies beyond it) and for the Q-profile
        /// bounds (`maxiter` = 1000).
        case metaforDefault
    }

    /// k, the number of studies.
    var studyCount: Int { effects.count }
    /// p, the number of coefficients.
    var coefficientCount: Int { design[0].count }
    /// k − p, the residual degrees of freedom.
    var residualDegreesOfFreedom: Int { studyCount - coefficientCount }

    // MARK: - Constants of metafor 3.8-1

    /// `control$threshold` default of `rma.uni` (1e-5): metafor's Fisher scoring stops when a step changes
    /// τ² by less than this, and its `ll0check` only resets τ² above it.
    static let metaforThreshold = 1e-5
    /// `control$tol` default of `rma.uni` and `confint.rma.uni`, `.Machine$double.eps^0.25`: the absolute
    /// tolerance of metafor's `uniroot` searches (PM, Q-profile bounds) and of its `ll0check`.
    static let metaforTolerance = pow(Double.ulpOfOne, 0.25)
    /// The relative step size at which WalkStats' Fisher scoring stops: a step smaller than
    /// `1e-12 · (τ² + min v_i)` (the floor keeps the criterion meaningful when τ² is 0).
    static let scoringTolerance = 1e-12
    /// Fisher scoring gives up after this many steps (metafor: `maxiter = 100`, at its looser threshold).
    static let maximumScoringIterations = 1000
    /// Brent's method for the Paule–Mandel and Q-profile roots gets this many evaluations; with tolerance 0 it
    /// stops at a bracket of a few ulps of the root.
    static let maximumRootIterations = 1000
    /// metafor's `maxiter` default for Fisher scoring and for `uniroot` in `rma.uni` (PM).
    static let metaforMaximumIterations = 100

    // MARK: - Weighted least squares

    /// The pieces of a weighted least-squares fit with weights w.
    struct WeightedFit {
        /// The weights w_i.
        let weights: [Double]
        /// β̂ = (XᵀWX)⁻¹XᵀWy.
        let coefficients: [Double]
        /// (XᵀWX)⁻¹.
        let inverseInformation: [[Double]]
        /// y − Xβ̂.
        let residuals: [Double]
        /// log det(XᵀWX).
        let logDeterminant: Double

        /// yᵀPy = Σ w_i r_i² (Cochran's Q for w = 1/v, the generalised Q for w = 1/(v + τ²)).
        var weightedResidualSumOfSquares: Double {
            zip(weights, residuals).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
        }
    }

    /// Fits y on X with weights w (``LinearLeastSquares/fit(design:response:weights:rankTolerance:decomposition:)``).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when the weighted design is aliased (not of full
    ///   rank) or cannot be fitted.
    func weightedFit(weights w: [Double]) throws -> WeightedFit {
        let fit: LinearLeastSquaresFit
        do {
            fit = try LinearLeastSquares.fit(design: design, response: effects, weights: w, decomposition: .pivotedQR)
        } catch LinearLeastSquaresError.rankDeficient {
            throw StatisticsError.invalidRequest("the meta-regression design is not of full rank")
        } catch let error as LinearLeastSquaresError {
            throw StatisticsError.invalidRequest("the meta-regression could not be fitted: \(error)")
        }
        return WeightedFit(weights: w, coefficients: fit.coefficients, inverseInformation: fit.unscaledCovariance,
                           residuals: fit.residuals, logDeterminant: fit.logDeterminantOfCrossProduct)
    }

    /// h_i = (XᵀWX)⁻¹ x_i for every study, flattened (study i's p values at i·p ..< (i+1)·p).
    private func solvedRows(_ fit: WeightedFit) -> [Double] {
        let p = coefficientCount
        var h = [Double](repeating: 0, count: studyCount * p)
        for i in 0..<studyCount {
            for a in 0..<p {
                var value = 0.0
                for b in 0..<p { value += fit.inverseInformation[a][b] * design[i][b] }
                h[i * p + a] = value
            }
        }
        return h
    }

    /// The diagonal of P = W − WX(XᵀWX)⁻¹XᵀW: P_ii = w_i − w_i² x_iᵀ(XᵀWX)⁻¹x_i.
    func projectionDiagonal(_ fit: WeightedFit) -> [Double] {
        let p = coefficientCount, h = solvedRows(fit), w = fit.weights
        return (0..<studyCount).map { i in
            var xhx = 0.0
            for a in 0..<p { xhx += design[i][a] * h[i * p + a] }
            return w[i] - w[i] * w[i] * xhx
        }
    }

    /// tr(P) = Σ P_ii.
    func projectionTrace(_ fit: WeightedFit) -> Double { projectionDiagonal(fit).reduce(0, +) }

    /// Σ_ij P_ij² = tr(PP), from the entries P_ij = w_i δ_ij − w_i w_j x_iᵀ(XᵀWX)⁻¹x_j summed one by one
    /// (P is never stored; summing entries avoids the cancellation of the closed form
    /// Σw² − 2 tr((XᵀWX)⁻¹XᵀW³X) + tr(((XᵀWX)⁻¹XᵀW²X)²) when the weights differ by orders of magnitude).
    func projectionSumOfSquares(_ fit: WeightedFit) -> Double {
        let k = studyCount, p = coefficientCount, h = solvedRows(fit), w = fit.weights
        var flatDesign = [Double](repeating: 0, count: k * p)
        for i in 0..<k { for a in 0..<p { flatDesign[i * p + a] = design[i][a] } }
        var total = 0.0
        for i in 0..<k {
            for j in i..<k {
                var xhx = 0.0
                for a in 0..<p { xhx += flatDesign[i * p + a] * h[j * p + a] }
                let value = (i == j ? w[i] : 0) - w[i] * w[j] * xhx
                total += i == j ? value * value : 2 * value * value
            }
        }
        return total
    }

    /// The inverse-variance weights 1 / (v_i + τ²).
    func weights(tau2: Double) -> [Double] { variances.map { 1 / ($0 + tau2) } }

    /// The generalised Q statistic Q(τ²) = Σ w_i(τ²) (y_i − x_iᵀβ̂(τ²))², decreasing in τ²
    /// (metafor's `.QE.func`).
    func generalizedQ(tau2: Double) throws -> Double {
        try weightedFit(weights: weights(tau2: tau2)).weightedResidualSumOfSquares
    }

    // MARK: - τ² estimators

    /// τ² by `method` (0 for FE), as `rma.uni` estimates it.
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` when REML's Fisher scoring does not converge, or the
    ///   design is aliased.
    func estimateTau2(method: HeterogeneityEstimator) throws -> Double {
        switch method {
        case .fe: return 0
        case .dl: return try dersimonianLaird()
        case .pm: return try pauleMandel()
        case .reml: return try restrictedMaximumLikelihood()
        }
    }

    /// DerSimonian–Laird: τ² = max(0, (Q − (k − p)) / tr(P)), P at the fixed-effect weights 1/v.
    func dersimonianLaird() throws -> Double {
        let fit = try weightedFit(weights: weights(tau2: 0))
        let trace = projectionTrace(fit)
        return max(0, (fit.weightedResidualSumOfSquares - Double(residualDegreesOfFreedom)) / trace)
    }

    /// Hedges' (HE) estimator, REML's starting value in metafor: τ² = (RSS − tr(P₀V)) / (k − p), with the
    /// unweighted projection P₀ = I − X(XᵀX)⁻¹Xᵀ and V = diag(v).
    func hedgesStart() throws -> Double {
        let fit = try weightedFit(weights: [Double](repeating: 1, count: studyCount))
        let diagonal = projectionDiagonal(fit)
        let traceP0V = variances.indices.reduce(0) { $0 + diagonal[$1] * variances[$1] }
        return (fit.weightedResidualSumOfSquares - traceP0V) / Double(residualDegreesOfFreedom)
    }

    /// Paule–Mandel: the τ² ≥ 0 at which the generalised Q equals its expectation k − p; 0 when
    /// Q(0) < k − p already. metafor finds the root with `uniroot(tol = 1.2e-4)` on
    /// [0, max(100, 10 · mad(y)²)] and stops when Q is still above k − p at that limit; WalkStats widens the
    /// limit tenfold until Q falls below, then runs Brent's method to full precision.
    func pauleMandel() throws -> Double {
        let target = Double(residualDegreesOfFreedom)
        let atZero = try generalizedQ(tau2: 0) - target
        guard atZero >= 0 else { return 0 }
        var upper = max(100, 10 * pow(Self.medianAbsoluteDeviation(effects), 2))
        var atUpper = try generalizedQ(tau2: upper) - target
        if convergence == .metaforDefault {
            guard atUpper <= 0 else {
                throw StatisticsError.invalidRequest("Value of 'tau2.max' too low (metafor's Paule–Mandel search)")
            }
            return try Self.root(lower: 0, upper: upper, valueAtLower: atZero, valueAtUpper: atUpper,
                                 tolerance: Self.metaforTolerance, maximumIterations: Self.metaforMaximumIterations,
                                 what: "the Paule–Mandel estimate of tau^2") { try generalizedQ(tau2: $0) - target }
        }
        var widenings = 0
        while atUpper > 0 {
            widenings += 1
            guard widenings <= 60 else {
                throw StatisticsError.invalidRequest("the Paule–Mandel estimate of tau^2 exceeds \(upper)")
            }
            upper *= 10
            atUpper = try generalizedQ(tau2: upper) - target
        }
        return try Self.root(lower: 0, upper: upper, valueAtLower: atZero, valueAtUpper: atUpper,
                             tolerance: 0, maximumIterations: Self.maximumRootIterations,
                             what: "the Paule–Mandel estimate of tau^2") { try generalizedQ(tau2: $0) - target }
    }

    /// REML by metafor's Fisher scoring, from the HE estimate (truncated at 0):
    ///
    /// ```
    /// step = (yᵀPPy − tr(P)) / tr(PP),   P at w = 1/(v + τ²)
    /// halve the step while τ² + step < 0;   τ² ← τ² + step
    /// ```
    ///
    /// metafor stops when |step| < 1e-5 (absolute); WalkStats continues to
    /// |step| ≤ 1e-12 · (τ² + min v). Then metafor's `ll0check`: when the restricted log-likelihood at τ² = 0
    /// exceeds the one at the estimate by more than 1.2e-4 and the estimate exceeds 1e-5 (a local maximum),
    /// τ² is set to 0.
    func restrictedMaximumLikelihood() throws -> Double {
        var tau2 = max(0, try hedgesStart())
        let floor = variances.min()!
        let maximumIterations = convergence == .exact ? Self.maximumScoringIterations : Self.metaforMaximumIterations
        var iterations = 0
        while true {
            iterations += 1
            guard iterations <= maximumIterations else {
                throw StatisticsError.invalidRequest(
                    "REML Fisher scoring for tau^2 did not converge in \(maximumIterations) steps")
            }
            let fit = try weightedFit(weights: weights(tau2: tau2))
            let weightedResiduals = zip(fit.weights, fit.residuals).map { $0 * $1 } // P y
            let yPPy = weightedResiduals.reduce(0) { $0 + $1 * $1 }
            var step = (yPPy - projectionTrace(fit)) / projectionSumOfSquares(fit)
            if step.isNaN { step = 0 }
            while tau2 + step < 0 { step /= 2 }
            let previous = tau2
            tau2 += step
            let change = abs(tau2 - previous)
            let limit = convergence == .exact ? Self.scoringTolerance * (tau2 + floor) : Self.metaforThreshold
            if change <= limit { break }
        }
        if tau2 > Self.metaforThreshold {
            let atZero = try restrictedLogLikelihood(tau2: 0)
            let atEstimate = try restrictedLogLikelihood(tau2: tau2)
            if atZero - atEstimate > Self.metaforTolerance { tau2 = 0 }
        }
        return max(0, tau2)
    }

    /// The restricted log-likelihood as metafor's `ll0check` computes it:
    /// −½(k − p) log 2π − ½ Σ log(v_i + τ²) − ½ log det(XᵀWX) − ½ Σ w_i r_i².
    func restrictedLogLikelihood(tau2: Double) throws -> Double {
        let fit = try weightedFit(weights: weights(tau2: tau2))
        let logVariances = variances.reduce(0) { $0 + log($1 + tau2) }
        return -0.5 * Double(residualDegreesOfFreedom) * log(2 * Double.pi) - 0.5 * logVariances
            - 0.5 * fit.logDeterminant - 0.5 * fit.weightedResidualSumOfSquares
    }

    /// metafor's `se.tau2` for the estimate `tau2` (nil for FE, where metafor gives none).
    func tau2StandardError(method: HeterogeneityEstimator, tau2: Double) throws -> Double? {
        let df = Double(residualDegreesOfFreedom), k = Double(studyCount)
        switch method {
        case .fe:
            return nil
        case .reml:
            // sqrt(2 / Σ P_ij²), P at the REML weights.
            return (2 / projectionSumOfSquares(try weightedFit(weights: weights(tau2: tau2)))).squareRoot()
        case .dl:
            // sqrt((2(k − p) + 4 τ² tr P + 2 τ⁴ Σ P_ij²) / tr(P)²), P at the fixed-effect weights.
            let fit = try weightedFit(weights: weights(tau2: 0))
            let trace = projectionTrace(fit)
            let t = max(tau2, 0)
            return ((2 * df + 4 * t * trace + 2 * t * t * projectionSumOfSquares(fit)) / (trace * trace)).squareRoot()
        case .pm:
            // sqrt(2 k² / (k − p) / (Σ w_i)²), w at the estimate.
            let sum = weights(tau2: tau2).reduce(0, +)
            return (2 * k * k / df / (sum * sum)).squareRoot()
        }
    }

    // MARK: - Helpers

    /// R's `mad(x)`: 1.4826 · median |x_i − median(x)|.
    static func medianAbsoluteDeviation(_ values: [Double]) -> Double {
        let center = medianOfSorted(values.sorted())
        return 1.4826 * medianOfSorted(values.map { abs($0 - center) }.sorted())
    }

    /// A root of a decreasing f on [lower, upper] with f(lower) ≥ 0 ≥ f(upper), by Brent's method (R's
    /// `uniroot` with the same `tol` and `maxiter`; tolerance 0 runs to a bracket of a few ulps).
    /// - Throws: ``StatisticsError/invalidRequest(_:)`` if Brent's method does not converge (it always
    ///   should on a continuous monotone function).
    static func root(lower: Double, upper: Double, valueAtLower: Double, valueAtUpper: Double, tolerance: Double,
                     maximumIterations: Int, what: String, _ f: (Double) throws -> Double) throws -> Double {
        let root = try RootFinding.brent(lower: lower, upper: upper, valueAtLower: valueAtLower,
                                         valueAtUpper: valueAtUpper, tolerance: tolerance,
                                         maximumIterations: maximumIterations, f)
        guard root.converged else {
            throw StatisticsError.invalidRequest("the search for \(what) did not converge")
        }
        return root.location
    }
}
