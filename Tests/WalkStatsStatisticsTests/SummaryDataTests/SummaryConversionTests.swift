import Testing
import WalkStats
import WalkStatsTestSupport

/// SD and mean conversions (Cochrane Handbook 6.5.2.2 with t; Wan et al. 2014; Luo et al. 2018)
/// against the formulas evaluated in R 4.2.2 (`Fixtures/summary-data/generate.R`, datasets
/// `conversions` and `conversion-constants`), through the summary importer and
/// `SummaryDataset(converting:)`.
struct SummaryConversionTests {
    static let sizes = [2, 3, 5, 10, 16, 20, 50, 100, 400, 1000]

    /// R: 2 * qnorm((n - 0.375) / (n + 0.25)), 2 * qnorm((0.75 * n - 0.125) / (n + 0.25)),
    /// 4 / (4 + n^0.75), 0.7 + 0.39 / n.
    @Test(arguments: sizes)
    func constantsMatchR(n: Int) throws {
        let constants: [(String, Double)] = [
            ("wan_range_divisor", try SummaryConversion.wan2014RangeDivisor(n: n)),
            ("wan_iqr_divisor", try SummaryConversion.wan2014InterquartileRangeDivisor(n: n)),
            ("luo_range_weight", try SummaryConversion.luo2018Weight(n: n, scenario: .range)),
            ("luo_iqr_weight", try SummaryConversion.luo2018Weight(n: n, scenario: .interquartileRange)),
        ]
        for (name, actual) in constants {
            let expected = try #require(SummaryDataFixture.value("conversion-constants", "\(name)/\(n)"))
            #expect(relativeError(actual, expected) < 1e-12, "\(name) n = \(n): WalkStats \(actual), R \(expected)")
        }
        // The CI conversion uses qt(0.975, n - 1): an interval of width 2 · t gives SD = √n.
        let t = try #require(SummaryDataFixture.value("conversion-constants", "t_975/\(n)"))
        let sd = try SummaryConversion.standardDeviation(confidenceIntervalLower: 0, upper: 2 * t, n: n)
        #expect(relativeError(sd, Double(n).squareRoot()) < 1e-12)
    }

    /// Every row of conversions.csv: the SD (and the mean, estimated or printed) as R computes them.
    @Test func convertedRowsMatchR() throws {
        let dataset = try SummaryDataFixture.dataset("conversions.csv")
        #expect(dataset.summaries.count == 11)
        for summary in dataset.summaries {
            let base = "\(summary.study)/\(summary.arm)/\(summary.timepoint)/\(summary.outcome)"
            let sd = try #require(SummaryDataFixture.value("conversions", "\(base)/sd"))
            let mean = try #require(SummaryDataFixture.value("conversions", "\(base)/mean"))
            #expect(relativeError(summary.standardDeviation, sd) < 1e-12, "\(base) sd: WalkStats \(summary.standardDeviation), R \(sd)")
            #expect(relativeError(summary.mean, mean) < 1e-12, "\(base) mean: WalkStats \(summary.mean), R \(mean)")
        }
    }

    /// Each conversion is flagged with its method; printed values stay flagged as reported.
    @Test func everyConvertedValueIsFlagged() throws {
        let dataset = try SummaryDataFixture.dataset("conversions.csv")
        func flags(_ study: String, _ arm: String) -> (SummaryValueProvenance, SummaryValueProvenance)? {
            dataset.summary(study: study, arm: arm, timepoint: "post", outcome: "score")
                .map { ($0.meanProvenance, $0.standardDeviationProvenance) }
        }
        #expect(flags("conv-se", "a")! == (.reported, .fromStandardError))
        #expect(flags("conv-ci", "b")! == (.reported, .fromConfidenceInterval(level: 0.95)))
        #expect(flags("conv-iqr", "a")! == (.estimatedLuo2018(.interquartileRange), .estimatedWan2014(.interquartileRange)))
        // A median row that printed a mean keeps it.
        #expect(flags("conv-iqr", "b")! == (.reported, .estimatedWan2014(.interquartileRange)))
        #expect(flags("conv-range", "c")! == (.estimatedLuo2018(.range), .estimatedWan2014(.range)))
        #expect(dataset.convertedSummaries.count == 11)
        #expect(dataset.summaries.allSatisfy { $0.reported != nil && $0.line != nil })

        let published = try SummaryDataFixture.dataset("published-arm-summaries.csv")
        #expect(published.summaries.allSatisfy { $0.isFullyReported })
        #expect(published.convertedSummaries.isEmpty)
    }

    @Test func provenanceDescriptions() {
        #expect(SummaryValueProvenance.fromConfidenceInterval(level: 0.95).description == "from 95% CI of the mean (t quantile)")
        #expect(SummaryValueProvenance.estimatedWan2014(.range).description == "estimated (Wan 2014, median/range)")
        #expect(SummaryValueProvenance.estimatedLuo2018(.interquartileRange).description == "estimated (Luo 2018, median/IQR)")
        #expect(SummaryValueProvenance.imputedFromCorrelation(0.5).description == "imputed change SD (ρ = 0.5)")
    }

    /// SE → SD is SE · √n exactly: 0.25 · 4 = 1 for n = 16.
    @Test func standardErrorTimesRootN() throws {
        #expect(try SummaryConversion.standardDeviation(standardError: 0.25, n: 16) == 1)
    }

    @Test func invalidInputThrows() {
        #expect(throws: StatisticsError.insufficientObservations(what: "participants", needed: 2, got: 1)) {
            try SummaryConversion.wan2014RangeDivisor(n: 1)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryConversion.standardDeviation(confidenceIntervalLower: 2, upper: 1, n: 10)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryConversion.luo2018Mean(median: 9, lower: 1, upper: 5, n: 10, scenario: .interquartileRange)
        }
        #expect(throws: StatisticsError.self) { try SummaryConversion.standardDeviation(standardError: -1, n: 10) }
        // A hand-built row with a problem names the row and its line.
        let row = ReportedSummary(study: "s", arm: "a", timepoint: "t", outcome: "o", n: 10, mean: nil,
                                  spread: .standardDeviation(1), line: 7)
        #expect(throws: StatisticsError.invalidRequest(
            "s / a / t / o (line 7): expected a mean in column 'mean' (the SD comes from 'sd', so the mean must be printed; only median rows may leave it empty)")) {
            try armSummary(converting: row)
        }
    }
}
