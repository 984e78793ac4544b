import Foundation
import Testing
@testable import WalkStatsStatistics
import WalkStatsTestSupport

/// The meta-analysis fixture written by `Fixtures/meta-analysis/generate.R` (R 4.2.2, metafor 3.8-1):
/// the inputs (`summaries.csv`, `effects.csv`) and metafor's results (`expected.csv`; key layout in the
/// folder's README.md).
enum MetaAnalysisFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("meta-analysis")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// Datasets whose effects WalkStats computes from group summaries (escalc), by measure.
    static let summaryDatasets = ["normand1999", "curtis1998"]
    /// Every pooled dataset, in the order generate.R writes them.
    static let datasets = ["normand1999-md", "normand1999-smd", "curtis1998-md", "curtis1998-smd", "raudenbush1985",
                           "bangertdrowns2004", "hackshaw1998", "homogeneous", "two-studies", "three-studies"]
    /// The datasets with k ≥ 3, which have leave-one-out and Egger keys.
    static let datasetsWithThreeOrMore = datasets.filter { $0 != "two-studies" }
    /// metafor's `test` values as written in the keys.
    static let tests = ["z", "knha"]

    /// One configuration of `rma`: method, test and level as written in the keys.
    struct Configuration: CustomStringConvertible, Sendable {
        let dataset: String
        let method: HeterogeneityEstimator
        let test: String
        let level: String
        var hksj: Bool { test == "knha" }
        var confidenceLevel: Double { Double(level)! / 100 }
        var key: String { "\(method.rawValue)/\(test)/\(level)" }
        var description: String { "\(dataset) \(key)" }
    }

    /// Every (dataset, method, test, level) the fixture has.
    static let configurations: [Configuration] = datasets.flatMap { dataset in
        let levels = dataset == "raudenbush1985" || dataset == "normand1999-smd" ? ["95", "90"] : ["95"]
        return HeterogeneityEstimator.allCases.flatMap { method in
            tests.flatMap { test in levels.map { Configuration(dataset: dataset, method: method, test: test, level: $0) } }
        }
    }

    /// The values of `dataset` whose keys start with `prefix/`, keyed by the rest.
    static func values(_ dataset: String, prefix: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for (key, value) in reference.values[dataset] ?? [:] where key.hasPrefix(prefix + "/") {
            result[String(key.dropFirst(prefix.count + 1))] = value
        }
        return result
    }

    /// One row of `summaries.csv`.
    struct Summary {
        let study: String
        let meanA: Double, sdA: Double, nA: Int
        let meanB: Double, sdB: Double, nB: Int
    }

    /// `summaries.csv`: dataset → rows in file order.
    static let summaries: [String: [Summary]] = {
        var result: [String: [Summary]] = [:]
        for fields in rows("summaries.csv") {
            result[fields[0], default: []].append(Summary(
                study: fields[1], meanA: Double(fields[2])!, sdA: Double(fields[3])!, nA: Int(fields[4])!,
                meanB: Double(fields[5])!, sdB: Double(fields[6])!, nB: Int(fields[7])!))
        }
        return result
    }()

    /// `effects.csv`: dataset → effects in file order.
    static let givenEffects: [String: [StudyEffect]] = {
        var result: [String: [StudyEffect]] = [:]
        for fields in rows("effects.csv") {
            result[fields[0], default: []].append(StudyEffect(study: fields[1], yi: Double(fields[2])!, vi: Double(fields[3])!))
        }
        return result
    }()

    /// The effects of `dataset`: computed by ``studyEffect(study:measure:meanA:sdA:nA:meanB:sdB:nB:)`` for
    /// `<name>-md` / `<name>-smd`, as given otherwise.
    static func effects(_ dataset: String) throws -> [StudyEffect] {
        for name in summaryDatasets {
            for measure in EffectMeasure.allCases where dataset == "\(name)-\(measure.rawValue.lowercased())" {
                return try summaries[name]!.map {
                    try studyEffect(study: $0.study, measure: measure, meanA: $0.meanA, sdA: $0.sdA, nA: $0.nA,
                                    meanB: $0.meanB, sdB: $0.sdB, nB: $0.nB)
                }
            }
        }
        return givenEffects[dataset]!
    }

    private static func rows(_ file: String) -> [[String]] {
        let text = try! String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Compares `actual` (field name → WalkStats' value) with every key of `expected`: each expected key
    /// must have a WalkStats value within `tolerance` relative error, and each WalkStats value an expected
    /// key. Returns failure messages and the largest relative error seen.
    static func compare(_ actual: [String: Double], _ expected: [String: Double], tolerance: Double,
                        context: String) -> (failures: [String], largest: Double) {
        var failures: [String] = []
        var largest = 0.0
        for (field, value) in expected.sorted(by: { $0.key < $1.key }) {
            guard let ours = actual[field] else {
                failures.append("\(context): metafor has \(field) = \(value), WalkStats has no such field")
                continue
            }
            let error = relativeError(ours, value)
            largest = max(largest, error)
            if !(error <= tolerance) {
                failures.append("\(context) \(field): WalkStats \(ours), metafor \(value), relative error \(error)")
            }
        }
        for field in actual.keys.sorted() where expected[field] == nil {
            failures.append("\(context): WalkStats has \(field) = \(actual[field]!), metafor has no such key")
        }
        return (failures, largest)
    }

    /// The code generate.R writes for a bound kind.
    static func code(_ bound: HeterogeneityConfidenceInterval.Bound) -> Double {
        switch bound {
        case .root: return 0
        case .zero: return 1
        case .beyondSearchLimit: return 2
        }
    }

    /// Every field of a result under the names generate.R uses (`fit$...`, `predict`, `confint`, `weights`).
    static func fields(_ result: MetaAnalysisResult) -> [String: Double] {
        var fields: [String: Double] = [
            "k": Double(result.k), "b": result.estimate, "se": result.standardError, "zval": result.statistic,
            "pval": result.pValue, "ci.lb": result.confidenceInterval.lower, "ci.ub": result.confidenceInterval.upper,
            "s2w": result.hksjScaleFactor, "tau2": result.tau2, "I2": result.i2, "H2": result.h2,
            "vt": result.typicalWithinStudyVariance, "QE": result.q, "QEp": result.qPValue,
        ]
        if let df = result.degreesOfFreedom { fields["ddf"] = Double(df) }
        if let se = result.tau2StandardError { fields["se.tau2"] = se }
        if let prediction = result.predictionInterval {
            fields["pi.lb"] = prediction.lower
            fields["pi.ub"] = prediction.upper
        }
        for (i, weight) in result.weightsPercent.enumerated() { fields["weights/\(i + 1)"] = weight }
        if let interval = result.heterogeneityInterval {
            fields.merge(intervalFields(interval)) { $1 }
        }
        return fields
    }

    /// The `confint(fit)$random` fields of an interval.
    static func intervalFields(_ interval: HeterogeneityConfidenceInterval) -> [String: Double] {
        [
            "tau2.max": interval.searchLimit, "ci.null": interval.isNullSet ? 1 : 0,
            "lb.kind": code(interval.lowerBound), "ub.kind": code(interval.upperBound),
            "tau2.lb": interval.tau2Lower, "tau2.ub": interval.tau2Upper, "tau.lb": interval.tauLower,
            "tau.ub": interval.tauUpper, "I2.lb": interval.i2Lower, "I2.ub": interval.i2Upper,
            "H2.lb": interval.h2Lower, "H2.ub": interval.h2Upper,
        ]
    }
}
