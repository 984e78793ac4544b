import Foundation
import Testing
import WalkStats

/// GRIMMER against scrutiny's documented examples, the rsprite2 examples quoted in scrutiny's tests,
/// cases from scrutiny's source comments (each cited), and simulated whole-number data.
struct GRIMMERTests {
    /// scrutiny's `grimmer()` reference page (scrutiny 0.5, "Examples"):
    /// `grimmer(x = "5.23", sd = "2.55", n = 35)` FALSE, `n = 31` TRUE,
    /// `grimmer(x = "2.74", sd = "0.96", n = 63, items = 2)` TRUE,
    /// `grimmer(x = 3.00, sd = 2.08, n = 20, digits_x = 2, digits_sd = 2)` TRUE (without scale bounds).
    /// rsprite2's examples, quoted in scrutiny's tests/testthat/test-grimmer.R:
    /// `grimmer_scalar(5.21, 1.6, 28)` TRUE, `grimmer_scalar(3.44, 2.47, 18)` FALSE.
    /// scrutiny's R/grimmer.R example inputs: "3.10", "1.37", n = 10 (from the data
    /// 1, 1, 2, 3, 3, 4, 4, 4, 4, 5) and "4.67", "0.00", n = 2, items = 3 (a case scrutiny ≤ 0.5.0 got wrong).
    @Test(arguments: [
        ("5.23", "2.55", 35, 1, ConsistencyVerdict.inconsistent),
        ("5.23", "2.55", 31, 1, .consistent),
        ("2.74", "0.96", 63, 2, .consistent),
        ("3.00", "2.08", 20, 1, .consistent),
        ("5.21", "1.6", 28, 1, .consistent),
        ("3.44", "2.47", 18, 1, .inconsistent),
        ("3.10", "1.37", 10, 1, .consistent),
        ("4.67", "0.00", 2, 3, .consistent),
    ])
    func documentedExamples(mean: String, sd: String, n: Int, items: Int, verdict: ConsistencyVerdict) throws {
        let result = try grimmerTest(mean: ReportedDecimal(mean), standardDeviation: ReportedDecimal(sd), n: n, items: items)
        #expect(result.verdict == verdict, "\(mean) (\(sd)), n = \(n): \(result)")
    }

    /// 5.23 with n = 35 needs a total of 183 (odd), and the only sum of squares whose SD prints as 2.55
    /// is 1178 (even): scrutiny's "test 3" (parity). 3.44/2.47/18 fails the same way (62 even, 317 odd).
    @Test func parityFailureIsExplained() throws {
        let result = try grimmerTest(mean: 5.23, meanDecimals: 2, standardDeviation: 2.55, sdDecimals: 2, n: 35)
        #expect(result.reason == .sumOfSquaresParity)
        #expect(result.explanation.contains("total 183 (odd) needs sum of squares 1178 (even)"))
    }

    /// A GRIM-inconsistent mean fails GRIMMER before the SD is looked at.
    @Test func grimInconsistentMeanFails() throws {
        let result = try grimmerTest(mean: ReportedDecimal("5.19"), standardDeviation: ReportedDecimal("1.00"), n: 28)
        #expect(result.verdict == .inconsistent)
        #expect(result.reason == .meanNotAttainable)
        #expect(result.explanation.hasPrefix("the mean fails GRIM: no whole-number total over n = 28"))
    }

    /// An SD that no sum of squares reaches (scrutiny's "test 1"): 10 values with total 50 and an SD in
    /// [0.005, 0.015] need a sum of squares 250 + 9 · SD², between 250.000225 and 250.002025.
    @Test func noSumOfSquares() throws {
        let result = try grimmerTest(mean: ReportedDecimal("5.0"), standardDeviation: ReportedDecimal("0.01"), n: 10)
        #expect(result.verdict == .inconsistent)
        #expect(result.reason == .noSumOfSquares)
        #expect(result.explanation.contains("with total 50 the sum of squares would have to lie between 250.0002 and 250.0020"))
    }

    /// scrutiny issue #85 (quoted in R/grimmer.R): x = 0.11, sd = 0.87, n = 64 with rounding "up". The
    /// total is 7 (odd). Rounding up, the SD admits sums of squares 47.90 ≤ Q < 49, only Q = 48 (even):
    /// inconsistent. Up or down, Q = 49 (SD exactly 0.875) is admitted too, and it is odd: consistent.
    @Test func issue85BoundaryIsExact() throws {
        let mean = try ReportedDecimal("0.11"), sd = try ReportedDecimal("0.87")
        #expect(try grimmerTest(mean: mean, standardDeviation: sd, n: 64, rounding: .up).verdict == .inconsistent)
        #expect(try grimmerTest(mean: mean, standardDeviation: sd, n: 64, rounding: .upOrDown).verdict == .consistent)
    }

    /// The mean and SD of simulated whole-number data (1–7 Likert-type, one or three items), printed
    /// with two decimals, always pass; nudging the SD's last digit fails for some of them.
    @Test func simulatedDataAlwaysPass() throws {
        var generator = SeededGenerator(seed: 7)
        var failedAfterNudge = 0
        for case let items in [1, 3] {
            for _ in 0..<300 {
                let n = Int.random(in: 2...40, using: &generator)
                let totals = (0..<n).map { _ in (0..<items).reduce(0) { s, _ in s + Int.random(in: 1...7, using: &generator) } }
                let values = totals.map { Double($0) / Double(items) }
                let mean = values.reduce(0, +) / Double(n)
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)).squareRoot()
                let printedMean = try ReportedDecimal(String(format: "%.2f", mean))
                let printedSD = try ReportedDecimal(String(format: "%.2f", sd))
                let result = try grimmerTest(mean: printedMean, standardDeviation: printedSD, n: n, items: items)
                #expect(result.verdict == .consistent, "values \(values): \(result)")
                let nudged = try ReportedDecimal(String(format: "%.2f", Double(printedSD.scaledValue + 1) / 100))
                if try grimmerTest(mean: printedMean, standardDeviation: nudged, n: n, items: items).verdict == .inconsistent {
                    failedAfterNudge += 1
                }
            }
        }
        #expect(failedAfterNudge > 50)
    }

    /// When the mean alone cannot be checked (n ≥ 10^decimals), every total is a candidate and the SD
    /// can still be decided.
    @Test func largeSampleStillChecksTheSD() throws {
        #expect(try grimTest(mean: 3.5, decimals: 1, n: 40).verdict == .cannotTell)
        let result = try grimmerTest(mean: 3.5, meanDecimals: 1, standardDeviation: 0.01, sdDecimals: 2, n: 40)
        #expect(result.verdict == .inconsistent)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants", needed: 2, got: 1)) {
            try grimmerTest(mean: 1.5, meanDecimals: 1, standardDeviation: 0.5, sdDecimals: 1, n: 1)
        }
        #expect(throws: StatisticsError.invalidRequest("a standard deviation cannot be negative, got -0.5")) {
            try grimmerTest(mean: ReportedDecimal("1.5"), standardDeviation: ReportedDecimal("-0.5"), n: 10)
        }
    }
}
