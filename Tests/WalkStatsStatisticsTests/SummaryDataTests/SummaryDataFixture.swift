import Foundation
import WalkStats
import WalkStatsTestSupport

/// The summary-data fixture written by `Fixtures/summary-data/generate.R` (R 4.2.2, effectsize 0.8.3):
/// its input summary files, read with WalkStats' own importer, and the reference values.
enum SummaryDataFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("summary-data")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// The rows of an input summary file, converted (no two-arm requirement for the change file, whose
    /// comparisons are per timepoint).
    static func dataset(_ file: String) throws -> SummaryDataset {
        let rows = try SummaryCSVImporter()
            .importSummaries(atPath: folder.appendingPathComponent(file).path)
        return try SummaryDataset(converting: rows)
    }

    /// The reference value `dataset`/`key`, recording a readable failure when it is absent.
    static func value(_ dataset: String, _ key: String) -> Double? {
        reference.values[dataset]?[key]
    }

    /// The two arms of a comparison, in file order.
    static func pair(_ dataset: SummaryDataset, _ key: SummaryComparisonKey) -> (SummaryStatistics, SummaryStatistics) {
        let arms = dataset.summaries(for: key)
        precondition(arms.count == 2, "fixture comparison \(key) must have two arms")
        return (arms[0].statistics, arms[1].statistics)
    }

    /// `study/timepoint/outcome`, the fixture's dataset name for a comparison.
    static func name(_ key: SummaryComparisonKey) -> String { "\(key.study)/\(key.timepoint)/\(key.outcome)" }

    /// Compares every field of a test result with the reference values under `prefix`
    /// (`statistic`, `df`, `p_value`, `estimate`, `se`, `ci_low`, `ci_high`); returns the failures.
    static func compare(_ result: HypothesisTestResult, dataset: String, prefix: String,
                        tolerance: Double = 1e-9) -> [String] {
        let fields: [String: Double?] = [
            "statistic": result.statistic, "df": result.degreesOfFreedom, "p_value": result.pValue,
            "estimate": result.estimate, "se": result.standardError,
            "ci_low": result.confidenceInterval?.lower, "ci_high": result.confidenceInterval?.upper,
        ]
        var failures: [String] = []
        for (field, actual) in fields {
            guard let expected = value(dataset, "\(prefix)/\(field)") else {
                failures.append("\(dataset) \(prefix)/\(field): no reference value")
                continue
            }
            guard let actual else {
                failures.append("\(dataset) \(prefix)/\(field): WalkStats has none")
                continue
            }
            // A t statistic or estimate of 0 (the null comparison) is compared absolutely.
            let error = abs(expected) < 1e-12 ? abs(actual - expected) : relativeError(actual, expected)
            if error > tolerance {
                failures.append("\(dataset) \(prefix)/\(field): WalkStats \(actual), R \(expected), error \(error)")
            }
        }
        return failures
    }
}
