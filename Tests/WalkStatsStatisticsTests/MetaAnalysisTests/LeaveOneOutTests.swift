import Testing
import WalkStats
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// Leave-one-out against R 4.2.2 with metafor 3.8-1 (`Fixtures/meta-analysis/generate.R`, keys `loo/...`).
struct LeaveOneOutTests {
    typealias Fixture = MetaAnalysisFixture

    struct Case: CustomStringConvertible, Sendable {
        let dataset: String
        let method: HeterogeneityEstimator
        let test: String
        var description: String { "\(dataset) \(method.rawValue)/\(test)" }
    }

    static let cases: [Case] = Fixture.datasetsWithThreeOrMore.flatMap { dataset in
        HeterogeneityEstimator.allCases.flatMap { method in Fixture.tests.map { Case(dataset: dataset, method: method, test: $0) } }
    }

    /// R: leave1out(rma(yi, vi, method = , test = , control = <tight>)): every column of every row, at
    /// 1e-6 relative (measured: 7.8e-10 at worst).
    @Test(arguments: cases)
    func matchesMetaforLeave1out(_ testCase: Case) throws {
        let effects = try Fixture.effects(testCase.dataset)
        let results = try leaveOneOut(effects, method: testCase.method, hksj: testCase.test == "knha")
        #expect(results.count == effects.count)
        let expected = Fixture.values(testCase.dataset, prefix: "loo/\(testCase.method.rawValue)/\(testCase.test)")
        var failures: [String] = []
        for (i, result) in results.enumerated() {
            var omitted = effects
            omitted.remove(at: i)
            #expect(result.studies == omitted)
            var fields: [String: Double] = [
                "estimate": result.estimate, "se": result.standardError, "zval": result.statistic,
                "pval": result.pValue, "ci.lb": result.confidenceInterval.lower,
                "ci.ub": result.confidenceInterval.upper, "Q": result.q, "Qp": result.qPValue,
                "I2": result.i2, "H2": result.h2,
            ]
            if testCase.method != .fe { fields["tau2"] = result.tau2 } // leave1out drops tau2 for FE
            let row = expected.filter { $0.key.hasPrefix("\(i + 1)/") }
                .reduce(into: [String: Double]()) { $0[String($1.key.dropFirst("\(i + 1)/".count))] = $1.value }
            failures += Fixture.compare(fields, row, tolerance: 1e-6, context: "\(testCase) without study \(i + 1)").failures
        }
        #expect(failures == [])
        #expect(expected.count == effects.count * (testCase.method == .fe ? 10 : 11))
    }

    @Test func needsThreeStudies() throws {
        let effects = try Fixture.effects("two-studies")
        #expect(throws: StatisticsError.insufficientObservations(what: "studies", needed: 3, got: 2)) {
            try leaveOneOut(effects)
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1.5)) {
            try leaveOneOut(try Fixture.effects("three-studies"), confidenceLevel: 1.5)
        }
    }
}
