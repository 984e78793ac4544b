import WalkStatsAnalysis
import WalkStatsModel

/// Renders a ``SimulatedDataset``: the long participant CSV (values at their printed decimals, `NA` where
/// not observed) and its metadata JSON, which says the data are SIMULATED and records every assumption.
public struct SimulatedDatasetWriter: Sendable {
    let dataset: SimulatedDataset

    /// A writer for `dataset`.
    public init(_ dataset: SimulatedDataset) { self.dataset = dataset }

    /// The long CSV: `participant,arm,timepoint,outcome,value`.
    public var csv: String {
        var text = "participant,arm,timepoint,outcome,value\n"
        for row in dataset.simulation.rows {
            text += "\(row.participant),\(row.arm),\(row.timepoint),\(row.outcome),"
                + (row.value.map { NumberFormatting.fixed($0, decimals: row.decimals) } ?? "NA") + "\n"
        }
        return text
    }

    /// The metadata document written next to the CSV as `NAME.metadata.json`.
    public var metadata: String {
        let request = dataset.request
        return JSONValue.object([
            ("simulated", .bool(true)),
            ("warning", .string("SIMULATED data shaped like \(request.study); not data from any trial")),
            ("generator", .string("walkstats simulate: SplitMix64 seeded normal draws, Box–Muller, moment matching to the printed precision")),
            ("like", .string(request.like)), ("study", .string(request.study)), ("design", .string(dataset.design.rawValue)),
            ("seed", .int(Int(truncatingIfNeeded: request.seed))), ("correlation", .number(request.correlation)),
            ("timepoints", .array(dataset.timepoints.map(JSONValue.string))),
        ] + (request.reference.map { [("reference_arm", JSONValue.string($0))] } ?? []) + [
            ("participants", .object(dataset.simulation.participantsPerArm.map { ($0.arm, .int($0.count)) })),
            ("printed", .array(dataset.printed.map(Self.json))),
            ("assumed", .array(dataset.assumed.map(Self.json))),
            ("assumptions", .array(dataset.assumptions.map(JSONValue.string))),
        ]).serialized(as: .simulateMetadata)
    }

    static func json(_ row: ArmSummary) -> JSONValue {
        .object([("arm", .string(row.arm)), ("timepoint", .string(row.timepoint)), ("outcome", .string(row.outcome)),
                 ("n", .int(row.n)), ("mean", .number(row.mean)), ("sd", .number(row.standardDeviation)),
                 ("source", row.source.map(JSONValue.string) ?? .null)])
    }
}
