import Foundation
import WalkStatsModel

/// Reads a REDCap raw CSV export ("CSV / Microsoft Excel (raw data)": variable names in the header, choice
/// codes in the cells), with or without its data dictionary, into a long ``SourceTable``
/// (`participant,arm,timepoint,outcome,value`, then the attribute columns) that the participant importer
/// checks like any long file. Every long row keeps the export's line and the export's column of each of its
/// fields, so a problem is reported where it is in the export (`export.csv:14:9: …`).
///
/// *Participant.* The record id: the dictionary's first field (REDCap's rule), else the column `record_id`,
/// else the export's first column (REDCap always writes the record id first).
///
/// *Timepoint and arm.* `redcap_event_name` without its `_arm_N` suffix is the timepoint and `arm_N` the arm
/// (`week_6_arm_2` → timepoint `week_6`, arm `arm_2`). With `armField` (`--redcap-arm group`) the arm is that
/// field's value instead, as the label of its choice when the dictionary has choices (`1, backward` →
/// `backward`): REDCap fills such a field on one event only, so it is taken from whichever row of the record
/// has it; a record with two different values, or none, is an error naming the lines.
///
/// *Repeating instruments and events.* A row of a repeating instrument (`redcap_repeat_instrument`,
/// `redcap_repeat_instance`) is its own visit, named `<instrument>_<instance>` (`weekly_pain_2`); when the
/// instrument repeats on more than one timepoint the name starts with the timepoint (`week_6_weekly_pain_2`),
/// so names never collide. A row of a repeating event (an instance without an instrument) is
/// `<timepoint>_<instance>`. Visit names of different families (`week_6` beside `weekly_pain_2`) cannot be
/// put in time order from their names: give `--timepoints`.
///
/// *Outcomes.* The numeric fields (see ``REDCapDataDictionary/Role``; without a dictionary, every column
/// whose filled cells are mostly numbers, so that a stray `n/a` or `.` is reported at its cell by the importer
/// rather than turning the column into text; `--na` codes and `NA` do not count), in the export's column order.
/// A field validated with a decimal comma (`number_1dp_comma_decimal`) has its comma read as the decimal point.
/// A raw export leaves empty every field that an event (or repeating instrument) does not collect, so a field
/// has a long row on a row of the export only where it is collected there, decided from the data: a field is
/// collected on an event (or instrument) when at least one record has a value for it on that event. An empty
/// cell of a collected field is a real missing value (a long row with an empty value, counted as missing by the
/// importer); an empty cell of a field not collected there is no row at all.
///
/// *Attributes.* The text fields (text without a numeric or date validation, notes; without a dictionary,
/// every other non-system column that is not a date in every filled cell), in column order. A field with one
/// value within a record (REDCap fills a baseline field on one event only) gives that value to every row of the
/// record, so it becomes a participant attribute; a field with different values keeps each row's own value.
///
/// *Left out, and said* (``SourceTable/dropped``, each as "`name` (reason)"): fields flagged
/// `Identifier? = y`, the `<form>_complete` status columns, survey timestamps (`<form>_timestamp`), the other
/// `redcap_*` system columns (data access group, survey identifier), dates (without a dictionary: columns
/// written as `YYYY-MM-DD`, with or without a time, in every filled cell), checkboxes and file uploads; a
/// column that is empty in every row. Without a dictionary nothing says which fields identify a person: the
/// notes ask to check the attributes.
///
/// *Codebook.* With a dictionary, ``SourceTable/outcomeInfo`` says what each outcome's field is (label without
/// HTML, validation min and max or the choice codes as the scale range, whole-number scores for integer
/// validation, sliders and choices): it labels and checks the outcomes no codebook defines, without saying which
/// direction is better (a dictionary does not); ``SourceTable/valueLabels`` holds the choices of every field that
/// has them, by field name, and ``SourceTable/variableLabels`` the labels of the attribute columns.
///
/// - Throws: ``CSVImportError`` naming the export's (or the dictionary's) file, line and column: a ragged row,
///   a missing record id, event name or instance, an event name without an `_arm_N` suffix (when no arm field
///   is named), an arm field that is not in the export, or that a record fills with two values or none, a value
///   of it that is not one of its choices, a column of the export that the dictionary does not define.
public enum REDCapReader {
    /// The system columns REDCap adds to a raw export.
    public static let eventColumn = "redcap_event_name", instrumentColumn = "redcap_repeat_instrument",
                      instanceColumn = "redcap_repeat_instance"

