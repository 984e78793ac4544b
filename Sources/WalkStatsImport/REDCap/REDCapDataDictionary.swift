import Foundation
import WalkStatsModel

/// A REDCap data dictionary: the project's fields, read from the CSV that REDCap's "Data Dictionary" page
/// downloads (`"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices,
/// Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation
/// Min","Text Validation Max","Identifier?",…`).
///
/// *Columns.* `Variable / Field Name`, `Form Name`, `Field Type` and `Field Label` are required; the choices,
/// validation type, min, max and `Identifier?` columns are read when present (matched exactly, else ignoring
/// case and spaces); the others (branching logic, annotations…) are ignored.
///
/// *What a field becomes* (``Field/role``):
/// - a number (an outcome): `text` validated as `integer`, `number`, `number_1dp`…`number_4dp` (and their
///   `_comma_decimal` forms, and the legacy `int` and `float`), `calc`, `slider` (0–100 unless the validation
///   min and max say otherwise), and `radio`, `dropdown`, `yesno` (1 Yes, 0 No) and `truefalse` (1 True,
///   0 False) whose choice codes are all numbers;
/// - text (an attribute): `text` without a numeric or date validation, `notes`, `sql`, and `radio` or
///   `dropdown` with a code that is not a number;
/// - left out: `text` validated as a date, datetime or time (a date is not a number), `checkbox` (one 0/1
///   column per choice, `field___code`), `file` (uploads and signatures) and `descriptive` (no column);
/// - a field with `Identifier?` = `y` is left out whatever its type.
///
/// *Errors* name the dictionary's file, line and column: a missing required column, an empty or repeated
/// field name, an unknown field type, a choice without a code and a label (`1, Yes`), a repeated choice code,
/// a validation min or max that is not a number where the validation is numeric, a min above the max.
public struct REDCapDataDictionary: Sendable, Equatable {
    /// What the reader does with a field.
    public enum Role: Sendable, Equatable {
        /// A numeric field: one outcome.
        case number
        /// A text field: an attribute column.
        case text
        /// Left out, with the reason in words ("a date", "a checkbox", "a file upload").
        case leftOut(String)
    }

    /// One field (one row of the dictionary).
    public struct Field: Sendable, Equatable {
        /// The variable name, as in the export's header.
        public let name: String
        /// The form (instrument) it belongs to.
        public let form: String
        /// The field type as written (`text`, `radio`, `calc`…), lower-cased.
        public let type: String
        /// The field label with HTML tags removed and spaces collapsed.
        public let label: String
        /// The choices of a radio, dropdown, checkbox, yes/no or true/false field, in order: code and label.
        public let choices: [(code: String, label: String)]
        /// The text validation type (`integer`, `number_2dp`, `date_ymd`…), lower-cased; empty when none.
        public let validation: String
        /// The validation minimum and maximum, when given and numeric.
        public let minimum: Double?, maximum: Double?
        /// Whether the field is flagged `Identifier? = y`.
        public let isIdentifier: Bool
        /// The dictionary line of the field.
        public let line: Int

        /// What the reader does with it (see ``REDCapDataDictionary``).
        public var role: Role {
            if isIdentifier { return .leftOut("flagged as an identifier") }
            switch type {
            case "calc": return .number
            case "slider": return .number
            case "yesno", "truefalse": return .number
            case "radio", "dropdown":
                return choices.allSatisfy({ Double($0.code) != nil }) ? .number : .text
            case "checkbox": return .leftOut("a checkbox, one 0/1 column per choice")
            case "file": return .leftOut("a file upload")
            case "descriptive": return .leftOut("descriptive text")
            case "notes", "sql": return .text
            default:
                if REDCapDataDictionary.numericValidations.contains(validation) { return .number }
                if REDCapDataDictionary.isDateValidation(validation) { return .leftOut("a date, not a number") }
                return .text
            }
        }

        /// Whether every value is a whole number: integer validation, a slider, or choices with whole-number codes.
        public var integerScores: Bool {
            switch type {
            case "slider", "yesno", "truefalse": return true
            case "radio", "dropdown": return !choices.isEmpty && choices.allSatisfy { Double($0.code).map { $0 == $0.rounded() } ?? false }
            case "calc": return false
            default: return ["integer", "int"].contains(validation)
            }
        }

