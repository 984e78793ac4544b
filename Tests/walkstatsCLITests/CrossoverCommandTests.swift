import Foundation
import Testing
import WalkStatsTestSupport

/// A 2×2 crossover from a participant file, through the command line, against R 4.2.2: the long file
/// `Fixtures/within-subject/crossover-long.csv` (written by that folder's generate.R from crossover.csv,
/// rows shuffled) analysed with `--design crossover`, each dataset an arm, compared with the `lm` and
/// `t.test` values of `expected.csv`.
struct CrossoverCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsStatisticsTests/Fixtures/within-subject/"
    static let reference = try! ReferenceValues(contentsOf: root.appendingPathComponent(folder + "expected.csv"))

    @Test(arguments: ["unequal-7-5", "ties-6-6", "minimal-2-2"])
    func matchesR(dataset: String) throws {
        let result = try runWalkstats(["compare", Self.folder + "crossover-long.csv", "--design", "crossover", "--arms", dataset,
                                       "--outcome", "y", "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["design"] as? String == "crossover")
        let crossover = try #require(document["crossover"] as? [String: Any])
        #expect(crossover["treatment"] as? String == "A - B")
        let expected = try #require(Self.reference.values[dataset])
        #expect((crossover["n"] as? [String: Int]) == ["AB": Int(expected["n_AB"]!), "BA": Int(expected["n_BA"]!)])
        let tests = try #require(crossover["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["crossover_treatment", "crossover_period", "crossover_carryover"])
        for test in tests {
            let name = test["name"] as! String
            let fields = ["estimate": "estimate", "se": "se", "statistic": "t", "df": "df", "p_value": "p",
                          "ci_low": "ci_low", "ci_high": "ci_high"]
            for (json, key) in fields {
                let value = try #require(expected["\(name)/0.95/\(key)"], "\(dataset) \(name) \(key)")
                let actual = try #require(test[json] as? Double, "\(dataset) \(name) \(json)")
                // An effect of exactly 0 comes out of R's lm as rounding noise (|value| < 1e-15).
                #expect(relativeError(actual, value) < 1e-9 || abs(actual - value) < 1e-12,
                        "\(dataset) \(name) \(json): WalkStats \(actual), R \(value)")
            }
        }
    }

    /// A file without a `period` column is refused with a message naming the column, exit 1.
    @Test func aFileWithoutPeriodsIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-crossover-\(UUID().uuidString).csv")
        try "participant,arm,timepoint,outcome,value\n1,g,A,y,3\n1,g,B,y,4\n".write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try runWalkstats(["compare", path.path, "--design", "crossover", "--outcome", "y"], in: Self.root)
        #expect(result.status == 1)
        #expect(result.standardError.contains("a crossover needs a 'period' column"))
        #expect(result.standardOutput.isEmpty)
    }
}
