import Testing
import WalkStats

/// GRIM against published worked examples and scrutiny's documented examples (each cited), plus
/// rounding cases worked out by hand and a property check on simulated whole-number data.
struct GRIMTests {
    /// Examples from scrutiny's `grim()` reference page (scrutiny 0.5, lhdjung.github.io/scrutiny,
    /// "Examples"): `grim(x = "5.19", n = 28)` FALSE, `n = 32` TRUE, `grim(x = "2.84", n = 16, items = 2)`
    /// TRUE, `grim(x = "71", n = 43, percent = TRUE)` FALSE; and the GRIM vignette's
    /// `grim(x = "5.27", n = 43)` FALSE.
    @Test(arguments: [
        ("5.19", 28, 1, false, ConsistencyVerdict.inconsistent),
        ("5.19", 32, 1, false, .consistent),
        ("2.84", 16, 2, false, .consistent),
        ("71", 43, 1, true, .inconsistent),
        ("5.27", 43, 1, false, .inconsistent),
    ])
    func scrutinyDocumentedExamples(mean: String, n: Int, items: Int, percent: Bool, verdict: ConsistencyVerdict) throws {
        let result = try grimTest(mean: ReportedDecimal(mean), n: n, items: items, percent: percent)
        #expect(result.verdict == verdict, "\(mean), n = \(n): \(result)")
    }

    /// Brown & Heathers' introductory example (as summarised on Wikipedia's "GRIM test" page): 20 rolls of
    /// a die reported with mean 3.48 is impossible, because any whole-number total over 20 ends in 0 or 5
    /// in the second decimal.
    @Test func dieRolledTwentyTimes() throws {
        let result = try grimTest(mean: 3.48, decimals: 2, n: 20)
        #expect(result.verdict == .inconsistent)
        #expect(result.reason == .meanNotAttainable)
        #expect(result.explanation == "no whole-number total over n = 20 gives a mean that prints as 3.48 (69/20 = 3.4500, 70/20 = 3.5000)")
        #expect(try grimTest(mean: 3.45, decimals: 2, n: 20).verdict == .consistent)
    }

    @Test func explanationOfAConsistentMean() throws {
        let result = try grimTest(mean: ReportedDecimal("5.19"), n: 32)
        #expect(result.reason == .meanAttainable)
        #expect(result.explanation == "a total of 166 over n = 32 gives 5.1875, which prints as 5.19")
        #expect(try grimTest(mean: ReportedDecimal("2.84"), n: 16, items: 2).explanation
            == "a total of 91 over n × items = 16 × 2 = 32 gives 2.8438, which prints as 2.84")
    }

    /// When n × items ≥ 10^decimals every printed mean is attainable: GRIM cannot tell (scrutiny returns
    /// TRUE there; its GRIM ratio (10^D − n)/10^D is ≤ 0).
    @Test(arguments: [("5.19", 100, 1), ("5.19", 250, 1), ("3.5", 10, 1), ("2.84", 50, 2), ("4", 3, 1)])
    func sampleTooLargeForTheDecimals(mean: String, n: Int, items: Int) throws {
        let result = try grimTest(mean: ReportedDecimal(mean), n: n, items: items)
        #expect(result.verdict == .cannotTell)
        #expect(result.reason == .sampleTooLargeForDecimals)
    }

    @Test func justBelowTheLimitGRIMStillWorks() throws {
        #expect(try grimTest(mean: 5.19, decimals: 2, n: 99).verdict != .cannotTell)
        #expect(try grimTest(mean: 0.5, decimals: 1, n: 9).verdict == .inconsistent) // 4/9 = 0.444, 5/9 = 0.556
    }

    /// 9/8 = 1.125 exactly: "1.13" rounding up, "1.12" rounding down or to even (Wikipedia's "a mean of
    /// 1.125 may be reported as 1.12 or 1.13"). For −9/8 = −1.125, scrutiny's non-symmetric "up" goes
    /// towards +∞ (−1.12) and its symmetric "up" away from zero (−1.13).
    @Test(arguments: [
        ("1.13", RoundingRule.upOrDown, false, ConsistencyVerdict.consistent),
        ("1.13", .up, false, .consistent),
        ("1.13", .down, false, .inconsistent),
        ("1.13", .even, false, .inconsistent),
        ("1.12", .upOrDown, false, .consistent),
        ("1.12", .up, false, .inconsistent),
        ("1.12", .down, false, .consistent),
        ("1.12", .even, false, .consistent),
        ("-1.13", .up, false, .inconsistent),
        ("-1.12", .up, false, .consistent),
        ("-1.13", .up, true, .consistent),
        ("-1.13", .down, false, .consistent),
        ("-1.13", .down, true, .inconsistent),
        ("-1.12", .down, true, .consistent),
        ("-1.13", .upOrDown, false, .consistent),
    ])
    func halvesFollowTheRoundingRule(mean: String, rule: RoundingRule, symmetric: Bool, verdict: ConsistencyVerdict) throws {
        let result = try grimTest(mean: ReportedDecimal(mean), n: 8, rounding: rule, symmetric: symmetric)
        #expect(result.verdict == verdict, "\(mean) \(rule) symmetric \(symmetric): \(result)")
    }

    /// Every mean of simulated whole-number data, printed with 2 decimals, passes GRIM (or GRIM cannot
    /// tell); changing its last digit by one fails for some of them.
    @Test func simulatedDataAlwaysPass() throws {
        var generator = SeededGenerator(seed: 20240607)
        var failedAfterPerturbation = 0
        for _ in 0..<400 {
            let n = Int.random(in: 2...60, using: &generator)
            let total = (0..<n).reduce(0) { sum, _ in sum + Int.random(in: 0...10, using: &generator) }
            let printed = try ReportedDecimal(String(format: "%.2f", Double(total) / Double(n)))
            #expect(try grimTest(mean: printed, n: n).verdict != .inconsistent, "total \(total), n = \(n)")
            let nudged = try ReportedDecimal(String(format: "%.2f", Double(printed.scaledValue + 1) / 100))
            if try grimTest(mean: nudged, n: n).verdict == .inconsistent { failedAfterPerturbation += 1 }
        }
        #expect(failedAfterPerturbation > 100)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants", needed: 1, got: 0)) {
            try grimTest(mean: 1.5, decimals: 1, n: 0)
        }
        #expect(throws: StatisticsError.invalidRequest("the number of items must be at least 1, got 0")) {
            try grimTest(mean: 1.5, decimals: 1, n: 5, items: 0)
        }
        #expect(throws: StatisticsError.self) { try grimTest(mean: 1.5, decimals: -1, n: 5) }
    }
}
