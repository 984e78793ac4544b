import Testing
import WalkStats
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// The pooling against R 4.2.2 with metafor 3.8-1 (`Fixtures/meta-analysis/generate.R`).
struct MetaAnalysisTests {
    typealias Fixture = MetaAnalysisFixture

    /// R: fit <- rma(yi, vi, method = , test = , level = , control = <tight>), predict(fit),
    /// confint(fit, control = list(tol = 1e-15)), weights(fit): every field, for every dataset, method,
    /// test and level, at the project's 1e-6 relative (measured: 2.3e-11 at worst).
    @Test(arguments: Fixture.configurations)
    func matchesMetaforRunToConvergence(_ configuration: Fixture.Configuration) throws {
        let effects = try Fixture.effects(configuration.dataset)
        let result = try metaAnalysis(effects, method: configuration.method, hksj: configuration.hksj,
                                      confidenceLevel: configuration.confidenceLevel)
        #expect(result.method == configuration.method)
        #expect(result.hksj == configuration.hksj)
        #expect(result.confidenceLevel == configuration.confidenceLevel)
        #expect(result.studies == effects)
        #expect(result.qDegreesOfFreedom == effects.count - 1)
        #expect(result.confidenceInterval.level == configuration.confidenceLevel)
        #expect(result.tau == result.tau2.squareRoot())
        let expected = Fixture.values(configuration.dataset, prefix: "tight/\(configuration.key)")
        let (failures, largest) = Fixture.compare(Fixture.fields(result), expected, tolerance: 1e-6,
                                                  context: configuration.description)
        #expect(failures == [])
        #expect(largest < 1e-6, "largest relative error \(largest)")
    }

