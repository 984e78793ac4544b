import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// ``tukeyHSD(groups:names:confidenceLevel:)`` against R 4.2.2's
/// `TukeyHSD(aov(value ~ group), "group", conf.level = …)` with the groups as factor levels in the order of
/// first appearance (`Fixtures/tukey/generate.R`), and the errors it must raise.
struct TukeyHSDTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("tukey")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))
    static let datasets = ["three-unequal", "four-unequal", "ties", "outlier", "singleton"]

    /// The groups of a fixture CSV (`group,value`), in the order of first appearance.
    static func load(_ name: String) throws -> (names: [String], groups: [[Double]]) {
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).csv"), encoding: .utf8)
        var names: [String] = []
        var groups: [[Double]] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            if let index = names.firstIndex(of: fields[0]) {
                groups[index].append(Double(fields[1])!)
            } else {
                names.append(fields[0])
                groups.append([Double(fields[1])!])
            }
        }
        return (names, groups)
    }

    /// R: TukeyHSD(aov(value ~ group), "group", conf.level = level)$group, rows "B-A" (diff, lwr, upr,
    /// p adj); df.residual; the exact quantile by uniroot(function(q) ptukey(q, k, df) - level, tol = 1e-14).
    @Test(arguments: datasets, [0.95, 0.90])
    func matchesR(_ dataset: String, level: Double) throws {
        let expected = try #require(Self.reference.values["\(dataset)@\(level == 0.95 ? "0.95" : "0.9")"])
        let (names, groups) = try Self.load(dataset)
        let result = try tukeyHSD(groups: groups, names: names, confidenceLevel: level)
        let k = names.count
        #expect(result.comparisons.count == k * (k - 1) / 2)
        #expect(result.degreesOfFreedom == expected["df"]!)
        #expect(relativeError(result.residualMeanSquare, expected["mse"]!) < 1e-12)
        #expect(relativeError(result.criticalValue, expected["critical"]!) < 1e-9)
        var order: [String] = []
        for a in 0..<k { for b in (a + 1)..<k { order.append("\(names[b])-\(names[a])") } }
        #expect(result.comparisons.map { "\($0.arms[0])-\($0.arms[1])" } == order, "R's TukeyHSD row order")
        for comparison in result.comparisons {
            let pair = "\(comparison.arms[0])-\(comparison.arms[1])"
            #expect(comparison.confidenceInterval.level == level)
            #expect(comparison.degreesOfFreedom == expected["df"]!)
            // Differences of means: absolute agreement relative to the group means' scale.
            #expect(abs(comparison.estimate - expected["\(pair).diff"]!) < 1e-12 * (result.means.map(abs).max()! + 1))
            #expect(relativeError(comparison.statistic, expected["\(pair).q"]!) < 1e-10, "\(dataset) \(pair) q")
            let p = expected["\(pair).p"]!
            #expect(abs(comparison.pValue - p) < 1e-8 * max(p, 1e-6), "\(dataset) \(pair) p: \(comparison.pValue) vs R \(p)")
            // R: pairwise.t.test(value, group, pool.sd = TRUE, p.adjust.method = "none")
            let unadjusted = expected["\(pair).p_unadjusted"]!
            #expect(relativeError(comparison.unadjustedPValue, unadjusted) < 1e-10, "\(dataset) \(pair) unadjusted p")
            // Exact-quantile bounds, to 1e-9 of the interval's width (a bound may be near 0); R's own
            // (qtukey) bounds agree to about 1e-7 of it.
            let width = comparison.confidenceInterval.upper - comparison.confidenceInterval.lower
            for (bound, key) in [(comparison.confidenceInterval.lower, "lwr"), (comparison.confidenceInterval.upper, "upr")] {
                #expect(abs(bound - expected["\(pair).\(key)_exact"]!) < 1e-9 * width, "\(dataset) \(pair) \(key)")
                #expect(abs(bound - expected["\(pair).\(key)"]!) < 1e-6 * width, "\(dataset) \(pair) \(key) vs qtukey")
            }
        }
    }

    @Test func errorsDescribeTheData() throws {
        #expect(throws: StatisticsError.insufficientObservations(what: "groups", needed: 2, got: 1)) {
            try tukeyHSD(groups: [[1, 2, 3]], names: ["A"])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values in group 'B'", needed: 1, got: 0)) {
            try tukeyHSD(groups: [[1, 2, 3], [], [4, 5]], names: ["A", "B", "C"])
        }
        #expect(throws: StatisticsError.insufficientObservations(
            what: "values in all groups together (the 3 groups plus 2 residual degrees of freedom)", needed: 5, got: 4)) {
            try tukeyHSD(groups: [[1, 2], [3], [4]], names: ["A", "B", "C"])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the values within every group")) {
            try tukeyHSD(groups: [[1, 1, 1], [2, 2], [5, 5]], names: ["A", "B", "C"])
        }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values of group 'B'")) {
            try tukeyHSD(groups: [[1, 2, 3], [2, .nan, 4]], names: ["A", "B"])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) {
            try tukeyHSD(groups: [[1, 2, 3], [2, 3, 4]], names: ["A", "B"], confidenceLevel: 1)
        }
        #expect(throws: StatisticsError.invalidRequest("2 group names were given for 3 groups")) {
            try tukeyHSD(groups: [[1, 2], [3, 4], [5, 6]], names: ["A", "B"])
        }
        #expect(throws: StatisticsError.invalidRequest("group name 'A' appears more than once")) {
            try tukeyHSD(groups: [[1, 2], [3, 4], [5, 6]], names: ["A", "B", "A"])
        }
    }

    /// Two groups: Tukey's HSD is Student's pooled t-test, q = √2 · t and the interval is the t interval.
    @Test func twoGroupsReduceToStudentsTTest() throws {
        let a = [5.1, 4.8, 6.0, 5.5, 4.9], b = [6.2, 5.9, 7.1, 6.4]
        let result = try tukeyHSD(groups: [a, b], names: ["A", "B"])
        let student = try studentTTest(b, a)
        let comparison = result.comparisons[0]
        #expect(relativeError(comparison.statistic, 2.squareRoot() * student.statistic) < 1e-12)
        #expect(relativeError(comparison.pValue, student.pValue) < 1e-9)
        #expect(relativeError(comparison.confidenceInterval.lower, student.confidenceInterval!.lower) < 1e-9)
        #expect(relativeError(comparison.standardError, student.standardError!) < 1e-12)
    }
}
