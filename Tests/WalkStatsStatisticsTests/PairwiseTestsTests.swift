import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``pairwiseTests(_:pairs:adjustment:test:)`` against R 4.2.2's `pairwise.t.test(post, arm, pool.sd =
/// FALSE)` and `pairwise.wilcox.test(post, arm)` (Holm) and each pair's own `t.test` / `wilcox.test(conf.int =
/// TRUE)`, on the complete cases of `Fixtures/omnibus/input.csv` (every dataset has ties, so the rank tests
/// use the normal approximation).
struct PairwiseTestsTests {
    /// Every pair of levels, later − earlier in order of first appearance, as generate.R writes them.
    static func pairs(_ count: Int) -> [(Int, Int)] {
        (0..<count).flatMap { earlier in ((earlier + 1)..<count).map { ($0, earlier) } }
    }

    @Test(arguments: OmnibusFixture.datasets)
    func welchPairsMatchR(dataset: String) throws {
        try check(dataset, prefix: "pairwise_welch") { try welchTTest($0, $1) }
    }

    @Test(arguments: OmnibusFixture.datasets)
    func wilcoxonPairsMatchR(dataset: String) throws {
        try check(dataset, prefix: "pairwise_wilcox") { try mannWhitneyTest($0, $1) }
    }

    private func check(_ dataset: String, prefix: String,
                       test: ([Double], [Double]) throws -> HypothesisTestResult) throws {
        let groups = OmnibusFixture.groups(dataset), arms = OmnibusFixture.arms(dataset)
        let pairs = Self.pairs(groups.count)
        let results = try pairwiseTests(groups, pairs: pairs, adjustment: .holm, test: test)
        #expect(results.count == groups.count * (groups.count - 1) / 2)
        for ((b, a), result) in zip(pairs, results) {
            let key = "\(prefix)/\(arms[b])-\(arms[a])/"
            func expected(_ field: String) throws -> Double {
                try #require(OmnibusFixture.value(dataset, key + field), "\(dataset) \(key)\(field)")
            }
            #expect(relativeError(result.adjustedPValue, try expected("p_holm")) < 1e-10, "\(dataset) \(key)p_holm")
            #expect(relativeError(result.test.pValue, try expected("p")) < 1e-10, "\(dataset) \(key)p")
            #expect(relativeError(result.test.statistic, try expected("statistic")) < 1e-10, "\(dataset) \(key)statistic")
            if let df = OmnibusFixture.value(dataset, key + "df") {
                #expect(relativeError(try #require(result.test.degreesOfFreedom), df) < 1e-10)
            } else {
                #expect(result.test.degreesOfFreedom == nil)
            }
            // Welch estimates are exact; R finds the Hodges–Lehmann values with uniroot(tol = 1e-4).
            let tolerance = prefix == "pairwise_welch" ? 1e-10 : 1e-4
            let values = [result.test.estimate, result.test.confidenceInterval?.lower, result.test.confidenceInterval?.upper]
            for (field, actual) in zip(["estimate", "ci_low", "ci_high"], values) {
                let value = try expected(field)
                #expect(abs(try #require(actual) - value) <= tolerance * max(1, abs(value)), "\(dataset) \(key)\(field)")
            }
        }
    }

    /// Holm over the pairs: the adjusted values follow p.adjust, and a pair naming one group twice is refused.
    @Test func adjustsAcrossThePairsAndChecksThem() throws {
        let groups: [[Double]] = [[1, 2, 3, 4], [2, 3, 5, 7], [6, 8, 9, 11]]
        let results = try pairwiseTests(groups, pairs: [(1, 0), (2, 0), (2, 1)], adjustment: .holm) { try welchTTest($0, $1) }
        #expect(results.map(\.adjustedPValue) == (try adjustPValues(results.map(\.test.pValue), method: .holm)))
        #expect(results[1].adjustedPValue > results[1].test.pValue)
        #expect(throws: StatisticsError.self) {
            try pairwiseTests(groups, pairs: [(1, 1)], adjustment: .holm) { try welchTTest($0, $1) }
        }
        #expect(throws: StatisticsError.self) {
            try pairwiseTests(groups, pairs: [(3, 0)], adjustment: .holm) { try welchTTest($0, $1) }
        }
    }
}
