import Testing
import WalkStats
import WalkStatsTestSupport

/// Cohen's d (pooled SD) and d_z (paired) against R 4.2.2 with effectsize 0.8.3
/// (`Fixtures/effect-sizes/generate.R`): `effectsize::cohens_d(x, y, ci = level)` and
/// `effectsize::cohens_d(x, y, paired = TRUE, ci = level)`; bounds also against the exact
/// noncentral-t roots from `uniroot(..., tol = 1e-13)`. See `EffectSizeFixture.check` for the tolerances.
struct CohensDTests {
    @Test func fixtureRecordsVersions() {
        let provenance = EffectSizeFixture.reference.provenance
        #expect(provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(provenance.contains { $0.contains("effectsize 0.8.3") })
        for dataset in EffectSizeFixture.datasets {
            #expect(EffectSizeFixture.samples[dataset] != nil, "samples.csv has no \(dataset)")
            #expect(EffectSizeFixture.reference.values[dataset] != nil, "expected.csv has no \(dataset)")
        }
    }

    /// R: effectsize::cohens_d(x, y, ci = level) for every dataset of samples.csv, levels 0.95 and 0.90.
    @Test(arguments: EffectSizeFixture.datasets, EffectSizeFixture.levels)
    func pooledMatchesR(dataset: String, level: String) throws {
        let sample = EffectSizeFixture.samples[dataset]!
        let effect = try cohensD(sample["x"]!, sample["y"]!, confidenceLevel: Double(level)!)
        #expect(effect.name == .cohensD)
        #expect(effect.sampleSizes == [sample["x"]!.count, sample["y"]!.count])
        #expect(Double(effect.sampleSizes[0]) == EffectSizeFixture.reference.values[dataset]!["n_x"])
        #expect(Double(effect.sampleSizes[1]) == EffectSizeFixture.reference.values[dataset]!["n_y"])
        let (failures, _) = try EffectSizeFixture.check(effect, dataset: dataset, measure: "cohens_d", level: level)
        #expect(failures == [])
    }

    /// R: effectsize::cohens_d(x, y, paired = TRUE, ci = level) = d_z of x − y, for the datasets with
    /// equal sample sizes (R writes no cohens_dz keys for unequal-7-12).
    @Test(arguments: EffectSizeFixture.datasets, EffectSizeFixture.levels)
    func pairedMatchesR(dataset: String, level: String) throws {
        let sample = EffectSizeFixture.samples[dataset]!
        let hasPaired = EffectSizeFixture.value(dataset, "cohens_dz", level, "value") != nil
        #expect(hasPaired == (sample["x"]!.count == sample["y"]!.count))
        guard hasPaired else {
            #expect(throws: StatisticsError.self) { try cohensDz(to: sample["x"]!, from: sample["y"]!) }
            return
        }
        let effect = try cohensDz(to: sample["x"]!, from: sample["y"]!, confidenceLevel: Double(level)!)
        #expect(effect.name == .cohensDz)
        #expect(effect.sampleSizes == [sample["x"]!.count])
        let (failures, _) = try EffectSizeFixture.check(effect, dataset: dataset, measure: "cohens_dz", level: level)
        #expect(failures == [])
    }

    /// The far tail: |d| > 3 puts t deep in the noncentral t's tail (t ≈ 17 on 10 df, 18 on 5 df).
    @Test func largeEffectIsInTheFarTail() throws {
        let sample = EffectSizeFixture.samples["large-effect"]!
        let d = try cohensD(sample["x"]!, sample["y"]!)
        #expect(d.value > 3 && d.confidenceInterval!.lower > 3)
        #expect(EffectSizeFixture.value("large-effect", "cohens_d", "0.95", "t")! > 15)
        let dz = try cohensDz(to: sample["x"]!, from: sample["y"]!)
        #expect(dz.value > 3 && dz.confidenceInterval!.lower > 2)  // R: 7.48 [2.96, …]
    }

