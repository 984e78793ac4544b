import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The 2×2 tables of `Fixtures/proportions/input.csv` and the R 4.2.2 reference values of
/// `Fixtures/proportions/expected.csv` (written by its `generate.R`).
enum ProportionsFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("proportions")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// One table: x1 of n1 responders in the arm, x2 of n2 in the reference.
    struct Table: CustomStringConvertible, Sendable {
        let name: String, x1: Int, n1: Int, x2: Int, n2: Int
        var description: String { name }
        var arm: ResponderCount { try! ResponderCount(responders: x1, participants: n1) }
        var referenceArm: ResponderCount { try! ResponderCount(responders: x2, participants: n2) }
        func value(_ key: String) -> Double? { ProportionsFixture.reference.values[name]?[key] }
    }

    /// `input.csv` in file order.
    static let tables: [Table] = {
        let text = try! String(contentsOf: folder.appendingPathComponent("input.csv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            return Table(name: f[0], x1: Int(f[1])!, n1: Int(f[2])!, x2: Int(f[3])!, n2: Int(f[4])!)
        }
    }()
}

/// Wilson, Newcombe, Katz, NNT, Fisher and prop.test against R 4.2.2 (`Fixtures/proportions`).
struct ProportionsTests {
    static let closedForm = 1e-10

    @Test func testFixtureCoversTheCases() {
        #expect(ProportionsFixture.tables.count >= 12)
        #expect(ProportionsFixture.reference.provenance.contains { $0.contains("R version 4.2.2") })
    }

    /// R: prop.test(x, n, correct = FALSE)$conf.int for each arm.
    @Test(arguments: ProportionsFixture.tables)
    func testWilsonMatchesR(table: ProportionsFixture.Table) throws {
        for (count, key) in [(table.arm, "wilson1"), (table.referenceArm, "wilson2")] {
            let interval = try wilsonInterval(count)
            #expect(relativeError(interval.lower, table.value(key + "/low")!) < Self.closedForm, "\(table) \(key)")
            #expect(relativeError(interval.upper, table.value(key + "/high")!) < Self.closedForm, "\(table) \(key)")
        }
    }

    /// R: Newcombe's method 10 written out on prop.test's Wilson limits.
    @Test(arguments: ProportionsFixture.tables)
    func testRiskDifferenceMatchesR(table: ProportionsFixture.Table) throws {
        let rd = try riskDifference(table.arm, table.referenceArm)
        #expect(relativeError(rd.estimate, table.value("rd/estimate")!) < Self.closedForm)
        #expect(relativeError(rd.confidenceInterval.lower, table.value("rd/low")!) < Self.closedForm, "\(table)")
        #expect(relativeError(rd.confidenceInterval.upper, table.value("rd/high")!) < Self.closedForm, "\(table)")
    }

    /// Newcombe (1998) Table II, method 10, to the 4 decimals printed there (examples (a)–(h); entered from the
    /// published table without the PDF at hand in this session, and independently equal to the R computation of
    /// the fixture to all 4 decimals).
    @Test func testRiskDifferenceMatchesNewcombeTableII() throws {
        let published: [(Int, Int, Int, Int, Double, Double)] = [
            (56, 70, 48, 80, 0.0524, 0.3339), (9, 10, 3, 10, 0.1705, 0.8090), (6, 7, 2, 7, 0.0582, 0.8062),
            (5, 56, 0, 29, -0.0381, 0.1926), (0, 10, 0, 20, -0.1611, 0.2775), (0, 10, 0, 10, -0.2775, 0.2775),
            (10, 10, 0, 20, 0.6791, 1.0000), (10, 10, 0, 10, 0.6075, 1.0000),
        ]
        for (x1, n1, x2, n2, low, high) in published {
            let rd = try riskDifference(try ResponderCount(responders: x1, participants: n1),
                                        try ResponderCount(responders: x2, participants: n2))
            #expect(abs(rd.confidenceInterval.lower - low) <= 0.00005 + 1e-12, "\(x1)/\(n1) − \(x2)/\(n2)")
            #expect(abs(rd.confidenceInterval.upper - high) <= 0.00005 + 1e-12, "\(x1)/\(n1) − \(x2)/\(n2)")
        }
    }

    /// R: the Katz interval written out; nil with a reason where a count is zero.
    @Test(arguments: ProportionsFixture.tables)
    func testRiskRatioMatchesR(table: ProportionsFixture.Table) throws {
        let rr = try riskRatio(table.arm, table.referenceArm)
        if let expected = table.value("rr/estimate") {
            #expect(relativeError(try #require(rr.estimate), expected) < Self.closedForm)
        } else {
            #expect(rr.estimate == nil)
        }
        if let low = table.value("rr/low"), let high = table.value("rr/high") {
            let interval = try #require(rr.confidenceInterval)
            #expect(relativeError(interval.lower, low) < Self.closedForm, "\(table)")
            #expect(relativeError(interval.upper, high) < Self.closedForm, "\(table)")
            #expect(rr.undefinedReason == nil)
        } else {
            #expect(table.x1 == 0 || table.x2 == 0)
            #expect(rr.confidenceInterval == nil)
            #expect(rr.undefinedReason?.contains("no responders") == true)
        }
    }