    /// Whether `header` is a REDCap raw export's: it has `redcap_event_name` and a record id (`record_id`,
    /// or `recordIDField`, the dictionary's first field).
    public static func looksLikeExport(header: [String], recordIDField: String? = nil) -> Bool {
        header.contains(eventColumn) && (header.contains("record_id") || recordIDField.map(header.contains) == true)
    }

    /// Whether the file at `path` starts with a REDCap raw export's header (``looksLikeExport(header:recordIDField:)``),
    /// read from its first 64 KB as `options` says; `false` when the file cannot be read (the reader that
    /// reads it then says why).
    public static func isExport(path: String, options: TextOptions) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard var data = try? handle.read(upToCount: 1 << 16), !data.isEmpty else { return false }
        if let end = data.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) { data = data[..<end] }
        guard let text = try? DelimitedText(data: data, file: path, options: options) else { return false }
        var header: [String] = []
        struct Stop: Error {}
        _ = try? text.forEachRecord { record in
            header = (0..<record.count).map { record.string($0).trimmingCharacters(in: .whitespaces) }
            throw Stop()
        }
        return looksLikeExport(header: header)
    }

    /// Reads the export at `path`, with the data dictionary at `dictionary` when given, the arm from field
    /// `armField` when given (else from the event names), as `options` says (delimiter, encoding, `--na`).
    /// - Throws: ``CSVImportError`` as described above.
    /// With `keepGoing`, a row's problem (an empty record id or event, an event without its arm, a bad repeat
    /// instance, a record without one arm, values on rows that are no visit) is kept in
    /// ``SourceTable/problems`` and its rows are left out, so every such problem is reported at once.
    public static func read(path: String, dictionary: String?, armField: String?, options: TextOptions,
                            keepGoing: Bool = false) throws -> SourceTable {
        let dictionary = try dictionary.map { try REDCapDataDictionary.read(path: $0) }
        return try read(data: InputFile.read(path), file: path, dictionary: dictionary, armField: armField, options: options,
                        keepGoing: keepGoing)
    }

    /// Reads export CSV `data` (`file` names it in messages) with `dictionary` already read.
    /// - Throws: ``CSVImportError`` as ``read(path:dictionary:armField:options:)``.
    public static func read(data: Data, file: String, dictionary: REDCapDataDictionary?, armField: String?,
                            options: TextOptions = TextOptions(), keepGoing: Bool = false) throws -> SourceTable {
        let text = try DelimitedText(data: data, file: file, options: options)
        let table = try CSVTable(text: text)
        if !keepGoing, let ragged = table.problems.first { throw ragged }
        var plan = try Plan(table: table, dictionary: dictionary, armField: armField, missingCodes: options.missingCodes)
        plan.keepGoing = keepGoing
        plan.problems = table.problems
        return try plan.longTable(notes: text.notes)
    }
}

extension REDCapReader {
    /// The plan for one export: which column is what, then the long rows.
    struct Plan {
        let table: CSVTable
        let dictionary: REDCapDataDictionary?
        let file: String
        let idColumn: Int
        let eventColumn: Int?
        let instrumentColumn: Int?
        let instanceColumn: Int?
        let armColumn: Int?
        var outcomes: [Int] = []
        var attributes: [Int] = []
        /// Columns left out, with the reason, in column order.
        var leftOut: [(column: Int, reason: String)] = []
        /// Whether a row's problem is kept in ``problems`` (and its rows left out) instead of thrown.
        var keepGoing = false
        /// The problems kept going past.
        var problems: [CSVImportError] = []

        /// Throws `problem`, or keeps it when asked to keep going.
        mutating func report(_ problem: CSVImportError) throws {
            guard keepGoing else { throw problem }
            problems.append(problem)
        }

