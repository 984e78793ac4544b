import Foundation
import WalkStatsAnalysis
import WalkStatsModel

/// How a report names an outcome and says which direction is better, from the codebook.
struct OutcomeLabel {
    let id: String
    let definition: OutcomeDefinition?

    init(_ id: String, codebook: Codebook) {
        self.id = id
        definition = codebook.definition(of: id)
        fileLabel = codebook.fileOutcome(of: id)?.label
    }

    /// The data file's own label, when the codebook does not define the outcome (``FileOutcomeInfo``).
    let fileLabel: String?

    /// "Knee pain (NRS 0–10) (`pain_nrs`, points)"; the data file's label with the id when the codebook lacks
    /// the outcome ("Pain today (`pain`)"); else the id alone.
    var heading: String {
        guard let definition else { return fileLabel.map { "\($0) (`\(id)`)" } ?? "`\(id)`" }
        let unit = definition.unit.isEmpty ? "" : ", \(definition.unit)"
        return "\(definition.label) (`\(id)`\(unit))"
    }

    /// One sentence on the better direction and what it means for the signs of `direction`'s differences.
    func directionSentence(for direction: DifferenceDirection) -> String {
        switch direction {
        case let .change(favouring): return directionSentence(favouring: favouring)
        case let .conditions(later, earlier):
            guard let definition else {
                return "`\(id)` is not in the codebook, so the report cannot say which direction is better."
            }
            let sign = definition.better == .lower ? "negative" : "positive"
            return "\(definition.better == .lower ? "Lower" : "Higher") is better: a \(sign) difference favours \(later) over \(earlier)"
                + mcidClause(definition) + "."
        }
    }

    /// One sentence on the better direction and what it means for change and difference signs.
    func directionSentence(favouring favouredArm: String? = nil) -> String {
        guard let definition else {
            return "`\(id)` is not in the codebook, so the report cannot say which direction is better."
        }
        let sign = definition.better == .lower ? "negative" : "positive"
        var sentence = "\(definition.better == .lower ? "Lower" : "Higher") is better: a \(sign) change is an improvement"
        if let favouredArm { sentence += ", and a \(sign) difference favours \(favouredArm)" }
        return sentence + mcidClause(definition) + "."
    }

    /// ". Minimal clinically important difference: …" when the codebook has one or says why not.
    private func mcidClause(_ definition: OutcomeDefinition) -> String {
        var sentence = ""
        if definition.mcid == nil, !definition.mcidSource.isEmpty, definition.mcidSource != "not established" {
            sentence += ". Minimal clinically important difference: \(definition.mcidSource)"
        }
        if let mcid = definition.mcid {
            sentence += ". Minimal clinically important difference: \(NumberFormatting.significant(mcid))"
                + (definition.mcidSource.isEmpty ? "" : "; source: \(definition.mcidSource)")
        }
        return sentence
    }

    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("label", definition.map { .string($0.label) } ?? fileLabel.map(JSONValue.string) ?? .null),
            ("unit", definition.map { .string($0.unit) } ?? .null),
            ("better", definition.map { .string($0.better.rawValue) } ?? .null),
            ("mcid", .number(definition?.mcid)),
        ])
    }
}
