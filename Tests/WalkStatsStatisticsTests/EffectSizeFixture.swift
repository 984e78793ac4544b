import Foundation
import WalkStats
import WalkStatsTestSupport

/// The effect-size fixture written by `Fixtures/effect-sizes/generate.R` (R 4.2.2, effectsize 0.8.3):
/// the input samples and the reference values, shared by the Cohen's d, Hedges' g, noncentral t and
/// noncentral-t interval tests.
enum EffectSizeFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("effect-sizes")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// The datasets of `samples.csv`, in file order.
    static let datasets = ["sleep", "unequal-7-12", "large-effect", "large-effect-n20", "two-per-group"]
    /// The confidence levels of the fixture, as written in its keys.
    static let levels = ["0.95", "0.90"]

    /// `samples.csv`: dataset → sample (`x` or `y`) → values in file order.
    static let samples: [String: [String: [Double]]] = {
        let text = try! String(contentsOf: folder.appendingPathComponent("samples.csv"), encoding: .utf8)
        var result: [String: [String: [Double]]] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            result[fields[0], default: [:]][fields[1], default: []].append(Double(fields[2])!)
        }
        return result
    }()

    /// The reference value `dataset`/`measure`/`level`/`field`.
    static func value(_ dataset: String, _ measure: String, _ level: String, _ field: String) -> Double? {
        reference.values[dataset]?["\(measure)/\(level)/\(field)"]
    }

    /// Every computed field of an effect size compared with R, for one dataset, measure and level:
    ///
    /// - the point estimate against effectsize's, at 1e-12 relative (pure arithmetic);
    /// - both bounds against the exact noncentral-t roots (R `uniroot(tol = 1e-13)`), at 1e-8 relative;
    /// - both bounds against effectsize's own bounds, within the band its optimiser leaves open: its
    ///   noncentrality reaches P(T ≤ t; δ_es) = p_es instead of the target, so it may sit
    ///   |p_es − target| / |∂P/∂δ| away from the root (the slope from WalkStats' CDF at the root), and
    ///   twice that is allowed.
    ///
    /// Returns messages for every failed comparison (empty when all pass) and the largest relative
    /// deviation from effectsize's bounds, for the record.
    static func check(_ effect: EffectSize, dataset: String, measure: String, level: String) throws -> (failures: [String], deviationFromEffectsize: Double) {
        var failures: [String] = []
        func field(_ name: String) -> Double { value(dataset, measure, level, name)! }
        let where_ = "\(dataset) \(measure) \(level)"
        if relativeError(effect.value, field("value")) > 1e-12 {
            failures.append("\(where_) value: WalkStats \(effect.value), effectsize \(field("value"))")
        }
        if effect.confidenceInterval!.level != Double(level)! { failures.append("\(where_): level \(effect.confidenceInterval!.level)") }
        let alpha = 1 - Double(level)!
        let df = field("df"), t = field("t")
        let scale = field("exact_ci_low") / field("exact_ncp_low") // √hn · J
        var deviation = 0.0
        for (side, ours, target) in [("low", effect.confidenceInterval!.lower, 1 - alpha / 2),
                                     ("high", effect.confidenceInterval!.upper, alpha / 2)] {
            let exact = field("exact_ci_\(side)")
            if relativeError(ours, exact) > 1e-8 {
                failures.append("\(where_) CI \(side): WalkStats \(ours), exact root \(exact), rel \(relativeError(ours, exact))")
            }
            let effectsize = field("ci_\(side)")
            let residual = field("effectsize_p_\(side)") - target
            let delta = ours / scale
            let h = 1e-5 * max(1, abs(delta))
            let slope = (try NoncentralTDistribution(degreesOfFreedom: df, noncentrality: delta + h).cumulativeProbability(t)
                         - NoncentralTDistribution(degreesOfFreedom: df, noncentrality: delta - h).cumulativeProbability(t)) / (2 * h)
            let band = 2 * abs(residual / slope) * abs(scale) + 1e-12 * max(1, abs(effectsize))
            if abs(ours - effectsize) > band {
                failures.append("\(where_) CI \(side): WalkStats \(ours), effectsize \(effectsize), allowed ±\(band)")
            }
            deviation = max(deviation, relativeError(ours, effectsize))
        }
        return (failures, deviation)
    }
}