        /// Plans the columns of `table`; `missingCodes` are the cell texts that mean missing besides the empty cell (`--na`).
        init(table: CSVTable, dictionary: REDCapDataDictionary?, armField: String?, missingCodes: [String] = []) throws {
            self.table = table
            self.dictionary = dictionary
            file = table.file
            let header = table.header
            func headerProblem(_ kind: CSVImportError.Kind, column: Int? = nil, _ message: String) -> CSVImportError {
                CSVImportError(kind, file: table.file, line: table.headerLine, column: column.map { $0 + 1 }, message: message)
            }
            if let dictionary {
                let idField = dictionary.fields[0].name
                guard let id = header.firstIndex(of: idField) else {
                    throw headerProblem(.missingColumn, "expected the record id field '\(idField)' (the first field of the data dictionary "
                        + "\(dictionary.file)) in the header; is this the raw export of the same project?")
                }
                idColumn = id
            } else {
                idColumn = header.firstIndex(of: "record_id") ?? 0
            }
            eventColumn = header.firstIndex(of: REDCapReader.eventColumn)
            instrumentColumn = header.firstIndex(of: REDCapReader.instrumentColumn)
            instanceColumn = header.firstIndex(of: REDCapReader.instanceColumn)
            if let armField {
                guard let column = header.firstIndex(of: armField) else {
                    throw headerProblem(.missingColumn, "expected the arm field '\(armField)' (--redcap-arm) in the header, "
                        + "found: \(header.joined(separator: ", "))")
                }
                guard column != idColumn, !header[column].hasPrefix("redcap_") else {
                    throw headerProblem(.invalidValue, column: column, "'\(armField)' cannot be the arm field (--redcap-arm): it is a system column")
                }
                armColumn = column
            } else {
                armColumn = nil
            }
            if eventColumn == nil, armColumn == nil {
                throw headerProblem(.missingColumn, "expected the column '\(REDCapReader.eventColumn)' (a longitudinal export, whose event names "
                    + "end in the arm) or the field that holds the arm, named with --redcap-arm")
            }
            let reserved = Set(ParticipantCSVImporter.requiredColumns)
            let forms = Set(dictionary?.forms ?? [])
            for (column, name) in header.enumerated() {
                if [idColumn, eventColumn, instrumentColumn, instanceColumn, armColumn].contains(column) { continue }
                if name.hasPrefix("redcap_") {
                    leftOut.append((column, "a REDCap system column"))
                    continue
                }
                if let field = dictionary?.field(name) {
                    switch field.role {
                    case .number: outcomes.append(column)
                    case .text: attributes.append(column)
                    case .leftOut(let reason): leftOut.append((column, reason))
                    }
                    continue
                }
                if name.hasSuffix("_complete"), dictionary == nil || forms.contains(String(name.dropLast("_complete".count))) {
                    leftOut.append((column, "a form status"))
                    continue
                }
                if name.hasSuffix("_timestamp"), dictionary == nil || forms.contains(String(name.dropLast("_timestamp".count))) {
                    leftOut.append((column, "a survey timestamp"))
                    continue
                }
                if let dictionary {
                    if let range = name.range(of: "___"), let field = dictionary.field(String(name[..<range.lowerBound])), field.type == "checkbox" {
                        leftOut.append((column, field.isIdentifier ? "flagged as an identifier" : "a checkbox, one 0/1 column per choice"))
                        continue
                    }
                    throw headerProblem(.invalidValue, column: column, "column '\(name)' is not a field of the data dictionary \(dictionary.file); "
                        + "expected the raw export (variable names, not labels) of the same project")
                }
                // Without a dictionary: mostly numbers make an outcome.
                let filled = table.records.map { $0.fields[column].trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !missingCodes.contains($0) }
                if filled.isEmpty {
                    leftOut.append((column, "empty in every row"))
                } else if filled.allSatisfy(REDCapReader.looksLikeDate) {
                    leftOut.append((column, "a date, not a number"))
                } else if 2 * filled.count(where: { (try? NumericCell.parse($0, columnName: name)) != nil }) > filled.count {
                    outcomes.append(column)
                } else {
                    attributes.append(column)
                }
            }
            guard !outcomes.isEmpty else {
                throw headerProblem(.missingColumn, "found no numeric field to analyse in the header (\(header.joined(separator: ", "))); "
                    + (dictionary == nil ? "without a data dictionary, an outcome is a column of numbers" : "the data dictionary defines none of them as a number"))
            }
            for column in outcomes + attributes where reserved.contains(header[column]) || header[column] == REDCapReader.armName {
                throw headerProblem(.duplicateColumn, column: column, "field '\(header[column])' has the name of a column of the long layout "
                    + "(\(ParticipantCSVImporter.requiredColumns.joined(separator: ", "))); rename it in the export")
            }
        }

