import ArgumentParser
import WalkStats

/// Options for reading a REDCap raw export, shared (through ``InputOptions``) by every command that reads a
/// participant file. An export is recognised by its header (`record_id` and `redcap_event_name`) or read as one
/// because `--redcap-dictionary` is given (see ``REDCapReader``).
struct REDCapOptions: ParsableArguments {
    @Option(name: .customLong("redcap-dictionary"),
            help: ArgumentHelp("The REDCap data dictionary (CSV) of a raw export: reads FILE as the export, its fields labelled and checked, identifiers left out.",
                               valueName: "dictionary.csv"))
    var dictionary: String?

    @Option(name: .customLong("redcap-arm"),
            help: ArgumentHelp("With a REDCap export: the field holding the arm, e.g. a radio 'group' (default: the event name's _arm_N suffix).",
                               valueName: "field"))
    var armField: String?

    func validate() throws {
        if let armField, armField.allSatisfy(\.isWhitespace) { throw ValidationError("--redcap-arm takes a field name, got an empty one") }
    }
}
