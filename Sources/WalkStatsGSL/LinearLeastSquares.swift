/// The linear-model core: ordinary, weighted and generalised least squares for `y = Xβ + ε` on GSL's
/// linear algebra (`gsl_linalg`), with R's rule for deciding that a column is aliased.
///
/// ```
/// OLS   Cov(ε) = σ² I            X* = X,          y* = y
/// WLS   Cov(ε) = σ² diag(1/w)    X* = diag(√w) X, y* = diag(√w) y
/// GLS   Cov(ε) = σ² Σ, Σ known   Σ = L Lᵀ (Cholesky),  X* = L⁻¹X,  y* = L⁻¹y   (whitening)
///
/// then ordinary least squares on (X*, y*), by either decomposition:
///   D = diag(d_j), d_j a power of 2 near ‖x*_j‖ (column balancing, exact in floating point)
///   pivoted QR        X* D⁻¹ P = Q R      β̂ = D⁻¹ P R⁻¹ Qᵀ y*,   (X*ᵀX*)⁻¹ = D⁻¹ P (RᵀR)⁻¹ Pᵀ D⁻¹
///   balanced SVD      X* D⁻¹ = U S Vᵀ     β̂ = D⁻¹ V S⁻¹ Uᵀ y*,   (X*ᵀX*)⁻¹ = D⁻¹ V S⁻² Vᵀ D⁻¹
///
/// unscaled covariance (XᵀWX)⁻¹ = (X*ᵀX*)⁻¹,  RSS = ‖y* − X*β̂‖²,  σ̂² = RSS / (n − p)
/// covariance σ̂² (XᵀWX)⁻¹,  log det(XᵀWX) = 2 Σ log|R_jj| + 2 Σ log d_j (QR) = 2 Σ log s_j + 2 Σ log d_j (SVD)
/// ```
///
/// *Why orthogonal decompositions.* The normal equations XᵀXβ = Xᵀy square the condition number of X,
/// which loses about twice as many digits as an orthogonal decomposition; with baseline values near 10⁶
/// and a small spread (cond(X) ≈ 10⁶) they would already miss the project's 1e-6 agreement with R. The
/// SVD of the column-balanced design (each column scaled by a power of 2 near its norm first,
/// `gsl_linalg_balance_columns`) is backward stable and reports singular values, hence the effective
/// rank; it is the default (GSL's `gsl_multifit_linear_tsvd`, so that OLS results are bit-identical
/// to earlier WalkStats reports), and the accuracy below is the SVD's. Householder QR with column pivoting
/// (LAPACK's choice, close to R's `dqrdc2`) is also backward stable and cheaper; the two agree within
/// 1e-12 (relative) on the well-conditioned fixture designs and within 1e-8 on one with cond(X) ≈ 4·10¹¹
/// (`LinearModelReferenceTests.pivotedQRAndSVDAgree`). Cholesky factorisation is used
/// where the matrix is positive definite by construction: to whiten by Σ and to invert RᵀR.
///
/// *Rank, as R decides it.* R's `lm` (LINPACK `dqrdc2` with `tol = 1e-7`) walks the columns left to
/// right and sets the coefficient of column j to `NA` when the norm of what is left of x_j after
/// projecting out the earlier, accepted columns is below `tol · ‖x_j‖` (a zero column always counts).
/// This type applies the same criterion to the whitened design X* (as `lm.wfit` applies it to
/// √w·X), computing each residual with the chosen decomposition, and throws
/// ``LinearLeastSquaresError/rankDeficient(rank:columns:aliased:)`` naming every aliased column and
/// the combination of earlier columns that reproduces it, instead of silently dropping it. The SVD
/// then truncates singular values below `DBL_EPSILON · s_max` (the choice of `gsl_multifit_linear`),
/// pivoted QR (of the balanced design) counts |R_jj| above `20 (n + p) DBL_EPSILON max|R_jj|`
/// (`gsl_linalg_QRPT_rank`'s default); a rank below p there also throws.
///
/// *Accuracy* (SVD; the balanced pivoted QR reaches as many digits or more, see the NIST tests; NIST StRD linear regression, certified to 15 digits; minimum significant digits
/// over the coefficients, see `Tests/WalkStatsStatisticsTests/NISTLinearRegressionTests.swift`):
/// Norris 12.3, Pontius 12.1, NoInt1 14.7, NoInt2 15, Wampler1 9.2, Wampler2 12.5, Wampler3 9.2,
/// Wampler4 7.9, Wampler5 5.9 (the Wampler designs are x⁰…x⁵ for x = 0…20, ill-conditioned;
/// Wampler4/5 add large residuals), and their standard deviations to 13 digits or more. Filip
/// (degree-10 polynomial) is aliased at R's default tolerance exactly as in R; with
/// `rankTolerance: 1e-10` (R: `lm(..., tol = 1e-10)`) its coefficients agree to 7.5 digits. R 4.2.2's
/// `lm` reaches comparable digits (between 1.1 digits more, Wampler2, and 0.4 fewer, Wampler4/5).
///
/// *Matches R:* OLS `lm.fit(X, y, tol = rankTolerance)` / `lm(y ~ 0 + X)`; WLS
/// `lm(y ~ 0 + X, weights = w)`; GLS `solve(t(X) %*% solve(S) %*% X)` etc., which is
/// `nlme::gls(y ~ 0 + X, correlation = <fixed structure>, weights = <fixed variances>)` with REML
/// when Σ is known up to the factor σ² (`vcov` = ``LinearLeastSquaresFit/covariance``): coefficients,
/// `vcov`, `summary(fit)$cov.unscaled`, `deviance`, `df.residual`.
/// **Deviations:** R returns `NA` for aliased columns where this throws; R's `lm` accepts zero weights
/// (dropping those rows from the residual df) where this requires every weight to be positive.
///
/// *Related GSL documentation:* https://www.gnu.org/software/gsl/doc/html/linalg.html
/// (`gsl_linalg_QRPT_decomp`, `gsl_linalg_QRPT_lssolve2`, `gsl_linalg_QRPT_rank`,
/// `gsl_linalg_balance_columns`, `gsl_linalg_SV_decomp_mod`, `gsl_linalg_cholesky_decomp1`,
/// `gsl_linalg_cholesky_invert`), https://www.gnu.org/software/gsl/doc/html/lls.html
/// (`gsl_multifit_linear_tsvd`, which runs the balanced SVD and its solve) and
/// https://www.gnu.org/software/gsl/doc/html/blas.html (`gsl_blas_dtrsm`, `gsl_blas_dtrsv`).
///
/// *References:* Golub GH, Van Loan CF (2013), Matrix Computations, 4th ed., §5.4–5.5 (QR with column
/// pivoting, rank-deficient least squares, SVD). Kariya T, Kurata H (2004), Generalized Least Squares,
/// Wiley, §2.2 (whitening). NIST Statistical Reference Datasets, https://www.itl.nist.gov/div898/strd/.
public enum LinearLeastSquares {
    /// R's `lm` tolerance for aliasing (`lm.fit(tol = 1e-07)`): a column whose part not explained by the
    /// earlier columns has norm below this fraction of its own norm is aliased.
    public static let defaultRankTolerance = 1e-7

