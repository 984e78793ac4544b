import Foundation
import WalkStats
import WalkStatsTestSupport

/// The omnibus fixture written by `Fixtures/omnibus/generate.R` (R 4.2.2, effectsize 0.8.3, car 3.1-1):
/// the participants of `input.csv` (complete cases only, as R's formula interface keeps them) and the
/// reference values, shared by the one-way ANOVA, Welch ANOVA, Kruskal–Wallis, ANCOVA arm test and
/// noncentral F tests.
enum OmnibusFixture {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("omnibus")
    static let reference = try! ReferenceValues(contentsOf: folder.appendingPathComponent("expected.csv"))

    /// The datasets of `input.csv`, in file order.
    static let datasets = ["three-arms", "four-arms", "overlap", "strong-effect"]

    /// One participant with a follow-up value.
    struct Participant {
        let arm: String, pre: Double, post: Double, age: Double
    }

    /// `input.csv`: dataset → complete cases in file order (rows with post = NA dropped).
    static let participants: [String: [Participant]] = {
        let text = try! String(contentsOf: folder.appendingPathComponent("input.csv"), encoding: .utf8)
        var result: [String: [Participant]] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields[3] != "NA" else { continue }
            result[fields[0], default: []].append(
                Participant(arm: fields[1], pre: Double(fields[2])!, post: Double(fields[3])!, age: Double(fields[4])!))
        }
        return result
    }()

    /// The arms of `dataset` in order of first appearance (R's `factor(levels = unique(arm))`).
    static func arms(_ dataset: String) -> [String] {
        var seen: [String] = []
        for participant in participants[dataset]! where !seen.contains(participant.arm) { seen.append(participant.arm) }
        return seen
    }

    /// The follow-up values of `dataset` grouped by arm, arms in order of first appearance.
    static func groups(_ dataset: String) -> [[Double]] {
        arms(dataset).map { arm in participants[dataset]!.filter { $0.arm == arm }.map(\.post) }
    }

    /// The reference value `key` of `dataset`.
    static func value(_ dataset: String, _ key: String) -> Double? {
        reference.values[dataset]?[key]
    }
}
