import ArgumentParser
import WalkStats

/// An enumerated option whose values are accepted in any letter case (`--measure md`, `--format JSON`,
/// `--method reml`), while the help text and error messages list the canonical spellings (the raw values).
///
/// Every enumerated option of `walkstats` conforms through this one protocol (public only because the
/// enumerations it extends are public), so no option parses case
/// its own way.
public protocol CaseInsensitiveArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension CaseInsensitiveArgument {
    /// The case whose raw value equals `argument` ignoring letter case; `nil` (a usage error) otherwise.
    public init?(argument: String) {
        let wanted = argument.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }
}

extension ReportFormat: CaseInsensitiveArgument {}
extension TextOptions.Encoding: CaseInsensitiveArgument {}
extension PValueAdjustment: CaseInsensitiveArgument {}
extension DatasetMetadata.Design: CaseInsensitiveArgument {}
extension EffectMeasure: CaseInsensitiveArgument {}
extension HeterogeneityEstimator: CaseInsensitiveArgument {}
