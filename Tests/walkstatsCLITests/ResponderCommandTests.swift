import Foundation
import Testing
import WalkStatsTestSupport

/// Responder analyses through the whole pipeline (`report --format json` on a participant file) against R 4.2.2
/// (`Tests/WalkStatsStatisticsTests/Fixtures/responders/generate.R`): responders per arm with Wilson intervals,
/// each arm against the reference (Newcombe, Katz, NNT, fisher.test, prop.test), complete cases and missing =
/// non-responder, the cumulative distribution of change, pain beside function and OMERACT–OARSI. The fixture has
/// changes exactly at every threshold whose floating-point difference lands a hair short, an arm with no
/// responders, baselines of 0 at percentage thresholds, and missing follow-ups. Every key of the fixture is
/// checked, to relative 1e-9 (1e-7 for the exact odds-ratio roots).
struct ResponderCommandTests {
    static let root = WalkstatsCommandTests.root
    static let folder = "Tests/WalkStatsStatisticsTests/Fixtures/responders/"
    static let reference = try! ReferenceValues(contentsOf: root.appendingPathComponent(folder + "expected.csv")).values["responders"]!

    nonisolated(unsafe) static let document: [String: Any] = {
        let result = try! runWalkstats(["report", folder + "trial.csv", "--format", "json"], in: root)
        precondition(result.status == 0, result.standardError)
        return try! JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as! [String: Any]
    }()

    /// Checks every fixture key under `prefix`: `check(key suffix)` returns WalkStats' value, `nil` if it has none.
    func checkAll(_ prefix: String, tolerance: Double = 1e-9, _ value: (String) throws -> Double?) throws -> Int {
        var checked = 0
        for (key, expected) in Self.reference where key.hasPrefix(prefix) {
            let suffix = String(key.dropFirst(prefix.count))
            let actual = try #require(try value(suffix), "\(key): WalkStats has no value (R \(expected))")
            let tolerance = suffix.hasPrefix("or") || suffix.contains("/or") ? 1e-7 : tolerance
            let error = expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
            #expect(error < tolerance, "\(key): WalkStats \(actual), R \(expected)")
            checked += 1
        }
        return checked
    }

    /// The value of an arm or contrast key in a JSON comparison of proportions (`arms`, `contrasts`).
    static func proportionValue(_ comparison: [String: Any], _ key: String) -> Double? {
        let parts = key.split(separator: "/").map(String.init)
        if parts[0] == "arm" {
            let arm = (comparison["arms"] as! [[String: Any]]).first { $0["arm"] as? String == parts[1] }
            let name = ["n": "n", "responders": "responders", "proportion": "proportion", "wilson_low": "ci_low", "wilson_high": "ci_high"][parts[2]]!
            return (arm?[name] as? Double) ?? (arm?[name] as? Int).map(Double.init)
        }
        let contrast = (comparison["contrasts"] as! [[String: Any]]).first { ($0["arms"] as? [String])?.first == parts[1] }
        guard let contrast else { return nil }
        switch parts[2] {
        case "or_infinite": return contrast["odds_ratio_infinite"] as? Bool == true ? 1 : nil
        case "or_high_infinite": return contrast["or_ci_high_infinite"] as? Bool == true ? 1 : nil
        case "prop_undefined": return contrast["prop_test_p_value"] is NSNull ? 1 : nil
        default:
            let name = ["rd": "risk_difference", "rd_low": "rd_ci_low", "rd_high": "rd_ci_high", "rr": "risk_ratio", "rr_low": "rr_ci_low",
                        "rr_high": "rr_ci_high", "nnt": "nnt", "fisher_p": "fisher_p_value", "or": "odds_ratio", "or_low": "or_ci_low",
                        "or_high": "or_ci_high", "prop_p": "prop_test_p_value"][parts[2]]!
            return contrast[name] as? Double
        }
    }

    func comparison(_ outcome: String) throws -> [String: Any] {
        let comparisons = try #require(Self.document["comparisons"] as? [[String: Any]])
        return try #require(comparisons.first { $0["outcome"] as? String == outcome }, "\(outcome)")
    }

