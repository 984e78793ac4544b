import Testing
import WalkStats
import WalkStatsTestSupport

/// Hedges' g against R 4.2.2 with effectsize 0.8.3 (`Fixtures/effect-sizes/generate.R`):
/// `effectsize::hedges_g(x, y, ci = level)`, bounds also against J × the exact noncentral-t roots.
struct HedgesGTests {
    /// R: effectsize::hedges_g(x, y, ci = level) for every dataset of samples.csv, levels 0.95 and 0.90.
    @Test(arguments: EffectSizeFixture.datasets, EffectSizeFixture.levels)
    func matchesR(dataset: String, level: String) throws {
        let sample = EffectSizeFixture.samples[dataset]!
        let effect = try hedgesG(sample["x"]!, sample["y"]!, confidenceLevel: Double(level)!)
        #expect(effect.name == .hedgesG)
        #expect(effect.sampleSizes == [sample["x"]!.count, sample["y"]!.count])
        let (failures, _) = try EffectSizeFixture.check(effect, dataset: dataset, measure: "hedges_g", level: level)
        #expect(failures == [])
    }

    /// g / d is J(df) = exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2)), as effectsize computes it.
    @Test(arguments: EffectSizeFixture.datasets)
    func correctionIsTheExactGammaForm(dataset: String) throws {
        let sample = EffectSizeFixture.samples[dataset]!
        let d = try cohensD(sample["x"]!, sample["y"]!)
        let g = try hedgesG(sample["x"]!, sample["y"]!)
        let expected = EffectSizeFixture.value(dataset, "hedges_g", "0.95", "J")!
        #expect(relativeError(g.value / d.value, expected) < 1e-13)
        #expect(relativeError(g.confidenceInterval!.lower / d.confidenceInterval!.lower, expected) < 1e-13)
        #expect(relativeError(g.confidenceInterval!.upper / d.confidenceInterval!.upper, expected) < 1e-13)
    }

    /// Two values per sample: df = 2, J = Γ(1) / (1 · Γ(1/2)) = 1/√π (R: 1/sqrt(pi) = 0.56418958354775628).
    @Test func twoPerGroupUsesJOfTwo() throws {
        let d = try cohensD([4, 6], [1, 2])
        let g = try hedgesG([4, 6], [1, 2])
        #expect(relativeError(g.value / d.value, 0.56418958354775628) < 1e-14)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the second sample", needed: 2, got: 1)) {
            try hedgesG([1, 2, 3], [4])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "both samples")) { try hedgesG([1, 1], [2, 2, 2]) }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the first sample")) { try hedgesG([.nan, 1], [2, 3]) }
        #expect(throws: StatisticsError.invalidConfidenceLevel(1)) { try hedgesG([1, 2], [2, 4], confidenceLevel: 1) }
    }
}
