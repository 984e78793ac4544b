import WalkStatsModel

/// Writes a ``Trial`` as the tidy long CSV that R, pandas and the notebooks read:
/// `participant,arm,timepoint,outcome,value`, then the participant attributes and the measurement
/// attributes in the trial's order.
///
/// *Order.* Participants in file order (by the first line of their observations), then timepoints in the
/// trial's order, then outcomes in the trial's order (first appearance); only cells the file had are written.
///
/// *Values.* Printed as Swift prints the `Double` that was read (the shortest text that reads back to the same
/// number), so `1.10` is written `1.1` and `2.0` is written `2.0`; a missing value or attribute is `NA`.
/// Reading the written file gives back the same trial (arms, participants, values, attributes, timepoints,
/// outcomes), apart from its source and line numbers. Fields holding a comma, quote or line break are quoted (RFC 4180).
public struct LongCSVWriter: Sendable {
    let trial: Trial

    /// A writer for `trial`.
    public init(_ trial: Trial) { self.trial = trial }

    /// The whole CSV text.
    public var csv: String {
        let attributeNames = trial.participantAttributeNames + trial.measurementAttributeNames
        var lines = [(["participant", "arm", "timepoint", "outcome", "value"] + attributeNames).map(Self.field).joined(separator: ",")]
        let participants = trial.arms.flatMap(\.participants).enumerated().sorted { first, second in
            let a = first.element.observations.values.map(\.line).min() ?? 0, b = second.element.observations.values.map(\.line).min() ?? 0
            return (a, first.offset) < (b, second.offset)
        }.map(\.element)
        for participant in participants {
            let participantValues = trial.participantAttributeNames.map { participant.attributes[$0].flatMap { $0 } ?? "NA" }
            for timepoint in trial.timepoints {
                for outcome in trial.outcomes {
                    guard let observation = participant.observations[ObservationKey(outcome: outcome, timepoint: timepoint)] else { continue }
                    let measurementValues = trial.measurementAttributeNames.map { observation.attributes[$0] ?? "NA" }
                    let fields = [participant.id, participant.arm, timepoint, outcome, observation.value.map { "\($0)" } ?? "NA"]
                        + participantValues + measurementValues
                    lines.append(fields.map(Self.field).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a CSV field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes + "\""
    }
}

private extension String {
    var replacingQuotes: String {
        var result = ""
        for character in self { result += character == "\"" ? "\"\"" : String(character) }
        return result
    }
}
