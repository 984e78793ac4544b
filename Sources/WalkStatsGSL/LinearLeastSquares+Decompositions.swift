import CGSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GSL calls behind ``LinearLeastSquares``: Cholesky whitening, pivoted QR and balanced SVD. Every
/// GSL object is allocated and freed in the function that uses it; no pointer leaves this file.
extension LinearLeastSquares {
    /// One least-squares solve of the (whitened) problem.
    struct Solution {
        var coefficients: [Double]
        /// (X*ᵀX*)⁻¹; NaN when rank < p.
        var unscaledCovariance: [[Double]]
        /// σ̂²(X*ᵀX*)⁻¹ with σ̂² = RSS / (n − p); NaN when rank < p.
        var covariance: [[Double]]
        var residualSumOfSquares: Double
        var rank: Int
        /// log det(X*ᵀX*); NaN when rank < p.
        var logDeterminant: Double
        /// The GSL routine that did the work, for error messages.
        var function: String
    }

    /// Singular values s_j ≤ this · s_max are truncated by the SVD: `GSL_DBL_EPSILON`, the tolerance
    /// `gsl_multifit_linear` uses.
    static let singularValueTolerance = Double.ulpOfOne

    /// `gsl_linalg_QRPT_rank` with a negative tolerance uses its default, 20 (n + p) DBL_EPSILON max|R_jj|.
    static let defaultQRRankTolerance = -1.0

    /// Solves min ‖X*β − y*‖ for validated, finite data with n > p.
    static func solve(columns: [[Double]], response: [Double], decomposition: Decomposition) throws -> Solution {
        switch decomposition {
        case .singularValue: return try solveBySVD(columns: columns, response: response)
        case .pivotedQR: return try solveByPivotedQR(columns: columns, response: response)
        }
    }

    // MARK: - Whitening by the Cholesky factor of Σ

