import Testing
import WalkStats
import WalkStatsTestSupport

/// The 2×2 crossover analysis against R 4.2.2 (`Fixtures/within-subject/generate.R`): treatment and
/// period effects against `lm(y ~ participant + period + treatment)` on the long data (coefficients
/// `treatmentA` = A − B and `period1` = period 1 − period 2, with `confint(fit, level = level)`), and the
/// carry-over test against `t.test(total ~ sequence, var.equal = TRUE, conf.level = level)`.
struct CrossoverAnalysisTests {
    @Test func fixtureHasEveryDataset() {
        for dataset in WithinSubjectFixture.crossoverDatasets {
            #expect(WithinSubjectFixture.crossover[dataset] != nil, "crossover.csv has no \(dataset)")
            #expect(WithinSubjectFixture.value(dataset, "n_AB") != nil, "expected.csv has no \(dataset)")
        }
    }

    /// Every field of the three tests against R, for each dataset and level. Relative error at most
    /// 1e-9, except where R's value is the rounding noise of an exact zero (the period effect of
    /// ties-6-6 and minimal-2-2 is exactly 0; lm prints about 6e-17): there the absolute error must be
    /// below 1e-12 standard errors (1e-12 for t). df must match exactly.
    @Test(arguments: WithinSubjectFixture.crossoverDatasets, WithinSubjectFixture.levels)
    func matchesR(dataset: String, level: String) throws {
        let data = WithinSubjectFixture.crossover[dataset]!
        let analysis = try crossoverAnalysis(sequences: data.sequences, period1: data.period1, period2: data.period2,
                                             confidenceLevel: Double(level)!)
        let sizes = [Int(WithinSubjectFixture.value(dataset, "n_AB")!), Int(WithinSubjectFixture.value(dataset, "n_BA")!)]
        for (result, name) in [(analysis.treatment, TestName.crossoverTreatment), (analysis.period, .crossoverPeriod),
                               (analysis.carryover, .crossoverCarryover)] {
            #expect(result.name == name)
            #expect(result.sampleSizes == sizes)
            #expect(result.confidenceInterval?.level == Double(level)!)
            #expect(result.adjustedPValue == nil && result.denominatorDegreesOfFreedom == nil)
            #expect(Self.failures(result, dataset: dataset, level: level) == [])
        }
    }

    /// The comparisons of one result with R's keys `<test>/<level>/<field>`; messages for the failures.
    static func failures(_ result: HypothesisTestResult, dataset: String, level: String) -> [String] {
        func reference(_ field: String) -> Double {
            WithinSubjectFixture.value(dataset, "\(result.name.rawValue)/\(level)/\(field)")!
        }
        let standardError = reference("se")
        var failures: [String] = []
        func compare(_ field: String, _ ours: Double?, unit: Double) {
            let expected = reference(field)
            guard let ours else { return failures.append("\(dataset) \(result.name.rawValue) \(field): missing") }
            let ok = abs(expected) < 1e-12 * unit ? abs(ours - expected) < 1e-12 * unit
                                                   : relativeError(ours, expected) < 1e-9
            if !ok { failures.append("\(dataset) \(result.name.rawValue) \(level) \(field): WalkStats \(ours), R \(expected)") }
        }
        compare("estimate", result.estimate, unit: standardError)
        compare("se", result.standardError, unit: standardError)
        compare("t", result.statistic, unit: 1)
        compare("p", result.pValue, unit: 1)
        compare("ci_low", result.confidenceInterval?.lower, unit: standardError)
        compare("ci_high", result.confidenceInterval?.upper, unit: standardError)
        if result.degreesOfFreedom != reference("df") {
            failures.append("\(dataset) \(result.name.rawValue) df: WalkStats \(String(describing: result.degreesOfFreedom)), R \(reference("df"))")
        }
        return failures
    }

