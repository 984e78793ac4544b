/// The outcomes and timepoints a set of participants' observations are laid out by: one cell per
/// outcome × timepoint, shared by every participant of a trial (a class, so each participant holds one
/// reference rather than its own name tables).
public final class ObservationLayout: Sendable {
    /// The outcomes, in layout order.
    public let outcomes: [String]
    /// The timepoints, in layout order (not necessarily the analysis order).
    public let timepoints: [String]
    let outcomeIndex: [String: Int]
    let timepointIndex: [String: Int]

    /// A layout of `outcomes` × `timepoints` (each list without repeats).
    public init(outcomes: [String], timepoints: [String]) {
        self.outcomes = outcomes
        self.timepoints = timepoints
        outcomeIndex = Dictionary(outcomes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        timepointIndex = Dictionary(timepoints.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The number of cells.
    public var cellCount: Int { outcomes.count * timepoints.count }

    /// The cell of `outcome` at `timepoint`, `nil` when either is not in the layout.
    public func cell(outcome: String, timepoint: String) -> Int? {
        guard let o = outcomeIndex[outcome], let t = timepointIndex[timepoint] else { return nil }
        return o * timepoints.count + t
    }

    /// The cell of outcome number `outcome` at timepoint number `timepoint`.
    public func cell(outcome: Int, timepoint: Int) -> Int { outcome * timepoints.count + timepoint }

    /// The key of `cell`.
    public func key(of cell: Int) -> ObservationKey {
        ObservationKey(outcome: outcomes[cell / timepoints.count], timepoint: timepoints[cell % timepoints.count])
    }
}

/// One participant's observations, stored by cell of an ``ObservationLayout``: whether a row was given, its
/// value (absent when missing), the file line, and (rarely) the row's measurement attributes. Immutable and
/// held by reference, so copying a participant costs one retain however many cells it has.
public struct ObservationCells: Sendable, Equatable {
    /// What a cell holds.
    public enum State: UInt8, Sendable {
        /// No row was given.
        case absent
        /// A row was given with a missing value.
        case missing
        /// A row was given with a value.
        case present
    }

    final class Storage: Sendable {
        let layout: ObservationLayout
        let states: [State]
        let values: [Double]
        let lines: [Int32]
        let attributes: [Int: [String: String]]

        init(layout: ObservationLayout, states: [State], values: [Double], lines: [Int32], attributes: [Int: [String: String]]) {
            self.layout = layout
            self.states = states
            self.values = values
            self.lines = lines
            self.attributes = attributes
        }
    }

    let storage: Storage

    /// Cells of `layout` from per-cell arrays (each of ``ObservationLayout/cellCount`` elements; `values` 0 and
    /// `lines` 0 where absent) and the measurement attributes of the cells that have any.
    public init(layout: ObservationLayout, states: [State], values: [Double], lines: [Int32], attributes: [Int: [String: String]] = [:]) {
        precondition(states.count == layout.cellCount && values.count == layout.cellCount && lines.count == layout.cellCount,
                     "one state, value and line per cell")
        storage = Storage(layout: layout, states: states, values: values, lines: lines, attributes: attributes)
    }

    /// The layout.
    public var layout: ObservationLayout { storage.layout }
    /// Per cell: absent, missing or present.
    public var states: [State] { storage.states }
    /// Per cell: the value (0 unless present).
    public var values: [Double] { storage.values }
    /// Per cell: the line of the row (0 when absent or unknown).
    public var lines: [Int32] { storage.lines }

    /// The value of `cell`, `nil` unless present.
    @inline(__always) public func value(_ cell: Int) -> Double? {
        storage.states[cell] == .present ? storage.values[cell] : nil
    }

    /// The observation of `cell`, `nil` when absent.
    public func observation(_ cell: Int) -> Observation? {
        switch storage.states[cell] {
        case .absent: return nil
        case .missing: return Observation(value: nil, attributes: storage.attributes[cell] ?? [:], line: Int(storage.lines[cell]))
        case .present: return Observation(value: storage.values[cell], attributes: storage.attributes[cell] ?? [:], line: Int(storage.lines[cell]))
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.dictionary == rhs.dictionary
    }

    /// The cells as a dictionary of observations.
    var dictionary: [ObservationKey: Observation] {
        var result: [ObservationKey: Observation] = [:]
        for cell in storage.states.indices { if let observation = observation(cell) { result[layout.key(of: cell)] = observation } }
        return result
    }
}

/// A randomised participant: an id, the arm, attributes that do not change over time, and the
/// observations by outcome and timepoint.
public struct Participant: Sendable, Equatable {
    /// The participant id as written in the file.
    public let id: String
    /// The name of the arm the participant was randomised to.
    public let arm: String
    /// Participant-level attributes (such as `age`, `sex`, `kl_grade`) by column name; `nil` when missing.
    public let attributes: [String: String?]
    /// The observations, by cell.
    public let cells: ObservationCells

    /// Creates a participant from observations by key.
    public init(id: String, arm: String, attributes: [String: String?] = [:],
                observations: [ObservationKey: Observation]) {
        let layout = ObservationLayout(outcomes: observations.keys.map(\.outcome).uniqueInOrder().sorted(),
                                       timepoints: observations.keys.map(\.timepoint).uniqueInOrder().sorted())
        var states = Array(repeating: ObservationCells.State.absent, count: layout.cellCount)
        var values = Array(repeating: 0.0, count: layout.cellCount)
        var lines = Array(repeating: Int32(0), count: layout.cellCount)
        var cellAttributes: [Int: [String: String]] = [:]
        for (key, observation) in observations {
            let cell = layout.cell(outcome: key.outcome, timepoint: key.timepoint)!
            states[cell] = observation.value == nil ? .missing : .present
            values[cell] = observation.value ?? 0
            lines[cell] = Int32(clamping: observation.line)
            if !observation.attributes.isEmpty { cellAttributes[cell] = observation.attributes }
        }
        self.init(id: id, arm: arm, attributes: attributes,
                  cells: ObservationCells(layout: layout, states: states, values: values, lines: lines, attributes: cellAttributes))
    }

    /// Creates a participant from cells (what the importer builds: one shared layout for a whole trial).
    public init(id: String, arm: String, attributes: [String: String?] = [:], cells: ObservationCells) {
        self.id = id
        self.arm = arm
        self.attributes = attributes
        self.cells = cells
    }

    /// Measurements by outcome and timepoint. A key that is absent means no row was given. (Built on each
    /// call: prefer ``value(of:at:)``, ``observation(of:at:)`` and ``observedValues(of:)``.)
    public var observations: [ObservationKey: Observation] { cells.dictionary }

    /// How many rows were given for this participant.
    public var observationCount: Int { cells.storage.states.reduce(0) { $0 + ($1 == .absent ? 0 : 1) } }

    /// The observation of `outcome` at `timepoint`, `nil` when no row was given.
    public func observation(of outcome: String, at timepoint: String) -> Observation? {
        cells.layout.cell(outcome: outcome, timepoint: timepoint).flatMap(cells.observation)
    }

    /// The observed value of `outcome` at `timepoint`, or `nil` when it is missing or no row was given.
    public func value(of outcome: String, at timepoint: String) -> Double? {
        guard let cell = cells.layout.cell(outcome: outcome, timepoint: timepoint) else { return nil }
        return cells.value(cell)
    }

    /// Every observed value of `outcome`, at any timepoint.
    public func observedValues(of outcome: String) -> [Double] {
        guard let o = cells.layout.outcomeIndex[outcome] else { return [] }
        let count = cells.layout.timepoints.count
        return (o * count..<(o + 1) * count).compactMap { cells.value($0) }
    }

    public static func == (lhs: Participant, rhs: Participant) -> Bool {
        lhs.id == rhs.id && lhs.arm == rhs.arm && lhs.attributes == rhs.attributes && lhs.cells == rhs.cells
    }
}
