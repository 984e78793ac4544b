/// The version of WalkStats, printed by `--version` and in the provenance of every report. Raise it with
/// every change of what a report prints or a JSON schema holds; the commit hash belongs in `--version` only
/// (a report must not change between two regenerations of the same code).
public enum WalkStatsVersion {
    /// The release, in semantic-versioning form.
    public static let current = "0.10.0"
}
