import ArgumentParser
import Foundation
import WalkStats

/// `walkstats simulate --like SUMMARIES --study ID --seed S`: participant-level data whose per-arm means
/// and SDs reproduce a study's printed ones.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate participant-level data that reproduce a study's printed per-arm means and SDs (moment-matched).",
        discussion: """
        What the paper does not print (baseline values, other arms or timepoints) comes from --assumptions, a \
        summary CSV whose rows are marked as assumed. The output CSV is long format; a .metadata.json file next \
        to it records the seed, the correlation, which numbers are printed and which assumed. The data are \
        SIMULATED, never a trial's real data.
        """)

    @Option(help: "Summary CSV with the study's printed numbers (a studies.csv next to it gives the design).")
    var like: String
    @Option(help: "The study id in --like.") var study: String
    @Option(help: "Seed of the random generator (same seed, same bytes).") var seed: UInt64
    @Option(help: "Summary CSV of assumed numbers for what the study does not print (rows for the same study id).")
    var assumptions: String?
    @Option(help: "Correlation between a participant's values at different timepoints or conditions (default 0.5).")
    var correlation: Double = 0.5
    @Option(help: "Timepoint order, comma-separated (default: order of first appearance, assumptions first).")
    var timepoints: String?
    @Option(help: "Codebook CSV (whole-number scores, ranges); default: datasets/codebook.csv when present.")
    var codebook: String?
    @Option(help: "Write the CSV here (atomically) and its metadata next to it as NAME.metadata.json.")
    var output: String

    func run() throws {
        let book = try InputOptions.loadCodebook(codebook)
        let folder = (like as NSString).deletingLastPathComponent
        let sheetPath = (folder.isEmpty ? "" : folder + "/") + "studies.csv"
        let sheet = FileManager.default.fileExists(atPath: sheetPath) ? sheetPath : nil
        let printed = try SummaryInputOptions.loadDataset(like, studies: sheet, codebook: book, keepGoing: false, rejectLoneArms: false)
        let assumed = try assumptions.map {
            try SummaryInputOptions.loadDataset($0, studies: nil, codebook: book, keepGoing: false, rejectLoneArms: false)
        }
        let printedRows = printed.summaries(study: study)
        let printedKeys = Set(printedRows.map(\.key))
        let assumedRows = (assumed?.summaries(study: study) ?? []).filter { !printedKeys.contains($0.key) }
        guard !(printedRows + assumedRows).isEmpty else {
            throw ValidationError("no rows for study '\(study)' in \(like)\(assumptions.map { " or \($0)" } ?? "")")
        }
        let design = printed.study(study)?.design ?? .parallel
        var rows = assumedRows + printedRows
        var order = rows.map(\.timepoint).uniqueInOrder()
        if design == .withinSubject {
            // Conditions of one group become its "timepoints".
            rows = rows.map { ArmSummary(study: $0.study, arm: "within_subject", timepoint: $0.arm, outcome: $0.outcome, n: $0.n,
                                         mean: $0.mean, standardDeviation: $0.standardDeviation, unit: $0.unit, source: $0.source,
                                         meanProvenance: $0.meanProvenance, standardDeviationProvenance: $0.standardDeviationProvenance,
                                         reported: $0.reported) }
            order = rows.map(\.timepoint).uniqueInOrder()
        }
        if let timepoints {
            let given = timepoints.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard Set(given) == Set(order), given.count == order.count else {
                throw ValidationError("--timepoints must list exactly the timepoints of the study: \(order.joined(separator: ","))")
            }
            order = given
        }
        var scales: [String: ScaleConstraints] = [:]
        for outcome in Set(rows.map(\.outcome)) {
            let definition = book.definition(of: outcome)
            scales[outcome] = ScaleConstraints(range: definition?.scaleRange ?? 0...Double.greatestFiniteMagnitude,
                                               integerScores: definition?.integerScores ?? false)
        }
        var decimals: [SummaryKey: Int] = [:]
        for row in rows {
            let texts = [row.reported?.printedMean, row.reported?.printedStandardDeviation].compactMap { $0 }
            decimals[row.key] = texts.map { $0.split(separator: ".").count == 2 ? $0.split(separator: ".")[1].count : 0 }.max() ?? 2
        }
        let simulation = try TrialSimulation(summaries: rows, timepoints: order, scales: scales, printedDecimals: decimals,
                                             correlation: correlation, seed: seed)
        var csv = "participant,arm,timepoint,outcome,value\n"
        for row in simulation.rows {
            csv += "\(row.participant),\(row.arm),\(row.timepoint),\(row.outcome),"
                + (row.value.map { String(format: "%.\(row.decimals)f", $0) } ?? "NA") + "\n"
        }
        let metadata = JSONValue.object([
            ("simulated", .bool(true)),
            ("warning", .string("SIMULATED data shaped like \(study); not data from any trial")),
            ("generator", .string("walkstats simulate: SplitMix64 seeded normal draws, Box–Muller, moment matching to the printed precision")),
            ("like", .string(like)), ("study", .string(study)), ("design", .string(design.rawValue)),
            ("seed", .int(Int(truncatingIfNeeded: seed))), ("correlation", .number(correlation)),
            ("timepoints", .array(order.map(JSONValue.string))),
            ("participants", .object(simulation.participantsPerArm.map { ($0.arm, .int($0.count)) })),
            ("printed", .array(printedRows.map { Self.json($0) })),
            ("assumed", .array(assumedRows.map { Self.json($0) })),
            ("assumptions", .array([
                "values at different timepoints (or conditions) of a participant correlate with rho = \(correlation); outcomes are independent",
                "participants missing at a timepoint drop out completely at random (monotone: the same order at every timepoint)",
                "scores are whole numbers within the codebook's range where it says so; other measures are non-negative",
                "means and SDs of the simulated values print as the summaries' (same decimals); the summaries marked 'assumed' are not printed by the study",
            ].map(JSONValue.string))),
        ])
        let metadataPath = ((output as NSString).deletingPathExtension) + ".metadata.json"
        let inputs: [String] = [like] + [assumptions, codebook].compactMap { $0 }
        try AtomicFileWriter.write(metadata.serialized(), to: metadataPath, protectedInputs: inputs)
        try AtomicFileWriter.write(csv, to: output, protectedInputs: inputs)
    }

    static func json(_ row: ArmSummary) -> JSONValue {
        .object([("arm", .string(row.arm)), ("timepoint", .string(row.timepoint)), ("outcome", .string(row.outcome)),
                 ("n", .int(row.n)), ("mean", .number(row.mean)), ("sd", .number(row.standardDeviation)),
                 ("source", row.source.map(JSONValue.string) ?? .null)])
    }
}
