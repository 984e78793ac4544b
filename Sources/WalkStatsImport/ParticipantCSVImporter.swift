import Foundation
import WalkStatsModel

/// Reads long-format participant data into a ``Trial``.
///
/// The file is CSV (RFC 4180, see ``CSVTable``) with a header naming at least `participant`, `arm`,
/// `timepoint`, `outcome` and `value`, in any order, and one row per participant × timepoint × outcome.
/// Extra columns are kept: those constant within every participant become participant attributes (such
/// as `age`, `sex`, `kl_grade`), the others measurement attributes (such as `unit`).
///
/// *Missing values.* An empty, `NA` or `NaN` value is missing: it is kept as a measurement without a
/// value and counted in ``Trial/missingCells``; nothing is dropped.
///
/// *Errors.* Anything else that is wrong stops the import with a ``CSVImportError`` naming file, line,
/// column and what was expected, so no partial data is ever returned. With `keepGoing`, every problem is
/// collected and thrown together as ``CSVImportErrors``.
public struct ParticipantCSVImporter: Sendable {
    /// The columns every participant file must have.
    public static let requiredColumns = ["participant", "arm", "timepoint", "outcome", "value"]

    /// The analysis order of timepoints; `nil` reads it from their names (``VisitOrder``) when
    /// ``ordersVisits``, else keeps the order in which the file first names them.
    public var timepointOrder: [String]?
    /// Where a given ``timepointOrder`` came from, for the report ("given with --timepoints").
    public var timepointOrderSource: String
    /// Whether the timepoints are visits to be put in time order by their names (not for conditions of a
    /// within-subject design, which keep their given order).
    public var ordersVisits: Bool
    /// Whether to collect every problem instead of stopping at the first.
    public var keepGoing: Bool

    /// Creates an importer.
    public init(timepointOrder: [String]? = nil, timepointOrderSource: String = "as given", ordersVisits: Bool = true,
                keepGoing: Bool = false) {
        self.timepointOrder = timepointOrder
        self.timepointOrderSource = timepointOrderSource
        self.ordersVisits = ordersVisits
        self.keepGoing = keepGoing
    }

    /// Imports the file at `path`.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the file.
    public func importTrial(atPath path: String) throws -> Trial {
        try importTrial(data: InputFile.read(path), file: path)
    }

    /// Imports the wide sheet at `path`, its columns planned by `layout` (see ``WideLayout``).
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the file or its header.
    public func importTrial(atPath path: String, wide layout: WideLayout) throws -> Trial {
        let table = try CSVTable(data: InputFile.read(path), file: path)
        return try importTrial(wide: table, plan: layout.plan(for: table))
    }

    /// Imports CSV `data`; `file` names it in messages and in ``Trial/source``.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the data.
    public func importTrial(data: Data, file: String) throws -> Trial {
        try importTrial(table: CSVTable(data: data, file: file))
    }

    /// Imports a wide sheet already parsed, with the columns `plan` gives (see ``WideLayout``): its rows
    /// reshaped to long rows, every error still at the wide file's line and column.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the data.
    public func importTrial(wide table: CSVTable, plan: WidePlan) throws -> Trial {
        let reshaped = WideLayout.reshape(table, with: plan)
        return try importTrial(table: reshaped.table, locate: reshaped.locate)
    }

    /// Imports a long table already parsed.
    /// - Throws: ``CSVImportError`` (or ``CSVImportErrors`` with `keepGoing`) for any problem in the data.
    public func importTrial(table: CSVTable) throws -> Trial {
        try importTrial(table: table) { error, _ in error }
    }

    /// Imports `table`, passing each row's error through `locate` (which may move it to another column).
    private func importTrial(table: CSVTable, locate: (CSVImportError, CSVRecord) -> CSVImportError) throws -> Trial {
        let file = table.file
        var collector = ProblemCollector(keepGoing: keepGoing)
        let columns: [String: Int]
        do {
            columns = try CSVRowFields.columnIndices(table, required: Self.requiredColumns, optional: [], what: "required")
        } catch let error as CSVImportError {
            throw WideLayout.addingWideSheetHint(to: error, header: table.header)
        }
        let extraColumns = table.header.indices.filter { !columns.values.contains($0) }

        var builder = TrialBuilder(file: file, timepointOrder: timepointOrder)
        try collector.check(table) { record in
            do {
                try builder.add(record, columns: columns, extraColumns: extraColumns, header: table.header)
            } catch let error as CSVImportError {
                throw locate(error, record)
            }
            return []
        }
        for problem in builder.unusedListedTimepoints() {
            try collector.record(problem)
        }
        try collector.finish()
        let order: (timepoints: [String], reason: String)
        if let timepointOrder {
            order = (timepointOrder, timepointOrderSource)
        } else if ordersVisits {
            do {
                let decision = try VisitOrder.decide(builder.timepointsSeen)
                order = (decision.order, decision.reason)
            } catch let ambiguity as VisitOrder.Ambiguity {
                throw CSVImportError(.ambiguousTimepointOrder, file: file, message: ambiguity.description)
            }
        } else {
            order = (builder.timepointsSeen, "in the order the file first names them (conditions, not visits)")
        }
        return builder.trial(header: table.header, extraColumns: extraColumns, timepoints: order.timepoints, reason: order.reason)
    }
}

