import Foundation
import WalkStats

/// The provenance every report ends with, built in one place for every command: each input file that
/// exists with its SHA-256, the codebook used, and the command line as given.
enum ReportProvenance {
    /// The provenance of a report read from `inputs` (role, path; paths that do not exist, such as an absent
    /// sidecar, are left out) and labelled from `codebook` (the built-in one and the user files laid over it,
    /// each listed as an input). The command line is this process's, with the value of `--output` shown
    /// relative to the report.
    static func make(inputs: [(role: String, path: String)], codebook: CodebookLayers) throws -> Provenance {
        var entries: [Provenance.Input] = []
        var seen: Set<String> = []
        for (role, path) in inputs + codebook.layers.map({ ("codebook", $0.path) }) where !seen.contains(path) {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            seen.insert(path)
            entries.append(Provenance.Input(role: role, path: path, sha256: try SHA256.hex(ofFileAt: path)))
        }
        return Provenance(inputs: entries, codebook: codebook.description,
                          commandLine: commandLine(Array(CommandLine.arguments.dropFirst())))
    }

    /// `walkstats` and `arguments`, each quoted for a POSIX shell when it needs to be, with the path after
    /// `--output` (or in `--output=PATH`) replaced by its last component: the report's own file name, which
    /// is the same wherever the report is regenerated.
    static func commandLine(_ arguments: [String]) -> String {
        var shown: [String] = []
        var nextIsOutput = false
        for argument in arguments {
            if nextIsOutput {
                shown.append((argument as NSString).lastPathComponent)
                nextIsOutput = false
            } else if argument == "--output" {
                shown.append(argument)
                nextIsOutput = true
            } else if argument.hasPrefix("--output=") {
                shown.append("--output=" + (String(argument.dropFirst("--output=".count)) as NSString).lastPathComponent)
            } else {
                shown.append(argument)
            }
        }
        return (["walkstats"] + shown.map(quoted)).joined(separator: " ")
    }

    /// `argument` in single quotes when it holds anything but letters, digits and `-_./,=:+@%`.
    static func quoted(_ argument: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,=:+@%")
        if !argument.isEmpty, argument.allSatisfy({ plain.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension InputOptions {
    /// The context of a report on this participant file: simulated when its sidecar says so, and the
    /// provenance of the data, its sidecar and the codebook (with a REDCap data dictionary, as a codebook).
    func reportContext(metadata: DatasetMetadata?) throws -> ReportContext {
        ReportContext(simulatedBy: metadata?.simulated == true ? metadata?.source : nil,
                      provenance: try ReportProvenance.make(
                          inputs: [("data", file), ("metadata", DatasetMetadataImporter.sidecarPath(of: file))]
                              + (redcap.dictionary.map { [("codebook", $0)] } ?? []),
                          codebook: try CodebookLayers.load(dataFile: file, given: codebook)))
    }
}

extension SummaryInputOptions {
    /// The context of a report on printed summaries: the provenance of the summaries, the study sheet, the
    /// printed results and the codebook (published numbers are never simulated).
    func reportContext(extraInputs: [(role: String, path: String)] = []) throws -> ReportContext {
        let inputs: [(role: String, path: String)] = [("summaries", file)] + (studiesPath.map { [("study sheet", $0)] } ?? [])
            + (printedPath.map { [("printed results", $0)] } ?? []) + extraInputs
        return ReportContext(provenance: try ReportProvenance.make(inputs: inputs,
                                                                   codebook: try CodebookLayers.load(dataFile: file, given: codebook)))
    }
}