    /// In a ``AliasedColumn/combination``, an earlier column k counts as involved when
    /// |c_k|·‖x_k‖ exceeds this fraction of ‖x_j‖ (smaller terms are rounding noise of an exact dependency).
    public static let involvementThreshold = 1e-6

    /// Σ counts as symmetric when |Σ_ij − Σ_ji| ≤ this · max(|Σ_ij|, |Σ_ji|) (a matrix written out by R
    /// with `%.17g` is symmetric exactly; this allows for rounding in a caller's own arithmetic).
    public static let symmetryTolerance = 1e-12

    /// Which orthogonal decomposition solves the (whitened) least-squares problem.
    public enum Decomposition: Sendable, Equatable {
        /// Column-balanced thin SVD (`gsl_linalg_balance_columns`, `gsl_linalg_SV_decomp_mod`): the
        /// most robust choice, and the default.
        case singularValue
        /// Householder QR with column pivoting (`gsl_linalg_QRPT_decomp`): cheaper, as accurate on
        /// designs that are not nearly singular.
        case pivotedQR
    }

    /// Ordinary least squares: fits `response ≈ design · β`.
    ///
    /// - Parameters:
    ///   - rows: the design matrix X, one row per observation, all rows of the same length p ≥ 1; include
    ///     a column of ones for an intercept.
    ///   - response: y, one value per row.
    ///   - rankTolerance: R's `tol` for deciding that a column is aliased (default 1e-7, R's).
    ///   - decomposition: the decomposition to use (default the balanced SVD).
    /// - Returns: β̂, (XᵀX)⁻¹, σ̂²(XᵀX)⁻¹, residuals, RSS, rank (= p), n − p and log det(XᵀX).
    /// - Throws: ``LinearLeastSquaresError`` for an empty or ragged design, mismatched lengths, NaN or
    ///   infinite values, n ≤ p, an invalid tolerance and a rank-deficient design; ``GSLError`` when GSL
    ///   cannot allocate memory, reports a failure status, or returns non-finite results.
    /// - Complexity: O(n·p³) (one least-squares solve for each column's aliasing check, then the fit).
    public static func fit(design rows: [[Double]], response: [Double],
                           rankTolerance: Double = defaultRankTolerance,
                           decomposition: Decomposition = .singularValue) throws -> LinearLeastSquaresFit {
        GSLRuntime.prepare()
        let columns = try validatedColumns(rows, response: response, rankTolerance: rankTolerance)
        return try fitWhitened(columns: columns, response: response, original: columns, originalResponse: response,
                               tolerance: rankTolerance, decomposition: decomposition)
    }

