import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// `adjustPValues` against R 4.2.2's `p.adjust(p, method)` for every method.
struct PValueAdjustmentTests {
    static let inputs = try! AssumptionsFixture.rows("p-adjust-input.csv").mapValues { $0.map(\.value) }
    static let datasets = AssumptionsFixture.datasets(prefix: "padj-")

    @Test func fixtureHasEveryDataset() {
        #expect(Set(Self.inputs.keys) == Set(Self.datasets))
    }

    /// R: p.adjust(p, method = m) for m in holm, bonferroni, hochberg, BH, none.
    @Test(arguments: datasets, PValueAdjustment.allCases)
    func matchesR(dataset: String, method: PValueAdjustment) throws {
        let p = try #require(Self.inputs[dataset])
        let expected = try #require(AssumptionsFixture.reference.values[dataset])
        #expect(p.count == Int(expected["n"]!))
        let adjusted = try adjustPValues(p, method: method)
        #expect(adjusted.count == p.count)
        for (i, value) in adjusted.enumerated() {
            let reference = try #require(expected["\(method.rawValue)/\(i + 1)"])
            #expect(relativeError(value, reference) < 1e-12, "\(dataset) \(method) [\(i + 1)]: WalkStats \(value), R \(reference)")
        }
    }

    @Test func namesMatchRAndTheCommandLine() {
        #expect(PValueAdjustment.allCases.map(\.rawValue) == ["holm", "bonferroni", "hochberg", "bh", "none"])
        #expect(PValueAdjustment.allCases.map(\.rMethodName) == ["holm", "bonferroni", "hochberg", "BH", "none"])
        #expect(PValueAdjustment(rawValue: "bh") == .bh)
        #expect(PValueAdjustment(rawValue: "BH") == nil)
        #expect(PValueAdjustment.holm.reportDescription == "Holm (1979) step-down")
        #expect(Set(PValueAdjustment.allCases.map(\.reportDescription)).count == PValueAdjustment.allCases.count)
    }

    /// R: p.adjust(numeric(0), m) is numeric(0); a single p-value is returned unchanged (n = 1).
    @Test(arguments: PValueAdjustment.allCases)
    func emptyAndSingleFamiliesAreUnchanged(method: PValueAdjustment) throws {
        #expect(try adjustPValues([], method: method) == [])
        #expect(try adjustPValues([0.2], method: method) == [0.2])
    }

    /// R passes NA through p.adjust; WalkStats refuses it, and refuses values outside [0, 1].
    @Test func invalidPValuesAreRefused() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "the p-values (p-value 2 is NaN)")) {
            try adjustPValues([0.1, .nan], method: .holm)
        }
        #expect(throws: StatisticsError.invalidRequest("p-values must lie in [0, 1], but p-value 3 is 1.5")) {
            try adjustPValues([0.1, 0.2, 1.5], method: .bh)
        }
        #expect(throws: StatisticsError.invalidRequest("p-values must lie in [0, 1], but p-value 1 is -0.01")) {
            try adjustPValues([-0.01], method: .none)
        }
    }
}
