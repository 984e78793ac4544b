import Foundation
import Testing
import WalkStatsImport
import WalkStatsModel

/// Visits are ordered by what their names say, never by the order of rows.
struct VisitOrderTests {
    @Test(arguments: [
        (["baseline", "week12", "week3", "week6"], ["baseline", "week3", "week6", "week12"]),
        (["6m", "pre", "12m", "3m"], ["pre", "3m", "6m", "12m"]),
        (["month3", "week6", "day3", "year1", "screening"], ["screening", "day3", "week6", "month3", "year1"]),
        (["wk12", "wk4", "wk0"], ["wk0", "wk4", "wk12"]),
        (["t2", "t10", "t1", "t0"], ["t0", "t1", "t2", "t10"]),
        (["visit3", "visit1", "visit2"], ["visit1", "visit2", "visit3"]),
        (["followup", "post", "week6", "baseline"], ["baseline", "week6", "post", "followup"]),
        (["forward_running", "backward_running"], ["forward_running", "backward_running"]),
        (["post", "mid", "pre"], ["pre", "mid", "post"]),
    ])
    func namesDecideTheOrder(_ names: [String], _ expected: [String]) throws {
        #expect(try VisitOrder.decide(names).order == expected)
    }

    @Test func mixedFamiliesAskForTheOrder() {
        #expect(throws: VisitOrder.Ambiguity.self) { try VisitOrder.decide(["baseline", "week6", "visit2"]) }
        #expect(throws: VisitOrder.Ambiguity.self) { try VisitOrder.decide(["visit1", "t2"]) }
        #expect(throws: VisitOrder.Ambiguity.self) { try VisitOrder.decide(["baseline", "week6", "lunch"]) }
        do {
            _ = try VisitOrder.decide(["baseline", "week6", "lunch"])
            Issue.record("'lunch' was ordered")
        } catch {
            #expect("\(error)".contains("lunch is not a visit name"))
            #expect("\(error)".contains("give it with --timepoints"))
        }
    }

    /// A file sorted alphabetically is analysed in time order, and the trial says how the order was decided;
    /// the importer refuses names it cannot order; a given order and within-subject conditions are kept.
    @Test func theImporterOrdersVisits() throws {
        var csv = "participant,arm,timepoint,outcome,value\n"
        for (id, arm) in [("1", "a"), ("2", "b")] {
            for timepoint in ["baseline", "week12", "week3", "week6"] { csv += "\(id),\(arm),\(timepoint),pain,5\n" }
        }
        let trial = try ParticipantCSVImporter().importTrial(data: Data(csv.utf8), file: "x.csv")
        #expect(trial.timepoints == ["baseline", "week3", "week6", "week12"])
        #expect(trial.timepointOrderReason.hasPrefix("read from the names as days (baseline first, week3 day 21"))
        let conditions = try ParticipantCSVImporter(ordersVisits: false).importTrial(data: Data(csv.utf8), file: "x.csv")
        #expect(conditions.timepoints == ["baseline", "week12", "week3", "week6"])
        let given = try ParticipantCSVImporter(timepointOrder: ["baseline", "week3", "week6", "week12"], timepointOrderSource: "given")
            .importTrial(data: Data(csv.utf8), file: "x.csv")
        #expect(given.timepointOrderReason == "given")
        let mixed = csv.replacingOccurrences(of: "week12", with: "visit2")
        #expect(throws: CSVImportError.self) { try ParticipantCSVImporter().importTrial(data: Data(mixed.utf8), file: "x.csv") }
    }
}