    @Test(arguments: [("pain_nrs", "1"), ("pain_nrs", "2"), ("pain_nrs", "15%"), ("pain_nrs", "33%"), ("walking_speed", "0.05"),
                      ("walking_speed", "0.10"), ("pain_vas", "19.9"), ("womac_function", "9.1")])
    func respondersMatchR(outcome: String, threshold: String) throws {
        let list = try #require(try comparison(outcome)["responders"] as? [[String: Any]])
        let isPercent = threshold.hasSuffix("%")
        let value = Double(isPercent ? String(threshold.dropLast()) : threshold)!
        let analysis = try #require(list.first { $0["mcid"] as? Double == value && ($0["mcid_kind"] as? String == (isPercent ? "percent" : "points")) })
        #expect(analysis["timepoint"] as? String == "week12")
        #expect(analysis["from"] as? String == "baseline")
        let prefix = "responders/\(outcome)/\(threshold)/"
        var checked = try checkAll(prefix + "complete/") { key in
            if key.hasPrefix("not_evaluable/") {
                let arm = String(key.dropFirst("not_evaluable/".count))
                return ((analysis["not_evaluable"] as? [[String: Any]])?.first { $0["arm"] as? String == arm }?["n"] as? Int).map(Double.init)
            }
            return Self.proportionValue(analysis, key)
        }
        let sensitivity = try #require(analysis["missing_as_non_responder"] as? [String: Any])
        checked += try checkAll(prefix + "missing_nonresponder/") { key in
            key.hasPrefix("not_evaluable/") ? Self.reference[prefix + "complete/" + key] : Self.proportionValue(sensitivity, key)
        }
        #expect(checked > 40)
    }

    @Test(arguments: ["pain_nrs", "walking_speed", "pain_vas", "womac_function", "patient_global"])
    func cumulativeDistributionMatchesR(outcome: String) throws {
        let distribution = try #require(try comparison(outcome)["change_distribution"] as? [String: Any])
        let arms = try #require(distribution["arms"] as? [[String: Any]]).map { $0["arm"] as! String }
        let rows = try #require(distribution["at_least"] as? [[String: Any]])
        let checked = try checkAll("cdf/\(outcome)/") { key in
            let parts = key.split(separator: "/").map(String.init)
            let index = try #require(arms.firstIndex(of: parts[0]))
            if parts[1] == "n" { return ((distribution["arms"] as! [[String: Any]])[index]["n"] as? Int).map(Double.init) }
            let row = rows.first { abs(($0["improvement"] as! Double) - Double(parts[1])!) < 1e-9 }
            return (row?["shares"] as? [Any])?[index] as? Double
        }
        #expect(checked > 20)
    }

    @Test func painBesideFunctionMatchesR() throws {
        let section = try #require(Self.document["pain_versus_function"] as? [String: Any])
        #expect(section["pain_outcomes"] as? [String] == ["pain_nrs", "pain_vas"])
        let tables = try #require(section["tables"] as? [[String: Any]])
        #expect(tables.count == 4)
        var checked = 0
        for table in tables {
            let (pain, function) = (table["pain"] as! String, table["function"] as! String)
            checked += try checkAll("cross/\(pain)/\(function)/") { key in
                let parts = key.split(separator: "/").map(String.init)
                if parts[0] == "arm" {
                    let arm = (table["arms"] as! [[String: Any]]).first { $0["arm"] as? String == parts[1] }
                    let name = parts[2].replacingOccurrences(of: "_low", with: "_ci_low").replacingOccurrences(of: "_high", with: "_ci_high")
                    return (arm?[name] as? Double) ?? (arm?[name] as? Int).map(Double.init)
                }
                // contrast/<arm>/<both|pain_only>_rd[_low|_high]
                let category = parts[2].hasPrefix("both") ? "both" : "pain_only"
                let suffix = parts[2].dropFirst(category.count + 1)
                return Self.proportionValue(table[category] as! [String: Any], "contrast/\(parts[1])/\(suffix)")
            }
        }
        #expect(checked > 100)
    }

