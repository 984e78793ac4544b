import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The MMRM `value ~ baseline + arm * time` with unstructured covariance against nlme 3.1-162's REML
/// `gls` (corSymm + varIdent), emmeans 1.8.4 and Satterthwaite df derived from nlme's fit with numDeriv
/// (`Fixtures/mmrm/generate.R`): three simulated datasets (baseline + 3 follow-ups with dropouts and a
/// non-monotone gap; baseline + 2 follow-ups complete; three arms × baseline + 2 follow-ups with dropouts).
struct MMRMTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("mmrm")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))
    static let datasets = ["dropout", "complete", "three-arm"]
    static let timeLevels = ["dropout": ["week0", "week4", "week8", "week12"], "complete": ["visit0", "visit1", "visit2"],
                             "three-arm": ["day0", "day30", "day60"]]
    static let armLevels = ["dropout": ["control", "walking"], "complete": ["A", "B"], "three-arm": ["A", "B", "C"]]
    /// Estimates, standard errors, t, covariances and the log-likelihood (nlme run to tolerance 1e-10).
    /// Measured: 3e-9 (complete), 4e-8 (three-arm), 6e-7 (dropout, where nlme's best fit still has
    /// |∂ℓ/∂σ_ab| = 4e-7 by numDeriv against 2e-9 at this fit's Σ̂, whose ℓ is 3e-12 higher).
    static let estimateTolerance = 1e-6
    /// Satterthwaite df, p-values and intervals (R differentiates numerically). Measured: 1e-8 (complete),
    /// 2e-8 (three-arm), 2e-6 (dropout).
    static let dfTolerance = 1e-4

    typealias Data = MixedModelFixture.Data

    static func data(_ dataset: String) throws -> Data { try MixedModelFixture.data(folder, dataset) }

    static func fit(_ d: Data, _ dataset: String) throws -> MixedModelForRepeatedMeasuresFit {
        try mixedModelForRepeatedMeasures(value: d.value, participant: d.participant, arm: d.arm, time: d.time,
                                          armLevels: armLevels[dataset], timeLevels: timeLevels[dataset])
    }

    static func fit(_ dataset: String) throws -> MixedModelForRepeatedMeasuresFit { try fit(try data(dataset), dataset) }

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
        #expect(Self.reference.provenance.contains { $0.contains("nlme 3.1") && $0.contains("emmeans 1.8") && $0.contains("numDeriv") })
        #expect(Set(Self.reference.values.keys) == Set(Self.datasets))
    }

    /// R: logLik(fit), getVarCov(fit), vcov(fit) of nlme's REML gls.
    @Test(arguments: datasets)
    func covarianceAndLikelihoodMatchNlme(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        #expect(Double(fit.observations) == r["observations"] && Double(fit.participants) == r["participants"])
        #expect(fit.degreesOfFreedomMethod == "Satterthwaite (analytic)")
        Self.expectClose(fit.remlLogLikelihood, r["reml_loglik"], Self.estimateTolerance, "REML log-likelihood")
        // Newton with analytic derivatives reaches an optimum at least as high as nlme's (up to rounding).
        #expect(fit.remlLogLikelihood >= r["reml_loglik"]! - 1e-12 * abs(fit.remlLogLikelihood))
        for (a, row) in fit.visitCovariance.enumerated() {
            for (b, value) in row.enumerated() {
                Self.expectClose(value, r["visit_covariance/\(a)/\(b)"], Self.estimateTolerance, "Σ[\(a)][\(b)]")
            }
        }
        for (i, row) in fit.covariance.enumerated() {
            for (j, value) in row.enumerated() {
                // absolute on the scale of the diagonal: some covariances of β̂ are near 0
                let scale = (fit.covariance[i][i] * fit.covariance[j][j]).squareRoot()
                let expected = try #require(r["vcov/\(i)/\(j)"])
                #expect(abs(value - expected) / scale < Self.estimateTolerance, "vcov[\(i)][\(j)]: \(value) vs \(expected)")
            }
        }
    }

    /// R: summary(fit)$tTable estimates, SEs and t; Satterthwaite df from numDeriv on nlme's fit.
    @Test(arguments: datasets)
    func coefficientsMatchNlme(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        #expect(Double(fit.coefficients.count) == r["coefficients"])
        for (j, coefficient) in fit.coefficients.enumerated() {
            Self.expectMatches(coefficient.inference, r, "term/\(j)/\(coefficient.term)")
        }
    }

    /// R: emmeans(fit, pairwise ~ arm | time) estimates and SEs; Satterthwaite df, p and 95% intervals;
    /// with three arms, Tukey p and intervals from ptukey / qtukey with the Satterthwaite df.
    @Test(arguments: datasets)
    func armDifferencesMatchEmmeans(_ dataset: String) throws {
        let fit = try Self.fit(dataset)
        let r = Self.reference.values[dataset]!
        let k = fit.armLevels.count
        #expect(fit.armDifferences.count == fit.followUpTimes.count * k * (k - 1) / 2)
        #expect(fit.armDifferences.map(\.time).uniqueInOrder() == fit.followUpTimes)
        for difference in fit.armDifferences {
            let key = "contrast/\(difference.time)/\(difference.arm)-\(difference.subtracted)"
            Self.expectMatches(difference.inference, r, key)
            Self.expectClose(difference.confidenceInterval.lower, r["\(key)/lower"], Self.dfTolerance, "\(key) lower")
            Self.expectClose(difference.confidenceInterval.upper, r["\(key)/upper"], Self.dfTolerance, "\(key) upper")
            if k >= 3 {
                let tukey = try #require(difference.tukey)
                Self.expectClose(tukey.pValue, r["\(key)/tukey_p_value"], Self.dfTolerance, "\(key) Tukey p")
                Self.expectClose(tukey.confidenceInterval.lower, r["\(key)/tukey_lower"], Self.dfTolerance, "\(key) Tukey lower")
                Self.expectClose(tukey.confidenceInterval.upper, r["\(key)/tukey_upper"], Self.dfTolerance, "\(key) Tukey upper")
            } else {
                #expect(difference.tukey == nil)
            }
        }
    }

    /// The dropout dataset really has dropouts, a non-monotone gap and a baseline-only participant.
    @Test func dropoutDataKeepIncompleteParticipants() throws {
        let d = try Self.data("dropout")
        var visits: [String: [String]] = [:]
        for (p, t) in zip(d.participant, d.time) { visits[p, default: []].append(t) }
        #expect(visits.values.contains { $0 == ["week0", "week4"] })
        #expect(visits.values.contains { $0 == ["week0", "week4", "week12"] })
        #expect(visits.values.contains { $0 == ["week0"] })
        #expect(try Self.fit("dropout").participants == visits.count - 1) // the baseline-only participant has no follow-up
    }

    @Test func oneFollowUpVisitIsAnANCOVA() throws {
        let d = try Self.data("complete")
        let keep = d.time.indices.filter { d.time[$0] != "visit2" }
        #expect(throws: StatisticsError.invalidRequest("MMRM needs at least two follow-up visits; with one follow-up visit ('visit1') "
                                                       + "it equals an ANCOVA of the follow-up value on baseline and arm: use ancova")) {
            _ = try mixedModelForRepeatedMeasures(value: keep.map { d.value[$0] }, participant: keep.map { d.participant[$0] },
                                                  arm: keep.map { d.arm[$0] }, time: keep.map { d.time[$0] })
        }
    }

    @Test func oneArmThrows() throws {
        let d = try Self.data("complete")
        let keep = d.arm.indices.filter { d.arm[$0] == "A" }
        #expect(throws: StatisticsError.insufficientObservations(what: "arms", needed: 2, got: 1)) {
            _ = try mixedModelForRepeatedMeasures(value: keep.map { d.value[$0] }, participant: keep.map { d.participant[$0] },
                                                  arm: keep.map { d.arm[$0] }, time: keep.map { d.time[$0] })
        }
    }

    @Test func nonFiniteValuesThrow() throws {
        for bad in [Double.nan, .infinity] {
            var d = try Self.data("complete")
            d.value[4] = bad
            #expect(throws: StatisticsError.nonFiniteInput(what: "the measured values")) { _ = try Self.fit(d, "complete") }
        }
    }

    @Test func participantWithoutBaselineThrows() throws {
        var d = try Self.data("dropout")
        let i = try #require(d.time.firstIndex(of: "week0"))
        let who = d.participant[i]
        for field in [\Data.value] as [WritableKeyPath<Data, [Double]>] { d[keyPath: field].remove(at: i) }
        d.participant.remove(at: i)
        d.arm.remove(at: i)
        d.time.remove(at: i)
        #expect(throws: StatisticsError.invalidRequest("participant '\(who)' has no baseline ('week0') value: MMRM adjusts "
                                                       + "every follow-up for baseline, so each participant needs one")) {
            _ = try Self.fit(d, "dropout")
        }
    }

    @Test func inconsistentInputsThrow() throws {
        var d = try Self.data("complete")
        d.time[1] = d.time[0] // a second baseline for the first participant
        #expect(throws: StatisticsError.invalidRequest("participant '\(d.participant[0])' has two measurements at 'visit0'")) {
            _ = try Self.fit(d, "complete")
        }
        let e = try Self.data("complete")
        #expect(throws: StatisticsError.self) {
            _ = try mixedModelForRepeatedMeasures(value: Array(e.value.dropLast()), participant: e.participant, arm: e.arm, time: e.time)
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1.5)) {
            _ = try mixedModelForRepeatedMeasures(value: e.value, participant: e.participant, arm: e.arm, time: e.time,
                                                  confidenceLevel: 1.5)
        }
    }
}
