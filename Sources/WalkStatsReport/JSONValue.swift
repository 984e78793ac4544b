import Foundation

/// A JSON value whose objects keep their keys in insertion order, so the same report always serialises
/// to the same bytes in the documented field order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A double; NaN and infinities serialise as `null`.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Key–value pairs in output order.
    case object([(String, JSONValue)])

    /// A number, or `null` for `nil`.
    public static func number(_ x: Double?) -> JSONValue {
        x.map(JSONValue.number) ?? .null
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The value as pretty-printed JSON (two-space indent) followed by a newline at the top level.
    /// Doubles use Swift's shortest round-trip form, so they parse back to the same bits.
    public func serialized(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        let text: String
        switch self {
        case .null: text = "null"
        case .bool(let value): text = value ? "true" : "false"
        case .int(let value): text = String(value)
        case .number(let value): text = value.isFinite ? Self.render(value) : "null"
        case .string(let value): text = Self.quote(value)
        case .array(let items):
            text = items.isEmpty ? "[]"
                : "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closePad)]"
        case .object(let pairs):
            text = pairs.isEmpty ? "{}"
                : "{\n" + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                    .joined(separator: ",\n") + "\n\(closePad)}"
        }
        return indent == 0 ? text + "\n" : text
    }

    private static func render(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.1f", value) }
        return "\(value)"
    }

    private static func quote(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
