import Testing
import WalkStats

/// Simulated samples must print as the published summaries: mean and SD rounded to the printed decimals.
struct MomentMatchedSampleTests {
    func normals(_ n: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<n).map { _ in generator.nextNormal() }
    }

    func rounded(_ x: Double, _ decimals: Int) -> Double {
        let unit = [1.0, 10, 100, 1000][decimals]
        return (x * unit).rounded() / unit
    }

    /// Chen 2021's printed pain at week 4: 16 integer NRS scores, mean 1.56, SD 0.63 (GRIM/GRIMMER-consistent).
    @Test(arguments: [(1.56, 0.63), (2.25, 0.86)])
    func integerScoresReproduceChen2021(summary: (Double, Double)) throws {
        let values = try momentMatchedSample(mean: summary.0, standardDeviation: summary.1, printedDecimals: 2,
                                             scale: ScaleConstraints(range: 0...10, integerScores: true),
                                             normals: normals(16, seed: 7))
        #expect(values.count == 16)
        #expect(values.allSatisfy { $0 == $0.rounded() && (0...10).contains($0) })
        #expect(rounded(try SampleStatistics.mean(values), 2) == summary.0)
        #expect(rounded(try SampleStatistics.standardDeviation(values), 2) == summary.1)
    }

    @Test func continuousValuesMatchToFarBelowThePrintedPrecision() throws {
        let values = try momentMatchedSample(mean: 4.5, standardDeviation: 1.5, printedDecimals: 1,
                                             scale: ScaleConstraints(range: 0...Double.greatestFiniteMagnitude, integerScores: false),
                                             normals: normals(20, seed: 3))
        #expect(abs(try SampleStatistics.mean(values) - 4.5) < 1e-3)
        #expect(abs(try SampleStatistics.standardDeviation(values) - 1.5) < 1e-3)
    }

    /// GRIM: no 16 whole numbers have a mean that rounds to 1.57 (25/16 = 1.5625, 26/16 = 1.625).
    @Test func grimInconsistentMeansAreRefused() {
        #expect(throws: StatisticsError.self) {
            try momentMatchedSample(mean: 1.57, standardDeviation: 0.63, printedDecimals: 2,
                                    scale: ScaleConstraints(range: 0...10, integerScores: true), normals: normals(16, seed: 1))
        }
    }

    @Test func valuesOutsideTheRangeAreRefusedNotClamped() {
        #expect(throws: StatisticsError.self) {
            try momentMatchedSample(mean: 0.1, standardDeviation: 1, printedDecimals: 1,
                                    scale: ScaleConstraints(range: 0...Double.greatestFiniteMagnitude, integerScores: false),
                                    normals: normals(30, seed: 2))
        }
    }

    @Test func theGeneratorIsReproducible() {
        #expect(normals(5, seed: 42) == normals(5, seed: 42))
        #expect(normals(5, seed: 42) != normals(5, seed: 43))
    }
}