    @Test func omeractOARSIMatchesR() throws {
        let section = try #require(Self.document["pain_versus_function"] as? [String: Any])
        let oarsi = try #require(section["oarsi"] as? [String: Any])
        #expect(oarsi["pain"] as? String == "pain_vas")
        #expect(oarsi["function"] as? String == "womac_function")
        #expect(oarsi["global"] as? String == "patient_global")
        let checked = try checkAll("oarsi/") { Self.proportionValue(oarsi, $0) }
        #expect(checked >= 30)
    }

    /// `--mcid` replaces the codebook's thresholds for that outcome; a bad value is a usage error (64), an outcome
    /// the data lack a data error (1).
    @Test func chosenThresholdReplacesTheCodebooks() throws {
        let result = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "pain_nrs", "--mcid", "pain_nrs=2",
                                       "--format", "json"], in: Self.root)
        #expect(result.status == 0, "\(result.standardError)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let list = try #require(document["responders"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["mcid"] as? Double == 2)
        #expect(list.first?["mcid_level"] as? String == "chosen")
        // The same counts as the codebook's 2-point threshold.
        let backward = (list.first?["arms"] as? [[String: Any]])?.first { $0["arm"] as? String == "backward" }
        #expect((backward?["responders"] as? Int).map(Double.init) == Self.reference["responders/pain_nrs/2/complete/arm/backward/responders"])

        let bad = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "pain_nrs", "--mcid", "pain_nrs=two"], in: Self.root)
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--mcid takes OUTCOME=VALUE"))
        let unknown = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "pain_nrs", "--mcid", "pain_score=2"], in: Self.root)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("--mcid names 'pain_score'"))
        // A within-subject design has no responder analyses: --mcid is refused rather than ignored.
        let within = try runWalkstats(["compare", "datasets/sample/roos2012-like.csv", "--outcome", "knee_moment_peak", "--mcid",
                                       "knee_moment_peak=10"], in: Self.root)
        #expect(within.status == 1)
        #expect(within.standardError.contains("--mcid applies to a parallel trial"), "\(within.standardError)")
    }

    /// A pain outcome's responders never read as recovery: the Markdown names the function outcomes measured, or says
    /// none was (chen2021-like measures pain and the WOMAC total only).
    @Test func painRespondersSayWhichFunctionOutcomesWereMeasured() throws {
        let withFunction = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "pain_nrs"], in: Self.root)
        #expect(withFunction.status == 0)
        #expect(withFunction.standardOutput.contains("pain relief alone is not recovery. Function outcomes measured: `walking_speed`, `womac_function`"))
        let without = try runWalkstats(["compare", "datasets/sample/chen2021-like.csv", "--outcome", "pain_nrs"], in: Self.root)
        #expect(without.status == 0)
        #expect(without.standardOutput.contains("No function outcome was measured, so nothing here shows recovery of function"))
        // A function outcome carries no such sentence.
        let speed = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "walking_speed"], in: Self.root)
        #expect(!speed.standardOutput.contains("pain relief alone"))
    }

    /// CSV rows: one per arm and per contrast statistic, under both analyses, with the same numbers as JSON.
    @Test func csvRowsCarryTheResponders() throws {
        let result = try runWalkstats(["compare", Self.folder + "trial.csv", "--outcome", "pain_vas", "--format", "csv"], in: Self.root)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        func cell(_ line: String, _ column: String) -> String {
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[header.firstIndex(of: column)!]
        }
        let complete = lines.filter { $0.hasPrefix("responders,") }
        let sensitivity = lines.filter { $0.hasPrefix("responders_missing_as_non_responder,") }
        #expect(complete.count == sensitivity.count)
        let forward = try #require(complete.first { cell($0, "arm") == "forward" && cell($0, "test") == "responders points 19.9" })
        #expect(cell(forward, "statistic") == "0")
        #expect(cell(forward, "n") == "\(Int(Self.reference["responders/pain_vas/19.9/complete/arm/forward/n"]!))")
        let rd = try #require(complete.first { cell($0, "arm") == "backward vs usual_care" && cell($0, "test") == "risk_difference points 19.9" })
        let expected = Self.reference["responders/pain_vas/19.9/complete/contrast/backward/rd"]!
        #expect(abs(Double(cell(rd, "estimate"))! - expected) <= 1e-12 * abs(expected))
    }
}
