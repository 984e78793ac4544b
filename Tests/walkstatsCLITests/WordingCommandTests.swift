import Foundation
import Testing
import WalkStatsTestSupport

/// Wording generated from what was analysed, never from the default case: each defect a reader found,
/// run through the command line.
struct WordingCommandTests {
    static let root = WalkstatsCommandTests.root
    static let sample = "datasets/sample/retro-walking-trial.csv"

    func run(_ arguments: [String]) throws -> CommandResult { try runWalkstats(arguments, in: Self.root) }

    func scratch(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-wording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name)
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// `--from week3` adjusts for week3 and says so.
    @Test func theAncovaNamesTheTimepointItAdjustsFor() throws {
        let text = try run(["compare", Self.sample, "--outcome", "pain_nrs", "--from", "week3"]).standardOutput
        #expect(text.contains("| ANCOVA, adjusted for week3 |"))
        #expect(!text.contains("adjusted for baseline"))
    }

    /// A change runs forwards in time: a reversed pair is refused (exit 1), naming the order.
    @Test func aReversedChangeIsRefused() throws {
        let result = try run(["compare", Self.sample, "--outcome", "pain_nrs", "--from", "week6", "--to", "baseline"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("--from 'week6' comes after --to 'baseline' in the timepoint order (baseline, week3, week6)"))
        #expect(result.standardOutput.isEmpty)
    }

    /// The within-arm reading names the arms analysed, not "backward walking beats forward walking".
    @Test func theWithinArmReadingNamesTheArms() throws {
        let two = try run(["compare", Self.sample, "--outcome", "pain_nrs"]).standardOutput
        #expect(two.contains("says nothing about whether backward works better than forward"))
        let path = try scratch("control.csv", """
            participant,arm,timepoint,outcome,value
            1,backward,pre,pain,5
            1,backward,post,pain,3
            2,backward,pre,pain,6
            2,backward,post,pain,4
            3,control,pre,pain,6
            3,control,post,pain,6
            4,control,pre,pain,5
            4,control,post,pain,4

            """)
        let control = try run(["compare", path, "--outcome", "pain"]).standardOutput
        #expect(control.contains("whether backward works better than control"))
        #expect(!control.contains("forward walking"))
    }

    /// One participant per arm: no "0%" interval, each interval that cannot be computed is listed with its
    /// reason, "1 non-zero difference" in the singular, and the missing primary analysis said first.
    @Test func tinyArmsSayWhatCannotBeComputed() throws {
        let path = try scratch("one.csv", "participant,arm,timepoint,outcome,value\n1,a,pre,pain,5\n1,a,post,pain,3\n2,b,pre,pain,6\n2,b,post,pain,6\n")
        let text = try run(["compare", path, "--outcome", "pain"]).standardOutput
        #expect(!text.contains("0% CI") && !text.contains("achieved 0%"))
        #expect(text.contains("- wilcoxon_signed_rank interval (a) not computed: with only 1 value no exact interval reaches any confidence level"))
        #expect(text.contains("- mann_whitney interval (a vs b) not computed:"))
        #expect(text.contains("needs at least 1 non-zero difference, found 0"))
        let lines = text.split(separator: "\n")
        #expect(lines.prefix(4).contains { $0.hasPrefix("**The primary between-arm analysis, ANCOVA of post adjusted for pre, could not be computed: needs at least 2 participants in arm a, found 1.") })
    }

    /// When no between-arm test can be computed, the first lines say so (not an empty table).
    @Test func noBetweenArmTestIsSaidFirst() throws {
        let path = try scratch("none.csv", "participant,arm,timepoint,outcome,value\n1,a,pre,pain,5\n1,a,post,pain,3\n2,a,pre,pain,6\n2,a,post,pain,4\n3,b,pre,pain,6\n3,b,post,pain,NA\n")
        let text = try run(["compare", path, "--outcome", "pain"]).standardOutput
        let lines = text.split(separator: "\n")
        #expect(lines.prefix(4).contains { $0.hasPrefix("**No between-arm test could be computed, so this comparison says nothing about a difference between a, b") })
        #expect(!text.contains("### Between arms"))
    }

    /// The replication names the outcome of each direction sentence, and never prints the same one twice.
    @Test func replicationDirectionSentencesNameTheirOutcomes() throws {
        let text = try run(["replicate", "datasets/published/arm-summaries.csv", "--study", "chen2021"]).standardOutput
        let sentences = text.split(separator: "\n").filter { $0.contains(" is better: ") }
        #expect(sentences.count >= 2)
        #expect(Set(sentences).count == sentences.count)
        #expect(sentences.contains { $0.hasPrefix("Knee pain, numeric rating scale 0-10: lower is better: a negative difference favours backward_plus_conventional over conventional") })
        #expect(!text.contains("a negative change is an improvement"))
    }

    /// A difference of printed summaries reads the same in the replication and in the evidence summary
    /// (it was −0.690 in one and −0.69 in the other).
    @Test func theSameDifferenceIsPrintedTheSameEverywhere() throws {
        let replication = try run(["replicate", "datasets/published/arm-summaries.csv", "--study", "chen2021"]).standardOutput
        let evidence = try run(["evidence", "datasets/published/arm-summaries.csv"]).standardOutput
        #expect(replication.contains("| backward_plus_conventional − conventional | 16 + 16 | -0.69 |"))
        #expect(evidence.contains("(n = 16): difference -0.69 [-1.24, -0.14]"))
        #expect(!replication.contains("-0.690") && !evidence.contains("-0.690"))
    }
}
