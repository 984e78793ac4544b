import CGSL

/// The result of an ordinary least-squares fit of `y = Xβ + ε` with a full-rank design.
public struct LinearLeastSquaresFit: Sendable, Equatable {
    /// β̂, one per design column, in column order.
    public let coefficients: [Double]
    /// The estimated covariance of β̂, σ̂²(XᵀX)⁻¹ with σ̂² = RSS / (n − p) (R's `vcov(lm(...))`).
    public let covariance: [[Double]]
    /// RSS = Σ (yᵢ − xᵢᵀβ̂)².
    public let residualSumOfSquares: Double
    /// The numerical rank of the design, as the truncated SVD saw it (always p for a returned fit).
    public let rank: Int
    /// n − p.
    public let residualDegreesOfFreedom: Int

    /// Creates a fit (for tests and callers that assemble their own).
    public init(coefficients: [Double], covariance: [[Double]], residualSumOfSquares: Double, rank: Int,
                residualDegreesOfFreedom: Int) {
        self.coefficients = coefficients
        self.covariance = covariance
        self.residualSumOfSquares = residualSumOfSquares
        self.rank = rank
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
    }

    /// The standard errors √diag(covariance), R's `coef(summary(fit))[, "Std. Error"]`.
    public var standardErrors: [Double] { covariance.indices.map { covariance[$0][$0].squareRoot() } }

    /// σ̂² = RSS / (n − p), R's `summary(fit)$sigma^2`.
    public var residualVariance: Double { residualSumOfSquares / Double(residualDegreesOfFreedom) }
}

/// Ordinary least squares `y = Xβ + ε` by GSL's column-balanced singular value decomposition, with R's
/// rule for deciding that a column is aliased.
///
/// ```
/// X D⁻¹ = U S Vᵀ      D = diag(‖x_1‖, …, ‖x_p‖) (column balancing), thin SVD   (gsl_multifit_linear_bsvd)
/// β̂      = D⁻¹ V S⁻¹ Uᵀ y
/// RSS    = ‖y − U Uᵀ y‖²,   σ̂² = RSS / (n − p)
/// Cov(β̂) = σ̂² (XᵀX)⁻¹ = σ̂² D⁻¹ V S⁻² Vᵀ D⁻¹
/// ```
///
/// *Why an SVD.* The normal equations XᵀXβ = Xᵀy square the condition number of X, which loses about
/// twice as many digits as an orthogonal decomposition; with baseline values near 10⁶ and a small
/// spread (cond(X) ≈ 10⁶) they would already miss the project's 1e-6 agreement with R. The SVD of the
/// column-balanced design (each column scaled to unit norm first) is backward stable and, unlike QR,
/// reports its singular values, hence the effective rank.
///
/// *Rank, as R decides it.* R's `lm` (LINPACK `dqrdc2` with `tol = 1e-7`) walks the columns left to
/// right and sets the coefficient of column j to `NA` when the norm of what is left of x_j after
/// projecting out the earlier, accepted columns is below `tol · ‖x_j‖` (a zero column always counts).
/// This function applies the same criterion, computing each residual with the same SVD least squares,
/// and throws ``LinearLeastSquaresError/rankDeficient(rank:columns:aliased:)`` naming every aliased
/// column and the combination of earlier columns that reproduces it, instead of silently dropping it.
/// The SVD itself truncates singular values below `DBL_EPSILON · s_max` (the choice of
/// `gsl_multifit_linear`); a rank below p there also throws.
///
/// *Accuracy* (NIST StRD linear regression, certified to 15 digits; minimum significant digits over the
/// coefficients, see `Tests/WalkStatsStatisticsTests/NISTLinearRegressionTests.swift`): Norris 12.3,
/// Pontius 12.1, NoInt1 14.7, NoInt2 15, Wampler1 9.2, Wampler2 12.5, Wampler3 9.2, Wampler4 7.9,
/// Wampler5 5.9 (the Wampler designs are x⁰…x⁵ for x = 0…20, ill-conditioned; Wampler4/5 add large
/// residuals), and their standard deviations to 13 digits or more. Filip (degree-10 polynomial) is
/// aliased at R's default tolerance exactly as in R; with `rankTolerance: 1e-10` (R:
/// `lm(..., tol = 1e-10)`) its coefficients agree to 7.5 digits. R 4.2.2's `lm` reaches comparable
/// digits (between 1.1 digits more, Wampler2, and 0.4 fewer, Wampler4/5).
///
/// *Matches R:* `lm.fit(X, y, tol = rankTolerance)` / `lm(y ~ 0 + X)`: coefficients, `vcov`,
/// `deviance`, `df.residual`, except that R returns `NA` for aliased columns where this throws.
///
/// *Related GSL documentation:* https://www.gnu.org/software/gsl/doc/html/lls.html#multi-parameter-regression
/// (`gsl_multifit_linear_tsvd`).
///
/// *References:* Golub GH, Van Loan CF (2013), Matrix Computations, 4th ed., §5.5 (rank-deficient least
/// squares, SVD). NIST Statistical Reference Datasets, https://www.itl.nist.gov/div898/strd/.
public enum LinearLeastSquares {
    /// R's `lm` tolerance for aliasing (`lm.fit(tol = 1e-07)`): a column whose part not explained by the
    /// earlier columns has norm below this fraction of its own norm is aliased.
    public static let defaultRankTolerance = 1e-7

    /// In a ``AliasedColumn/combination``, an earlier column k counts as involved when
    /// |c_k|·‖x_k‖ exceeds this fraction of ‖x_j‖ (smaller terms are rounding noise of an exact dependency).
    public static let involvementThreshold = 1e-6

