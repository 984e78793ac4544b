import Foundation
import Testing
import WalkStatsGSL

/// ``LinearLeastSquares`` on small problems whose answers follow by hand, and every error it reports.
/// (The certified NIST StRD checks live in WalkStatsStatisticsTests/NISTLinearRegressionTests.swift,
/// next to their data files.)
struct LinearLeastSquaresTests {
    /// y = 2 + 3x exactly: the fit reproduces the line and leaves no residual.
    @Test func exactLineIsRecovered() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let fit = try LinearLeastSquares.fit(design: x.map { [1, $0] }, response: x.map { 2 + 3 * $0 })
        #expect(abs(fit.coefficients[0] - 2) < 1e-14 && abs(fit.coefficients[1] - 3) < 1e-14)
        #expect(fit.residualSumOfSquares < 1e-26)
        #expect(fit.rank == 2 && fit.residualDegreesOfFreedom == 4)
    }

    /// Simple regression by hand: x = 1…5, y = 2, 4, 5, 4, 5. Sxx = 10, Sxy = 6, slope 0.6, intercept
    /// 4 − 0.6·3 = 2.2; residuals −0.8, 0.6, 1, −0.6, −0.2, RSS = 2.4, σ̂² = 2.4/3 = 0.8;
    /// Var(slope) = σ̂²/Sxx = 0.08, Var(intercept) = σ̂²(1/5 + 9/10) = 0.88, Cov = −3·σ̂²/Sxx = −0.24.
    /// (R: vcov(lm(c(2, 4, 5, 4, 5) ~ I(1:5))) gives the same matrix.)
    @Test func simpleRegressionMatchesClosedForm() throws {
        let fit = try LinearLeastSquares.fit(design: (1...5).map { [1, Double($0)] }, response: [2, 4, 5, 4, 5])
        let expected: [(Double, Double)] = [
            (fit.coefficients[0], 2.2), (fit.coefficients[1], 0.6), (fit.residualSumOfSquares, 2.4),
            (fit.covariance[0][0], 0.88), (fit.covariance[1][1], 0.08), (fit.covariance[0][1], -0.24),
            (fit.covariance[1][0], -0.24), (fit.residualVariance, 0.8), (fit.standardErrors[1], 0.08.squareRoot()),
        ]
        for (actual, value) in expected { #expect(abs(actual - value) <= 1e-13 * abs(value), "\(actual) vs \(value)") }
        #expect(fit.residualDegreesOfFreedom == 3)
    }

    /// The balanced SVD makes the fit invariant to column scale: multiplying x by 10⁸ divides its
    /// coefficient by 10⁸ and leaves everything else as it was.
    @Test func columnScaleDoesNotCostAccuracy() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2, 4, 5, 4, 5]
        let plain = try LinearLeastSquares.fit(design: x.map { [1, $0] }, response: y)
        let scaled = try LinearLeastSquares.fit(design: x.map { [1, $0 * 1e8] }, response: y)
        #expect(abs(scaled.coefficients[1] * 1e8 - plain.coefficients[1]) <= 1e-13 * plain.coefficients[1])
        #expect(abs(scaled.coefficients[0] - plain.coefficients[0]) <= 1e-13 * plain.coefficients[0])
        #expect(abs(scaled.residualSumOfSquares - plain.residualSumOfSquares) <= 1e-13 * plain.residualSumOfSquares)
    }

    @Test func malformedInputIsRejected() {
        #expect(throws: LinearLeastSquaresError.emptyDesign(rows: 0, columns: 0)) {
            try LinearLeastSquares.fit(design: [], response: [])
        }
        #expect(throws: LinearLeastSquaresError.emptyDesign(rows: 2, columns: 0)) {
            try LinearLeastSquares.fit(design: [[], []], response: [1, 2])
        }
        #expect(throws: LinearLeastSquaresError.raggedDesign(row: 1, columns: 1, expected: 2)) {
            try LinearLeastSquares.fit(design: [[1, 2], [1], [1, 3]], response: [1, 2, 3])
        }
        #expect(throws: LinearLeastSquaresError.mismatchedLengths(rows: 3, responses: 2)) {
            try LinearLeastSquares.fit(design: [[1, 2], [1, 3], [1, 4]], response: [1, 2])
        }
        #expect(throws: LinearLeastSquaresError.nonFiniteDesign(row: 1, column: 1)) {
            try LinearLeastSquares.fit(design: [[1, 2], [1, .nan], [1, 4]], response: [1, 2, 3])
        }
        #expect(throws: LinearLeastSquaresError.nonFiniteResponse(row: 2)) {
            try LinearLeastSquares.fit(design: [[1, 2], [1, 3], [1, 4]], response: [1, 2, -.infinity])
        }
    }

    /// n ≤ p leaves no residual degrees of freedom (R's lm would return NA standard errors).
    @Test func needsMoreObservationsThanCoefficients() {
        #expect(throws: LinearLeastSquaresError.tooFewObservations(observations: 2, parameters: 2)) {
            try LinearLeastSquares.fit(design: [[1, 2], [1, 3]], response: [1, 2])
        }
        #expect(throws: LinearLeastSquaresError.tooFewObservations(observations: 2, parameters: 3)) {
            try LinearLeastSquares.fit(design: [[1, 2, 3], [1, 3, 5]], response: [1, 2])
        }
    }

    @Test(arguments: [0.0, 1.0, -1e-7, Double.nan, Double.infinity])
    func rankToleranceMustLieInsideZeroAndOne(tolerance: Double) {
        #expect(throws: LinearLeastSquaresError.self) {
            try LinearLeastSquares.fit(design: [[1, 2], [1, 3], [1, 5]], response: [1, 2, 4], rankTolerance: tolerance)
        }
    }

    /// Column 2 = 3·column 0 + 2·column 1 exactly: reported with the combination that reproduces it.
    @Test func exactCollinearityNamesTheCombination() throws {
        let x: [Double] = [1, 2, 4, 7, 11]
        do {
            _ = try LinearLeastSquares.fit(design: x.map { [1, $0, 3 + 2 * $0] }, response: [1, 3, 2, 5, 4])
            Issue.record("a rank-deficient design was fitted")
        } catch let LinearLeastSquaresError.rankDeficient(rank, columns, aliased) {
            #expect(rank == 2 && columns == 3)
            #expect(aliased.count == 1 && aliased[0].column == 2 && aliased[0].involvedColumns == [0, 1])
            #expect(abs(aliased[0].combination[0]! - 3) < 1e-12 && abs(aliased[0].combination[1]! - 2) < 1e-12)
        }
    }

    /// Like R, every aliased column is reported (R: NA for each), each against the columns kept before it;
    /// a zero column has an empty combination; an uninvolved column is left out of the combination.
    @Test func everyAliasedColumnIsReported() throws {
        let x: [Double] = [1, 2, 4, 7, 11, 3]
        let z: [Double] = [5, -1, 2, 0, 3, 8]
        let rows = zip(x, z).map { [1, $0, $1, 0, 2 * $1] }
        do {
            _ = try LinearLeastSquares.fit(design: rows, response: [1, 3, 2, 5, 4, 6])
            Issue.record("a rank-deficient design was fitted")
        } catch let LinearLeastSquaresError.rankDeficient(rank, columns, aliased) {
            #expect(rank == 3 && columns == 5)
            #expect(aliased.map(\.column) == [3, 4])
            #expect(aliased[0].combination.isEmpty)
            #expect(aliased[1].involvedColumns == [2])
            #expect(LinearLeastSquaresError.rankDeficient(rank: rank, columns: columns, aliased: aliased).description
                .hasPrefix("the design matrix is rank-deficient (rank 3 < 5 columns): column 3 is zero; column 4 = "))
        }
    }

    /// R's tolerance rule (dqrdc2, tol = 1e-7): x2 = x1 + 1e-7·(1, −1, 1, …) leaves a residual of
    /// 1.59e-8·‖x2‖ after regression on (1, x1), so R 4.2.2's lm(y ~ x1 + x2) reports NA for x2 while
    /// lm(y ~ x1 + x2, tol = 1e-10) estimates it (−374999.72 and 374999.9987).
    @Test func nearCollinearityFollowsRsTolerance() throws {
        let x1 = (1...10).map(Double.init)
        let x2 = x1.enumerated().map { $1 + 1e-7 * ($0 % 2 == 0 ? 1 : -1) }
        let rows = zip(x1, x2).map { [1, $0, $1] }
        let y: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
        #expect(throws: LinearLeastSquaresError.self) { try LinearLeastSquares.fit(design: rows, response: y) }
        let fit = try LinearLeastSquares.fit(design: rows, response: y, rankTolerance: 1e-10)
        // Near-singular: only a few digits are meaningful; R's values to 1e-5 relative.
        #expect(abs(fit.coefficients[1] / -374999.7237 - 1) < 1e-5)
        #expect(abs(fit.coefficients[2] / 374999.9987 - 1) < 1e-5)
    }

    // MARK: - Weighted and generalised least squares

    static let design: [[Double]] = [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5]]
    static let response: [Double] = [2, 4, 5, 4, 5]

    @Test func badWeightsAreRejected() {
        #expect(throws: LinearLeastSquaresError.mismatchedWeights(rows: 5, weights: 4)) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response, weights: [1, 1, 1, 1])
        }
        for bad in [0, -1, Double.infinity] {
            #expect(throws: LinearLeastSquaresError.invalidWeight(row: 2, value: bad)) {
                try LinearLeastSquares.fit(design: Self.design, response: Self.response, weights: [1, 2, bad, 1, 1])
            }
        }
        do {
            _ = try LinearLeastSquares.fit(design: Self.design, response: Self.response, weights: [1, 2, .nan, 1, 1])
            Issue.record("a NaN weight was accepted")
        } catch let LinearLeastSquaresError.invalidWeight(row, value) {
            #expect(row == 2 && value.isNaN)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func badErrorCovarianceIsRejected() {
        let identity = (0..<5).map { i in (0..<5).map { $0 == i ? 1.0 : 0 } }
        #expect(throws: LinearLeastSquaresError.errorCovarianceShape(rows: 4, columns: 5, expected: 5)) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response, errorCovariance: Array(identity.dropLast()))
        }
        #expect(throws: LinearLeastSquaresError.errorCovarianceShape(rows: 5, columns: 4, expected: 5)) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response,
                                       errorCovariance: identity.map { Array($0.dropLast()) })
        }
        var nonFinite = identity
        nonFinite[3][1] = .nan
        #expect(throws: LinearLeastSquaresError.nonFiniteErrorCovariance(row: 3, column: 1)) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response, errorCovariance: nonFinite)
        }
        var asymmetric = identity
        asymmetric[0][2] = 0.5
        #expect(throws: LinearLeastSquaresError.errorCovarianceNotSymmetric(row: 2, column: 0)) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response, errorCovariance: asymmetric)
        }
        // Correlation 1 between observations 0 and 1: singular, not positive definite.
        var singular = identity
        singular[0][1] = 1
        singular[1][0] = 1
        #expect(throws: LinearLeastSquaresError.errorCovarianceNotPositiveDefinite) {
            try LinearLeastSquares.fit(design: Self.design, response: Self.response, errorCovariance: singular)
        }
    }

    /// Σ = c·I changes neither β̂ nor σ̂²(XᵀΣ⁻¹X)⁻¹ (σ̂² absorbs c), but divides (XᵀΣ⁻¹X)⁻¹ by 1/c; the
    /// closed-form OLS values of ``simpleRegressionMatchesClosedForm()`` hold for both decompositions.
    @Test(arguments: [LinearLeastSquares.Decomposition.singularValue, .pivotedQR])
    func scaledIdentityCovarianceIsOrdinaryLeastSquares(_ decomposition: LinearLeastSquares.Decomposition) throws {
        let sigma = (0..<5).map { i in (0..<5).map { $0 == i ? 4.0 : 0 } }
        let fit = try LinearLeastSquares.fit(design: Self.design, response: Self.response, errorCovariance: sigma,
                                             decomposition: decomposition)
        let expected: [(Double, Double)] = [
            (fit.coefficients[0], 2.2), (fit.coefficients[1], 0.6), (fit.residualSumOfSquares, 2.4 / 4),
            (fit.covariance[0][0], 0.88), (fit.covariance[1][1], 0.08), (fit.covariance[0][1], -0.24),
            (fit.unscaledCovariance[1][1], 4 * 0.1), (fit.residuals[0], -0.8),
            // XᵀΣ⁻¹X = [[5, 15], [15, 55]] / 4, det = 50 / 16.
            (fit.logDeterminantOfCrossProduct, log(50.0 / 16)),
        ]
        for (actual, value) in expected { #expect(abs(actual - value) <= 1e-13 * abs(value), "\(actual) vs \(value)") }
    }
}
