import Testing
import WalkStats
import WalkStatsTestSupport

/// `BoxSummary` against R 4.2.2. Expected values were printed with
/// `q <- quantile(x, c(.25, .5, .75), type = 7); iqr <- q[3] - q[1];
///  inside <- x[x >= q[1] - 1.5 * iqr & x <= q[3] + 1.5 * iqr];
///  cat(sprintf("%.17g", c(q, min(inside), max(inside))))`.
struct BoxSummaryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let values: [Double]
        /// Q1, median, Q3, lower whisker, upper whisker, from R.
        let expected: [Double]
        var testDescription: String { "\(values)" }
    }

    static let cases: [Case] = [
        // x <- c(-3.0, -2.5, -1.0, -2.0, -4.5, -1.5, 0.5, -2.0)
        .init(values: [-3.0, -2.5, -1.0, -2.0, -4.5, -1.5, 0.5, -2.0], expected: [-2.625, -2, -1.375, -4.5, 0.5]),
        // x <- c(-1.0, 0.0, -1.5, 1.0, -0.5, -2.0, -1.0)
        .init(values: [-1.0, 0.0, -1.5, 1.0, -0.5, -2.0, -1.0], expected: [-1.25, -1, -0.25, -2, 1]),
        // x <- c(2.3, 1.1, 9.8, 2.0, 2.9, 3.4, 1.7, 2.2, -4.1, 2.6): outliers on both sides
        .init(values: [2.3, 1.1, 9.8, 2.0, 2.9, 3.4, 1.7, 2.2, -4.1, 2.6],
              expected: [1.7749999999999999, 2.25, 2.8249999999999997, 1.1000000000000001, 3.3999999999999999]),
        // x <- 5
        .init(values: [5], expected: [5, 5, 5, 5, 5]),
        // x <- c(1, 2)
        .init(values: [1, 2], expected: [1.25, 1.5, 1.75, 1, 2]),
        // x <- c(0.1, 0.7, 0.2, 0.3)
        .init(values: [0.1, 0.7, 0.2, 0.3],
              expected: [0.17500000000000002, 0.25, 0.39999999999999997, 0.10000000000000001, 0.69999999999999996]),
    ]

    @Test(arguments: cases)
    func matchesRQuantileTypeSevenAndTukeyWhiskers(_ testCase: Case) throws {
        let box = try BoxSummary(values: testCase.values)
        let actual = [box.lowerQuartile, box.median, box.upperQuartile, box.lowerWhisker, box.upperWhisker]
        for (name, (value, expected)) in zip(["Q1", "median", "Q3", "lower whisker", "upper whisker"], zip(actual, testCase.expected)) {
            #expect(relativeError(value, expected) < 1e-12, "\(name): \(value) vs R \(expected)")
        }
        #expect(box.count == testCase.values.count)
    }

    @Test func emptyOrNonFiniteValuesThrow() {
        #expect(throws: FigureError.noData(figure: "box plot", expected: "at least one value")) {
            try BoxSummary(values: [])
        }
        #expect(throws: FigureError.nonFiniteValue(figure: "box plot", field: "a value")) {
            try BoxSummary(values: [1, .nan])
        }
    }
}