    /// Singular values s_j ≤ this · s_max are truncated by the SVD: `GSL_DBL_EPSILON`, the tolerance
    /// `gsl_multifit_linear` uses.
    static let singularValueTolerance = Double.ulpOfOne

    /// Fits `response ≈ design · β` by least squares.
    ///
    /// - Parameters:
    ///   - rows: the design matrix X, one row per observation, all rows of the same length p ≥ 1; include
    ///     a column of ones for an intercept.
    ///   - response: y, one value per row.
    ///   - rankTolerance: R's `tol` for deciding that a column is aliased (default 1e-7, R's).
    /// - Returns: β̂, its covariance, RSS, rank (= p) and n − p.
    /// - Throws: ``LinearLeastSquaresError`` for an empty or ragged design, mismatched lengths, NaN or
    ///   infinite values, n ≤ p, an invalid tolerance and a rank-deficient design; ``GSLError`` when GSL
    ///   cannot allocate memory, reports a failure status, or returns non-finite results.
    /// - Complexity: O(n·p³) (one SVD for each column's aliasing check, then one for the fit).
    public static func fit(design rows: [[Double]], response: [Double],
                           rankTolerance: Double = defaultRankTolerance) throws -> LinearLeastSquaresFit {
        GSLRuntime.prepare()
        let columns = try validatedColumns(rows, response: response, rankTolerance: rankTolerance)
        let (n, p) = (response.count, columns.count)

        let aliased = try aliasedColumns(columns, observations: n, tolerance: rankTolerance)
        guard aliased.isEmpty else {
            throw LinearLeastSquaresError.rankDeficient(rank: p - aliased.count, columns: p, aliased: aliased)
        }
        let solution = try solve(columns: columns, response: response)
        guard solution.rank == p else {
            throw LinearLeastSquaresError.rankDeficient(rank: solution.rank, columns: p, aliased: [])
        }
        return LinearLeastSquaresFit(coefficients: solution.coefficients, covariance: solution.covariance,
                                     residualSumOfSquares: solution.residualSumOfSquares, rank: solution.rank,
                                     residualDegreesOfFreedom: n - p)
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

    // MARK: - Aliasing (R's dqrdc2 criterion)

    /// Every column whose residual after regression on the earlier accepted columns has norm below
    /// `tolerance · ‖x_j‖` (‖x_j‖ taken as 1 for a zero column, as `dqrdc2` does), in column order.
    private static func aliasedColumns(_ columns: [[Double]], observations n: Int,
                                       tolerance: Double) throws -> [AliasedColumn] {
        var accepted: [Int] = []
        var aliased: [AliasedColumn] = []
        for (j, column) in columns.enumerated() {
            let norm = euclideanNorm(column)
            let residualNorm: Double
            var coefficients: [Double] = []
            if accepted.isEmpty {
                residualNorm = norm
            } else {
                let solution = try solve(columns: accepted.map { columns[$0] }, response: column)
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
        let scale = v.reduce(0) { max($0, abs($1)) }
        guard scale > 0 else { return 0 }
        return scale * v.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }

    // MARK: - The GSL call

    private struct Solution {
        var coefficients: [Double]
        var covariance: [[Double]]
        var residualSumOfSquares: Double
        var rank: Int
    }

    /// One `gsl_multifit_linear_tsvd` call on validated, finite data with n > p. Every GSL object is
    /// allocated and freed here.
    private static func solve(columns: [[Double]], response: [Double]) throws -> Solution {
        let (n, p) = (response.count, columns.count)
        let shape = "n=\(n), p=\(p)"
        guard let x = gsl_matrix_alloc(n, p) else { throw allocationFailure("gsl_matrix_alloc", shape) }
        defer { gsl_matrix_free(x) }
        guard let y = gsl_vector_alloc(n) else { throw allocationFailure("gsl_vector_alloc", shape) }
        defer { gsl_vector_free(y) }
        guard let c = gsl_vector_alloc(p) else { throw allocationFailure("gsl_vector_alloc", shape) }
        defer { gsl_vector_free(c) }
        guard let cov = gsl_matrix_alloc(p, p) else { throw allocationFailure("gsl_matrix_alloc", shape) }
        defer { gsl_matrix_free(cov) }
        guard let work = gsl_multifit_linear_alloc(n, p) else { throw allocationFailure("gsl_multifit_linear_alloc", shape) }
        defer { gsl_multifit_linear_free(work) }

        for (j, column) in columns.enumerated() {
            for (i, value) in column.enumerated() { gsl_matrix_set(x, i, j, value) }
        }
        for (i, value) in response.enumerated() { gsl_vector_set(y, i, value) }

        var chiSquared = 0.0
        var rank = 0
        let status = gsl_multifit_linear_tsvd(x, y, singularValueTolerance, c, cov, &chiSquared, &rank, work)
        guard status == GSL_SUCCESS else {
            throw GSLError(status: GSLStatus(rawValue: status), function: "gsl_multifit_linear_tsvd", inputs: shape)
        }
        let coefficients = (0..<p).map { gsl_vector_get(c, $0) }
        let covariance = (0..<p).map { i in (0..<p).map { j in gsl_matrix_get(cov, i, j) } }
        guard chiSquared.isFinite, coefficients.allSatisfy(\.isFinite), covariance.joined().allSatisfy(\.isFinite) else {
            throw GSLError(status: .rangeError, function: "gsl_multifit_linear_tsvd", inputs: shape,
                           reason: "the fit produced a non-finite coefficient, covariance or residual sum of squares")
        }
        return Solution(coefficients: coefficients, covariance: covariance, residualSumOfSquares: chiSquared, rank: rank)
    }

    private static func allocationFailure(_ function: String, _ inputs: String) -> GSLError {
        GSLError(status: .outOfMemory, function: function, inputs: inputs, reason: "allocation failed")
    }
}