        /// The values the field can take: the validation min and max when both are given; for a slider 0–100
        /// otherwise; for numeric choices the lowest to the highest code; else none.
        public var scaleRange: ClosedRange<Double>? {
            if let minimum, let maximum, minimum < maximum { return minimum...maximum }
            if type == "slider" { return 0...100 }
            if ["radio", "dropdown", "yesno", "truefalse"].contains(type) {
                let codes = choices.compactMap { Double($0.code) }
                if codes.count == choices.count, let low = codes.min(), let high = codes.max(), low < high { return low...high }
            }
            return nil
        }

        public static func == (a: Field, b: Field) -> Bool {
            a.name == b.name && a.form == b.form && a.type == b.type && a.label == b.label
                && a.choices.map(\.code) == b.choices.map(\.code) && a.choices.map(\.label) == b.choices.map(\.label)
                && a.validation == b.validation && a.minimum == b.minimum && a.maximum == b.maximum
                && a.isIdentifier == b.isIdentifier && a.line == b.line
        }
    }

    /// The dictionary's path as given, for messages.
    public let file: String
    /// The fields in dictionary order; the first is the record id.
    public let fields: [Field]

    /// The field types REDCap writes.
    public static let fieldTypes: Set<String> = ["text", "notes", "calc", "dropdown", "radio", "checkbox", "yesno", "truefalse",
                                                 "file", "slider", "descriptive", "sql"]
    /// Text validations whose values are numbers.
    public static let numericValidations: Set<String> = {
        var names: Set<String> = ["integer", "int", "number", "float"]
        for places in 1...4 { names.insert("number_\(places)dp") }
        for name in Array(names) where name.hasPrefix("number") { names.insert(name + "_comma_decimal") }
        return names
    }()

    /// Whether `validation` is a date, datetime or time validation (`date_ymd`, `datetime_seconds_dmy`, `time`…).
    static func isDateValidation(_ validation: String) -> Bool {
        validation.hasPrefix("date") || validation.hasPrefix("time")
    }

    /// The field named `name`.
    public func field(_ name: String) -> Field? { byName[name].map { fields[$0] } }

    /// The names of the forms, in dictionary order.
    public var forms: [String] { fields.map(\.form).uniqueInOrder() }

    private let byName: [String: Int]

