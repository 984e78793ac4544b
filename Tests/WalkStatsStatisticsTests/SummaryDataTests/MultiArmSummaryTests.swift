import Testing
import WalkStats

/// The summary-data analyses take any number of arms: contrasts are each arm − a reference arm, and
/// with two arms they are the single contrast A − B of before.
struct MultiArmSummaryTests {
    static func arm(_ study: String, _ arm: String, _ timepoint: String, n: Int, mean: Double, sd: Double) -> ArmSummary {
        ArmSummary(study: study, arm: arm, timepoint: timepoint, outcome: "pain_nrs", n: n, mean: mean, standardDeviation: sd)
    }

    /// A three-arm parallel trial printed at baseline and week 6.
    static let threeArms: [ArmSummary] = [
        arm("trial", "backward", "baseline", n: 20, mean: 6.1, sd: 1.4),
        arm("trial", "forward", "baseline", n: 21, mean: 6.0, sd: 1.5),
        arm("trial", "control", "baseline", n: 19, mean: 6.2, sd: 1.3),
        arm("trial", "backward", "week6", n: 20, mean: 3.2, sd: 1.6),
        arm("trial", "forward", "week6", n: 21, mean: 4.1, sd: 1.7),
        arm("trial", "control", "week6", n: 19, mean: 5.0, sd: 1.5),
    ]

    static func printed(_ comparison: String) -> PrintedResult {
        PrintedResult(study: "trial", comparison: comparison, outcome: "pain_nrs", measure: "difference", value: nil,
                      ciLow: nil, ciHigh: nil, pValue: nil, pReportedAs: "p < 0.05", kStudies: nil, model: nil, source: "test")
    }

    @Test func contrastsAgainstTheReference() {
        #expect(ArmContrast.againstReference(["a", "b", "c"], reference: "c")
            == [ArmContrast(arm: "a", reference: "c"), ArmContrast(arm: "b", reference: "c")])
        #expect(ArmContrast(arm: "a", reference: "b").description == "a − b")
    }

    /// Without a printed comparison the last arm is the reference; every other arm is contrasted with it.
    @Test func threeArmReplicationHasTwoContrastsPerTimepoint() throws {
        let replication = try StudyReplication(study: "trial", dataset: SummaryDataset(summaries: Self.threeArms),
                                               printed: [], codebook: Codebook(definitions: []))
        #expect(replication.parallel.map(\.contrast.description) == [
            "backward − control", "forward − control", "backward − control", "forward − control",
        ])
        let week6 = try #require(replication.parallel.first { $0.timepoint == "week6" })
        let welch = try welchTTest(summaryA: week6.arm.statistics, summaryB: week6.reference.statistics)
        #expect(week6.tests.first { $0.name == .welchT } == welch)
        #expect(replication.changeFromBaseline.map(\.contrast.description) == ["backward − control", "forward − control"])
    }

    /// A printed "A vs B" picks the reference, and its p-value is checked only against that contrast.
    @Test func printedComparisonChoosesTheReference() throws {
        let replication = try StudyReplication(study: "trial", dataset: SummaryDataset(summaries: Self.threeArms),
                                               printed: [Self.printed("backward vs forward")], codebook: Codebook(definitions: []))
        #expect(replication.parallel.map(\.contrast.description) == [
            "backward − forward", "control − forward", "backward − forward", "control − forward",
        ])
    }

    /// Two arms: the one contrast is first − second in file order, as before the generalisation.
    @Test func twoArmsGiveTheSingleContrast() throws {
        let two = Self.threeArms.filter { $0.arm != "control" }
        let replication = try StudyReplication(study: "trial", dataset: SummaryDataset(summaries: two), printed: [],
                                               codebook: Codebook(definitions: []))
        #expect(replication.parallel.map(\.contrast.description) == ["backward − forward", "backward − forward"])
    }

    /// A three-arm study contributes the contrast it prints; its third arm is ignored.
    @Test func metaAnalysisOfAContrastAcrossMultiArmStudies() throws {
        let other = [Self.arm("second", "backward", "week6", n: 15, mean: 3.9, sd: 1.8),
                     Self.arm("second", "control", "week6", n: 16, mean: 4.6, sd: 1.7)]
        let analysis = try SummaryMetaAnalysis(dataset: SummaryDataset(summaries: Self.threeArms + other), outcome: "pain_nrs",
                                               contrast: ArmContrast(arm: "backward", reference: "control"), measure: .md,
                                               method: .fe)
        #expect(analysis.included.map(\.effect.study) == ["trial", "second"])
        #expect(analysis.included.map { "\($0.arm.arm) − \($0.reference.arm)" } == ["backward − control", "backward − control"])
        #expect(abs(analysis.included[0].effect.yi - (3.2 - 5.0)) < 1e-12)
    }
}
