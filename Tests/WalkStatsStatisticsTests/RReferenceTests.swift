import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// Every number WalkStats computes for the three fixture datasets, compared with R 4.2.2.
///
/// The reference values come from `Fixtures/r-reference/generate.R` (base R `mean`, `sd`, `quantile`
/// type 7, `t.test` paired / Welch / `var.equal = TRUE`). The test computes the same keys through the
/// whole pipeline (importer → model → statistics) and requires the *same set of keys* (a statistic R
/// leaves undefined must be undefined here too) and relative error below 1e-6 for every value.
struct RReferenceTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("r-reference")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))
    static let datasets = ["sleep", "unequal-missing", "retro-walking-trial"]

    @Test func fixtureRecordsRVersion() {
        #expect(Self.reference.provenance.contains { $0.hasPrefix("R.version.string: R version 4.2.2") })
        #expect(Set(Self.reference.values.keys) == Set(Self.datasets))
    }

    @Test(arguments: datasets)
    func pipelineMatchesR(dataset: String) throws {
        let trial = try ParticipantCSVImporter().importTrial(atPath: Self.folder.appendingPathComponent("\(dataset).csv").path)
        let computed = try Self.computedValues(trial)
        let expected = Self.reference.values[dataset]!.filter { !$0.key.hasPrefix("vectors/") }
        #expect(Set(computed.keys).subtracting(expected.keys).sorted() == [], "keys WalkStats computes but R does not")
        #expect(Set(expected.keys).subtracting(computed.keys).sorted() == [], "keys R computes but WalkStats does not")
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = computed[key] else { continue }
            #expect(relativeError(actual, value) < 1e-6, "\(dataset) \(key): WalkStats \(actual), R \(value)")
        }
    }

    /// R: t.test(extra[group == 1], extra[group == 2]) and var.equal = TRUE; t.test(g2, g1, paired = TRUE).
    @Test func sleepVectorsMatchR() throws {
        let trial = try ParticipantCSVImporter().importTrial(atPath: Self.folder.appendingPathComponent("sleep.csv").path)
        let arm = trial.arms[0]
        let drug1 = arm.participants.map { $0.value(of: "extra_sleep", at: "drug1")! }
        let drug2 = arm.participants.map { $0.value(of: "extra_sleep", at: "drug2")! }
        let results: [String: HypothesisTestResult] = [
            "welch_t": try welchTTest(drug1, drug2),
            "student_t": try studentTTest(drug1, drug2),
            "paired_t": try pairedTTest(to: drug2, from: drug1),
        ]
        let expected = Self.reference.values["sleep"]!.filter { $0.key.hasPrefix("vectors/sleep/") }
        #expect(expected.count == 18)
        for (key, value) in expected {
            let parts = key.split(separator: "/").map(String.init)
            let actual = Self.fields(of: results[parts[2]]!)[parts[3]]!
            #expect(relativeError(actual, value) < 1e-6, "\(key): WalkStats \(actual), R \(value)")
        }
    }

    static func fields(of test: HypothesisTestResult) -> [String: Double] {
        ["statistic": test.statistic, "df": test.degreesOfFreedom, "p_value": test.pValue, "estimate": test.estimate,
         "ci_low": test.confidenceInterval?.lower, "ci_high": test.confidenceInterval?.upper].compactMapValues { $0 }
    }

    /// The keys of `generate.R`, computed by WalkStats.
    static func computedValues(_ trial: Trial) throws -> [String: Double] {
        var values: [String: Double] = [:]
        func put(_ key: String, _ value: Double?) { if let value { values[key] = value } }
        for cell in try TrialDescription(trial: trial).cells {
            let d = cell.descriptives
            let prefix = "describe/\(cell.arm)/\(cell.timepoint)/\(cell.outcome)/"
            put(prefix + "n", Double(d.n))
            put(prefix + "missing", Double(d.missing))
            put(prefix + "mean", d.mean)
            put(prefix + "sd", d.standardDeviation)
            put(prefix + "se", d.standardError)
            put(prefix + "ci_low", d.confidenceInterval?.lower)
            put(prefix + "ci_high", d.confidenceInterval?.upper)
            put(prefix + "median", d.median)
            put(prefix + "q1", d.firstQuartile)
            put(prefix + "q3", d.thirdQuartile)
            put(prefix + "min", d.minimum)
            put(prefix + "max", d.maximum)
        }
        let from = trial.timepoints[0]
        for outcome in trial.outcomes {
            for to in trial.timepoints.dropFirst() {
                let comparison = try OutcomeComparison(trial: trial, outcome: outcome, from: from, to: to)
                for arm in comparison.within {
                    let prefix = "within/\(arm.arm)/\(outcome)/\(from)/\(to)/"
                    put(prefix + "n", Double(arm.n))
                    put(prefix + "missing", Double(arm.missing))
                    put(prefix + "mean_change", arm.changeSummary.mean)
                    put(prefix + "sd_change", arm.changeSummary.standardDeviation)
                    for test in arm.tests {
                        for (field, value) in fields(of: test) { put(prefix + "\(test.name.rawValue)/\(field)", value) }
                    }
                }
                if let between = comparison.between {
                    let prefix = "between/\(between.armA.arm)/\(between.armB.arm)/\(outcome)/\(from)/\(to)/"
                    put(prefix + "n_A", Double(between.armA.n))
                    put(prefix + "n_B", Double(between.armB.n))
                    for test in between.tests {
                        for (field, value) in fields(of: test) { put(prefix + "\(test.name.rawValue)/\(field)", value) }
                    }
                }
            }
        }
        return values
    }
}
