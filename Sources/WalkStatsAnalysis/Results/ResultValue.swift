/// A neutral value that a result hands to the renderers: text, a count, a number (possibly absent), a list
/// of names, or counts by name. Renderers turn it into JSON, a CSV cell or Markdown text; the analysis
/// layer never formats numbers itself.
public enum ResultValue: Sendable, Equatable {
    /// Text, such as an arm name.
    case string(String)
    /// A count, such as participants randomised.
    case int(Int)
    /// A number at full precision; `nil` when it could not be computed.
    case number(Double?)
    /// A list of names, such as the arms or covariates.
    case strings([String])
    /// Counts keyed by name, in order (participants analysed per arm).
    case counts([NamedCount])
}

/// A count with the name it belongs to.
public struct NamedCount: Sendable, Equatable {
    /// The name (an arm).
    public let name: String
    /// The count.
    public let count: Int

    /// Creates a named count.
    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// A named value of a result, in the order the renderers should show it.
public struct ResultField: Sendable, Equatable {
    /// The machine key, as written in JSON (`snake_case`) and, where a CSV column has that name, in CSV.
    public let key: String
    /// The value.
    public let value: ResultValue

    /// Creates a field.
    public init(_ key: String, _ value: ResultValue) {
        self.key = key
        self.value = value
    }
}
