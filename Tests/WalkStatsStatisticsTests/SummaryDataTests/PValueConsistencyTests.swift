import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// p-value consistency against R 4.2.2 (`Fixtures/summary-data/generate.R`, dataset `p-consistency`):
/// the range of the two-sided p over every mean and SD within half a unit of its printed value, the
/// correlations at which a paired claim is attainable, and the verdict, for the cases of
/// `p-consistency-cases.csv` (Chen 2021 and Roos 2012 as printed, and synthetic cases).
struct PValueConsistencyTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String, test: SummaryTestKind, claim: String
        let a: PrintedSummary, b: PrintedSummary
        var description: String { name }
    }

    static let cases: [Case] = {
        let url = SummaryDataFixture.folder.appendingPathComponent("p-consistency-cases.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let test: SummaryTestKind = switch f[1] {
            case "welch": .welch
            case "student": .student
            default: .paired(correlation: Double(f[2])!...Double(f[3])!)
            }
            return Case(name: f[0], test: test, claim: f[4],
                        a: try! PrintedSummary(n: Int(f[5])!, mean: f[6], standardDeviation: f[7]),
                        b: try! PrintedSummary(n: Int(f[8])!, mean: f[9], standardDeviation: f[10]))
        }
    }()

    /// R: the same box searched with optimize() along its edges (checked against a dense grid), the
    /// correlations by uniroot(tol = 1e-13).
    @Test(arguments: cases)
    func matchesR(testCase: Case) throws {
        let check = try pValueConsistency(testCase.a, testCase.b, test: testCase.test,
                                          reported: ReportedPValue(parsing: testCase.claim))
        func expected(_ field: String) -> Double? { SummaryDataFixture.value("p-consistency", "\(testCase.name)/\(field)") }
        let low = try #require(expected("p_low")), high = try #require(expected("p_high"))
        #expect(relativeError(check.achievableRange.lowerBound, low) < 1e-8, "p_low: \(check.achievableRange.lowerBound) vs \(low)")
        #expect(relativeError(check.achievableRange.upperBound, high) < 1e-8, "p_high: \(check.achievableRange.upperBound) vs \(high)")
        if let point = expected("p_point") {
            let recomputed = try #require(check.recomputedPValue)
            #expect(relativeError(recomputed, point) < 1e-10)
        }
        if let rhoLow = expected("rho_low"), let rhoHigh = expected("rho_high") {
            let rhos = try #require(check.attainableCorrelations)
            #expect(abs(rhos.lowerBound - rhoLow) < 1e-9, "rho_low: \(rhos.lowerBound) vs \(rhoLow)")
            #expect(abs(rhos.upperBound - rhoHigh) < 1e-9, "rho_high: \(rhos.upperBound) vs \(rhoHigh)")
        } else if case .paired = testCase.test {
            #expect(check.attainableCorrelations == nil)
        }
        let verdicts: [Double: ConsistencyVerdict] = [0: .consistent, 1: .inconsistent, 2: .cannotTell]
        #expect(check.verdict == verdicts[try #require(expected("verdict"))], "\(check.result)")
    }

    /// Chen 2021's "P < 0.05" holds however the printed values were rounded (p between 0.013 and 0.017
    /// for pain, 0.00067 and 0.00072 for WOMAC, Welch).
    @Test func chen2021ClaimsAreConsistent() throws {
        let a = try PrintedSummary(n: 16, mean: "1.56", standardDeviation: "0.63")
        let b = try PrintedSummary(n: 16, mean: "2.25", standardDeviation: "0.86")
        let check = try pValueConsistency(a, b, test: .welch, reported: ReportedPValue(parsing: "P < 0.05"))
        #expect(check.verdict == .consistent)
        #expect(check.result.reason == .pValueAttainable)
        #expect(check.result.explanation.hasPrefix("Welch t-test from the printed values: p = 0.01521; with every mean and SD"))
        #expect(check.result.explanation.hasSuffix("so the printed 'p < 0.05' is attainable"))
    }

    /// Roos 2012's "p < 0.01" for patellofemoral compression holds for ρ ≥ 0.104 once rounding of the
    /// printed means and SDs (one decimal) is allowed for, against ρ > 0.298 for the values taken as
    /// exact: the correlation was not printed, so the check cannot tell.
    @Test func roos2012DependsOnTheCorrelation() throws {
        let forward = try PrintedSummary(n: 20, mean: "4.5", standardDeviation: "1.5")
        let backward = try PrintedSummary(n: 20, mean: "3.4", standardDeviation: "1.4")
        let check = try pValueConsistency(forward, backward, test: .paired(correlation: 0...0.95),
                                          reported: ReportedPValue(parsing: "p < 0.01"))
        #expect(check.verdict == .cannotTell)
        #expect(check.result.reason == .pValueDependsOnCorrelation)
        #expect(check.result.explanation.contains("attainable only for ρ in 0.1038…0.95"))
        #expect(check.recomputedPValue == nil)
    }

    /// A precision that admits every p (SDs printed as 0, means that may be equal) cannot tell.
    @Test func uninformativePrecision() throws {
        let a = try PrintedSummary(n: 10, mean: "3", standardDeviation: "0")
        let b = try PrintedSummary(n: 10, mean: "3", standardDeviation: "0")
        let check = try pValueConsistency(a, b, test: .student, reported: ReportedPValue(parsing: "p = 0.04"))
        #expect(check.achievableRange == 0...1)
        #expect(check.verdict == .cannotTell)
        #expect(check.result.reason == .pValueUninformative)
    }

    @Test func invalidInputThrows() throws {
        let a = try PrintedSummary(n: 10, mean: "3.1", standardDeviation: "1.0")
        let b = try PrintedSummary(n: 12, mean: "2.1", standardDeviation: "1.0")
        let claim = try ReportedPValue(parsing: "p < 0.05")
        #expect(throws: StatisticsError.invalidRequest("a paired test needs the same n in both conditions, got 10 and 12")) {
            try pValueConsistency(a, b, test: .paired(correlation: 0.5...0.5), reported: claim)
        }
        #expect(throws: StatisticsError.invalidRequest("a correlation must lie in [-1, 1], got 1.5")) {
            try pValueConsistency(a, a, test: .paired(correlation: 0...1.5), reported: claim)
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in the first summary", needed: 2, got: 1)) {
            try pValueConsistency(PrintedSummary(n: 1, mean: "3", standardDeviation: "1"), b, test: .welch, reported: claim)
        }
    }
}

