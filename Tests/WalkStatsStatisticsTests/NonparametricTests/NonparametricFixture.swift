import Foundation
import WalkStats
import WalkStatsTestSupport

/// The R fixture of the Wilcoxon tests (`Fixtures/nonparametric`): the input datasets, the variants
/// of the R call that `generate.R` runs on each, and R's values.
enum NonparametricFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("nonparametric")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// paired.csv: dataset → (x, y) in pair order; R's call is `wilcox.test(x, y, paired = TRUE)`.
    static let paired: [String: (x: [Double], y: [Double])] = {
        var result: [String: (x: [Double], y: [Double])] = [:]
        for fields in rows(of: "paired.csv") {
            result[fields[0], default: ([], [])].x.append(Double(fields[2])!)
            result[fields[0], default: ([], [])].y.append(Double(fields[3])!)
        }
        return result
    }()

    /// two-sample.csv: dataset → (a, b); R's call is `wilcox.test(a, b)`.
    static let twoSample: [String: (a: [Double], b: [Double])] = {
        var result: [String: (a: [Double], b: [Double])] = [:]
        for fields in rows(of: "two-sample.csv") {
            let value = Double(fields[2])!
            if fields[1] == "a" { result[fields[0], default: ([], [])].a.append(value) } else { result[fields[0], default: ([], [])].b.append(value) }
        }
        return result
    }()

    /// One variant of the R call, as listed in generate.R.
    struct Variant: Sendable, CustomStringConvertible {
        let name: String
        var confidenceLevel = 0.95
        var exact: Bool? = nil
        var continuityCorrection = true
        var description: String { name }
    }

    static let variants: [Variant] = [
        Variant(name: "default"),
        Variant(name: "exact_false", exact: false),
        Variant(name: "correct_false", continuityCorrection: false),
        Variant(name: "exact_false_correct_false", exact: false, continuityCorrection: false),
        Variant(name: "exact_true", exact: true),
        Variant(name: "level_0.5", confidenceLevel: 0.5),
        Variant(name: "level_0.8", confidenceLevel: 0.8),
        Variant(name: "level_0.9", confidenceLevel: 0.9),
        Variant(name: "level_0.99", confidenceLevel: 0.99),
    ]

    /// R's values for `dataset` and `variant`, keyed by field.
    static func expected(_ dataset: String, _ variant: Variant) -> [String: Double] {
        let prefix = variant.name + "/"
        var fields: [String: Double] = [:]
        for (key, value) in reference.values[dataset] ?? [:] where key.hasPrefix(prefix) {
            fields[String(key.dropFirst(prefix.count))] = value
        }
        return fields
    }

    /// The fields generate.R records, computed from a WalkStats result.
    static func fields(of result: HypothesisTestResult, sizes: [String: Int]) -> [String: Double] {
        var fields: [String: Double] = ["statistic": result.statistic, "p_value": result.pValue, "method/\(result.method)": 1]
        for (key, size) in sizes { fields[key] = Double(size) }
        fields["estimate"] = result.estimate
        if let interval = result.confidenceInterval {
            fields["ci_low"] = interval.lower
            fields["ci_high"] = interval.upper
            fields["conf_level"] = interval.level
        }
        return fields
    }

    private static func rows(of file: String) -> [[String]] {
        let text = try! String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
    }
}