        /// The trimmed cell of `record` in `column`.
        func cell(_ record: CSVRecord, _ column: Int) -> String {
            record.fields[column].trimmingCharacters(in: .whitespaces)
        }

        func problem(_ kind: CSVImportError.Kind, _ record: CSVRecord, _ column: Int?, _ message: String) -> CSVImportError {
            CSVImportError(kind, file: file, line: record.line, column: column.map { $0 + 1 }, message: message)
        }

        /// One row of the export, read: whose it is, which visit, which kind of row (for the collected-field rule).
        struct Row {
            let record: CSVRecord
            let participant: String
            /// The timepoint from the event name (arm suffix removed); `nil` without an event column.
            let timepoint: String?
            /// `arm_N` from the event name, when it has the suffix.
            let eventArm: String?
            let instrument: String
            let instance: String
            /// The event and the repeating instrument (or a mark for a repeating event): rows of one kind
            /// collect the same fields.
            var kind: String { event + "\u{1F}" + instrument + (instance.isEmpty ? "" : "\u{1F}#") }
            let event: String
        }

        func readRow(_ record: CSVRecord) throws -> Row {
            let participant = cell(record, idColumn)
            guard !participant.isEmpty else {
                throw problem(.emptyField, record, idColumn, "expected a record id in column '\(table.header[idColumn])', found an empty field")
            }
            var timepoint: String?
            var eventArm: String?
            var event = ""
            if let eventColumn {
                event = cell(record, eventColumn)
                guard !event.isEmpty else {
                    throw problem(.emptyField, record, eventColumn, "expected an event name in column '\(REDCapReader.eventColumn)', found an empty field")
                }
                if let split = REDCapReader.splitEvent(event) {
                    (timepoint, eventArm) = (split.timepoint, split.arm)
                } else {
                    timepoint = event
                }
                if armColumn == nil, eventArm == nil {
                    throw problem(.invalidValue, record, eventColumn, "expected an event name ending in the arm, such as 'baseline_arm_1', "
                        + "found '\(event)'; name the field that holds the arm with --redcap-arm")
                }
            }
            let instrument = instrumentColumn.map { cell(record, $0) } ?? ""
            let instance = instanceColumn.map { cell(record, $0) } ?? ""
            if let instanceColumn {
                if !instrument.isEmpty || !instance.isEmpty {
                    guard let number = Int(instance), number > 0 else {
                        throw problem(instance.isEmpty ? .emptyField : .invalidValue, record, instanceColumn,
                                      "expected a repeat instance (a whole number from 1) in column '\(REDCapReader.instanceColumn)'"
                                          + (instrument.isEmpty ? "" : " for instrument '\(instrument)'")
                                          + ", found " + (instance.isEmpty ? "an empty field" : "'\(instance)'"))
                    }
                }
            }
            return Row(record: record, participant: participant, timepoint: timepoint, eventArm: eventArm, instrument: instrument,
                       instance: instance, event: event)
        }