    /// R: the same fits with metafor's default controls, which stop early: REML's Fisher scoring at a step
    /// ≤ 1e-5, PM and the τ² interval at uniroot's tol = 1.2e-4 (absolute). Run with those same
    /// stopping rules, WalkStats' iterations (HE start, step halving, Brent as in R's zeroin) land where
    /// metafor's do, so every field must agree to 1e-9 (measured: 2.3e-11 at worst). Where metafor stops
    /// ("Value of 'tau2.max' too low", curtis1998-md PM), so does this mode; the public function widens the
    /// search instead, and its root lies beyond metafor's limit.
    @Test(arguments: Fixture.configurations)
    func reproducesMetaforDefaultsWithTheirStoppingRules(_ configuration: Fixture.Configuration) throws {
        let effects = try Fixture.effects(configuration.dataset)
        let expected = Fixture.values(configuration.dataset, prefix: "default/\(configuration.key)")
        if expected["tau2.max-too-low"] == 1 {
            #expect(configuration.method == .pm)
            #expect(throws: StatisticsError.self) {
                try pooled(effects, method: configuration.method, hksj: configuration.hksj,
                           confidenceLevel: configuration.confidenceLevel, convergence: .metaforDefault)
            }
            let exact = try metaAnalysis(effects, method: .pm, hksj: configuration.hksj)
            let mad = MetaRegression.medianAbsoluteDeviation(effects.map(\.yi))
            #expect(exact.tau2 > max(100, 10 * mad * mad))
            return
        }
        let result = try pooled(effects, method: configuration.method, hksj: configuration.hksj,
                                confidenceLevel: configuration.confidenceLevel, convergence: .metaforDefault)
        let (failures, largest) = Fixture.compare(Fixture.fields(result), expected, tolerance: 1e-9,
                                                  context: "\(configuration) (metafor defaults)")
        #expect(failures == [])
        #expect(largest < 1e-9)
    }

    // MARK: - Properties that need no reference

    /// FE: τ² = 0, no τ² interval or prediction interval (metafor gives none), the Q-based I² and H², and
    /// weights 1/v.
    @Test func fixedEffectHasNoRandomEffectParts() throws {
        let effects = try Fixture.effects("raudenbush1985")
        let result = try metaAnalysis(effects, method: .fe)
        #expect(result.tau2 == 0)
        #expect(result.tau == 0)
        #expect(result.tau2StandardError == nil)
        #expect(result.heterogeneityInterval == nil)
        #expect(result.predictionInterval == nil)
        #expect(result.degreesOfFreedom == nil)
        #expect(result.hksjScaleFactor == 1)
        let df = Double(effects.count - 1)
        #expect(relativeError(result.i2, max(0, 100 * (result.q - df) / result.q)) < 1e-15)
        #expect(relativeError(result.h2, result.q / df) < 1e-15)
        let sum = effects.reduce(0) { $0 + 1 / $1.vi }
        for (weight, effect) in zip(result.weightsPercent, effects) {
            #expect(relativeError(weight, 100 / effect.vi / sum) < 1e-13)
        }
    }

    /// Weights sum to 100 %, HKSJ uses t on k − 1 df, and the prediction interval contains the CI.
    @Test(arguments: HeterogeneityEstimator.allCases)
    func structuralProperties(_ method: HeterogeneityEstimator) throws {
        let effects = try Fixture.effects("bangertdrowns2004")
        for hksj in [false, true] {
            let result = try metaAnalysis(effects, method: method, hksj: hksj)
            #expect(abs(result.weightsPercent.reduce(0, +) - 100) < 1e-10)
            #expect(result.degreesOfFreedom == (hksj ? effects.count - 1 : nil))
            if let prediction = result.predictionInterval {
                #expect(prediction.lower <= result.confidenceInterval.lower)
                #expect(prediction.upper >= result.confidenceInterval.upper)
            }
        }
    }

    /// All effects equal: Q = 0, τ² = 0 for every estimator, the τ² interval is the null set; with HKSJ the
    /// scale factor would be 0 (metafor: se = 0, z = ±Inf), which WalkStats refuses.
    @Test(arguments: HeterogeneityEstimator.allCases)
    func identicalEffects(_ method: HeterogeneityEstimator) throws {
        let effects = [0.4, 0.4, 0.4, 0.4].enumerated().map { StudyEffect(study: "S\($0)", yi: $1, vi: 0.01 * Double($0 + 1)) }
        let result = try metaAnalysis(effects, method: method)
        #expect(result.q < 1e-28)
        #expect(result.tau2 == 0)
        #expect(relativeError(result.estimate, 0.4) < 1e-15)
        #expect(result.qPValue == 1)
        if method == .fe {
            #expect(result.i2 == 0)
            #expect(result.h2 < 1e-28)
        } else {
            #expect(result.heterogeneityInterval?.isNullSet == true)
        }
        #expect(throws: StatisticsError.invalidRequest(MetaAnalysisInput.hksjUndefinedMessage)) {
            try metaAnalysis(effects, method: method, hksj: true)
        }
    }

    @Test func invalidInputThrows() {
        let good = [StudyEffect(study: "A", yi: 0.1, vi: 0.02), StudyEffect(study: "B", yi: 0.3, vi: 0.04)]
        #expect(throws: StatisticsError.insufficientObservations(what: "studies", needed: 2, got: 0)) {
            try metaAnalysis([])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "studies", needed: 2, got: 1)) {
            try metaAnalysis([good[0]], method: .fe)
        }
        #expect(throws: StatisticsError.invalidRequest("study 'B' has sampling variance 0.0; every sampling variance must be > 0")) {
            try metaAnalysis([good[0], StudyEffect(study: "B", yi: 0.3, vi: 0)])
        }
        #expect(throws: StatisticsError.invalidRequest("study 'B' has sampling variance -0.1; every sampling variance must be > 0")) {
            try metaAnalysis([good[0], StudyEffect(study: "B", yi: 0.3, vi: -0.1)])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the effect and sampling variance of study 'B'")) {
            try metaAnalysis([good[0], StudyEffect(study: "B", yi: .nan, vi: 0.1)])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the effect and sampling variance of study 'B'")) {
            try metaAnalysis([good[0], StudyEffect(study: "B", yi: 0.2, vi: .infinity)])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) { try metaAnalysis(good, confidenceLevel: 1) }
        #expect(throws: StatisticsError.invalidConfidenceLevel(0)) { try metaAnalysis(good, confidenceLevel: 0) }
    }

    /// The statistic tables the pooling relies on: R's pchisq(q, df, lower.tail = FALSE),
    /// qchisq(p, df) and qchisq(p, df, lower.tail = FALSE), at 1e-12 relative.
    @Test func chiSquaredDistributionMatchesR() throws {
        let values = Fixture.reference.values["chisq"]!
        #expect(values.count == 71)
        for (key, expected) in values {
            let parts = key.split(separator: "/").map(String.init)
            let distribution = try ChiSquaredDistribution(degreesOfFreedom: Double(parts[0])!)
            let x = Double(parts[1])!
            let ours: Double
            switch parts[2] {
            case "upper": ours = try distribution.survivalProbability(x)
            case "lower-quantile": ours = try distribution.quantile(x)
            case "upper-quantile": ours = try distribution.upperQuantile(x)
            default: Issue.record("unexpected key \(key)"); continue
            }
            #expect(relativeError(ours, expected) < 1e-12, "\(key): \(ours) vs R \(expected)")
        }
    }

    @Test func chiSquaredDistributionRejectsBadInput() {
        #expect(throws: GSLError.self) { try ChiSquaredDistribution(degreesOfFreedom: 0) }
        #expect(throws: GSLError.self) { try ChiSquaredDistribution(degreesOfFreedom: .nan) }
        #expect(throws: GSLError.self) { try ChiSquaredDistribution(degreesOfFreedom: 3).quantile(1.5) }
        #expect(throws: GSLError.self) { try ChiSquaredDistribution(degreesOfFreedom: 3).survivalProbability(.nan) }
    }
}
