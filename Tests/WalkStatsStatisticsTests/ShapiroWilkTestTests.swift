import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// The fixture folder shared by the Shapiro–Wilk, Levene and p-value adjustment tests:
/// `Fixtures/assumptions/generate.R` draws the inputs (fixed seeds), writes them with `%.17g`, and
/// records R 4.2.2's `shapiro.test`, `car::leveneTest` and `p.adjust` results in `expected.csv`.
enum AssumptionsFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("assumptions")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// Reads an input CSV whose first column is the dataset and last column a value; returns, per dataset,
    /// the rows as (middle columns, value) in file order.
    static func rows(_ file: String) throws -> [String: [(keys: [String], value: Double)]] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var result: [String: [(keys: [String], value: Double)]] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count >= 2, let value = Double(fields[fields.count - 1]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(file): bad line \(line)"])
            }
            result[fields[0], default: []].append((Array(fields[1..<(fields.count - 1)]), value))
        }
        return result
    }

    /// Datasets of `expected.csv` whose name starts with `prefix`.
    static func datasets(prefix: String) -> [String] {
        reference.values.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}

/// `shapiroWilkTest` against R 4.2.2's `shapiro.test(x)` on samples of n = 3 … 5000 from normal, skewed,
/// uniform, tied and rounded distributions, plus hand-made and R-dataset samples.
struct ShapiroWilkTestTests {
    static let inputs = try! AssumptionsFixture.rows("shapiro-wilk-input.csv").mapValues { $0.map(\.value) }
    static let datasets = AssumptionsFixture.datasets(prefix: "sw-")

    @Test func fixtureCoversTheSizesAndRecordsRVersion() {
        #expect(AssumptionsFixture.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(Set(Self.inputs.keys) == Set(Self.datasets))
        let sizes = Set(Self.inputs.values.map(\.count))
        #expect(sizes.isSuperset(of: [3, 4, 5, 6, 7, 11, 12, 20, 50, 200, 1000, 5000]))
    }

    /// R: shapiro.test(x) for each dataset of shapiro-wilk-input.csv; W and the p-value within 1e-6 relative.
    @Test(arguments: datasets)
    func matchesR(dataset: String) throws {
        let x = try #require(Self.inputs[dataset])
        let expected = try #require(AssumptionsFixture.reference.values[dataset])
        let result = try shapiroWilkTest(x)
        #expect(result.name == .shapiroWilk)
        #expect(result.method == "Shapiro-Wilk normality test")
        #expect(result.sampleSizes == [Int(expected["n"]!)])
        #expect(result.degreesOfFreedom == nil && result.estimate == nil && result.confidenceInterval == nil)
        let w = try #require(expected["statistic"])
        let p = try #require(expected["p_value"])
        #expect(relativeError(result.statistic, w) < 1e-6, "\(dataset) W: WalkStats \(result.statistic), R \(w)")
        #expect(relativeError(result.pValue, p) < 1e-6, "\(dataset) p: WalkStats \(result.pValue), R \(p)")
    }

    /// W does not depend on the order of the input, nor on its location and scale.
    @Test func invariantToOrderLocationAndScale() throws {
        let x = try #require(Self.inputs["sw-skewed-50"])
        let base = try shapiroWilkTest(x)
        let shuffled = try shapiroWilkTest(x.reversed())
        let transformed = try shapiroWilkTest(x.map { 1000 + 3.5 * $0 })
        #expect(shuffled.statistic == base.statistic)
        #expect(relativeError(transformed.statistic, base.statistic) < 1e-12)
        #expect(relativeError(transformed.pValue, base.pValue) < 1e-9)
    }

    /// R: shapiro.test(c(1, 2)) and shapiro.test(numeric(5001)) stop with "sample size must be between 3 and 5000".
    @Test func sampleSizeMustBeBetween3And5000() {
        #expect(throws: StatisticsError.insufficientObservations(what: "values for the Shapiro-Wilk test", needed: 3, got: 2)) {
            try shapiroWilkTest([1, 2])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values for the Shapiro-Wilk test", needed: 3, got: 0)) {
            try shapiroWilkTest([])
        }
        let tooMany = (0..<5001).map { Double($0 % 97) }
        #expect(throws: StatisticsError.invalidRequest(
            "the Shapiro-Wilk test needs a sample size between 3 and 5000 (as R's shapiro.test), got 5001")) {
            try shapiroWilkTest(tooMany)
        }
        #expect(throws: Never.self) { try shapiroWilkTest(Array(tooMany.prefix(5000))) }
    }

    /// R: shapiro.test(c(2, 2, 2)) stops with "all 'x' values are identical".
    @Test func identicalValuesAreRefused() {
        #expect(throws: StatisticsError.zeroVariance(what: "the values (all identical)")) {
            try shapiroWilkTest([2, 2, 2, 2])
        }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValuesAreRefused(bad: Double) {
        #expect(throws: StatisticsError.nonFiniteInput(what: "the values")) { try shapiroWilkTest([1, 2, bad, 4]) }
    }

    /// Values near the largest Double: the range overflows, yet W is still computed (scale invariance).
    @Test func hugeValuesDoNotOverflow() throws {
        let x = try #require(Self.inputs["sw-normal-20"])
        let base = try shapiroWilkTest(x)
        let (low, high) = (x.min()!, x.max()!)
        let spread = x.map { ($0 - (low + high) / 2) / ((high - low) / 2) * 1.5e308 } // range 3e308 > Double.max
        #expect(!(spread.max()! - spread.min()!).isFinite && spread.allSatisfy(\.isFinite))
        let huge = try shapiroWilkTest(spread)
        #expect(huge.statistic.isFinite && relativeError(huge.statistic, base.statistic) < 1e-12)
        #expect(relativeError(huge.pValue, base.pValue) < 1e-9)
    }
}
