import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``onewayANOVA(_:confidenceLevel:)`` against R 4.2.2: `anova(lm(post ~ arm))` and effectsize 0.8.3's
/// `eta_squared` / `omega_squared(fit, partial = FALSE, alternative = "two.sided", ci = 0.95)`, on the
/// complete cases of `Fixtures/omnibus/input.csv`.
struct OneWayANOVATests {
    /// R: anova(lm(post ~ arm)): F value, Df, Pr(>F).
    @Test(arguments: OmnibusFixture.datasets)
    func testMatchesR(dataset: String) throws {
        let groups = OmnibusFixture.groups(dataset)
        let result = try onewayANOVA(groups).test
        let expected = { (key: String) in OmnibusFixture.value(dataset, "anova/" + key)! }
        #expect(result.name == .onewayANOVA)
        #expect(result.degreesOfFreedom == expected("df1"))
        #expect(result.denominatorDegreesOfFreedom == expected("df2"))
        #expect(result.sampleSizes == groups.map(\.count))
        #expect(relativeError(result.statistic, expected("F")) < 1e-12, "\(dataset) F \(result.statistic)")
        #expect(relativeError(result.pValue, expected("p")) < 1e-10, "\(dataset) p \(result.pValue)")
    }

    /// R: eta_squared / omega_squared (value, CI_low, CI_high), and the exact bounds from
    /// uniroot(pf(f, df1, df2, ncp) - target, tol = 1e-13).
    ///
    /// - values against effectsize at 1e-12 relative (arithmetic only);
    /// - bounds against the exact roots at 1e-12 relative, 0 exactly where the root is clipped at 0
    ///   (measured: 1.0e-14 at worst);
    /// - bounds against effectsize's own (optim) bounds within 1e-4 absolute (its optimiser stops short:
    ///   measured up to 2.8e-7 absolute, 1.7e-6 relative, in this fixture).
    @Test(arguments: OmnibusFixture.datasets)
    func effectSizesMatchR(dataset: String) throws {
        let result = try onewayANOVA(OmnibusFixture.groups(dataset))
        for (name, effect) in [("eta2", result.etaSquared), ("omega2", result.omegaSquared)] {
            let expected = { (key: String) in OmnibusFixture.value(dataset, "\(name)/\(key)")! }
            #expect(effect.confidenceInterval!.level == 0.95)
            #expect(relativeError(effect.value, expected("value")) < 1e-12, "\(dataset) \(name) \(effect.value)")
            let bounds = [(effect.confidenceInterval!.lower, "low"), (effect.confidenceInterval!.upper, "high")]
            for (bound, side) in bounds {
                let exact = expected("exact_ci_" + side)
                if exact == 0 {
                    #expect(bound == 0, "\(dataset) \(name) \(side): WalkStats \(bound), exact 0")
                } else {
                    #expect(relativeError(bound, exact) < 1e-12, "\(dataset) \(name) \(side): WalkStats \(bound), exact \(exact)")
                }
                let effectsize = expected("ci_" + side)
                #expect(abs(bound - effectsize) < 1e-4, "\(dataset) \(name) \(side): WalkStats \(bound), effectsize \(effectsize)")
            }
        }
    }

    /// The fixture exercises both clipped bounds (0) and interior roots on both sides.
    @Test func fixtureCoversClippedAndInteriorBounds() {
        let values = OmnibusFixture.datasets.flatMap { dataset in
            ["eta2", "omega2"].flatMap { name in ["low", "high"].map { OmnibusFixture.value(dataset, "\(name)/exact_ci_\($0)")! } }
        }
        #expect(values.contains(0))
        #expect(OmnibusFixture.value("strong-effect", "eta2/exact_ci_low")! > 0)
        #expect(OmnibusFixture.value("strong-effect", "omega2/exact_ci_low")! > 0)
    }

    /// R: anova(lm(y ~ g)) with one level stops ("contrasts can be applied only to factors with 2 or more levels").
    @Test func needsTwoGroups() {
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try onewayANOVA([[1, 2, 4]])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values in group 2", needed: 1, got: 0)) {
            try onewayANOVA([[1, 2, 4], []])
        }
        #expect(throws: StatisticsError.insufficientObservations(
            what: "values in all groups together (more than the 3 groups)", needed: 4, got: 3)) {
            try onewayANOVA([[1], [2], [4]])
        }
    }

    /// R: anova(lm(c(1, 1, 2, 2) ~ factor(c(1, 1, 2, 2)))) warns of an essentially perfect fit.
    @Test func constantWithinGroupsIsRefused() {
        #expect(throws: StatisticsError.zeroVariance(what: "the values within every group")) {
            try onewayANOVA([[1, 1], [2, 2, 2]])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values of group 1")) {
            try onewayANOVA([[1, .nan], [2, 3]])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) {
            try onewayANOVA([[1, 2], [2, 3]], confidenceLevel: 1)
        }
    }
}
