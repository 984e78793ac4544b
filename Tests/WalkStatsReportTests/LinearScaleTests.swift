import Foundation
import Testing
import WalkStats

/// `LinearScale.prettyTicks` against R 4.2.2's `pretty()`. The expected values were printed with
/// `Rscript -e 'cat(sprintf("%.17g", pretty(c(lower, upper))))'`, the call in each case's comment.
struct LinearScaleTests {
    struct PrettyCase: Sendable, CustomTestStringConvertible {
        let lower: Double
        let upper: Double
        let count: Int
        let expected: [Double]
        var testDescription: String { "pretty(c(\(lower), \(upper)), n = \(count))" }
    }

    static let prettyCases: [PrettyCase] = [
        // pretty(c(-1.37, 0.07))
        .init(lower: -1.37, upper: 0.07, count: 5, expected: [-1.5, -1, -0.5, 0, 0.5]),
        // pretty(c(0, 1))
        .init(lower: 0, upper: 1, count: 5,
              expected: [0, 0.20000000000000001, 0.40000000000000002, 0.60000000000000009, 0.80000000000000004, 1]),
        // pretty(c(0.013, 0.0871))
        .init(lower: 0.013, upper: 0.0871, count: 5,
              expected: [0, 0.02, 0.040000000000000001, 0.059999999999999998, 0.080000000000000002, 0.10000000000000001]),
        // pretty(c(-12.5, 48.2))
        .init(lower: -12.5, upper: 48.2, count: 5, expected: [-20, -10, 0, 10, 20, 30, 40, 50]),
        // pretty(c(3, 3)): a zero-width range
        .init(lower: 3, upper: 3, count: 5, expected: [2, 4]),
        // pretty(c(0, 0))
        .init(lower: 0, upper: 0, count: 5, expected: [-1, 0]),
        // pretty(c(1234, 5678))
        .init(lower: 1234, upper: 5678, count: 5, expected: [1000, 2000, 3000, 4000, 5000, 6000]),
        // pretty(c(-0.42, -0.05))
        .init(lower: -0.42, upper: -0.05, count: 5,
              expected: [-0.5, -0.40000000000000002, -0.29999999999999999, -0.19999999999999996, -0.099999999999999978, 0]),
        // pretty(c(0.5, 0.5000001))
        .init(lower: 0.5, upper: 0.5000001, count: 5,
              expected: [0.5, 0.50000001999999999, 0.50000003999999998, 0.50000006000000008, 0.50000008000000007,
                         0.50000010000000006]),
        // pretty(c(1e-5, 3e-5))
        .init(lower: 1e-5, upper: 3e-5, count: 5,
              expected: [9.9999999999999991e-06, 1.4999999999999999e-05, 1.9999999999999998e-05, 2.5000000000000001e-05,
                         3.0000000000000001e-05]),
        // pretty(c(-2.1, 1.8))
        .init(lower: -2.1, upper: 1.8, count: 5, expected: [-3, -2, -1, 0, 1, 2]),
        // pretty(c(0, 0.41))
        .init(lower: 0, upper: 0.41, count: 5,
              expected: [0, 0.10000000000000001, 0.20000000000000001, 0.30000000000000004, 0.40000000000000002, 0.5]),
        // pretty(c(-4.5, 1))
        .init(lower: -4.5, upper: 1, count: 5, expected: [-5, -4, -3, -2, -1, 0, 1]),
        // pretty(c(2.8, 6.9))
        .init(lower: 2.8, upper: 6.9, count: 5, expected: [2, 3, 4, 5, 6, 7]),
        // pretty(c(0, 0.37), n = 4)
        .init(lower: 0, upper: 0.37, count: 4,
              expected: [0, 0.10000000000000001, 0.20000000000000001, 0.30000000000000004, 0.40000000000000002]),
        // pretty(c(0.07, -1.37)): the bounds in either order
        .init(lower: 0.07, upper: -1.37, count: 5, expected: [-1.5, -1, -0.5, 0, 0.5]),
    ]

    @Test(arguments: prettyCases)
    func prettyTicksMatchR(_ testCase: PrettyCase) {
        let ticks = LinearScale.prettyTicks(lower: testCase.lower, upper: testCase.upper, count: testCase.count)
        #expect(ticks.count == testCase.expected.count, "\(ticks)")
        let spacing = testCase.expected[1] - testCase.expected[0]
        for (tick, expected) in zip(ticks, testCase.expected) {
            // Agreement to 1e-9 of the tick spacing: the ticks are the same grid points as R's.
            #expect(abs(tick - expected) <= 1e-9 * spacing, "\(tick) vs R \(expected)")
        }
    }

    @Test func nonFiniteBoundsGiveNoTicks() {
        #expect(LinearScale.prettyTicks(lower: .nan, upper: 1).isEmpty)
        #expect(LinearScale.prettyTicks(lower: 0, upper: .infinity).isEmpty)
    }

    @Test func coveringScaleStartsAndEndsOnTicksWithCommonDecimals() {
        let scale = LinearScale(covering: -1.37, 0.07, rangeStart: 100, rangeEnd: 500)
        #expect(scale.domainLower == -1.5)
        #expect(scale.domainUpper == 0.5)
        #expect(scale.tickLabels == ["\u{2212}1.5", "\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5"])
        #expect(scale.position(of: -1.5) == 100)
        #expect(scale.position(of: 0.5) == 500)
        #expect(abs(scale.position(of: 0) - 400) < 1e-9)
    }

    @Test func tickLabelsUseAsManyDecimalsAsTheStepNeeds() {
        #expect(LinearScale(covering: 1234, 5678, rangeStart: 0, rangeEnd: 1).tickLabels
            == ["1000", "2000", "3000", "4000", "5000", "6000"])
        #expect(LinearScale(covering: 0.013, 0.0871, rangeStart: 0, rangeEnd: 1).tickLabels
            == ["0.00", "0.02", "0.04", "0.06", "0.08", "0.10"])
        // Ticks computed as -0.5 + 4 × 0.1 are -0.0999…98; the label is still −0.1, and 0 has no sign.
        #expect(LinearScale(covering: -0.42, -0.05, rangeStart: 0, rangeEnd: 1).tickLabels
            == ["\u{2212}0.5", "\u{2212}0.4", "\u{2212}0.3", "\u{2212}0.2", "\u{2212}0.1", "0.0"])
    }

    @Test func reversedRangeDrawsLargerValuesHigher() {
        let y = LinearScale(covering: 2.8, 6.9, rangeStart: 300, rangeEnd: 20)
        #expect(y.position(of: 2) == 300)
        #expect(y.position(of: 7) == 20)
        #expect(y.position(of: 6) < y.position(of: 5))
    }

    @Test func fixedDomainKeepsOnlyTicksInside() {
        let scale = LinearScale(domainLower: -1, domainUpper: 2.2, rangeStart: 0, rangeEnd: 320)
        // pretty(c(-1, 2.2)) = -1, -0.5, 0, …, 2.5; 2.5 lies outside the domain.
        #expect(scale.ticks == [-1, -0.5, 0, 0.5, 1, 1.5, 2])
        #expect(scale.position(of: 2.2) == 320)
    }

    @Test func zeroWidthFixedDomainMapsToTheMiddle() {
        let scale = LinearScale(domainLower: 4, domainUpper: 4, rangeStart: 10, rangeEnd: 30)
        #expect(scale.position(of: 4) == 20)
        #expect(scale.position(of: 100) == 20)
    }
}
