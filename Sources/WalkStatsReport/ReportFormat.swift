/// The output formats every command offers.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// GitHub-flavoured Markdown tables for people (the default).
    case markdown
    /// The documented JSON contract, with full-precision numbers.
    case json
    /// One tidy CSV table (``ResultRow`` columns), with full-precision numbers.
    case csv
}
