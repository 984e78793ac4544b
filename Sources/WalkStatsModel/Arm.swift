/// A trial arm (such as `backward` or `forward`) with its randomised participants in file order.
public struct Arm: Sendable, Equatable {
    /// The arm's name as written in the file.
    public let name: String
    /// The participants randomised to the arm, in order of first appearance.
    public let participants: [Participant]

    /// Creates an arm.
    public init(name: String, participants: [Participant]) {
        self.name = name
        self.participants = participants
    }

    /// The observed values of `outcome` at `timepoint`, in participant order; missing values are left out.
    public func observedValues(of outcome: String, at timepoint: String) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(participants.count)
        forEachCell(outcome, timepoint) { _, cells, cell in
            if let value = cells.value(cell) { values.append(value) }
        }
        return values
    }

    /// The observed values of every cell of the first participant's layout (``ObservationLayout/cell(outcome:timepoint:)``
    /// indexes them), each in participant order with missing values left out, gathered in one pass over the
    /// participants; `nil` when a participant has another layout (then ask ``observedValues(of:at:)`` per cell).
    public func observedValuesByCell() -> (layout: ObservationLayout, values: [[Double]])? {
        guard let layout = participants.first?.cells.layout else { return nil }
        var values = Array(repeating: [Double](), count: layout.cellCount)
        for participant in participants {
            let storage = participant.cells.storage
            guard storage.layout === layout else { return nil }
            for cell in 0..<layout.cellCount where storage.states[cell] == .present { values[cell].append(storage.values[cell]) }
        }
        return (layout, values)
    }

    /// Calls `body` with each participant's index, cells and the cell of `outcome` at `timepoint` (skipping
    /// participants whose layout lacks them), looking the cell up once for every participant that shares the
    /// first one's layout (all of them, for an imported trial).
    func forEachCell(_ outcome: String, _ timepoint: String, _ body: (Int, ObservationCells, Int) -> Void) {
        var sharedLayout: ObservationLayout?
        var sharedCell: Int?
        for index in participants.indices {
            let cells = participants[index].cells
            let cell: Int?
            if let layout = sharedLayout, layout === cells.storage.layout {
                cell = sharedCell
            } else {
                cell = cells.layout.cell(outcome: outcome, timepoint: timepoint)
                if sharedLayout == nil { (sharedLayout, sharedCell) = (cells.layout, cell) }
            }
            if let cell { body(index, cells, cell) }
        }
    }

    /// The participants measured at both timepoints, as aligned `from` and `to` values.
    public func pairedValues(of outcome: String, from: String, to: String) -> PairedValues {
        var fromValues: [Double] = []
        var toValues: [Double] = []
        for participant in participants {
            if let before = participant.value(of: outcome, at: from),
               let after = participant.value(of: outcome, at: to) {
                fromValues.append(before)
                toValues.append(after)
            }
        }
        return PairedValues(from: fromValues, to: toValues, randomised: participants.count)
    }
}
