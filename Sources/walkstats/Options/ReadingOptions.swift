import ArgumentParser
import WalkStats

/// How a participant file is laid out.
enum InputLayout: String, CaseInsensitiveArgument {
    /// One row per participant × timepoint × outcome (`participant,arm,timepoint,outcome,value`).
    case long
    /// One row per participant, one column per outcome and timepoint (`id,group,pain_pre,pain_post`).
    case wide
}

/// Options saying how to read a participant file's layout, shared (through ``InputOptions``) by every command
/// that reads one. Bad spellings are usage errors (exit 64); what the file itself holds is checked on reading.
struct ReadingOptions: ParsableArguments {
    @Option(help: "Layout of the participant file: long (participant,arm,timepoint,outcome,value) or wide (one row per participant, columns such as pain_pre,pain_post).")
    var layout: InputLayout = .long

    @Option(help: "With --layout wide: how value columns are named, {outcome} and {timepoint} joined by a separator, e.g. '{timepoint}.{outcome}' (default: '{outcome}_{timepoint}').")
    var widePattern: String?

    @Option(name: .customLong("id"), help: "With --layout wide: the participant column (default: the one named participant, id, subject, record_id, patient, pid, subject_id or participant_id).")
    var idColumn: String?

    @Option(name: .customLong("arm"), help: "With --layout wide: the arm column (default: the one named arm, group, treatment, allocation, condition or randomisation).")
    var armColumn: String?

    func validate() throws {
        if layout == .long {
            let given = [("--wide-pattern", widePattern), ("--id", idColumn), ("--arm", armColumn)].filter { $0.1 != nil }.map(\.0)
            guard given.isEmpty else {
                throw ValidationError("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") only to a wide sheet; add --layout wide")
            }
        }
        if let widePattern, WidePattern(widePattern) == nil {
            throw ValidationError("--wide-pattern takes {outcome} and {timepoint} once each, joined by a non-empty separator and nothing else, "
                + "such as '{outcome}_{timepoint}' or '{timepoint}.{outcome}'; got '\(widePattern)'")
        }
        for (flag, name) in [("--id", idColumn), ("--arm", armColumn)] {
            if let name, name.allSatisfy(\.isWhitespace) { throw ValidationError("\(flag) takes a column name, got an empty one") }
        }
    }

    /// The wide layout asked for, knowing `knownOutcomes`; `nil` for a long file.
    func wideLayout(knownOutcomes: [String]) -> WideLayout? {
        guard layout == .wide else { return nil }
        return WideLayout(pattern: widePattern.flatMap(WidePattern.init) ?? .standard, idColumnName: idColumn, armColumnName: armColumn,
                          knownOutcomes: knownOutcomes)
    }
}
