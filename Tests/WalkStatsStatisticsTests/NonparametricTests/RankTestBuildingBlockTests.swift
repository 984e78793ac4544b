import Foundation
import Testing
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// The pieces the Wilcoxon tests are built from, each against R (`generate.R`, datasets `internal/…`).
struct RankTestBuildingBlockTests {
    static let reference = NonparametricFixture.reference.values

    /// Pairs `<i>/<input>` and `<i>/<output>` keys of an `internal/…` dataset, in index order.
    static func indexed(_ dataset: String, input: String, output: String) -> [(Double, Double)] {
        let values = reference[dataset]!
        return (1...).lazy.prefix { values["\($0)/\(input)"] != nil }.map { (values["\($0)/\(input)"]!, values["\($0)/\(output)"]!) }
    }

    /// R: rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, -0, 0, 2.5, -7)) and sum(table(r)^3 - table(r)).
    @Test func averageRanksMatchR() {
        let cases = Self.indexed("internal/rank", input: "x", output: "rank")
        #expect(cases.count == 15)
        let ranked = AverageRanks(cases.map(\.0))
        #expect(ranked.ranks == cases.map(\.1))
        #expect(ranked.tieTerm == Self.reference["internal/rank"]!["tie_term"]!)
        #expect(ranked.hasTies)
        #expect(!AverageRanks([2, -1, 3.5]).hasTies && AverageRanks([2, -1, 3.5]).ranks == [2, 1, 3])
        #expect(AverageRanks([]).ranks.isEmpty)
    }

    /// R: signif(x, 2) for the achieved levels 2 · psignrank(q, n) and multiples of 1/256, including the
    /// halfway cases (0.0625 → 0.062, 0.125 → 0.12, 0.375 → 0.38) R rounds to even.
    @Test func significantDigitsMatchR() {
        let cases = Self.indexed("internal/signif", input: "x", output: "signif2")
        #expect(cases.count > 300)
        for (x, expected) in cases {
            #expect(RankInference.roundedToSignificantDigits(x, 2) == expected, "signif(\(x), 2)")
        }
    }

    /// R: uniroot(f, lower, upper, tol = 1e-4)$root for a cubic, cos(x) − x, a step function and a wide
    /// bracket: the same search visits the same points, so the roots agree to the last bits.
    @Test func brentMatchesUniroot() {
        let expected = Self.reference["internal/uniroot"]!
        let functions: [String: (f: (Double) -> Double, lower: Double, upper: Double)] = [
            "cubic": ({ pow($0, 3) - 2 * $0 - 5 }, 2, 3),
            "cosine": ({ cos($0) - $0 }, 0, 1),
            "step": ({ floor(4 * $0) / 4 - 0.6 }, -3, 5),
            "wide": ({ $0 - 1234.5678 }, -1e4, 1e5),
        ]
        #expect(Set(expected.keys) == Set(functions.keys.map { "\($0)/root" }))
        for (name, problem) in functions {
            let root = RootFinding.brent(lower: problem.lower, upper: problem.upper, valueAtLower: problem.f(problem.lower),
                                         valueAtUpper: problem.f(problem.upper), tolerance: 1e-4, maximumIterations: 1000, problem.f)
            #expect(root.converged)
            #expect(relativeError(root.location, expected["\(name)/root"]!) < 1e-14, "\(name): \(root.location)")
        }
    }

    /// A tighter tolerance finds the root of a smooth function to machine precision, and an endpoint
    /// that is already a root is returned as is.
    @Test func brentConvergesTightly() {
        let root = RootFinding.brent(lower: 0, upper: 2, valueAtLower: -2, valueAtUpper: 2, tolerance: 1e-15,
                                     maximumIterations: 1000) { $0 * $0 - 2 }
        #expect(abs(root.location - 2.0.squareRoot()) < 1e-14)
        #expect(RootFinding.brent(lower: 1, upper: 3, valueAtLower: 0, valueAtUpper: 5, tolerance: 1e-4,
                                  maximumIterations: 10) { $0 - 1 }.location == 1)
        let limited = RootFinding.brent(lower: 0, upper: 1e300, valueAtLower: -1, valueAtUpper: 1, tolerance: 1e-300,
                                        maximumIterations: 3) { $0 < 0.5 ? -1 : 1 }
        #expect(!limited.converged)
    }

    /// The exact-test cutoff and search settings are R's.
    @Test func defaultsAreRs() {
        #expect(RankTestDefaults.exactSampleSizeLimit == 50)
        #expect(RankTestDefaults.rootTolerance == 1e-4)
        #expect(RankTestDefaults.rootMaximumIterations == 1000)
    }
}