    /// Altman's wording of the NNT, including an interval through ∞.
    @Test func testNumberNeededToTreatDescription() throws {
        func nnt(_ d: Double, _ l: Double, _ u: Double) -> String {
            NumberNeededToTreat(RiskDifference(estimate: d, confidenceInterval: ConfidenceInterval(level: 0.95, lower: l, upper: u)))
                .description
        }
        #expect(nnt(0.2, -0.04, 0.4) == "NNTB 5.0 (NNTB 2.5 to ∞ to NNTH 25.0)")
        #expect(nnt(0.25, 0.1, 0.5) == "NNTB 4.0 (NNTB 2.0 to NNTB 10.0)")
        #expect(nnt(-0.25, -0.5, -0.1) == "NNTH 4.0 (NNTH 2.0 to NNTH 10.0)")
        #expect(nnt(-0.1, -0.2, 0.05) == "NNTH 10.0 (NNTB 20.0 to ∞ to NNTH 5.0)")
        #expect(nnt(0, -0.2, 0.25) == "NNT ∞ (NNTB 4.0 to ∞ to NNTH 5.0)")
        #expect(nnt(0, 0, 0) == "NNT ∞ (∞)")
        #expect(nnt(0.3, 0, 0.5) == "NNTB 3.3 (NNTB 2.0 to ∞)")
        // Newcombe's example (a): 56/70 − 48/80, RD 0.2000 (0.0524 to 0.3339).
        let a = try riskDifference(try ResponderCount(responders: 56, participants: 70),
                                   try ResponderCount(responders: 48, participants: 80)).numberNeededToTreat
        #expect(a.description == "NNTB 5.0 (NNTB 3.0 to NNTB 19.1)")
        #expect(!a.crossesZero && a.isBenefit && abs(a.value - 5) < 1e-12)
        // Example (d): 5/56 − 0/29, interval crosses zero.
        let d = try riskDifference(try ResponderCount(responders: 5, participants: 56),
                                   try ResponderCount(responders: 0, participants: 29)).numberNeededToTreat
        #expect(d.crossesZero)
        #expect(d.description == "NNTB 11.2 (NNTB 5.2 to ∞ to NNTH 26.2)")
    }

    /// R: fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2)). The p-value to 1e-10; the estimate and
    /// interval to 1e-8 against the same roots at machine precision (fisher_exact/*), and to uniroot's
    /// default tolerance on its t scale against fisher.test's own output.
    @Test(arguments: ProportionsFixture.tables)
    func testFisherMatchesR(table: ProportionsFixture.Table) throws {
        let result = try fisherExactTest(table.arm, table.referenceArm)
        #expect(result.name == .fisherExact)
        #expect(relativeError(result.pValue, table.value("fisher/p")!) < Self.closedForm, "\(table) p \(result.pValue)")
        let estimate = try #require(result.estimate)
        let interval = try #require(result.confidenceInterval)
        // Machine-precision roots.
        if let exact = table.value("fisher_exact/estimate") {
            #expect(relativeError(estimate, exact) < 1e-8, "\(table) OR \(estimate) vs \(exact)")
        } else {
            #expect(estimate == .infinity)
        }
        #expect(relativeError(interval.lower, table.value("fisher_exact/low")!) < 1e-8, "\(table) low \(interval.lower)")
        if let exact = table.value("fisher_exact/high") {
            #expect(relativeError(interval.upper, exact) < 1e-8, "\(table) high \(interval.upper) vs \(exact)")
        } else {
            #expect(interval.upper == .infinity)
        }
        // fisher.test's own values, at uniroot's tolerance ε^¼ on the scale it searched (ψ or 1/ψ).
        let rTolerance = pow(Double.ulpOfOne, 0.25)
        func withinUniroot(_ ours: Double, _ r: Double) -> Bool {
            ours == r || abs(ours - r) <= rTolerance || abs(1 / ours - 1 / r) <= rTolerance
        }
        if let r = table.value("fisher/estimate") { #expect(withinUniroot(estimate, r), "\(table) OR \(estimate) R \(r)") }
        #expect(withinUniroot(interval.lower, table.value("fisher/low")!), "\(table)")
        if let r = table.value("fisher/high") { #expect(withinUniroot(interval.upper, r), "\(table)") }
        if table.value("fisher/estimate_infinite") != nil { #expect(estimate == .infinity) }
        if table.value("fisher/high_infinite") != nil { #expect(interval.upper == .infinity) }
    }

    /// R: prop.test(c(x1, x2), c(n1, n2)) with Yates' correction; NaN in R where the pooled proportion is 0 or 1.
    @Test(arguments: ProportionsFixture.tables)
    func testPropTestMatchesR(table: ProportionsFixture.Table) throws {
        if table.value("prop/undefined") != nil {
            #expect(throws: StatisticsError.self) { try twoProportionsChiSquaredTest(table.arm, table.referenceArm) }
            return
        }
        let result = try twoProportionsChiSquaredTest(table.arm, table.referenceArm)
        #expect(result.degreesOfFreedom == table.value("prop/df"))
        #expect(relativeError(result.statistic, table.value("prop/statistic")!) < Self.closedForm, "\(table)")
        #expect(relativeError(result.pValue, table.value("prop/p")!) < Self.closedForm, "\(table)")
        let interval = try #require(result.confidenceInterval)
        #expect(relativeError(interval.lower, table.value("prop/low")!) < Self.closedForm, "\(table)")
        #expect(relativeError(interval.upper, table.value("prop/high")!) < Self.closedForm, "\(table)")
    }

    @Test func testBadCountsThrow() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants", needed: 1, got: 0)) {
            try ResponderCount(responders: 0, participants: 0)
        }
        #expect(throws: StatisticsError.self) { try ResponderCount(responders: -1, participants: 5) }
        #expect(throws: StatisticsError.self) { try ResponderCount(responders: 6, participants: 5) }
        #expect(throws: StatisticsError.self) { try ResponderCount(responders: 1, participants: -5) }
    }
}
