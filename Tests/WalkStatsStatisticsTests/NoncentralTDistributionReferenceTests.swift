import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``NoncentralTDistribution`` (AS 243 in Swift on GSL's incomplete beta) against R 4.2.2's
/// `pt(q, df, ncp)` over the grid of `Fixtures/effect-sizes/generate.R` (dataset `pt-grid`): df 1…200
/// (also 4.5 and 17.776), ncp −10…10, q from −30 to 30 and around each ncp, plus points near the
/// series' limit (|ncp| ≈ 37) and in R's normal-approximation region (|ncp| = 40, df ≥ 5e5).
///
/// Tolerances. R's own algorithm only guarantees absolute accuracy: it stops the series when the bound
/// on the remaining terms is below 1e-12, and for t < 0 it returns 1 − (upper part), so lower tails
/// below ~1e-14 there are rounding noise in R too. Hence every point must agree to 1e-13 absolute,
/// and points with R's p ≥ 1e-6 also to 1e-8 relative (measured: 3e-14 absolute at worst,
/// 6e-10 relative at p ≥ 1e-6, 2.4e-11 at p ≥ 1e-3).
struct NoncentralTDistributionReferenceTests {
    static let grid = EffectSizeFixture.reference.values["pt-grid"]!

    struct Point: CustomTestStringConvertible, Sendable {
        let df: Double, ncp: Double, q: Double, expected: Double
        var testDescription: String { "pt(\(q), \(df), \(ncp)) = \(expected)" }
    }

    static let points: [Point] = grid.map { key, value in
        let parts = key.split(separator: "/").map { Double(String($0))! }
        return Point(df: parts[0], ncp: parts[1], q: parts[2], expected: value)
    }.sorted { ($0.df, $0.ncp, $0.q) < ($1.df, $1.ncp, $1.q) }

    @Test func gridCoversTheBrief() {
        #expect(Self.points.count > 2000)
        #expect(Set(Self.points.map(\.df)).isSuperset(of: [1, 2, 10, 100, 200]))
        #expect(Self.points.contains { $0.ncp == -10 } && Self.points.contains { $0.ncp == 10 })
        #expect(Self.points.contains { $0.ncp == 40 } && Self.points.contains { $0.df == 5e5 })
        // R flags its own precision loss (lower tail above 1 - 1e-10) at some points; they are kept.
        #expect((EffectSizeFixture.reference.values["pt-grid-warned"]?.count ?? 0) > 0)
    }

    /// R: pt(q, df, ncp) at every grid point.
    @Test func cumulativeProbabilityMatchesR() throws {
        var failures: [String] = []
        for point in Self.points {
            let p = try NoncentralTDistribution(degreesOfFreedom: point.df, noncentrality: point.ncp).cumulativeProbability(point.q)
            let absolute = abs(p - point.expected)
            if absolute > 1e-13 || (point.expected >= 1e-6 && relativeError(p, point.expected) > 1e-8) || !(0...1).contains(p) {
                failures.append("\(point.testDescription): WalkStats \(p)")
            }
        }
        #expect(failures == [])
    }
}
