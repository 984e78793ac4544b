import Testing
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// The noncentrality roots behind every effect-size interval, against R 4.2.2's
/// `uniroot(function(ncp) pt(t, df, ncp) - target, ..., tol = 1e-13)` on a grid of t and df
/// (dataset `ncp-roots` of `Fixtures/effect-sizes/generate.R`).
struct NoncentralTIntervalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let df: Double, t: Double, level: Double, low: Double, high: Double
        var testDescription: String { "t = \(t), df = \(df), level = \(level)" }
    }

    static let cases: [Case] = {
        let values = EffectSizeFixture.reference.values["ncp-roots"]!
        var cases: [Case] = []
        for key in values.keys where key.hasSuffix("/low") {
            let parts = key.split(separator: "/").map(String.init)
            let stem = parts.dropLast().joined(separator: "/")
            cases.append(Case(df: Double(parts[0])!, t: Double(parts[1])!, level: Double(parts[2])!,
                              low: values[key]!, high: values[stem + "/high"]!))
        }
        return cases.sorted { ($0.df, $0.t, $0.level) < ($1.df, $1.t, $1.level) }
    }()

    @Test func gridIsPresent() {
        #expect(Self.cases.count == 70)
    }

    /// R: uniroot(..., tol = 1e-13) for both bounds; relative 1e-9 (absolute 1e-11 near δ = 0).
    @Test(arguments: cases)
    func rootsMatchR(_ c: Case) throws {
        let bounds = try NoncentralTInterval.noncentralityBounds(t: c.t, degreesOfFreedom: c.df, confidenceLevel: c.level)
        #expect(abs(bounds.lower - c.low) <= 1e-9 * abs(c.low) + 1e-11, "low: WalkStats \(bounds.lower), R \(c.low)")
        #expect(abs(bounds.upper - c.high) <= 1e-9 * abs(c.high) + 1e-11, "high: WalkStats \(bounds.upper), R \(c.high)")
    }

    /// At t = 0 the bounds are ∓ z_(1 − α/2) exactly (R: qnorm(0.975) = 1.959963984540054).
    @Test func zeroTGivesNormalQuantiles() throws {
        for df in [1.0, 7, 300] {
            let bounds = try NoncentralTInterval.noncentralityBounds(t: 0, degreesOfFreedom: df, confidenceLevel: 0.95)
            #expect(abs(bounds.lower + 1.959963984540054) < 1e-10)
            #expect(abs(bounds.upper - 1.959963984540054) < 1e-10)
        }
    }

    /// Brent's method on its own: the root of cos x − x (the Dottie number 0.73908513321516064…),
    /// a root at a bracket end, and a non-bracket.
    @Test func brentFindsRoots() {
        let root = BracketedRoot.brent(lower: 0, upper: 1, fLower: 1, fUpper: cosMinusX(1), tolerance: 1e-15, cosMinusX)
        #expect(abs(root! - 0.73908513321516064) < 1e-15)
        #expect(BracketedRoot.brent(lower: 2, upper: 3, fLower: 0, fUpper: 1, tolerance: 1e-12) { $0 - 2 } == 2)
        #expect(BracketedRoot.brent(lower: 3, upper: 4, fLower: 1, fUpper: 2, tolerance: 1e-12) { $0 - 2 } == nil)
        // A step function: the bracket shrinks to the jump.
        let jump = BracketedRoot.brent(lower: -1, upper: 2, fLower: 1, fUpper: -1, tolerance: 1e-12) { $0 < 0.3 ? 1 : -1 }
        #expect(abs(jump! - 0.3) < 1e-11)
    }

    private func cosMinusX(_ x: Double) -> Double {
        // cos by its Taylor series (no Foundation): enough terms for |x| ≤ 1 at double precision.
        var term = 1.0, sum = 1.0
        for k in 1...12 { term *= -x * x / Double((2 * k - 1) * (2 * k)); sum += term }
        return sum - x
    }
}