    /// The treatment effect's t and p are those of Student's t-test of the period differences between
    /// the sequences (the estimate is half that test's).
    @Test func treatmentIsHalfTheStudentContrast() throws {
        let data = WithinSubjectFixture.crossover["unequal-7-5"]!
        let analysis = try crossoverAnalysis(sequences: data.sequences, period1: data.period1, period2: data.period2)
        let differences = zip(data.period1, data.period2).map { $0 - $1 }
        let ab = zip(data.sequences, differences).filter { $0.0 == .ab }.map(\.1)
        let ba = zip(data.sequences, differences).filter { $0.0 == .ba }.map(\.1)
        let student = try studentTTest(ab, ba)
        #expect(analysis.treatment.statistic == student.statistic)
        #expect(analysis.treatment.pValue == student.pValue)
        #expect(analysis.treatment.estimate == student.estimate.map { $0 / 2 })
        #expect(analysis.treatment.standardError == analysis.period.standardError)
    }

    /// Relabelling A and B (swapping the sequences) negates the treatment effect and leaves the period
    /// effect alone.
    @Test func swappingSequencesNegatesTreatment() throws {
        let data = WithinSubjectFixture.crossover["unequal-7-5"]!
        let swapped = data.sequences.map { $0 == .ab ? CrossoverSequence.ba : .ab }
        let original = try crossoverAnalysis(sequences: data.sequences, period1: data.period1, period2: data.period2)
        let relabelled = try crossoverAnalysis(sequences: swapped, period1: data.period1, period2: data.period2)
        #expect(relativeError(relabelled.treatment.estimate!, -original.treatment.estimate!) < 1e-14)
        #expect(relativeError(relabelled.period.estimate!, original.period.estimate!) < 1e-12)
        #expect(relativeError(relabelled.carryover.statistic, -original.carryover.statistic) < 1e-12)
    }

    @Test func mismatchedLengthsThrow() {
        #expect(throws: StatisticsError.invalidRequest(
            "sequences, period 1 and period 2 values must have equal lengths, got 4, 4 and 3")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [1, 2, 3, 4], period2: [1, 2, 3])
        }
        #expect(throws: StatisticsError.invalidRequest(
            "sequences, period 1 and period 2 values must have equal lengths, got 3, 4 and 4")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba], period1: [1, 2, 3, 4], period2: [1, 2, 3, 4])
        }
    }

    @Test func tooFewParticipantsInASequenceThrow() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in sequence BA", needed: 2, got: 1)) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ab, .ba], period1: [1, 2, 3, 4], period2: [2, 2, 1, 3])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in sequence AB", needed: 2, got: 0)) {
            try crossoverAnalysis(sequences: [.ba, .ba], period1: [1, 2], period2: [2, 2])
        }
        #expect(throws: StatisticsError.insufficientObservations(what: "participants in sequence AB", needed: 2, got: 0)) {
            try crossoverAnalysis(sequences: [], period1: [], period2: [])
        }
    }

    @Test func zeroVarianceThrows() {
        // period differences 1, 1 in AB and −1, −1 in BA: no within-sequence variation
        #expect(throws: StatisticsError.zeroVariance(
            what: "the period differences (period 1 − period 2) within both sequences")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [3, 5, 2, 4], period2: [2, 4, 3, 5])
        }
        // differences vary, totals 10, 10 and 8, 8 do not
        #expect(throws: StatisticsError.zeroVariance(
            what: "the participant totals (period 1 + period 2) within both sequences")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [6, 7, 3, 5], period2: [4, 3, 5, 3])
        }
    }

    @Test func nonFiniteAndLevelThrow() {
        #expect(throws: StatisticsError.nonFiniteInput(what: "the period 2 values")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [1, 2, 3, 4], period2: [1, .infinity, 3, 4])
        }
        #expect(throws: StatisticsError.invalidConfidenceLevel(0)) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [1, 2, 3, 4], period2: [2, 1, 3, 5],
                                  confidenceLevel: 0)
        }
        #expect(throws: StatisticsError.invalidRequest("the period differences or totals overflow a double; rescale the values")) {
            try crossoverAnalysis(sequences: [.ab, .ab, .ba, .ba], period1: [1e308, 2, 3, 4], period2: [-1e308, 1, 3, 5])
        }
    }
}
