import Testing
import WalkStats

/// Lookups of a converted summary dataset (the published abstract values with a hand-made study list).
struct SummaryDatasetTests {
    private func dataset() throws -> SummaryDataset {
        let rows = try SummaryCSVImporter().importSummaries(
            atPath: SummaryDataFixture.folder.appendingPathComponent("published-arm-summaries.csv").path)
        // Only one study is described here, to exercise studiesWithoutDescription.
        let studies = [StudyDescription(id: "roos2012", citation: "Roos 2012 (abstract)", design: .withinSubject,
                                        duration: "one session")]
        return try SummaryDataset(converting: rows, studies: studies)
    }

    @Test func lookups() throws {
        let data = try dataset()
        #expect(data.studyIDs == ["chen2021", "roos2012"])
        #expect(data.studiesWithoutDescription == ["chen2021"])
        #expect(data.study("roos2012")?.design == .withinSubject)
        #expect(data.study("chen2021") == nil)
        #expect(data.summaries(study: "chen2021").count == 4)
        #expect(data.arms(study: "roos2012") == ["forward_running", "backward_running"])
        #expect(data.outcomes(study: "chen2021") == ["pain_nrs", "womac_total"])
        #expect(data.timepoints(study: "chen2021") == ["week4"])
        #expect(data.comparisonKeys.map(\.description) == [
            "chen2021 / week4 / pain_nrs", "chen2021 / week4 / womac_total",
            "roos2012 / session / pfj_compression_peak", "roos2012 / session / knee_moment_peak",
        ])
        let pain = try #require(data.summary(study: "chen2021", arm: "conventional", timepoint: "week4", outcome: "pain_nrs"))
        #expect(pain.statistics == SummaryStatistics(n: 16, mean: 2.25, standardDeviation: 0.86))
        #expect(pain.unit == "NRS 0-10")
        #expect(pain.line == 3)
        #expect(data.summary(pain.key) == pain)
        #expect(data.summary(study: "chen2021", arm: "conventional", timepoint: "week6", outcome: "pain_nrs") == nil)
        #expect(data.summaries(for: pain.key.comparison).map(\.arm) == ["backward_plus_conventional", "conventional"])
    }
}
