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
}
