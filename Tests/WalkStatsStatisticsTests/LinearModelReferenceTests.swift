import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The linear-model core (``LinearLeastSquares``: weighted and generalised least squares, pivoted QR and
/// balanced SVD) and the three-arm ANCOVA against R 4.2.2 (`Fixtures/linear-model/generate.R`).
struct LinearModelReferenceTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("linear-model")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))
    static let decompositions: [LinearLeastSquares.Decomposition] = [.singularValue, .pivotedQR]

    /// A CSV with a header, as records keyed by column name.
    static func records(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    static func numbers(_ records: [[String: String]], _ column: String) -> [Double] {
        records.map { Double($0[column]!)! }
    }

    /// Every element of `actual` within 1e-6 relative error of `<key>/<i>` (or `<key>/<i>/<j>`) in `dataset`.
    static func expectMatches(_ actual: [Double], _ dataset: String, _ key: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference.values[dataset]!
        for (i, value) in actual.enumerated() {
            let r = expected["\(key)/\(i)"]!
            #expect(relativeError(value, r) < 1e-6, "\(dataset) \(key)[\(i)]: WalkStats \(value), R \(r)",
                    sourceLocation: sourceLocation)
        }
    }

    static func expectMatches(_ actual: [[Double]], _ dataset: String, _ key: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference.values[dataset]!
        for (i, row) in actual.enumerated() {
            for (j, value) in row.enumerated() {
                let r = expected["\(key)/\(i)/\(j)"]!
                #expect(relativeError(value, r) < 1e-6, "\(dataset) \(key)[\(i)][\(j)]: WalkStats \(value), R \(r)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func fixtureRecordsVersions() {
        #expect(Self.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(Self.reference.provenance.contains { $0.contains("nlme 3.1") })
        #expect(Set(Self.reference.values.keys) == ["wls", "gls", "three-arm", "three-arm-covariates"])
    }

    // MARK: - Weighted least squares

    static func weightedInputs() throws -> (design: [[Double]], response: [Double], weights: [Double]) {
        let d = try records("wls.csv")
        let x1 = numbers(d, "x1"), x2 = numbers(d, "x2")
        return (x1.indices.map { [1, x1[$0], x2[$0]] }, numbers(d, "y"), numbers(d, "w"))
    }

    /// R: fit <- lm(y ~ x1 + x2, weights = w); coef, coef(summary(fit))[, 2], vcov, summary(fit)$cov.unscaled,
    /// residuals, deviance, summary(fit)$sigma^2, df.residual, determinant(crossprod(X * sqrt(w))).
    @Test(arguments: decompositions)
    func weightedLeastSquaresMatchesLm(_ decomposition: LinearLeastSquares.Decomposition) throws {
        let (design, response, weights) = try Self.weightedInputs()
        let fit = try LinearLeastSquares.fit(design: design, response: response, weights: weights,
                                             decomposition: decomposition)
        let r = Self.reference.values["wls"]!
        Self.expectMatches(fit.coefficients, "wls", "coefficients")
        Self.expectMatches(fit.standardErrors, "wls", "se")
        Self.expectMatches(fit.covariance, "wls", "vcov")
        Self.expectMatches(fit.unscaledCovariance, "wls", "cov_unscaled")
        Self.expectMatches(fit.residuals, "wls", "residuals")
        #expect(relativeError(fit.residualSumOfSquares, r["rss"]!) < 1e-6)
        #expect(relativeError(fit.residualVariance, r["sigma2"]!) < 1e-6)
        #expect(relativeError(fit.logDeterminantOfCrossProduct, r["log_det_xtwx"]!) < 1e-6)
        #expect(Double(fit.residualDegreesOfFreedom) == r["df"]! && Double(fit.rank) == r["rank"]!)
    }

    /// Unit weights are ordinary least squares, and weights w are GLS with Σ = diag(1/w).
    @Test(arguments: decompositions)
    func weightsAreASpecialCaseOfTheCovariance(_ decomposition: LinearLeastSquares.Decomposition) throws {
        let (design, response, weights) = try Self.weightedInputs()
        let ordinary = try LinearLeastSquares.fit(design: design, response: response, decomposition: decomposition)
        let unit = try LinearLeastSquares.fit(design: design, response: response,
                                              weights: Array(repeating: 1, count: weights.count), decomposition: decomposition)
        let weighted = try LinearLeastSquares.fit(design: design, response: response, weights: weights,
                                                  decomposition: decomposition)
        let sigma = weights.indices.map { i in weights.indices.map { $0 == i ? 1 / weights[i] : 0 } }
        let generalised = try LinearLeastSquares.fit(design: design, response: response, errorCovariance: sigma,
                                                     decomposition: decomposition)
        for (a, b) in [(ordinary, unit), (weighted, generalised)] {
            for (x, y) in zip(a.coefficients + a.covariance.joined() + [a.residualSumOfSquares, a.logDeterminantOfCrossProduct],
                              b.coefficients + b.covariance.joined() + [b.residualSumOfSquares, b.logDeterminantOfCrossProduct]) {
                #expect(relativeError(x, y) < 1e-12, "\(x) vs \(y)")
            }
        }
    }

    // MARK: - Generalised least squares

    /// R: (X'S⁻¹X)⁻¹X'S⁻¹y etc. directly, and nlme::gls(y ~ x + z, correlation = corAR1(0.6, fixed = TRUE),
    /// weights = varFixed(~ v), method = "REML"): coef, vcov (= σ̂²(X'S⁻¹X)⁻¹).
    @Test(arguments: decompositions)
    func generalisedLeastSquaresMatchesR(_ decomposition: LinearLeastSquares.Decomposition) throws {
        let d = try Self.records("gls.csv")
        let x = Self.numbers(d, "x"), z = Self.numbers(d, "z")
        let sigmaText = try String(contentsOf: Self.folder.appendingPathComponent("gls-sigma.csv"), encoding: .utf8)
        let sigma = sigmaText.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map { Double($0)! } }
        let fit = try LinearLeastSquares.fit(design: x.indices.map { [1, x[$0], z[$0]] }, response: Self.numbers(d, "y"),
                                             errorCovariance: sigma, decomposition: decomposition)
        let r = Self.reference.values["gls"]!
        Self.expectMatches(fit.coefficients, "gls", "coefficients")
        Self.expectMatches(fit.coefficients, "gls", "coefficients_nlme")
        Self.expectMatches(fit.unscaledCovariance, "gls", "cov_unscaled")
        Self.expectMatches(fit.covariance, "gls", "vcov")
        Self.expectMatches(fit.standardErrors, "gls", "se_nlme")
        Self.expectMatches(fit.residuals, "gls", "residuals")
        #expect(relativeError(fit.residualSumOfSquares, r["rss"]!) < 1e-6)
        #expect(relativeError(fit.residualVariance, r["sigma2"]!) < 1e-6)
        #expect(relativeError(fit.logDeterminantOfCrossProduct, r["log_det_xtsx"]!) < 1e-6)
        #expect(Double(fit.residualDegreesOfFreedom) == r["df"]!)
    }

    // MARK: - Pivoted QR vs SVD

    /// The two decompositions give the same fit on the ANCOVA fixture designs (including the data set
    /// near 10⁶, cond(X) ≈ 4·10¹¹) and the weighted design.
    @Test func pivotedQRAndSVDAgree() throws {
        let ancova = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("ancova")
        var problems: [(String, [[Double]], [Double], Double)] = []
        for (name, extra) in [("a-equal", [String]()), ("b-unequal", []), ("c-covariates", ["age", "kl_grade"]),
                              ("e-large-scale", ["screening"])] {
            let text = try String(contentsOf: ancova.appendingPathComponent("\(name).csv"), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
            let d = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
            let rows = d.map { r in [1, Double(r["baseline"]!)!, r["arm"] == "A" ? 1 : 0] + extra.map { Double(r[$0]!)! } }
            // cond(X) ≈ 4·10¹¹ for e-large-scale: agreement to ~cond·ε, still far inside 1e-6.
            problems.append((name, rows, d.map { Double($0["follow_up"]!)! }, name == "e-large-scale" ? 1e-8 : 1e-12))
        }
        let (design, response, _) = try Self.weightedInputs()
        problems.append(("wls design", design, response, 1e-12))
        for (name, rows, y, tolerance) in problems {
            let svd = try LinearLeastSquares.fit(design: rows, response: y, decomposition: .singularValue)
            let qr = try LinearLeastSquares.fit(design: rows, response: y, decomposition: .pivotedQR)
            let pairs = zip(svd.coefficients + svd.covariance.joined() + svd.unscaledCovariance.joined() + [svd.residualSumOfSquares],
                            qr.coefficients + qr.covariance.joined() + qr.unscaledCovariance.joined() + [qr.residualSumOfSquares])
            let worst = pairs.map { relativeError($1, $0) }.max()!
            #expect(worst < tolerance, "\(name): QR and SVD differ by \(worst)")
            #expect(relativeError(qr.logDeterminantOfCrossProduct, svd.logDeterminantOfCrossProduct) < 1e-10, "\(name)")
        }
    }

    // MARK: - Three-arm ANCOVA

    static func threeArmInputs(_ name: String) throws -> (fit: ANCOVAFit, fit90: ANCOVAFit) {
        let d = try records("\(name).csv")
        let covariates = name == "three-arm" ? [] : [
            Covariate(name: "age", values: .numeric(numbers(d, "age"))),
            Covariate(name: "sex", values: .categorical(d.map { $0["sex"]! })),
        ]
        let run = { (level: Double) in
            try ancova(followUp: numbers(d, "follow_up"), baseline: numbers(d, "baseline"), arm: d.map { $0["arm"]! },
                       reference: "placebo", covariates: covariates, confidenceLevel: level)
        }
        return (try run(0.95), try run(0.90))
    }

    /// R: d$arm <- relevel(factor(d$arm), ref = "placebo"); fit <- lm(follow_up ~ baseline + arm [+ age + sex]);
    /// coef(summary(fit)) (every row), df.residual(fit), confint(fit, "armdose_high" / "armdose_low",
    /// level = 0.95 / 0.90).
    @Test(arguments: ["three-arm", "three-arm-covariates"])
    func threeArmANCOVAMatchesLm(_ name: String) throws {
        let expected = Self.reference.values[name]!
        let (fit, fit90) = try Self.threeArmInputs(name)
        #expect(fit.reference == "placebo" && fit.comparedArms == ["dose_high", "dose_low"])
        #expect(Double(fit.coefficients.count) == expected["coefficients"]!)
        let terms = name == "three-arm" ? ["(Intercept)", "baseline", "armdose_high", "armdose_low"]
            : ["(Intercept)", "baseline", "armdose_high", "armdose_low", "age", "sexM"]
        #expect(fit.coefficients.map(\.term) == terms)
        for row in fit.coefficients {
            #expect(Double(row.degreesOfFreedom) == expected["df"]!)
            for (key, value) in [("estimate", row.estimate), ("se", row.standardError), ("statistic", row.statistic),
                                 ("p_value", row.pValue)] {
                let r = expected["\(row.term)/\(key)"]!
                #expect(relativeError(value, r) < 1e-6, "\(name) \(row.term) \(key): WalkStats \(value), R \(r)")
            }
        }
        for (arm, (effect, effect90)) in zip(fit.comparedArms, zip(fit.effects, fit90.effects)) {
            let term = "arm" + arm
            #expect(effect.name == .ancova && effect == fit.effect(of: arm))
            #expect(effect.sampleSizes == [Int(expected["n/\(arm)"]!), Int(expected["n/placebo"]!)])
            #expect(effect.degreesOfFreedom == expected["df"]!)
            let computed: [(String, Double?)] = [
                ("estimate", effect.estimate), ("se", effect.standardError), ("statistic", effect.statistic),
                ("p_value", effect.pValue), ("ci_low", effect.confidenceInterval?.lower),
                ("ci_high", effect.confidenceInterval?.upper), ("ci90_low", effect90.confidenceInterval?.lower),
                ("ci90_high", effect90.confidenceInterval?.upper),
            ]
            for (key, value) in computed {
                let actual = try #require(value)
                let r = expected["\(term)/\(key)"]!
                #expect(relativeError(actual, r) < 1e-6, "\(name) \(term) \(key): WalkStats \(actual), R \(r)")
            }
        }
        #expect(fit.effect(of: "placebo") == nil)
    }

    /// Compared arms in the order given (R: factor(arm, levels = c("placebo", "dose_low", "dose_high"))):
    /// the same coefficients, the effects in that order.
    @Test func comparedArmsKeepTheirOrder() throws {
        let d = try Self.records("three-arm.csv")
        let run = { (order: [String]?) in
            try ancova(followUp: Self.numbers(d, "follow_up"), baseline: Self.numbers(d, "baseline"), arm: d.map { $0["arm"]! },
                       reference: "placebo", comparedArms: order)
        }
        let sorted = try run(nil)
        let given = try run(["dose_low", "dose_high"])
        #expect(given.comparedArms == ["dose_low", "dose_high"])
        // Reordered columns change only the last bits.
        for (a, b) in zip(given.effects, [sorted.effects[1], sorted.effects[0]]) {
            #expect(a.sampleSizes == b.sampleSizes)
            for (x, y) in [(a.estimate!, b.estimate!), (a.standardError!, b.standardError!), (a.pValue, b.pValue)] {
                #expect(relativeError(x, y) < 1e-12, "\(x) vs \(y)")
            }
        }
        #expect(given.coefficients.map(\.term) == ["(Intercept)", "baseline", "armdose_low", "armdose_high"])
        let r = Self.reference.values["three-arm"]!
        #expect(relativeError(given.effects[0].estimate!, r["armdose_low/estimate"]!) < 1e-6)
    }

    /// Each arm, the reference included, needs two participants; an arm aliased with a covariate level is
    /// named with its label and the reference's.
    @Test func threeArmErrorsNameTheArms() throws {
        let followUp: [Double] = [3.1, 2.4, 4.0, 2.2, 5.3, 4.1, 4.8, 3.9, 4.4]
        let baseline: [Double] = [5.0, 4.1, 6.2, 3.5, 5.9, 4.4, 6.1, 4.7, 5.2]
        let arm = ["low", "low", "low", "high", "high", "high", "ctl", "ctl", "ctl"]
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm high", needed: 2, got: 1)) {
            try ancova(followUp: followUp, baseline: baseline,
                       arm: ["low", "low", "low", "high", "ctl", "ctl", "ctl", "ctl", "ctl"], reference: "ctl")
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm ctl", needed: 2, got: 0)) {
            try ancova(followUp: followUp, baseline: baseline, arm: arm.map { $0 == "ctl" ? "low" : $0 }, reference: "ctl")
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "arms besides the reference arm ctl", needed: 1, got: 0)) {
            try ancova(followUp: followUp, baseline: baseline, arm: Array(repeating: "ctl", count: 9), reference: "ctl")
        }
        #expect(throws: StatisticsError.invalidRequest("every participant and the reference need a non-empty arm label")) {
            try ancova(followUp: followUp, baseline: baseline, arm: arm.map { $0 == "ctl" ? "" : $0 }, reference: "ctl")
        }
        #expect(throws: StatisticsError.invalidRequest("arm 'ctl' is neither the reference arm placebo nor one of the "
                                                       + "compared arms low, high")) {
            try ancova(followUp: followUp, baseline: baseline, arm: arm, reference: "placebo", comparedArms: ["low", "high"])
        }
        #expect(throws: StatisticsError.self) {
            try ancova(followUp: followUp, baseline: baseline, arm: arm, reference: "ctl", comparedArms: ["low", "ctl"])
        }
        let site = arm.map { $0 == "high" ? "b" : "a" }
        #expect(throws: StatisticsError.invalidRequest("the design matrix is rank-deficient: the arm indicator (high vs ctl) "
                                                       + "and level 'b' of covariate 'site' are perfectly collinear; drop or "
                                                       + "recode the covariate (R's lm would silently report NA for the "
                                                       + "aliased coefficient)")) {
            try ancova(followUp: followUp, baseline: baseline, arm: arm, reference: "ctl",
                       covariates: [Covariate(name: "site", values: .categorical(site))])
        }
    }
}
