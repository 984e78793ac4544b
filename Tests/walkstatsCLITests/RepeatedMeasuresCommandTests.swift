import Foundation
import Testing
import WalkStatsTestSupport

/// A within-subject design with four conditions gets the repeated-measures ANOVA over every condition,
/// through the command line, equal to afex/car (the `single-group` dataset of
/// `Tests/WalkStatsStatisticsTests/Fixtures/mixed-anova/`, written here as a participant file).
struct RepeatedMeasuresCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = root.appendingPathComponent("Tests/WalkStatsStatisticsTests/Fixtures/mixed-anova")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    @Test func repeatedMeasuresANOVAMatchesAfex() throws {
        let input = try String(contentsOf: Self.folder.appendingPathComponent("input.csv"), encoding: .utf8)
        var csv = "participant,arm,timepoint,outcome,value\n"
        for line in input.split(separator: "\n").dropFirst() where line.hasPrefix("single-group,") {
            let f = line.split(separator: ",").map(String.init)  // dataset,arm,id,time,value
            csv += "\(f[2]),\(f[1]),\(f[3]),y,\(f[4])\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-rm-\(UUID().uuidString).csv")
        try csv.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try runWalkstats(["compare", path.path, "--design", "within", "--outcome", "y", "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(document["conditions_anova"] as? [[String: Any]])
        let model = try #require((groups.first?["models"] as? [[String: Any]])?.first)
        let terms = try #require(model["terms"] as? [[String: Any]])
        func term(_ name: String) throws -> [String: Any] { try #require(terms.first { $0["term"] as? String == name }, "\(name)") }
        let expected = try #require(Self.reference.values["single-group"])
        let checks: [(Any?, String)] = [
            (try term("condition")["statistic"], "time/F"), (try term("condition")["df"], "time/df"),
            (try term("condition")["df2"], "time/df2"), (try term("condition")["p_value"], "time/p"),
            (try term("condition")["ges"], "time/ges"),
            (try term("condition, Mauchly's test")["w"], "time/mauchly_W"), (try term("condition, Mauchly's test")["p_value"], "time/mauchly_p"),
            (try term("condition, Greenhouse–Geisser")["epsilon"], "time/gg_eps"),
            (try term("condition, Greenhouse–Geisser")["p_value"], "time/gg_p"),
            (try term("condition, Huynh–Feldt")["epsilon"], "time/hf_eps"), (try term("condition, Huynh–Feldt")["p_value"], "time/hf_p"),
        ]
        for (actual, key) in checks {
            let value = try #require(actual as? Double, "\(key)")
            let reference = try #require(expected[key], "\(key)")
            #expect(relativeError(value, reference) < 1e-9, "\(key): WalkStats \(value), R \(reference)")
        }
        // The Huynh–Feldt ε above 1 is shown uncapped; its df use min(1, ε).
        #expect((try term("condition, Huynh–Feldt")["df"] as? Double) == 3)
    }
}
