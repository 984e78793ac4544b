import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``ancovaArmTest(followUp:baseline:arm:reference:covariates:)`` against R 4.2.2's
/// `car::Anova(lm(post ~ pre + arm [+ age]), type = 2)` (car 3.1-1), row `arm`, on the complete cases of
/// `Fixtures/omnibus/input.csv` (arms as factor levels in order of first appearance).
struct ANCOVAArmTestTests {
    static let cases = OmnibusFixture.datasets.flatMap { [($0, false), ($0, true)] }

    /// R: car::Anova(lm(post ~ pre + arm), type = 2)["arm", ] and with "+ age".
    @Test(arguments: cases)
    func matchesR(dataset: String, withAge: Bool) throws {
        let participants = OmnibusFixture.participants[dataset]!
        let arms = OmnibusFixture.arms(dataset)
        let covariates = withAge ? [Covariate(name: "age", values: .numeric(participants.map(\.age)))] : []
        let result = try ancovaArmTest(followUp: participants.map(\.post), baseline: participants.map(\.pre),
                                       arm: participants.map(\.arm), reference: arms[0], covariates: covariates)
        let prefix = withAge ? "ancova_age/" : "ancova/"
        let expected = { (key: String) in OmnibusFixture.value(dataset, prefix + key)! }
        #expect(result.name == .ancovaArm)
        #expect(result.degreesOfFreedom == expected("df1"))
        #expect(result.denominatorDegreesOfFreedom == expected("df2"))
        #expect(result.sampleSizes.reduce(0, +) == participants.count)
        #expect(relativeError(result.statistic, expected("F")) < 1e-10, "\(dataset) F \(result.statistic)")
        #expect(relativeError(result.pValue, expected("p")) < 1e-10, "\(dataset) p \(result.pValue)")
    }

    /// The type II test of arm does not depend on which arm is the reference.
    @Test func referenceDoesNotMatter() throws {
        let participants = OmnibusFixture.participants["four-arms"]!
        let results = try OmnibusFixture.arms("four-arms").map { reference in
            try ancovaArmTest(followUp: participants.map(\.post), baseline: participants.map(\.pre),
                              arm: participants.map(\.arm), reference: reference)
        }
        for result in results.dropFirst() {
            #expect(relativeError(result.statistic, results[0].statistic) < 1e-10)
        }
    }

    @Test func refusesBadInput() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in arm b", needed: 2, got: 1)) {
            try ancovaArmTest(followUp: [1, 2, 3, 4], baseline: [1, 3, 2, 5], arm: ["a", "a", "a", "b"], reference: "a")
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "arms besides the reference arm a", needed: 1, got: 0)) {
            try ancovaArmTest(followUp: [1, 2, 3], baseline: [1, 3, 2], arm: ["a", "a", "a"], reference: "a")
        }
    }
}
