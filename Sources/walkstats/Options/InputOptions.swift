import ArgumentParser
import Foundation
import WalkStats

/// Options shared by every command that reads a participant file.
struct InputOptions: ParsableArguments {
    @Argument(help: "Participant file: CSV (long: participant,arm,timepoint,outcome,value, extra columns kept; or --layout wide, one row per participant), an Excel .xlsx, an SPSS/Stata/SAS file (.sav .zsav .dta .xpt .sas7bdat) or a REDCap export.")
    var file: String

    @OptionGroup var reading: ReadingOptions

    @OptionGroup var redcap: REDCapOptions
    @OptionGroup var statisticalFile: StatisticalFileOptions
    @OptionGroup var sheetOptions: SheetOptions

    @Option(help: "Codebook CSV with outcome labels, units, better direction and MCID, overriding the built-in codebook (and a codebook.csv next to FILE) outcome by outcome.")
    var codebook: String?

    @Option(help: "Timepoint order, comma-separated, e.g. baseline,week4,week8 (default: order of first appearance).")
    var timepoints: String?

    @Flag(help: "List every problem in the input instead of stopping at the first (nothing is analysed either way).")
    var keepGoing = false

    @Option(help: "Field delimiter: comma, semicolon or tab (default: detected from the header line).")
    var delimiter: Delimiter?

    @Flag(help: "Numbers are written with a decimal comma, as 4,5 (default: detected in files not separated by commas).")
    var decimalComma = false

    @Option(help: "Text encoding: utf-8, latin1 or windows-1252 (default: UTF-8, or UTF-16 when the file starts with its byte-order mark).")
    var encoding: TextOptions.Encoding?

    @Option(parsing: .unconditional,
            help: "Codes that mark a missing value besides an empty cell, NA and NaN, comma-separated, e.g. --na '.,-999,#N/A' (a code may start with '-').")
    var na: String?

    /// A field delimiter as named on the command line.
    enum Delimiter: String, CaseInsensitiveArgument {
        case comma, semicolon, tab
        var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : self == .semicolon ? UInt8(ascii: ";") : 9 }
    }

    /// How to read the text: the flags given, everything else detected.
    var textOptions: TextOptions {
        TextOptions(delimiter: delimiter?.byte, decimalComma: decimalComma ? true : nil, encoding: encoding,
                    missingCodes: na.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [])
    }

    func validate() throws {
        try sheetOptions.validate(file: file)
        if let na, na.split(separator: ",", omittingEmptySubsequences: false).contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--na takes missing-value codes separated by commas, such as '.,-999,#N/A'; got '\(na)'")
        }
        if let order = timepointOrder {
            guard !order.contains(""), Set(order).count == order.count else {
                throw ValidationError("--timepoints needs distinct, non-empty names separated by commas, got '\(timepoints ?? "")'")
            }
        }
    }

    var timepointOrder: [String]? {
        timepoints.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The dataset's sidecar (`NAME.metadata.json` next to the file), if it has one.
    func loadMetadata() throws -> DatasetMetadata? {
        try DatasetMetadataImporter.importMetadata(nextTo: file)
    }

    /// The imported trial, its timepoints in the order of `--timepoints`, else the sidecar's, else read from
    /// their names as visits (``VisitOrder``) — unless the design (`design`, else the sidecar's) is within-subject
    /// or crossover, whose conditions keep the file's order.
    func loadTrial(design: DatasetMetadata.Design? = nil) throws -> Trial {
        // The provenance's checksum of the file is computed on the other core while the file is read.
        FileDigests.shared.prefetch(file)
        let metadata = try loadMetadata()
        let given: (order: [String], source: String)? = timepointOrder.map { ($0, "given with --timepoints") }
            ?? metadata?.timepoints.map { ($0, "from the dataset's metadata") }
        let source = try InputFormat.source(self)
        let codebook = try loadCodebook()
        let importer = ParticipantCSVImporter(timepointOrder: given?.order, timepointOrderSource: given?.source ?? "as given",
                                              ordersVisits: (design ?? metadata?.design ?? .parallel) == .parallel, keepGoing: keepGoing,
                                              reading: textOptions, codebook: codebook)
        let wide = reading.wideLayout(knownOutcomes: codebook.definitions.map(\.id))
        if let source { return try importer.importTrial(source: source, wide: wide) }
        if let wide { return try importer.importTrial(atPath: file, wide: wide) }
        return try importer.importTrial(atPath: file)
    }

    /// The built-in codebook overridden by a `codebook.csv` next to FILE, then by `--codebook` (``CodebookLayers``).
    /// What the data file says about its outcomes (labels, a REDCap dictionary's ranges) labels the outcomes
    /// no codebook defines (``Codebook/fileOutcomes``).
    func loadCodebook() throws -> Codebook {
        let layered = try CodebookLayers.load(dataFile: file, given: codebook).codebook
        guard let source = try InputFormat.source(self) else { return layered }
        return layered.adding(fileOutcomes: source.fileOutcomes(wide: reading.wideLayout(knownOutcomes: layered.definitions.map(\.id))))
    }

    /// Files that an output must never overwrite.
    var inputPaths: [String] {
        [file, DatasetMetadataImporter.sidecarPath(of: file)] + CodebookLayers.userPaths(dataFile: file, given: codebook)
            + (redcap.dictionary.map { [$0] } ?? [])
            + (statisticalFile.catalog.map { [$0] } ?? [])
    }
}

