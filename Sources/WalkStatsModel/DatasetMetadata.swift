/// What a dataset's sidecar file (`NAME.metadata.json` next to `NAME.csv`) says about the data: the
/// design, the timepoint order, the reference (comparator) arm and whether the data are simulated. Every
/// key is optional; a flag given on the command line wins over the sidecar.
public struct DatasetMetadata: Sendable, Equatable {
    /// The design of the study that produced the data.
    public enum Design: String, Sendable, Equatable, CaseIterable {
        /// Arms of different people (randomised in parallel).
        case parallel
        /// Conditions measured in the same people.
        case within
        /// A cross-over trial (periods and sequences).
        case crossover
    }

    /// The file the metadata was read from.
    public let source: String
    /// The design, when the sidecar gives one.
    public let design: Design?
    /// The timepoint (or condition) order, when given.
    public let timepoints: [String]?
    /// The reference arm, when given.
    public let referenceArm: String?
    /// Whether the data are simulated, when said.
    public let simulated: Bool?

    /// Creates metadata.
    public init(source: String, design: Design? = nil, timepoints: [String]? = nil, referenceArm: String? = nil,
                simulated: Bool? = nil) {
        self.source = source
        self.design = design
        self.timepoints = timepoints
        self.referenceArm = referenceArm
        self.simulated = simulated
    }
}