    /// Creates a dictionary from fields already read.
    public init(file: String, fields: [Field]) {
        self.file = file
        self.fields = fields
        byName = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (a: REDCapDataDictionary, b: REDCapDataDictionary) -> Bool { a.file == b.file && a.fields == b.fields }

    /// The column names read, as REDCap writes them.
    enum Column {
        static let name = "Variable / Field Name", form = "Form Name", type = "Field Type", label = "Field Label"
        static let choices = "Choices, Calculations, OR Slider Labels", validation = "Text Validation Type OR Show Slider Number"
        static let minimum = "Text Validation Min", maximum = "Text Validation Max", identifier = "Identifier?"
    }

    /// Reads the data dictionary at `path`.
    /// - Throws: ``CSVImportError`` naming the file, line and column of the first problem.
    public static func read(path: String) throws -> REDCapDataDictionary {
        try read(data: InputFile.read(path), file: path)
    }

    /// Reads data-dictionary CSV `data`; `file` names it in messages.
    /// - Throws: ``CSVImportError`` naming the file, line and column of the first problem.
    public static func read(data: Data, file: String) throws -> REDCapDataDictionary {
        let table = try CSVTable(data: data, file: file)
        if let ragged = table.problems.first { throw ragged }
        let columns = try CSVRowFields.columnIndices(table, required: [Column.name, Column.form, Column.type, Column.label],
                                                     optional: [Column.choices, Column.validation, Column.minimum, Column.maximum,
                                                                Column.identifier],
                                                     what: "REDCap data dictionary")
        var fields: [Field] = []
        var lines: [String: Int] = [:]
        for record in table.records {
            let row = CSVRowFields(record: record, columns: columns, file: file)
            let name = try row.identifier(Column.name, what: "a variable name")
            if let first = lines[name] {
                throw row.problem(.duplicateMeasurement, Column.name, "field '\(name)' is defined twice (also on line \(first)); expected one row per field")
            }
            lines[name] = record.line
            let type = row.text(Column.type).lowercased()
            guard fieldTypes.contains(type) else {
                throw row.problem(.invalidValue, Column.type, "expected a REDCap field type (\(fieldTypes.sorted().joined(separator: ", "))) "
                    + "for field '\(name)', found '\(row.text(Column.type))'")
            }
            var choices: [(code: String, label: String)] = []
            switch type {
            case "radio", "dropdown", "checkbox": choices = try parseChoices(row.text(Column.choices), field: name, row: row)
            case "yesno": choices = [("1", "Yes"), ("0", "No")]
            case "truefalse": choices = [("1", "True"), ("0", "False")]
            default: break
            }
            let validation = row.text(Column.validation).lowercased()
            let numeric = numericValidations.contains(validation) || type == "slider"
            func bound(_ column: String) throws -> Double? {
                let text = row.text(column)
                guard numeric, !text.isEmpty else { return nil }
                guard let value = Double(text), value.isFinite else {
                    throw row.problem(.notANumber, column, "expected a number in column '\(column)' for field '\(name)' "
                        + "(validated as \(type == "slider" ? "a slider" : validation)), found '\(text)'")
                }
                return value
            }
            let (minimum, maximum) = (try bound(Column.minimum), try bound(Column.maximum))
            if let minimum, let maximum, minimum > maximum {
                throw row.problem(.invalidValue, Column.minimum, "the validation min of field '\(name)' (\(row.text(Column.minimum))) "
                    + "is above its max (\(row.text(Column.maximum)))")
            }
            let identifier = row.text(Column.identifier).lowercased()
            guard ["", "y", "n", "yes", "no"].contains(identifier) else {
                throw row.problem(.invalidValue, Column.identifier, "expected 'y' or nothing in column 'Identifier?' for field '\(name)', "
                    + "found '\(row.text(Column.identifier))'")
            }
            fields.append(Field(name: name, form: row.text(Column.form), type: type, label: plainText(row.text(Column.label)),
                                choices: choices, validation: validation, minimum: minimum, maximum: maximum,
                                isIdentifier: identifier.hasPrefix("y"), line: record.line))
        }
        guard !fields.isEmpty else {
            throw CSVImportError(.noDataRows, file: file, line: table.headerLine, message: "the data dictionary has no fields")
        }
        return REDCapDataDictionary(file: file, fields: fields)
    }

    /// The choices `1, Yes | 2, No` as codes and labels (a label may hold commas: only the first one splits).
    static func parseChoices(_ text: String, field: String, row: CSVRowFields) throws -> [(code: String, label: String)] {
        guard !text.isEmpty else {
            throw row.problem(.emptyField, Column.choices, "expected choices such as '1, Yes | 2, No' for field '\(field)', found an empty field")
        }
        var choices: [(code: String, label: String)] = []
        for choice in text.split(separator: "|", omittingEmptySubsequences: false) {
            let parts = choice.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw row.problem(.invalidValue, Column.choices, "expected each choice of field '\(field)' as 'code, label' separated by '|', "
                    + "found '\(choice.trimmingCharacters(in: .whitespaces))'")
            }
            if choices.contains(where: { $0.code == parts[0] }) {
                throw row.problem(.invalidValue, Column.choices, "choice code '\(parts[0])' appears twice in field '\(field)'")
            }
            choices.append((parts[0], plainText(parts[1])))
        }
        return choices
    }

    /// `html` without tags, with the common entities decoded and runs of white space made one space.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; continue }
            if character == ">", inTag { inTag = false; continue }
            if !inTag { text.append(character) }
        }
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What the dictionary says about the numeric fields among `outcomes` (``FileOutcomeInfo``): the label, the
    /// scale range and whole-number scores as ``Field`` gives them — not which direction is better, which a
    /// dictionary does not say, so they label and check the outcomes no codebook defines without defining them.
    public func outcomeInfo(outcomes: [String]) -> [FileOutcomeInfo] {
        outcomes.compactMap(field).filter { $0.role == .number }.map { field in
            FileOutcomeInfo(id: field.name, label: field.label.isEmpty ? field.name : field.label, scaleRange: field.scaleRange,
                            integerScores: field.integerScores, source: "REDCap data dictionary `\(file)`")
        }
    }
}