/// Options shared by every command that writes a report.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: markdown, json or csv.")
    var format: ReportFormat = .markdown

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    /// Writes the finished `text` to ``output`` or standard output.
    func emit(_ text: String, inputs: [String]) throws {
        if let output {
            try AtomicFileWriter.write(text, to: output, protectedInputs: inputs)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// Options choosing what is compared.
struct ComparisonOptions: ParsableArguments {
    @Option(help: "Earlier timepoint of the change (default: the first timepoint).")
    var from: String?

    @Option(help: "Later timepoint of the change (default: the last timepoint).")
    var to: String?

    @Option(help: "Arms to analyse, comma-separated (default: every arm, in sorted order); between two non-reference arms the difference is the later − the earlier.")
    var arms: String?

    @Option(help: "The reference (comparator) arm: differences are arm − reference (default: the sidecar's reference_arm, else an arm named like a control, else the last arm in sorted order).")
    var reference: String?

    @Option(help: "The design: parallel (arms of different people), within (conditions, given as timepoints, measured in the same people) or crossover (two conditions, one per period, with `period` and optional `sequence` columns); default: the sidecar's design, else parallel.")
    var design: DatasetMetadata.Design?

    @Option(help: "Models over every visit, fitted when the data have three or more visits: ancova_by_visit, mixed_anova, lmm, mmrm (comma-separated; default: all; none for none).")
    var models: String?

    @Option(help: "Participant attributes the ANCOVA adjusts for besides baseline, e.g. age,sex,kl_grade.")
    var covariates: String?

    @Option(help: "Multiplicity adjustment across a report's outcomes: holm, bonferroni, hochberg, bh or none (R's p.adjust).")
    var adjust: PValueAdjustment = .holm

    @Option(help: "Responder threshold replacing the codebook's for one outcome: OUTCOME=VALUE (an improvement in the outcome's unit) or OUTCOME=VALUE% (a percentage of baseline); repeat for more, e.g. --mcid pain_nrs=2 --mcid pain_nrs=30%.")
    var mcid: [String] = []

    /// `--mcid` as thresholds by outcome, in the order given.
    var responderThresholds: [String: [ResponderThreshold]] {
        var result: [String: [ResponderThreshold]] = [:]
        for entry in mcid {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let threshold = ResponderThreshold(chosen: parts[1]) { result[parts[0], default: []].append(threshold) }
        }
        return result
    }

    var covariateList: [String] {
        covariates.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
    }

    /// The request these flags make, for `outcomes` (`nil`: every outcome).
    func request(outcomes: [String]? = nil, metadata: DatasetMetadata?, codebook: Codebook) -> AnalysisRequest {
        AnalysisRequest(outcomes: outcomes, from: from, to: to, arms: armList, reference: reference, metadata: metadata,
                        design: design, covariates: covariateList, adjustment: adjust, models: modelList, codebook: codebook,
                        responderThresholds: responderThresholds)
    }

    func validate() throws {
        for entry in mcid {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, ResponderThreshold(chosen: parts[1]) != nil else {
                throw ValidationError("--mcid takes OUTCOME=VALUE or OUTCOME=VALUE% with a positive plain decimal, such as pain_nrs=2 "
                    + "or pain_nrs=30%; got '\(entry)'")
            }
        }
        for name in modelList ?? [] where !PlannedAnalysis<VisitsData>.modelNames.contains(name) {
            throw ValidationError("--models takes \(PlannedAnalysis<VisitsData>.modelNames.joined(separator: ", ")) or none, "
                + "separated by commas; got '\(name)'")
        }
    }

    /// `--models` as a list: `nil` for every model, empty for `none`.
    var modelList: [String]? {
        guard let models else { return nil }
        let names = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return names == ["none"] ? [] : names
    }

    var armList: [String]? {
        arms.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    }
}
