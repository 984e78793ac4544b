import WalkStatsGSL

/// Where a report's inputs came from and what produced it: printed at the end of every report so that a
/// reader can trace it, and nothing in it changes between two regenerations of the same inputs by the same
/// code (no date, no commit hash, no absolute path).
public struct Provenance: Sendable, Equatable {
    /// One input file: what it is, its path as given, its SHA-256.
    public struct Input: Sendable, Equatable {
        /// What the file is for ("data", "metadata", "codebook", …).
        public let role: String
        /// The path as given on the command line (or the default path looked up).
        public let path: String
        /// Its SHA-256, lower-case hex.
        public let sha256: String

        /// Creates an entry.
        public init(role: String, path: String, sha256: String) {
            self.role = role
            self.path = path
            self.sha256 = sha256
        }
    }

    /// Every input read, in the order given.
    public let inputs: [Input]
    /// Which codebook labelled the outcomes, in words: the built-in one with its SHA-256, and each user file
    /// that overrides it, with the outcomes it changes and its SHA-256.
    public let codebook: String
    /// The command as given, `walkstats …`, with `--output` shown relative to the report.
    public let commandLine: String
    /// The WalkStats version.
    public let walkStatsVersion: String
    /// The GSL version linked.
    public let gslVersion: String

    /// Creates a record; the versions default to this build's.
    public init(inputs: [Input], codebook: String, commandLine: String,
                walkStatsVersion: String = WalkStatsVersion.current, gslVersion: String = GSLRuntime.libraryVersion) {
        self.inputs = inputs
        self.codebook = codebook
        self.commandLine = commandLine
        self.walkStatsVersion = walkStatsVersion
        self.gslVersion = gslVersion
    }

    /// The Markdown section printed last in a report.
    var markdown: String {
        var lines = ["## Provenance", "",
                     "- Produced by WalkStats \(walkStatsVersion) with GSL \(gslVersion).",
                     "- Command: `\(commandLine)`."]
        for input in inputs {
            lines.append("- Input (\(input.role)): `\(input.path)`, SHA-256 `\(input.sha256)`.")
        }
        lines.append("- Codebook: \(codebook).")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON object `provenance`.
    var json: JSONValue {
        .object([
            ("walkstats_version", .string(walkStatsVersion)), ("gsl_version", .string(gslVersion)),
            ("command", .string(commandLine)),
            ("inputs", .array(inputs.map { .object([("role", .string($0.role)), ("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("codebook", .string(codebook)),
        ])
    }
}

/// What every report says besides its results, in one place: whether the data are simulated (a banner in
/// the first lines, in every figure title, `"simulated": true` in JSON and a `simulated` column in CSV)
/// and where the report came from (``Provenance``, at the end).
public struct ReportContext: Sendable, Equatable {
    /// The metadata file that marks the data as simulated, when it does.
    public var simulatedBy: String?
    /// The provenance, when the caller knows it (the command line always does).
    public var provenance: Provenance?

    /// A context.
    public init(simulatedBy: String? = nil, provenance: Provenance? = nil) {
        self.simulatedBy = simulatedBy
        self.provenance = provenance
    }

    /// The word a figure title starts with when the data are simulated.
    public static let simulatedTitlePrefix = "SIMULATED data — "

    /// The banner paragraph, empty for real data.
    var markdownBanner: String {
        guard let simulatedBy else { return "" }
        return "**SIMULATED data**: `\(simulatedBy)` marks this dataset as simulated. It is not data from any trial, "
            + "and no conclusion about backward walking follows from it.\n\n"
    }

    /// A whole Markdown document: its title, the banner, the body, the provenance.
    func markdown(title: String, body: String) -> String {
        "# \(title)\n\n" + markdownBanner + body + (provenance.map { "\n" + $0.markdown } ?? "")
    }

    /// A whole JSON document from an object's fields (see ``json(_:as:)-fields``).
    func json(_ object: JSONValue, as document: JSONDocument) -> String {
        guard case let .object(fields) = object else { return object.serialized() }
        return json(fields, as: document)
    }

    /// A whole JSON document: `schema`, `simulated` when the data are, the fields, `provenance` last.
    func json(_ fields: [(String, JSONValue)], as document: JSONDocument) -> String {
        JSONValue.object((simulatedBy == nil ? [] : [("simulated", JSONValue.bool(true))]) + fields
            + (provenance.map { [("provenance", $0.json)] } ?? []))
            .serialized(as: document)
    }

    /// CSV rows, each saying in its `simulated` column whether the data are (`true` or `false`).
    func csv(_ rows: [ResultRow]) -> String {
        ResultRow.csv(rows.map { row in
            var row = row
            row.cells["simulated"] = simulatedBy == nil ? "false" : "true"
            return row
        })
    }

    /// `title`, prefixed with ``simulatedTitlePrefix`` for simulated data.
    func figureTitle(_ title: String) -> String {
        simulatedBy == nil ? title : Self.simulatedTitlePrefix + title
    }
}
