import Foundation
import Testing
import WalkStats

/// A report words the design it analysed: conditions measured in the same people are never "randomised",
/// "over time", a "change" or an "arm" comparison, and a parallel trial keeps its own words.
struct DesignWordingTests {
    /// Two conditions a, b measured in the same five participants of one group.
    static let trial: Trial = {
        let values: [(String, Double, Double)] = [("1", 5, 4), ("2", 6, 6), ("3", 7, 5), ("4", 4, 3), ("5", 6, 2)]
        let participants = values.map { id, a, b in
            Participant(id: id, arm: "group", observations: [
                ObservationKey(outcome: "pain", timepoint: "a"): Observation(value: a),
                ObservationKey(outcome: "pain", timepoint: "b"): Observation(value: b),
            ])
        }
        return Trial(source: "inline.csv", arms: [Arm(name: "group", participants: participants)], timepoints: ["a", "b"],
                     outcomes: ["pain"])
    }()

    static func markdown(_ design: DatasetMetadata.Design) throws -> (text: String, figures: [FigureFile]) {
        let report = TrialReport(analysis: try TrialAnalysis(trial: trial, request: AnalysisRequest(design: design)),
                                 codebook: Codebook(definitions: []))
        return (report.render(.markdown, figureFolder: "figures"), report.figures)
    }

    @Test func aWithinSubjectReportReadsAsAComparisonOfConditions() throws {
        let (text, figures) = try Self.markdown(.within)
        for phrase in ["randomised", "over time", "change", "improvement", "Timepoint", "| Arm |", "between arms"] {
            #expect(!text.contains(phrase), "within-subject report says '\(phrase)'")
        }
        #expect(text.contains("5 participants, each measured in every condition (group 5); conditions a, b"))
        #expect(text.contains("| Group | Condition | n |"))
        #expect(text.contains("n of participants"))
        #expect(figures.map(\.altText).allSatisfy { !$0.contains("over time") && !$0.contains("per arm") })
        let spaghetti = try #require(figures.first { $0.fileName == "pain-participants.svg" }?.svg)
        #expect(spaghetti.contains("present at each condition"))
    }

    /// Figures of simulated data say so in every title.
    @Test func simulatedFiguresSaySoInTheirTitles() throws {
        let metadata = DatasetMetadata(source: "inline.metadata.json", simulated: true)
        let report = TrialReport(analysis: try TrialAnalysis(trial: Self.trial, request: AnalysisRequest(metadata: metadata)),
                                 codebook: Codebook(definitions: []))
        #expect(report.figures.count == 4)  // participant flow, trajectory, participants, change
        for figure in report.figures {
            let svg = try #require(figure.svg)
            #expect(svg.contains(">SIMULATED data — "), "\(figure.fileName)")
        }
    }

    @Test func aParallelReportKeepsItsWords() throws {
        let (text, figures) = try Self.markdown(.parallel)
        #expect(text.contains("5 participants randomised (group 5); timepoints a, b"))
        #expect(text.contains("| Arm | Timepoint | n |"))
        #expect(text.contains("n of randomised"))
        // Table 1 opens the report: the outcome at the first timepoint by arm, without p-values.
        #expect(text.contains("## Participants at baseline\n\n| Characteristic | group (n = 5) |\n| --- | ---: |\n| `pain`, a | 5.6 (1.1) |"))
        #expect(figures.map(\.altText).contains("pain: arm means over time with 95% confidence intervals"))
        #expect(figures.allSatisfy { !($0.svg ?? "").contains("SIMULATED") })
    }
}
