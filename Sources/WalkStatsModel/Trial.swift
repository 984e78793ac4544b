/// A trial's participant-level data: arms, their participants, and observations of each outcome at
/// each timepoint.
public struct Trial: Sendable, Equatable {
    /// Where the data came from (a file path), for reports.
    public let source: String
    /// The arms in order of first appearance.
    public let arms: [Arm]
    /// The timepoints in analysis order (the file's order of first appearance unless the user gave one).
    public let timepoints: [String]
    /// The outcome ids in order of first appearance.
    public let outcomes: [String]
    /// Names of extra columns that are constant within each participant.
    public let participantAttributeNames: [String]
    /// Names of extra columns that vary between a participant's rows.
    public let measurementAttributeNames: [String]
    /// How many value cells the file marked missing (empty, `NA`, `NaN`).
    public let missingCells: Int
    /// How the order of ``timepoints`` was decided, in words for a report.
    public let timepointOrderReason: String
    /// How the file was read, when that is not plain comma-separated UTF-8 with the expected column names
    /// ("';'-separated (detected from the header)", "column 'Participant' read as participant"), for a report.
    public let readingNotes: [String]

    /// Creates a trial.
    public init(source: String, arms: [Arm], timepoints: [String], outcomes: [String],
                participantAttributeNames: [String] = [], measurementAttributeNames: [String] = [],
                missingCells: Int = 0, timepointOrderReason: String = "as given", readingNotes: [String] = []) {
        self.readingNotes = readingNotes
        self.timepointOrderReason = timepointOrderReason
        self.source = source
        self.arms = arms
        self.timepoints = timepoints
        self.outcomes = outcomes
        self.participantAttributeNames = participantAttributeNames
        self.measurementAttributeNames = measurementAttributeNames
        self.missingCells = missingCells
    }

    /// All participants, arm by arm.
    public var participantCount: Int { arms.reduce(0) { $0 + $1.participants.count } }

    /// Participant × timepoint × outcome cells with no row at all in the file.
    public var absentCells: Int {
        let expected = participantCount * timepoints.count * outcomes.count
        let present = arms.reduce(0) { sum, arm in
            sum + arm.participants.reduce(0) { $0 + $1.observationCount }
        }
        return expected - present
    }

    /// The arm called `name`, if any.
    public func arm(named name: String) -> Arm? {
        arms.first { $0.name == name }
    }
}
