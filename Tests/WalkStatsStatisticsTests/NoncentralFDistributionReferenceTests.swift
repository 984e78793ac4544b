import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``NoncentralFDistribution`` (AS 226 / R84 in Swift on GSL's incomplete beta) against R 4.2.2's
/// `pf(q, df1, df2, ncp)` over the grid of `Fixtures/omnibus/generate.R` (dataset `pf-grid`):
/// df1 1…10 (also 5.5), df2 2…200 (also 18.5), ncp 0…150, q 0.05…40.
///
/// Tolerance. R's series stops when the bound on the remaining terms is at most 1e-9, so R itself is only
/// accurate to about 1e-9 absolute; WalkStats runs the same series from the same starting term (GSL's
/// incomplete beta in place of R's `bratio`), so the two agree far more closely: every point to 1e-13
/// absolute, points with p ≥ 1e-6 to 1e-8 relative and p ≥ 1e-3 to 1e-10 (measured: 2.4e-14 absolute,
/// 2.0e-9 relative at p ≥ 1e-6, 1.5e-11 at p ≥ 1e-3).
struct NoncentralFDistributionReferenceTests {
    struct Point: CustomTestStringConvertible, Sendable {
        let df1: Double, df2: Double, ncp: Double, q: Double, expected: Double
        var testDescription: String { "pf(\(q), \(df1), \(df2), \(ncp)) = \(expected)" }
    }

    static let points: [Point] = OmnibusFixture.reference.values["pf-grid"]!.map { key, value in
        let parts = key.split(separator: "/").map { Double(String($0))! }
        return Point(df1: parts[0], df2: parts[1], ncp: parts[2], q: parts[3], expected: value)
    }

    @Test func gridCoversTheRange() {
        #expect(Self.points.count == 5 * 5 * 7 * 7)
        #expect(Self.points.contains { $0.ncp == 150 } && Self.points.contains { $0.ncp == 0 })
    }

    /// R: pf(q, df1, df2, ncp) at every grid point.
    @Test func cumulativeProbabilityMatchesR() throws {
        var failures: [String] = []
        var worst = (absolute: 0.0, relative6: 0.0, relative3: 0.0)
        for point in Self.points {
            let p = try NoncentralFDistribution(numeratorDegreesOfFreedom: point.df1, denominatorDegreesOfFreedom: point.df2,
                                                noncentrality: point.ncp).cumulativeProbability(point.q)
            worst.absolute = max(worst.absolute, abs(p - point.expected))
            if point.expected >= 1e-6 { worst.relative6 = max(worst.relative6, relativeError(p, point.expected)) }
            if point.expected >= 1e-3 { worst.relative3 = max(worst.relative3, relativeError(p, point.expected)) }
            if abs(p - point.expected) > 1e-13 || (point.expected >= 1e-6 && relativeError(p, point.expected) > 1e-8) {
                failures.append("\(point.testDescription): WalkStats \(p)")
            }
        }
        #expect(failures == [])
        // Measured: 2.4e-14 absolute, 2.0e-9 relative at p >= 1e-6, 1.5e-11 relative at p >= 1e-3.
        #expect(worst.absolute < 1e-13 && worst.relative3 < 1e-10, "\(worst)")
    }

    @Test func domainErrorsThrow() {
        #expect(throws: GSLError.self) {
            try NoncentralFDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 10, noncentrality: -1)
        }
        #expect(throws: GSLError.self) {
            try NoncentralFDistribution(numeratorDegreesOfFreedom: 0, denominatorDegreesOfFreedom: 10, noncentrality: 1)
        }
        #expect(throws: GSLError.self) {
            try NoncentralFDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 10, noncentrality: 1)
                .cumulativeProbability(.nan)
        }
    }
}
