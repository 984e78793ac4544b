import ArgumentParser
import WalkStats

/// Options for SPSS, Stata and SAS participant files, shared (through ``InputOptions``) by every command that
/// reads a participant file.
struct StatisticalFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("SAS format catalogue (.sas7bcat) holding the value labels of a .sas7bdat or .xpt participant file (such as arm names for arm codes), matched to variables by format name.",
                               valueName: "file.sas7bcat"))
    var catalog: String?

    func validate() throws {
        if let catalog, !catalog.lowercased().hasSuffix(".sas7bcat") {
            throw ValidationError("--catalog takes a SAS format catalogue, a file named *.sas7bcat; got '\(catalog)'")
        }
    }
}