    /// d changes sign with the order of the samples and the interval mirrors (the noncentral t's
    /// reflection symmetry); effectsize's optim-based bounds do not mirror exactly, the exact roots do.
    @Test func swappingSamplesMirrorsTheInterval() throws {
        let sample = EffectSizeFixture.samples["unequal-7-12"]!
        let forward = try cohensD(sample["x"]!, sample["y"]!)
        let backward = try cohensD(sample["y"]!, sample["x"]!)
        #expect(relativeError(backward.value, -forward.value) < 1e-14)
        #expect(relativeError(backward.confidenceInterval!.lower, -forward.confidenceInterval!.upper) < 1e-10)
        #expect(relativeError(backward.confidenceInterval!.upper, -forward.confidenceInterval!.lower) < 1e-10)
        #expect(backward.sampleSizes == [12, 7])
    }

    @Test func tooFewValuesThrow() {
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the first sample", needed: 2, got: 1)) {
            try cohensD([1], [2, 3, 4])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "values in the second sample", needed: 2, got: 0)) {
            try cohensD([1, 2], [])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 1)) {
            try cohensDz(to: [2], from: [1])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 0)) {
            try cohensDz(to: [], from: [])
        }
    }

    @Test func zeroStandardDeviationThrows() {
        #expect(throws: StatisticsError.zeroVariance(what: "both samples")) { try cohensD([3, 3, 3], [5, 5]) }
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences")) {
            try cohensDz(to: [2, 3, 4], from: [1, 2, 3])
        }
        #expect(throws: StatisticsError.zeroVariance(what: "the paired differences")) {
            try cohensDz(to: [1, 2, 3], from: [1, 2, 3])
        }
    }

    @Test func nonFiniteInputThrows() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "the first sample")) { try cohensD([1, .nan, 3], [1, 2]) }
        #expect(throws: StatisticsError.nonFiniteInput(what: "the second sample")) { try cohensD([1, 2, 3], [1, -.infinity]) }
        #expect(throws: StatisticsError.nonFiniteInput(what: "paired values")) {
            try cohensDz(to: [1, .infinity, 3], from: [1, 2, 2])
        }
    }

    /// R 4.2.2: sd(c(1e300, 1.1e300)) is Inf and effectsize::cohens_d(c(1e300, 1.1e300), c(-1e300, -1.2e300))
    /// prints 0.00 [-1.96, 1.96]; WalkStats refuses instead of returning that.
    @Test func overflowingStandardDeviationThrows() {
        #expect(throws: StatisticsError.invalidRequest(
            "the mean difference or standard deviation of the samples overflows a double; rescale the values")) {
            try cohensD([1e300, 1.1e300], [-1e300, -1.2e300])
        }
        #expect(throws: StatisticsError.self) { try hedgesG([1e300, 1.1e300], [-1e300, -1.2e300]) }
        #expect(throws: StatisticsError.invalidRequest(
            "the mean difference or standard deviation of the paired differences overflows a double; rescale the values")) {
            try cohensDz(to: [1e308, -1e308, 0], from: [0, 0, 0])
        }
    }

    @Test func unequalPairedLengthsThrow() {
        #expect(throws: StatisticsError.invalidRequest("paired values must have equal lengths, got 3 and 2")) {
            try cohensDz(to: [1, 2, 3], from: [1, 2])
        }
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.5, Double.nan])
    func confidenceLevelMustBeInsideZeroAndOne(level: Double) {
        #expect(throws: StatisticsError.self) { try cohensD([1, 2, 3], [2, 3, 5], confidenceLevel: level) }
        #expect(throws: StatisticsError.self) { try cohensDz(to: [1, 2, 4], from: [2, 3, 5], confidenceLevel: level) }
    }

    @Test func errorMessagesAreReadable() {
        #expect(StatisticsError.zeroVariance(what: "both samples").description
                == "both samples are constant (zero variance), so the test statistic is undefined")
        #expect(StatisticsError.insufficientObservations(what: "pairs", needed: 2, got: 1).description == "needs at least 2 pairs, found 1")
    }
}