/// Accumulates rows into participants, checking the cross-row rules (one arm per participant, one value
/// per participant/timepoint/outcome, listed timepoints).
private struct TrialBuilder {
    struct ParticipantDraft {
        let id: String
        let arm: String
        let line: Int
        var extraValues: [[String]] = []
        var observations: [ObservationKey: Observation] = [:]
    }

    let file: String
    let timepointOrder: [String]?
    var participants: [ParticipantDraft] = []
    var participantIndex: [String: Int] = [:]
    var timepointsSeen: [String] = []
    var outcomes: [String] = []
    var missingCells = 0

    init(file: String, timepointOrder: [String]?) {
        self.file = file
        self.timepointOrder = timepointOrder
    }

    mutating func add(_ record: CSVRecord, columns: [String: Int], extraColumns: [Int], header: [String]) throws {
        func identifier(_ name: String) throws -> String {
            let column = columns[name]!
            let text = record.fields[column].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                throw CSVImportError(.emptyField, file: file, line: record.line, column: column + 1,
                                     message: "expected a value in column '\(name)', found an empty field")
            }
            return text
        }
        let id = try identifier("participant")
        let arm = try identifier("arm")
        let timepoint = try identifier("timepoint")
        // The timepoint appears in the data even if this row has another problem.
        if !timepointsSeen.contains(timepoint) { timepointsSeen.append(timepoint) }
        let outcome = try identifier("outcome")
        let valueColumn = columns["value"]!
        let cell: NumericCell
        do {
            cell = try NumericCell.parse(record.fields[valueColumn], columnName: "value")
        } catch let error as CellProblem {
            throw CSVImportError(error.kind, file: file, line: record.line, column: valueColumn + 1, message: error.message)
        }
        if let order = timepointOrder, !order.contains(timepoint) {
            throw CSVImportError(.unlistedTimepoint, file: file, line: record.line, column: columns["timepoint"]! + 1,
                                 message: "expected one of the timepoints given with --timepoints "
                                     + "(\(order.joined(separator: ","))), found '\(timepoint)'")
        }

        let index: Int
        if let existing = participantIndex[id] {
            index = existing
            let draft = participants[index]
            guard draft.arm == arm else {
                throw CSVImportError(.participantInTwoArms, file: file, line: record.line, column: columns["arm"]! + 1,
                                     message: "participant '\(id)' is in arm '\(arm)' here but in arm '\(draft.arm)' "
                                         + "on line \(draft.line); expected one arm per participant")
            }
        } else {
            index = participants.count
            participantIndex[id] = index
            participants.append(ParticipantDraft(id: id, arm: arm, line: record.line))
        }
        let key = ObservationKey(outcome: outcome, timepoint: timepoint)
        if let first = participants[index].observations[key] {
            throw CSVImportError(.duplicateMeasurement, file: file, line: record.line, column: valueColumn + 1,
                                 message: "participant '\(id)' already has a '\(outcome)' value at '\(timepoint)' "
                                     + "on line \(first.line); expected one row per participant, timepoint and outcome")
        }
        if !outcomes.contains(outcome) { outcomes.append(outcome) }

        var value: Double? = nil
        if case .number(let number) = cell { value = number } else { missingCells += 1 }
        let extras = extraColumns.map { record.fields[$0].trimmingCharacters(in: .whitespaces) }
        participants[index].extraValues.append(extras)
        var attributes: [String: String] = [:]
        for (position, column) in extraColumns.enumerated() where !NumericCell.missingSpellings.contains(extras[position]) {
            attributes[header[column]] = extras[position]
        }
        participants[index].observations[key] = Observation(value: value, attributes: attributes, line: record.line)
    }

    func unusedListedTimepoints() -> [CSVImportError] {
        guard let order = timepointOrder else { return [] }
        return order.filter { !timepointsSeen.contains($0) }.map {
            CSVImportError(.timepointNotInData, file: file,
                           message: "timepoint '\($0)' given with --timepoints does not appear in the data "
                               + "(found: \(timepointsSeen.joined(separator: ", ")))")
        }
    }

    /// Builds the trial; extra columns constant within every participant become participant attributes.
    func trial(header: [String], extraColumns: [Int], timepoints: [String], reason: String) -> Trial {
        let participantLevel = extraColumns.indices.filter { position in
            participants.allSatisfy { draft in
                Set(draft.extraValues.map { $0[position] }.filter { !NumericCell.missingSpellings.contains($0) }).count <= 1
            }
        }
        let participantNames = Set(participantLevel.map { header[extraColumns[$0]] })
        let arms = participants.map(\.arm).uniqueInOrder().map { armName in
            Arm(name: armName, participants: participants.filter { $0.arm == armName }.map { draft in
                var attributes: [String: String?] = [:]
                for position in participantLevel {
                    attributes[header[extraColumns[position]]] = draft.extraValues.lazy.map { $0[position] }
                        .first { !NumericCell.missingSpellings.contains($0) }
                }
                let observations = draft.observations.mapValues { observation in
                    Observation(value: observation.value,
                                attributes: observation.attributes.filter { !participantNames.contains($0.key) },
                                line: observation.line)
                }
                return Participant(id: draft.id, arm: draft.arm, attributes: attributes, observations: observations)
            })
        }
        let extraNames = extraColumns.map { header[$0] }
        return Trial(source: file, arms: arms, timepoints: timepoints, outcomes: outcomes,
                     participantAttributeNames: extraNames.filter(participantNames.contains),
                     measurementAttributeNames: extraNames.filter { !participantNames.contains($0) },
                     missingCells: missingCells, timepointOrderReason: reason)
    }
}
