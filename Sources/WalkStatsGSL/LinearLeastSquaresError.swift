/// Why ``LinearLeastSquares`` could not fit a model. Columns and rows
/// are 0-based indices into the design the caller passed, so a caller that knows what each column
/// means (ANCOVA: intercept, baseline, arm, covariates) can phrase the problem in its own words.
public enum LinearLeastSquaresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The design has no rows or no columns.
    case emptyDesign(rows: Int, columns: Int)
    /// A row of the design has a different number of columns than the first row.
    case raggedDesign(row: Int, columns: Int, expected: Int)
    /// The response does not have one value per design row.
    case mismatchedLengths(rows: Int, responses: Int)
    /// A design value is NaN or infinite.
    case nonFiniteDesign(row: Int, column: Int)
    /// A response value is NaN or infinite.
    case nonFiniteResponse(row: Int)
    /// Not more observations than coefficients (n ≤ p), so no residual degrees of freedom remain.
    case tooFewObservations(observations: Int, parameters: Int)
    /// The rank tolerance is not a finite number in (0, 1).
    case invalidRankTolerance(Double)
    /// The weights do not have one value per design row.
    case mismatchedWeights(rows: Int, weights: Int)
    /// A weight is zero, negative, NaN or infinite (weights must be finite and > 0).
    case invalidWeight(row: Int, value: Double)
    /// The error covariance Σ is not n × n (`columns` is the length of the first offending row).
    case errorCovarianceShape(rows: Int, columns: Int, expected: Int)
    /// A value of the error covariance is NaN or infinite.
    case nonFiniteErrorCovariance(row: Int, column: Int)
    /// Σ_row,column differs from Σ_column,row beyond ``LinearLeastSquares/symmetryTolerance``.
    case errorCovarianceNotSymmetric(row: Int, column: Int)
    /// Σ is not (numerically) positive definite: its Cholesky factorisation failed.
    case errorCovarianceNotPositiveDefinite
    /// The design is rank-deficient: `aliased` lists every column that is (numerically) a linear
    /// combination of the columns before it, as R's `lm` would report `NA` for it. `aliased` is empty
    /// only when the SVD found a rank deficiency that the column-by-column check did not attribute.
    case rankDeficient(rank: Int, columns: Int, aliased: [AliasedColumn])

    public var description: String {
        switch self {
        case let .emptyDesign(rows, columns):
            return "the design matrix is empty (\(rows) rows, \(columns) columns)"
        case let .raggedDesign(row, columns, expected):
            return "design row \(row) has \(columns) columns, expected \(expected) like row 0"
        case let .mismatchedLengths(rows, responses):
            return "the design has \(rows) rows but the response has \(responses) values"
        case let .nonFiniteDesign(row, column):
            return "design value at row \(row), column \(column) is NaN or infinite"
        case let .nonFiniteResponse(row):
            return "response value at row \(row) is NaN or infinite"
        case let .tooFewObservations(observations, parameters):
            return "\(observations) observations for \(parameters) coefficients leave no residual degrees of freedom (needs n > p)"
        case let .invalidRankTolerance(tolerance):
            return "rank tolerance must be a finite number in (0, 1), got \(tolerance)"
        case let .mismatchedWeights(rows, weights):
            return "the design has \(rows) rows but there are \(weights) weights"
        case let .invalidWeight(row, value):
            return "weight at row \(row) is \(value); weights must be finite and greater than 0"
        case let .errorCovarianceShape(rows, columns, expected):
            return "the error covariance must be \(expected) × \(expected), got \(rows) rows with \(columns) columns"
        case let .nonFiniteErrorCovariance(row, column):
            return "error covariance value at row \(row), column \(column) is NaN or infinite"
        case let .errorCovarianceNotSymmetric(row, column):
            return "the error covariance is not symmetric at row \(row), column \(column)"
        case .errorCovarianceNotPositiveDefinite:
            return "the error covariance is not positive definite (its Cholesky factorisation failed)"
        case let .rankDeficient(rank, columns, aliased):
            let detail = aliased.map(\.description).joined(separator: "; ")
            return "the design matrix is rank-deficient (rank \(rank) < \(columns) columns)"
                + (detail.isEmpty ? "" : ": " + detail)
        }
    }
}

/// A design column that is (numerically) a linear combination of earlier, linearly independent columns:
///
/// ```
/// x_column ≈ Σ_k combination[k] · x_k      (k < column, k not itself aliased)
/// ```
///
/// Only columns that contribute noticeably appear in `combination` (see
/// ``LinearLeastSquares/involvementThreshold``); an empty combination means the column is all zeros.
public struct AliasedColumn: Sendable, Equatable, CustomStringConvertible {
    /// The aliased column.
    public let column: Int
    /// The earlier columns it is a combination of, with their coefficients.
    public let combination: [Int: Double]

    /// Creates the description of an aliased column.
    public init(column: Int, combination: [Int: Double]) {
        self.column = column
        self.combination = combination
    }

    /// The earlier columns involved, in ascending order.
    public var involvedColumns: [Int] { combination.keys.sorted() }

    public var description: String {
        if combination.isEmpty { return "column \(column) is zero" }
        let terms = involvedColumns.map { "\(combination[$0]!) · column \($0)" }.joined(separator: " + ")
        return "column \(column) = \(terms)"
    }
}
