import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The random-intercept mixed model `value ~ arm * time + (1 | participant)` against lme4 1.1-31,
/// lmerTest 3.1-3 and emmeans 1.8.4 (`Fixtures/lmm/generate.R`): four simulated datasets (balanced,
/// unbalanced with dropouts and gaps, three arms, and a singular fit with τ̂² = 0).
struct LinearMixedModelTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("lmm")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))
    static let datasets = ["balanced", "unbalanced", "three-arm", "singular"]
    /// Estimates, standard errors, t, intervals, variance components and the log-likelihood.
    static let estimateTolerance = 1e-6
    /// Satterthwaite df and p-values (lmerTest differentiates numerically).
    static let dfTolerance = 1e-4

    typealias Data = MixedModelFixture.Data

    static func data(_ dataset: String) throws -> Data { try MixedModelFixture.data(folder, dataset) }

    static func fit(_ dataset: String) throws -> LinearMixedModelFit {
        let d = try data(dataset)
        return try linearMixedModel(value: d.value, participant: d.participant, arm: d.arm, time: d.time)
    }

    static func expectClose(_ actual: Double, _ expected: Double?, _ tolerance: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        MixedModelFixture.expectClose(actual, expected, tolerance, what, sourceLocation: sourceLocation)
    }

    static func expectMatches(_ inference: MixedModelEstimate, _ r: [String: Double], _ key: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        MixedModelFixture.expectMatches(inference, r, key, estimateTolerance: estimateTolerance, dfTolerance: dfTolerance,
                                        sourceLocation: sourceLocation)
    }

    @Test func fixtureRecordsVersions() {
        #expect(Self.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(Self.reference.provenance.contains { $0.contains("lme4 1.1") && $0.contains("lmerTest 3.1") && $0.contains("emmeans 1.8") })
        #expect(Set(Self.reference.values.keys) == Set(Self.datasets))
    }

    /// R: lmer(value ~ arm * time + (1 | participant), REML = TRUE); VarCorr, logLik, isSingular.
    @Test(arguments: datasets)
    func varianceComponentsMatchLme4(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        #expect(Double(fit.observations) == r["observations"] && Double(fit.participants) == r["participants"])
        #expect(fit.isSingular == (r["singular"] == 1))
        if fit.isSingular {
            #expect(fit.participantVariance == 0 && r["participant_variance"] == 0)
        } else {
            Self.expectClose(fit.participantVariance, r["participant_variance"], Self.estimateTolerance, "τ²")
        }
        Self.expectClose(fit.residualVariance, r["residual_variance"], Self.estimateTolerance, "σ²")
        Self.expectClose(fit.remlLogLikelihood, r["reml_loglik"], Self.estimateTolerance, "REML log-likelihood")
    }

    /// R: coef(summary(fit, ddf = "Satterthwaite")) of lmerTest, with R's row names in R's order.
    @Test(arguments: datasets)
    func coefficientsMatchLmerTest(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        #expect(Double(fit.coefficients.count) == r["coefficients"])
        for (j, coefficient) in fit.coefficients.enumerated() {
            Self.expectMatches(coefficient.inference, r, "term/\(j)/\(coefficient.term)")
        }
        for (j, row) in fit.covariance.enumerated() {
            Self.expectClose(row[j].squareRoot(), fit.coefficients[j].inference.standardError, 1e-12, "√vcov")
        }
    }

    /// R: emmeans(fit, pairwise ~ arm | time), lmer.df = "satterthwaite", infer = TRUE, adjust = "none"
    /// (and the default Tukey adjustment with three arms).
    @Test(arguments: datasets)
    func armDifferencesMatchEmmeans(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        let k = fit.armLevels.count
        #expect(fit.armDifferences.count == fit.timeLevels.count * k * (k - 1) / 2)
        for difference in fit.armDifferences {
            let key = "contrast/none/\(difference.time)/\(difference.arm)-\(difference.subtracted)"
            Self.expectMatches(difference.inference, r, key)
            Self.expectClose(difference.confidenceInterval.lower, r["\(key)/lower"], Self.estimateTolerance, "\(key) lower")
            Self.expectClose(difference.confidenceInterval.upper, r["\(key)/upper"], Self.estimateTolerance, "\(key) upper")
            if k >= 3 {
                let tukey = try #require(difference.tukey)
                let tukeyKey = "contrast/tukey/\(difference.time)/\(difference.arm)-\(difference.subtracted)"
                Self.expectClose(tukey.pValue, r["\(tukeyKey)/p_value"], Self.dfTolerance, "\(tukeyKey) p")
                Self.expectClose(tukey.confidenceInterval.lower, r["\(tukeyKey)/lower"], Self.estimateTolerance, "\(tukeyKey) lower")
                Self.expectClose(tukey.confidenceInterval.upper, r["\(tukeyKey)/upper"], Self.estimateTolerance, "\(tukeyKey) upper")
            } else {
                #expect(difference.tukey == nil)
            }
        }
    }

    /// The unbalanced dataset really has dropouts and a non-monotone gap, and they are kept.
    @Test func unbalancedDataKeepIncompleteParticipants() throws {
        let d = try Self.data("unbalanced")
        var visits: [String: [String]] = [:]
        for (p, t) in zip(d.participant, d.time) { visits[p, default: []].append(t) }
        #expect(visits.values.contains { $0 == ["week0", "week3"] })
        #expect(visits.values.contains { $0 == ["week0", "week6", "week9"] })
        #expect(visits.values.contains { $0 == ["week0"] })
        #expect(try Self.fit("unbalanced").participants == visits.count)
    }

    /// Explicit levels reorder the factor: the reference arm changes and the signs of the arm terms flip.
    @Test func explicitLevelsChangeTheReference() throws {
        let d = try Self.data("balanced")
        let fit = try linearMixedModel(value: d.value, participant: d.participant, arm: d.arm, time: d.time,
                                       armLevels: ["B", "A"])
        let original = try Self.fit("balanced")
        let flipped = try #require(fit.coefficient("armA"))
        let armB = try #require(original.coefficient("armB"))
        Self.expectClose(flipped.inference.estimate, -armB.inference.estimate, 1e-9, "armA = −armB")
        Self.expectClose(fit.residualVariance, original.residualVariance, 1e-9, "σ² does not depend on coding")
        #expect(fit.armDifferences.first?.contrast == "B - A")
    }

    // MARK: - Edge cases

    @Test func oneVisitThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "visits", needed: 2, got: 1)) {
            try linearMixedModel(value: [1, 2, 3, 4], participant: ["p1", "p2", "p3", "p4"], arm: ["A", "A", "B", "B"],
                                 time: ["w0", "w0", "w0", "w0"])
        }
    }

    @Test func oneArmThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "arms", needed: 2, got: 1)) {
            try linearMixedModel(value: [1, 2, 3, 4], participant: ["p1", "p1", "p2", "p2"], arm: ["A", "A", "A", "A"],
                                 time: ["w0", "w1", "w0", "w1"])
        }
    }

    @Test func noRepeatedMeasurementsThrows() {
        let error = StatisticsError.insufficientObservations(what: "participants with two or more measurements", needed: 1, got: 0)
        #expect(error.description == "needs at least 1 participant with two or more measurements, found 0")
        #expect(throws: error) {
            try linearMixedModel(value: [1, 2, 3, 4, 5, 6, 7, 8], participant: ["a", "b", "c", "d", "e", "f", "g", "h"],
                                 arm: ["A", "A", "A", "A", "B", "B", "B", "B"], time: ["w0", "w1", "w0", "w1", "w0", "w1", "w0", "w1"])
        }
    }

    @Test func nonFiniteValuesThrow() throws {
        var d = try Self.data("balanced")
        for bad in [Double.nan, .infinity, -.infinity] {
            d.value[5] = bad
            #expect(throws: StatisticsError.nonFiniteInput(what: "the measured values")) {
                try linearMixedModel(value: d.value, participant: d.participant, arm: d.arm, time: d.time)
            }
        }
    }

    @Test func inconsistentInputsThrow() throws {
        let d = try Self.data("balanced")
        #expect(throws: StatisticsError.self) {
            try linearMixedModel(value: Array(d.value.dropLast()), participant: d.participant, arm: d.arm, time: d.time)
        }
        var twoArms = d
        twoArms.arm[1] = twoArms.arm[1] == "A" ? "B" : "A"
        #expect(throws: StatisticsError.invalidRequest("participant '\(d.participant[1])' is in two arms ('\(d.arm[0])' and '\(twoArms.arm[1])')")) {
            try linearMixedModel(value: twoArms.value, participant: twoArms.participant, arm: twoArms.arm, time: twoArms.time)
        }
        let keep = d.value.indices.filter { !(d.arm[$0] == "B" && d.time[$0] == "week6") }
        #expect(throws: StatisticsError.invalidRequest("no measurement in arm 'B' at time 'week6': the arm × time model needs every cell")) {
            try linearMixedModel(value: keep.map { d.value[$0] }, participant: keep.map { d.participant[$0] },
                                 arm: keep.map { d.arm[$0] }, time: keep.map { d.time[$0] })
        }
        #expect(throws: StatisticsError.unknownName(kind: "arm level", name: "B", available: ["A"])) {
            try linearMixedModel(value: d.value, participant: d.participant, arm: d.arm, time: d.time, armLevels: ["A"])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) {
            try linearMixedModel(value: d.value, participant: d.participant, arm: d.arm, time: d.time, confidenceLevel: 1)
        }
    }
}
