import Testing
import WalkStats
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// Egger's test against R 4.2.2 with metafor 3.8-1 (`Fixtures/meta-analysis/generate.R`, keys `egger/...`).
struct EggerTestTests {
    typealias Fixture = MetaAnalysisFixture

    struct Case: CustomStringConvertible, Sendable {
        let dataset: String
        let method: HeterogeneityEstimator
        let test: String
        var hksj: Bool { test == "knha" }
        var key: String { "\(method.rawValue)/\(test)" }
        var description: String { "\(dataset) \(key)" }
    }

    static let cases: [Case] = Fixture.datasetsWithThreeOrMore.flatMap { dataset in
        HeterogeneityEstimator.allCases.flatMap { method in Fixture.tests.map { Case(dataset: dataset, method: method, test: $0) } }
    }

    static func fields(_ test: EggerTest) -> [String: Double] {
        var fields: [String: Double] = [
            "zval": test.statistic, "pval": test.pValue, "est": test.limitEstimate,
            "ci.lb": test.limitConfidenceInterval.lower, "ci.ub": test.limitConfidenceInterval.upper,
            "slope": test.slope, "slope.se": test.slopeStandardError, "tau2": test.tau2, "k": Double(test.k),
        ]
        if let df = test.degreesOfFreedom { fields["dfs"] = Double(df) }
        return fields
    }

    /// R: regtest(rma(yi, vi, method = , test = , control = <tight>)): zval, pval, dfs, est, ci.lb, ci.ub
    /// and the regression's slope, its se and tau2, at 1e-6 relative (measured: 2.1e-10 at worst).
    @Test(arguments: cases)
    func matchesMetaforRegtest(_ testCase: Case) throws {
        let effects = try Fixture.effects(testCase.dataset)
        let test = try eggerTest(effects, method: testCase.method, hksj: testCase.hksj)
        #expect(test.method == testCase.method)
        #expect(test.hksj == testCase.hksj)
        #expect(test.warning == (effects.count < 10 ? EggerTest.lowPowerWarning : nil))
        let expected = Fixture.values(testCase.dataset, prefix: "egger/tight/\(testCase.key)")
        let (failures, _) = Fixture.compare(Self.fields(test), expected, tolerance: 1e-6, context: "\(testCase)")
        #expect(failures == [])
    }

    /// R: regtest(rma(yi, vi, method = , test = )) with metafor's default controls, reproduced by running
    /// the iterations with metafor's stopping rules, at 1e-9 relative.
    @Test(arguments: cases)
    func reproducesMetaforDefaults(_ testCase: Case) throws {
        let expected = Fixture.values(testCase.dataset, prefix: "egger/default/\(testCase.key)")
        guard !expected.isEmpty else {
            // curtis1998-md PM: metafor's rma stops before regtest runs (see MetaAnalysisTests).
            #expect(testCase.dataset == "curtis1998-md" && testCase.method == .pm)
            return
        }
        let effects = try Fixture.effects(testCase.dataset)
        let test = try eggerTest(effects, method: testCase.method, hksj: testCase.hksj, confidenceLevel: 0.95,
                                 convergence: .metaforDefault)
        let (failures, _) = Fixture.compare(Self.fields(test), expected, tolerance: 1e-9, context: "\(testCase) (defaults)")
        #expect(failures == [])
    }

    @Test func warnsBelowTenStudies() throws {
        let nine = Array(try Fixture.effects("bangertdrowns2004").prefix(9))
        let ten = Array(try Fixture.effects("bangertdrowns2004").prefix(10))
        #expect(try eggerTest(nine).warning == "Egger's test has low power with fewer than 10 studies")
        #expect(try eggerTest(ten).warning == nil)
    }

    @Test func invalidInputThrows() throws {
        let two = try Fixture.effects("two-studies")
        #expect(throws: StatisticsError.insufficientObservations(what: "studies", needed: 3, got: 2)) {
            try eggerTest(two)
        }
        // Equal standard errors: the slope is aliased with the intercept (metafor: "Model matrix no longer of
        // full rank after addition of predictor").
        let equal = [0.1, 0.5, 0.3, 0.2].enumerated().map { StudyEffect(study: "S\($0)", yi: $1, vi: 0.04) }
        #expect(throws: StatisticsError.invalidRequest(
            "Egger's test needs studies with different standard errors; all 4 are (nearly) equal")) {
            try eggerTest(equal)
        }
        // Effects exactly on a line in the standard error: with HKSJ the scale factor is 0 (metafor: t = Inf).
        let line = [0.3, 0.1, 0.2].enumerated().map { StudyEffect(study: "S\($0)", yi: -0.25 + 3.5 * $1, vi: $1 * $1) }
        #expect(throws: StatisticsError.invalidRequest(MetaAnalysisInput.hksjUndefinedMessage)) {
            try eggerTest(line, method: .fe, hksj: true)
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the effect and sampling variance of study 'S1'")) {
            try eggerTest([StudyEffect(study: "S0", yi: 0.1, vi: 0.1), StudyEffect(study: "S1", yi: .infinity, vi: 0.2),
                           StudyEffect(study: "S2", yi: 0.1, vi: 0.3)])
        }
    }
}