        /// The long table.
        mutating func longTable(notes textNotes: [String]) throws -> SourceTable {
            var rows: [Row] = []
            for record in table.records {
                do {
                    rows.append(try readRow(record))
                } catch let problem as CSVImportError {
                    try report(problem)
                }
            }
            let header = table.header
            // Repeating instruments seen on more than one timepoint get the timepoint in their visit names.
            var instrumentTimepoints: [String: Set<String>] = [:]
            for row in rows where !row.instrument.isEmpty { instrumentTimepoints[row.instrument, default: []].insert(row.timepoint ?? "") }
            func visit(_ row: Row) -> String? {
                if !row.instrument.isEmpty {
                    let name = "\(row.instrument)_\(row.instance)"
                    guard let timepoint = row.timepoint, (instrumentTimepoints[row.instrument]?.count ?? 0) > 1 else { return name }
                    return "\(timepoint)_\(name)"
                }
                if !row.instance.isEmpty { return row.timepoint.map { "\($0)_\(row.instance)" } }
                return row.timepoint
            }
            // The fields each kind of row collects: those with a value on at least one row of that kind.
            var collected: [String: Set<Int>] = [:]
            for row in rows {
                for column in outcomes where !cell(row.record, column).isEmpty { collected[row.kind, default: []].insert(column) }
            }
            // Arms from the arm field, one per record.
            var arms: [String: (value: String, record: CSVRecord)] = [:]
            if let armColumn {
                arms = try armValues(rows, column: armColumn)
            }
            // Attributes with one value within a record are given to all its rows.
            var recordValues: [Int: [String: String]] = [:]
            for column in attributes {
                var values: [String: Set<String>] = [:]
                for row in rows {
                    let value = cell(row.record, column)
                    if !value.isEmpty { values[row.participant, default: []].insert(value) }
                }
                recordValues[column] = values.compactMapValues { $0.count == 1 ? $0.first : nil }
            }
            // Fields validated with a decimal comma hold it in a raw export (`1,5`).
            let commaDecimal = Set(outcomes.filter { dictionary?.field(header[$0])?.validation.hasSuffix("_comma_decimal") == true })
            var records: [SourceRecord] = []
            var missing = 0
            for row in rows {
                let fields = collected[row.kind] ?? []
                guard !fields.isEmpty else { continue }
                guard let timepoint = visit(row) else {
                    let column = outcomes.first { fields.contains($0) }!
                    try report(problem(.missingColumn, row.record, column, "field '\(header[column])' has values on rows that are no visit: "
                        + "expected the column '\(REDCapReader.eventColumn)' (a longitudinal export) or a repeating instrument"))
                    continue
                }
                let arm: (text: String, column: Int)
                if let armColumn {
                    // A record whose arm was a problem (kept going past) is left out.
                    guard let value = arms[row.participant]?.value else { continue }
                    arm = (value, armColumn)
                } else {
                    arm = (row.eventArm!, eventColumn!)
                }
                let timepointColumn = !row.instrument.isEmpty ? instrumentColumn! : (eventColumn ?? instanceColumn!)
                let attributeFields = attributes.map { column in
                    let own = cell(row.record, column)
                    return own.isEmpty ? recordValues[column]?[row.participant] ?? "" : own
                }
                for column in outcomes where fields.contains(column) {
                    var value = cell(row.record, column)
                    if commaDecimal.contains(column) { value = value.replacingOccurrences(of: ",", with: ".") }
                    if value.isEmpty { missing += 1 }
                    records.append(SourceRecord(line: row.record.line,
                                                fields: [row.participant, arm.text, timepoint, header[column], value] + attributeFields,
                                                columns: [idColumn + 1, arm.column + 1, timepointColumn + 1, column + 1, column + 1]
                                                    + attributes.map { $0 + 1 }))
                }
            }
            var source = SourceTable(file: file, header: ParticipantCSVImporter.requiredColumns + attributes.map { header[$0] },
                                     headerLine: table.headerLine, records: records, place: .text)
            source.headerColumns = [idColumn + 1, (armColumn ?? eventColumn ?? idColumn) + 1, (eventColumn ?? instrumentColumn ?? idColumn) + 1,
                                    (outcomes.first ?? idColumn) + 1, (outcomes.first ?? idColumn) + 1] + attributes.map { $0 + 1 }
            source.sourceHeader = header
            source.problems = problems
            source.dropped = leftOut.map { "`\(header[$0.column])` (\($0.reason))" }
            source.notes = textNotes + describe(rows: rows, missing: missing)
            if let dictionary {
                let names = outcomes.map { header[$0] }
                source.outcomeInfo = dictionary.outcomeInfo(outcomes: outcomes.map { header[$0] })
                for field in dictionary.fields where !field.choices.isEmpty && (outcomes + attributes).contains(where: { header[$0] == field.name }) {
                    source.valueLabels[field.name] = Dictionary(field.choices.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
                }
                for column in attributes {
                    if let label = dictionary.field(header[column])?.label, !label.isEmpty { source.variableLabels[header[column]] = label }
                }
            }
            return source
        }

        /// The arm of each record from the arm field: its one value (as its choice's label when the dictionary
        /// has choices).
        mutating func armValues(_ rows: [Row], column: Int) throws -> [String: (value: String, record: CSVRecord)] {
            var found: [String: [(value: String, record: CSVRecord)]] = [:]
            var lines: [String: [Int]] = [:]
            var order: [String] = []
            for row in rows {
                if lines[row.participant] == nil { order.append(row.participant) }
                lines[row.participant, default: []].append(row.record.line)
                let value = cell(row.record, column)
                if !value.isEmpty { found[row.participant, default: []].append((value, row.record)) }
            }
            let name = table.header[column]
            let choices = dictionary?.field(name)?.choices ?? []
            var arms: [String: (value: String, record: CSVRecord)] = [:]
            for participant in order {
                let values = found[participant] ?? []
                guard let first = values.first else {
                    let where_ = lines[participant]!
                    try report(CSVImportError(.emptyField, file: file, line: where_[0], column: column + 1,
                                              message: "record '\(participant)' has no value in the arm field '\(name)' (--redcap-arm) "
                                                  + "on any of its rows (line\(where_.count == 1 ? "" : "s") \(where_.map(String.init).joined(separator: ", ")))"))
                    continue
                }
                if let other = values.first(where: { $0.value != first.value }) {
                    try report(problem(.participantInTwoArms, other.record, column, "record '\(participant)' has two values in the arm field '\(name)' "
                        + "(--redcap-arm): '\(first.value)' on line \(first.record.line) and '\(other.value)' on line \(other.record.line)"))
                    continue
                }
                var arm = first.value
                if !choices.isEmpty {
                    guard let choice = choices.first(where: { $0.code == first.value }) else {
                        try report(problem(.invalidValue, first.record, column, "expected one of the codes of field '\(name)' "
                            + "(\(choices.map { "\($0.code) = \($0.label)" }.joined(separator: ", "))), found '\(first.value)'"))
                        continue
                    }
                    arm = choice.label
                }
                arms[participant] = (arm, first.record)
            }
            return arms
        }

        /// The notes for the report's "Read as:" line.
        func describe(rows: [Row], missing: Int) -> [String] {
            let header = table.header
            func names(_ columns: [Int]) -> String { columns.isEmpty ? "none" : columns.map { header[$0] }.joined(separator: ", ") }
            var how = "a REDCap export: participant from '\(header[idColumn])'"
            if eventColumn != nil { how += ", timepoint from '\(REDCapReader.eventColumn)'" }
            if instrumentColumn != nil, rows.contains(where: { !$0.instrument.isEmpty || !$0.instance.isEmpty }) {
                how += " and the repeat instrument and instance (one visit per instance)"
            }
            how += armColumn.map { ", arm from the field '\(header[$0])'" } ?? ", arm from the event's '_arm_N' suffix"
            how += "; outcomes \(names(outcomes)); attributes \(names(attributes))"
            how += "; \(missing) missing value\(missing == 1 ? "" : "s") of fields collected on their events"
            var notes = [how]
            if let dictionary {
                notes.append("data dictionary \(dictionary.file): field labels, choices and validation ranges for the outcomes no codebook "
                    + "defines (a dictionary does not say which direction is better)")
            } else {
                notes.append("no data dictionary given (--redcap-dictionary): outcomes are the columns whose filled cells are mostly numbers, "
                    + "and identifiers cannot be recognised, so check the attributes for names and dates")
            }
            return notes
        }
    }

    /// Whether `text` is a date as a raw export writes one: `2026-03-10`, optionally followed by a time
    /// (`2026-03-10 14:05`, with seconds or not).
    static func looksLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == 0x2D, digits(5..<7), bytes[7] == 0x2D, digits(8..<10) else { return false }
        let time = bytes[10...]
        return time.isEmpty || (time.first == 0x20 && time.count >= 6 && time.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x3A })
    }

    /// The name of the long layout's arm column.
    static let armName = "arm"

    /// `event` split into the timepoint and the arm (`baseline_arm_1` → `baseline`, `arm_1`), or `nil` when
    /// it does not end in `_arm_N`.
    static func splitEvent(_ event: String) -> (timepoint: String, arm: String)? {
        guard let range = event.range(of: "_arm_", options: .backwards) else { return nil }
        let number = event[range.upperBound...]
        guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber), range.lowerBound > event.startIndex else { return nil }
        return (String(event[..<range.lowerBound]), "arm_" + number)
    }
}