    /// Weighted least squares: minimises Σ wᵢ (yᵢ − xᵢᵀβ)², R's `lm(y ~ 0 + X, weights = w)`.
    ///
    /// - Parameters:
    ///   - weights: w, one finite weight > 0 per row (the inverse of each observation's relative variance).
    ///   - Other parameters as in ``fit(design:response:rankTolerance:decomposition:)``.
    /// - Returns: β̂ = (XᵀWX)⁻¹XᵀWy, (XᵀWX)⁻¹, σ̂²(XᵀWX)⁻¹ with σ̂² = Σwᵢrᵢ² / (n − p), the raw residuals,
    ///   the weighted RSS, rank, n − p and log det(XᵀWX).
    /// - Throws: as the ordinary fit, and ``LinearLeastSquaresError/mismatchedWeights(rows:weights:)`` /
    ///   ``LinearLeastSquaresError/invalidWeight(row:value:)`` for a wrong count or a weight that is not a
    ///   finite number > 0.
    public static func fit(design rows: [[Double]], response: [Double], weights: [Double],
                           rankTolerance: Double = defaultRankTolerance,
                           decomposition: Decomposition = .singularValue) throws -> LinearLeastSquaresFit {
        GSLRuntime.prepare()
        let columns = try validatedColumns(rows, response: response, rankTolerance: rankTolerance)
        guard weights.count == response.count else {
            throw LinearLeastSquaresError.mismatchedWeights(rows: response.count, weights: weights.count)
        }
        if let i = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw LinearLeastSquaresError.invalidWeight(row: i, value: weights[i])
        }
        // Plain loops: a meta-analysis refits thousands of times, and debug builds pay for every closure.
        let roots = weights.map { $0.squareRoot() }
        var whitened = columns
        var whitenedResponse = response
        for i in roots.indices {
            whitenedResponse[i] *= roots[i]
            for j in whitened.indices { whitened[j][i] *= roots[i] }
        }
        return try fitWhitened(columns: whitened, response: whitenedResponse, original: columns,
                               originalResponse: response, tolerance: rankTolerance, decomposition: decomposition)
    }

    /// Generalised least squares with a known error covariance Σ (up to the factor σ²): minimises
    /// (y − Xβ)ᵀΣ⁻¹(y − Xβ) by whitening with the Cholesky factor of Σ.
    ///
    /// - Parameters:
    ///   - errorCovariance: Σ, n × n, symmetric (see ``symmetryTolerance``) and positive definite.
    ///   - Other parameters as in ``fit(design:response:rankTolerance:decomposition:)``.
    /// - Returns: β̂ = (XᵀΣ⁻¹X)⁻¹XᵀΣ⁻¹y, (XᵀΣ⁻¹X)⁻¹ (the covariance of β̂ when Σ is exact),
    ///   σ̂²(XᵀΣ⁻¹X)⁻¹ with σ̂² = rᵀΣ⁻¹r / (n − p), the raw residuals r, rᵀΣ⁻¹r, rank, n − p and
    ///   log det(XᵀΣ⁻¹X).
    /// - Throws: as the ordinary fit, and ``LinearLeastSquaresError/errorCovarianceShape(rows:columns:expected:)``,
    ///   ``LinearLeastSquaresError/nonFiniteErrorCovariance(row:column:)``,
    ///   ``LinearLeastSquaresError/errorCovarianceNotSymmetric(row:column:)``,
    ///   ``LinearLeastSquaresError/errorCovarianceNotPositiveDefinite``.
    /// - Complexity: O(n³) for the Cholesky factorisation, O(n²p) for the whitening.
    public static func fit(design rows: [[Double]], response: [Double], errorCovariance: [[Double]],
                           rankTolerance: Double = defaultRankTolerance,
                           decomposition: Decomposition = .singularValue) throws -> LinearLeastSquaresFit {
        GSLRuntime.prepare()
        let columns = try validatedColumns(rows, response: response, rankTolerance: rankTolerance)
        try validateErrorCovariance(errorCovariance, observations: response.count)
        let (whitened, whitenedResponse) = try whiten(columns: columns, response: response, by: errorCovariance)
        return try fitWhitened(columns: whitened, response: whitenedResponse, original: columns,
                               originalResponse: response, tolerance: rankTolerance, decomposition: decomposition)
    }

    /// Aliasing check and fit on the whitened design; residuals are taken on the original scale.
    private static func fitWhitened(columns: [[Double]], response: [Double], original: [[Double]],
                                    originalResponse: [Double], tolerance: Double,
                                    decomposition: Decomposition) throws -> LinearLeastSquaresFit {
        let (n, p) = (response.count, columns.count)
        let aliased = try aliasedColumns(columns, tolerance: tolerance, decomposition: decomposition)
        guard aliased.isEmpty else {
            throw LinearLeastSquaresError.rankDeficient(rank: p - aliased.count, columns: p, aliased: aliased)
        }
        let solution = try solve(columns: columns, response: response, decomposition: decomposition)
        guard solution.rank == p else {
            throw LinearLeastSquaresError.rankDeficient(rank: solution.rank, columns: p, aliased: [])
        }
        var residuals = originalResponse
        for i in 0..<n {
            var fitted = 0.0
            for j in 0..<p { fitted += original[j][i] * solution.coefficients[j] }
            residuals[i] -= fitted
        }
        let fit = LinearLeastSquaresFit(coefficients: solution.coefficients,
                                        unscaledCovariance: solution.unscaledCovariance,
                                        covariance: solution.covariance, residuals: residuals,
                                        residualSumOfSquares: solution.residualSumOfSquares, rank: solution.rank,
                                        residualDegreesOfFreedom: n - p,
                                        logDeterminantOfCrossProduct: solution.logDeterminant)
        guard fit.residuals.allSatisfy(\.isFinite), fit.covariance.joined().allSatisfy(\.isFinite) else {
            throw GSLError(status: .rangeError, function: solution.function, inputs: "n=\(n), p=\(p)",
                           reason: "the fit produced a non-finite residual or covariance")
        }
        return fit
    }

    // MARK: - Validation

    /// Checks shapes and values; returns the design column by column.
    private static func validatedColumns(_ rows: [[Double]], response: [Double],
                                         rankTolerance: Double) throws -> [[Double]] {
        guard rankTolerance.isFinite, rankTolerance > 0, rankTolerance < 1 else {
            throw LinearLeastSquaresError.invalidRankTolerance(rankTolerance)
        }
        let p = rows.first?.count ?? 0
        guard !rows.isEmpty, p > 0 else { throw LinearLeastSquaresError.emptyDesign(rows: rows.count, columns: p) }
        if let row = rows.firstIndex(where: { $0.count != p }) {
            throw LinearLeastSquaresError.raggedDesign(row: row, columns: rows[row].count, expected: p)
        }
        guard rows.count == response.count else {
            throw LinearLeastSquaresError.mismatchedLengths(rows: rows.count, responses: response.count)
        }
        for (i, row) in rows.enumerated() {
            if let j = row.firstIndex(where: { !$0.isFinite }) { throw LinearLeastSquaresError.nonFiniteDesign(row: i, column: j) }
        }
        if let i = response.firstIndex(where: { !$0.isFinite }) { throw LinearLeastSquaresError.nonFiniteResponse(row: i) }
        guard rows.count > p else {
            throw LinearLeastSquaresError.tooFewObservations(observations: rows.count, parameters: p)
        }
        return (0..<p).map { j in rows.map { $0[j] } }
    }

    /// Σ must be n × n, finite and symmetric; positive definiteness is checked by its Cholesky factorisation.
    private static func validateErrorCovariance(_ sigma: [[Double]], observations n: Int) throws {
        if sigma.count != n {
            throw LinearLeastSquaresError.errorCovarianceShape(rows: sigma.count, columns: sigma.first?.count ?? 0,
                                                               expected: n)
        }
        if let row = sigma.first(where: { $0.count != n }) {
            throw LinearLeastSquaresError.errorCovarianceShape(rows: sigma.count, columns: row.count, expected: n)
        }
        for i in 0..<n {
            if let j = sigma[i].firstIndex(where: { !$0.isFinite }) {
                throw LinearLeastSquaresError.nonFiniteErrorCovariance(row: i, column: j)
            }
        }
        for i in 0..<n {
            for j in 0..<i where abs(sigma[i][j] - sigma[j][i]) > symmetryTolerance * max(abs(sigma[i][j]), abs(sigma[j][i])) {
                throw LinearLeastSquaresError.errorCovarianceNotSymmetric(row: i, column: j)
            }
        }
    }

    // MARK: - Aliasing (R's dqrdc2 criterion)

    /// Every column whose residual after regression on the earlier accepted columns has norm below
    /// `tolerance · ‖x_j‖` (‖x_j‖ taken as 1 for a zero column, as `dqrdc2` does), in column order.
    private static func aliasedColumns(_ columns: [[Double]], tolerance: Double,
                                       decomposition: Decomposition) throws -> [AliasedColumn] {
        var accepted: [Int] = []
        var aliased: [AliasedColumn] = []
        for (j, column) in columns.enumerated() {
            let norm = euclideanNorm(column)
            let residualNorm: Double
            var coefficients: [Double] = []
            if accepted.isEmpty {
                residualNorm = norm
            } else {
                let solution = try solve(columns: accepted.map { columns[$0] }, response: column,
                                         decomposition: decomposition)
                residualNorm = solution.residualSumOfSquares.squareRoot()
                coefficients = solution.coefficients
            }
            guard residualNorm < tolerance * (norm == 0 ? 1 : norm) else {
                accepted.append(j)
                continue
            }
            var combination: [Int: Double] = [:]
            for (k, coefficient) in zip(accepted, coefficients)
            where abs(coefficient) * euclideanNorm(columns[k]) > involvementThreshold * norm {
                combination[k] = coefficient
            }
            aliased.append(AliasedColumn(column: j, combination: combination))
        }
        return aliased
    }

    /// ‖v‖₂, scaled by max|vᵢ| so that squaring cannot overflow or underflow.
    private static func euclideanNorm(_ v: [Double]) -> Double {
        var scale = 0.0
        for x in v { scale = max(scale, abs(x)) }
        guard scale > 0 else { return 0 }
        var sum = 0.0
        for x in v { sum += (x / scale) * (x / scale) }
        return scale * sum.squareRoot()
    }
}
