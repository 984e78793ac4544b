/// A GitHub-flavoured Markdown table: a header row, an alignment row and body rows.
public struct MarkdownTable: Sendable {
    /// Column alignment.
    public enum Alignment: Sendable { case left, right }

    /// Column titles.
    public let headers: [String]
    /// One alignment per column.
    public let alignments: [Alignment]
    /// Body rows, each with one cell per column.
    public var rows: [[String]] = []

    /// Creates an empty table; text columns are usually left-aligned and numbers right-aligned.
    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    /// The table as Markdown lines, with `|` in cells escaped.
    public func render() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let rule = "|" + alignments.map { $0 == .left ? " --- " : " ---: " }.joined(separator: "|") + "|"
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
