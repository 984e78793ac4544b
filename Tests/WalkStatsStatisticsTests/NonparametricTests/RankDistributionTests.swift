import Testing
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// The exact null distributions, checked against R's `psignrank`, `qsignrank`, `pwilcox` and `qwilcox`
/// (`Fixtures/nonparametric/generate.R`, datasets `dist/signrank` and `dist/wilcox`).
struct RankDistributionTests {
    static let signedRank = NonparametricFixture.reference.values["dist/signrank"]!
    static let rankSum = NonparametricFixture.reference.values["dist/wilcox"]!

    /// Splits `n=12/q=5/lower` into ["n": "12", "q": "5"] and the last part.
    static func parse(_ key: String) -> (parameters: [String: String], field: String) {
        let parts = key.split(separator: "/").map(String.init)
        var parameters: [String: String] = [:]
        for part in parts.dropLast() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            parameters[pair[0]] = pair[1]
        }
        return (parameters, parts.last!)
    }

    /// R: psignrank(q, n), psignrank(q, n, lower.tail = FALSE), qsignrank(p, n) for n = 1 … 49.
    @Test func signedRankDistributionMatchesR() {
        #expect(Self.signedRank.count > 2000)
        var distributions: [Int: SignedRankDistribution] = [:]
        for (key, expected) in Self.signedRank {
            let (parameters, field) = Self.parse(key)
            let n = Int(parameters["n"]!)!
            let distribution = distributions[n] ?? SignedRankDistribution(n: n)
            distributions[n] = distribution
            switch field {
            case "q":
                let p = Double(parameters["p"]!)!
                #expect(Double(distribution.quantile(p)) == expected, "qsignrank(\(p), \(n))")
            case "lower":
                let q = Int(parameters["q"]!)!
                #expect(relativeError(distribution.cumulativeProbability(q), expected) < 1e-12, "psignrank(\(q), \(n))")
            case "upper":
                let q = Int(parameters["q"]!)!
                #expect(relativeError(distribution.survivalProbability(q), expected) < 1e-12, "psignrank(\(q), \(n), lower.tail = FALSE)")
            default:
                Issue.record("unexpected key \(key)")
            }
        }
    }

    /// R: pwilcox(q, m, n), pwilcox(q, m, n, lower.tail = FALSE), qwilcox(p, m, n) for m, n in
    /// {1, 2, 3, 4, 7, 12, 20, 31, 49}.
    @Test func rankSumDistributionMatchesR() {
        #expect(Self.rankSum.count > 2000)
        var distributions: [[Int]: RankSumDistribution] = [:]
        for (key, expected) in Self.rankSum {
            let (parameters, field) = Self.parse(key)
            let (m, n) = (Int(parameters["m"]!)!, Int(parameters["n"]!)!)
            let distribution = distributions[[m, n]] ?? RankSumDistribution(m: m, n: n)
            distributions[[m, n]] = distribution
            switch field {
            case "q":
                let p = Double(parameters["p"]!)!
                let q = distribution.quantile(p)
                if Double(q) != expected {
                    // When both samples have 30 or more values R computes the denominator choose(m + n, n)
                    // as exp(lfastchoose(…)), a few 1e-15 off (C(98, 49) by 25 ulps); WalkStats sums the exact
                    // counts. Where a cumulative probability equals p exactly (P(W ≤ 1200) = 1/2 for m = n = 49)
                    // R's rounding moves its quantile by one. Any other difference is a failure.
                    let lower = min(q, Int(expected))
                    #expect(min(m, n) >= 30 && abs(Double(q) - expected) == 1
                            && abs(distribution.cumulativeProbability(lower) - p) < 1e-13,
                            "qwilcox(\(p), \(m), \(n)): WalkStats \(q), R \(expected)")
                }
            case "lower":
                let q = Int(parameters["q"]!)!
                #expect(relativeError(distribution.cumulativeProbability(q), expected) < 1e-12, "pwilcox(\(q), \(m), \(n))")
            case "upper":
                let q = Int(parameters["q"]!)!
                #expect(relativeError(distribution.survivalProbability(q), expected) < 1e-12, "pwilcox(\(q), \(m), \(n), lower.tail = FALSE)")
            default:
                Issue.record("unexpected key \(key)")
            }
        }
    }

    /// The counts are a probability distribution: by construction they sum to 2ⁿ (signed rank) and the
    /// rank-sum distribution is symmetric about mn/2, facts the tail sums rely on.
    @Test(arguments: [(1, 1), (3, 5), (7, 4), (10, 10), (49, 49)])
    func rankSumDistributionIsSymmetric(m: Int, n: Int) {
        let distribution = RankSumDistribution(m: m, n: n)
        for q in 0..<(m * n) {
            let lower = distribution.cumulativeProbability(q)
            let mirrored = distribution.survivalProbability(m * n - q - 1)
            #expect(abs(lower - mirrored) < 1e-14, "P(W ≤ \(q)) vs P(W ≥ \(m * n - q)) for m=\(m), n=\(n)")
        }
    }
}
