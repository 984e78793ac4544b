import Foundation
import WalkStats
import WalkStatsTestSupport

/// The within-subject fixture written by `Fixtures/within-subject/generate.R` (R 4.2.2): paired values
/// for Cohen's d_av, crossover participants for the 2×2 crossover analysis, and the reference values.
enum WithinSubjectFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("within-subject")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// The datasets of `paired.csv` and `crossover.csv`, in file order.
    static let pairedDatasets = ["sleep", "ties-unequal-sd", "negative-correlation", "three-pairs", "large-effect"]
    static let crossoverDatasets = ["unequal-7-5", "ties-6-6", "minimal-2-2"]
    /// The confidence levels of the fixture, as written in its keys.
    static let levels = ["0.95", "0.90"]

    /// The rows of a CSV file of the folder (header dropped), split on commas.
    private static func rows(_ file: String) -> [[String]] {
        let text = try! String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    /// `paired.csv`: dataset → (to, from) in participant order.
    static let paired: [String: (to: [Double], from: [Double])] = {
        var result: [String: (to: [Double], from: [Double])] = [:]
        for fields in rows("paired.csv") {
            result[fields[0], default: ([], [])].to.append(Double(fields[2])!)
            result[fields[0], default: ([], [])].from.append(Double(fields[3])!)
        }
        return result
    }()

    /// `crossover.csv`: dataset → (sequences, period 1, period 2) in participant order.
    static let crossover: [String: (sequences: [CrossoverSequence], period1: [Double], period2: [Double])] = {
        var result: [String: (sequences: [CrossoverSequence], period1: [Double], period2: [Double])] = [:]
        for fields in rows("crossover.csv") {
            result[fields[0], default: ([], [], [])].sequences.append(CrossoverSequence(rawValue: fields[2])!)
            result[fields[0], default: ([], [], [])].period1.append(Double(fields[3])!)
            result[fields[0], default: ([], [], [])].period2.append(Double(fields[4])!)
        }
        return result
    }()

    /// The reference value `dataset`/`key`.
    static func value(_ dataset: String, _ key: String) -> Double? {
        reference.values[dataset]?[key]
    }
}