/// Printed numbers and p-values: parsing keeps the decimals, including trailing zeros.
struct ReportedNumberTests {
    @Test(arguments: [("5.19", 519, 2), ("-0.50", -50, 2), (".41", 41, 2), ("12", 12, 0), (" 2.50 ", 250, 2),
                      ("+3.0", 30, 1), ("−1.25", -125, 2), ("0.000", 0, 3)])
    func parsesPrintedDecimals(text: String, scaled: Int, decimals: Int) throws {
        let number = try ReportedDecimal(text)
        #expect(number.scaledValue == scaled && number.decimals == decimals)
    }

    @Test(arguments: ["", ".", "5.", "1e3", "abc", "1.2.3", "1,5", "--1", "0.1234567890123456"])
    func rejectsAnythingElse(text: String) {
        #expect(throws: StatisticsError.self) { try ReportedDecimal(text) }
    }

    @Test func printsAsGiven() throws {
        #expect(try ReportedDecimal("2.50").description == "2.50")
        #expect(try ReportedDecimal("-0.05").description == "-0.05")
        #expect(try ReportedDecimal(5.19, decimals: 2).description == "5.19")
        #expect(try ReportedDecimal(3, decimals: 1).description == "3.0")
        #expect(try ReportedDecimal("0.63").halfUnit == 0.005)
    }

    @Test(arguments: [("p < 0.05", ReportedPValue.Relation.lessThan, "0.05"), ("P<.01", .lessThan, ".01"),
                      ("p = 0.008", .equal, "0.008"), ("p <= 0.05", .lessThanOrEqual, "0.05"),
                      ("p ≥ .1", .greaterThanOrEqual, ".1"), ("0.03", .equal, "0.03"), ("p>0.05", .greaterThan, "0.05")])
    func parsesPValues(text: String, relation: ReportedPValue.Relation, value: String) throws {
        let p = try ReportedPValue(parsing: text)
        #expect(p.relation == relation)
        #expect(p.value == (try ReportedDecimal(value)))
    }

    @Test(arguments: ["p < -0.05", "p = 1.5", "p < x", "q < 0.05", "p <"])
    func rejectsBadPValues(text: String) {
        #expect(throws: StatisticsError.self) { try ReportedPValue(parsing: text) }
    }

    /// "p = 0.01" admits 0.005…0.015; "p < 0.05" needs the smallest attainable p below 0.05.
    @Test func claimsAgainstRanges() throws {
        let equal = try ReportedPValue(parsing: "p = 0.01")
        #expect(equal.isAttainable(within: 0.014...0.2))
        #expect(equal.isAttainable(within: 0.001...0.005))
        #expect(!equal.isAttainable(within: 0.0151...0.2))
        let less = try ReportedPValue(parsing: "p < 0.05")
        #expect(less.isAttainable(within: 0.049...0.9))
        #expect(!less.isAttainable(within: 0.05...0.9))
        let greater = try ReportedPValue(parsing: "p > 0.05")
        #expect(!greater.isAttainable(within: 0.001...0.05))
    }
}