    /// X* = L⁻¹X and y* = L⁻¹y with Σ = LLᵀ (`gsl_linalg_cholesky_decomp1`, then the triangular solves
    /// `gsl_blas_dtrsm` and `gsl_blas_dtrsv`).
    static func whiten(columns: [[Double]], response: [Double],
                       by sigma: [[Double]]) throws -> (columns: [[Double]], response: [Double]) {
        let (n, p) = (response.count, columns.count)
        let shape = "n=\(n), p=\(p)"
        let l = try matrix(n, n, shape)
        defer { gsl_matrix_free(l) }
        let x = try matrix(n, p, shape)
        defer { gsl_matrix_free(x) }
        let y = try vector(n, shape)
        defer { gsl_vector_free(y) }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(l, i, j, sigma[i][j]) } }
        fill(x, columns)
        for (i, value) in response.enumerated() { gsl_vector_set(y, i, value) }

        let status = gsl_linalg_cholesky_decomp1(l)
        if status == GSL_EDOM { throw LinearLeastSquaresError.errorCovarianceNotPositiveDefinite }
        try check(status, "gsl_linalg_cholesky_decomp1", shape)
        try check(gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, l, x), "gsl_blas_dtrsm", shape)
        try check(gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, l, y), "gsl_blas_dtrsv", shape)
        let whitened = (0..<p).map { j in (0..<n).map { gsl_matrix_get(x, $0, j) } }
        let whitenedResponse = (0..<n).map { gsl_vector_get(y, $0) }
        guard whitened.joined().allSatisfy(\.isFinite), whitenedResponse.allSatisfy(\.isFinite) else {
            throw GSLError(status: .rangeError, function: "gsl_blas_dtrsm", inputs: shape,
                           reason: "whitening by the Cholesky factor of the error covariance overflowed")
        }
        return (whitened, whitenedResponse)
    }

    // MARK: - Householder QR with column pivoting

    /// X D⁻¹ P = QR: columns balanced first (`gsl_linalg_balance_columns`, D = powers of 2 near the
    /// column norms, so rounding is exact and the rank test below does not depend on the columns' units),
    /// then `gsl_linalg_QRPT_decomp`; rank from |R_jj| (`gsl_linalg_QRPT_rank`), the basic solution z and
    /// its residual (`gsl_linalg_QRPT_lssolve2`), β̂ = D⁻¹z; (XᵀX)⁻¹ = D⁻¹ P (RᵀR)⁻¹ Pᵀ D⁻¹ with RᵀR
    /// inverted through its Cholesky factor Rᵀ (`gsl_linalg_cholesky_invert`).
    private static func solveByPivotedQR(columns: [[Double]], response: [Double]) throws -> Solution {
        let (n, p) = (response.count, columns.count)
        let shape = "n=\(n), p=\(p)"
        let qr = try matrix(n, p, shape)
        defer { gsl_matrix_free(qr) }
        let tau = try vector(p, shape)
        defer { gsl_vector_free(tau) }
        let norm = try vector(p, shape)
        defer { gsl_vector_free(norm) }
        guard let permutation = gsl_permutation_alloc(p) else { throw allocationFailure("gsl_permutation_alloc", shape) }
        defer { gsl_permutation_free(permutation) }
        let b = try vector(n, shape)
        defer { gsl_vector_free(b) }
        let x = try vector(p, shape)
        defer { gsl_vector_free(x) }
        let residual = try vector(n, shape)
        defer { gsl_vector_free(residual) }
        let balance = try vector(p, shape)
        defer { gsl_vector_free(balance) }
        fill(qr, columns)
        for (i, value) in response.enumerated() { gsl_vector_set(b, i, value) }

        try check(gsl_linalg_balance_columns(qr, balance), "gsl_linalg_balance_columns", shape)
        let d = (0..<p).map { gsl_vector_get(balance, $0) }
        var signum: Int32 = 0
        try check(gsl_linalg_QRPT_decomp(qr, tau, permutation, &signum, norm), "gsl_linalg_QRPT_decomp", shape)
        let rank = gsl_linalg_QRPT_rank(qr, defaultQRRankTolerance)
        try check(gsl_linalg_QRPT_lssolve2(qr, tau, permutation, b, rank, x, residual), "gsl_linalg_QRPT_lssolve2", shape)
        let coefficients = (0..<p).map { gsl_vector_get(x, $0) / d[$0] }
        var rss = 0.0
        for i in 0..<n { rss += gsl_vector_get(residual, i) * gsl_vector_get(residual, i) }
        try requireFinite(coefficients + [rss], "gsl_linalg_QRPT_lssolve2", shape)
        guard rank == p else {
            let missing = [[Double]](repeating: [Double](repeating: .nan, count: p), count: p)
            return Solution(coefficients: coefficients, unscaledCovariance: missing, covariance: missing,
                            residualSumOfSquares: rss, rank: rank, logDeterminant: .nan, function: "gsl_linalg_QRPT_decomp")
        }

        // Rᵀ in the lower triangle, rows of R flipped so that its diagonal is positive (RᵀR is unchanged):
        // a Cholesky factor of RᵀR.
        let factor = try matrix(p, p, shape)
        defer { gsl_matrix_free(factor) }
        var logDeterminant = 2 * d.reduce(0.0) { $0 + log($1) }
        for i in 0..<p {
            let diagonal = gsl_matrix_get(qr, i, i)
            let sign = diagonal < 0 ? -1.0 : 1.0
            logDeterminant += 2 * log(abs(diagonal))
            for j in 0..<p { gsl_matrix_set(factor, j, i, j >= i ? sign * gsl_matrix_get(qr, i, j) : 0) }
        }
        try check(gsl_linalg_cholesky_invert(factor), "gsl_linalg_cholesky_invert", shape)
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        let order = (0..<p).map { gsl_permutation_get(permutation, $0) }
        for i in 0..<p {
            for j in 0..<p {
                covariance[order[i]][order[j]] = gsl_matrix_get(factor, i, j) / (d[order[i]] * d[order[j]])
            }
        }
        let scale = rss / Double(n - p)
        return Solution(coefficients: coefficients, unscaledCovariance: covariance,
                        covariance: covariance.map { $0.map { scale * $0 } }, residualSumOfSquares: rss,
                        rank: rank, logDeterminant: logDeterminant, function: "gsl_linalg_QRPT_decomp")
    }

    // MARK: - Column-balanced SVD

    /// `gsl_multifit_linear_tsvd`: X D⁻¹ = U S Vᵀ (`gsl_linalg_balance_columns`,
    /// `gsl_linalg_SV_decomp_mod`, inside `gsl_multifit_linear_bsvd`), singular values s_j ≤
    /// `DBL_EPSILON · s_max` truncated, RSS = ‖y − UUᵀy‖², Cov = σ̂² D⁻¹ V S⁻² Vᵀ D⁻¹. GSL's own routine is
    /// called rather than the same steps re-assembled here so that every OLS result (and every report)
    /// stays bit-identical to what WalkStats printed before the core gained QR, weights and Σ. The
    /// unscaled covariance D⁻¹ (V S⁻¹)(V S⁻¹)ᵀ D⁻¹ and log det(XᵀX) = 2 Σ log s_j + 2 Σ log d_j are read
    /// from the workspace the call leaves behind (its documented fields `QSI` = V S⁻¹, `S`, `D`).
    private static func solveBySVD(columns: [[Double]], response: [Double]) throws -> Solution {
        let (n, p) = (response.count, columns.count)
        let shape = "n=\(n), p=\(p)"
        let x = try matrix(n, p, shape)
        defer { gsl_matrix_free(x) }
        let y = try vector(n, shape)
        defer { gsl_vector_free(y) }
        let c = try vector(p, shape)
        defer { gsl_vector_free(c) }
        let cov = try matrix(p, p, shape)
        defer { gsl_matrix_free(cov) }
        guard let work = gsl_multifit_linear_alloc(n, p) else { throw allocationFailure("gsl_multifit_linear_alloc", shape) }
        defer { gsl_multifit_linear_free(work) }
        fill(x, columns)
        for (i, value) in response.enumerated() { gsl_vector_set(y, i, value) }

        var chiSquared = 0.0
        var rank = 0
        try check(gsl_multifit_linear_tsvd(x, y, singularValueTolerance, c, cov, &chiSquared, &rank, work),
                  "gsl_multifit_linear_tsvd", shape)
        let coefficients = (0..<p).map { gsl_vector_get(c, $0) }
        try requireFinite(coefficients + [chiSquared], "gsl_multifit_linear_tsvd", shape)
        guard rank == p, let qsi = work.pointee.QSI, let s = work.pointee.S, let balance = work.pointee.D else {
            let missing = [[Double]](repeating: [Double](repeating: .nan, count: p), count: p)
            return Solution(coefficients: coefficients, unscaledCovariance: missing, covariance: missing,
                            residualSumOfSquares: chiSquared, rank: rank, logDeterminant: .nan,
                            function: "gsl_multifit_linear_tsvd")
        }
        let d = (0..<p).map { gsl_vector_get(balance, $0) }
        let unscaled = (0..<p).map { i in
            (0..<p).map { j in
                (0..<p).reduce(0.0) { $0 + gsl_matrix_get(qsi, i, $1) * gsl_matrix_get(qsi, j, $1) } / (d[i] * d[j])
            }
        }
        let logDeterminant = 2 * ((0..<p).reduce(0.0) { $0 + log(gsl_vector_get(s, $1)) } + d.reduce(0.0) { $0 + log($1) })
        return Solution(coefficients: coefficients, unscaledCovariance: unscaled,
                        covariance: (0..<p).map { i in (0..<p).map { j in gsl_matrix_get(cov, i, j) } },
                        residualSumOfSquares: chiSquared, rank: rank, logDeterminant: logDeterminant,
                        function: "gsl_multifit_linear_tsvd")
    }

    // MARK: - GSL plumbing

    private static func matrix(_ rows: Int, _ columns: Int, _ shape: String) throws -> UnsafeMutablePointer<gsl_matrix> {
        guard let m = gsl_matrix_alloc(rows, columns) else { throw allocationFailure("gsl_matrix_alloc", shape) }
        return m
    }

    private static func vector(_ size: Int, _ shape: String) throws -> UnsafeMutablePointer<gsl_vector> {
        guard let v = gsl_vector_alloc(size) else { throw allocationFailure("gsl_vector_alloc", shape) }
        return v
    }

    private static func fill(_ m: UnsafeMutablePointer<gsl_matrix>, _ columns: [[Double]]) {
        for j in columns.indices {
            let column = columns[j]
            for i in column.indices { gsl_matrix_set(m, i, j, column[i]) }
        }
    }

    private static func check(_ status: Int32, _ function: String, _ shape: String) throws {
        guard status == GSL_SUCCESS else {
            throw GSLError(status: GSLStatus(rawValue: status), function: function, inputs: shape)
        }
    }

    private static func requireFinite(_ values: [Double], _ function: String, _ shape: String) throws {
        guard values.allSatisfy(\.isFinite) else {
            throw GSLError(status: .rangeError, function: function, inputs: shape,
                           reason: "the fit produced a non-finite coefficient or residual sum of squares")
        }
    }

    private static func allocationFailure(_ function: String, _ inputs: String) -> GSLError {
        GSLError(status: .outOfMemory, function: function, inputs: inputs, reason: "allocation failed")
    }
}
