import Foundation

/// Reference values written by an R script: a CSV `dataset,key,value` after `# ` comment lines that
/// record the R version and packages. Values are printed with `sprintf("%.17g")`.
public struct ReferenceValues: Sendable {
    /// The comment lines (without `# `), such as `R.version.string: R version 4.2.2 …`.
    public let provenance: [String]
    /// Values by dataset, then key.
    public let values: [String: [String: Double]]

    /// Reads the fixture at `url`.
    public init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var provenance: [String] = []
        var values: [String: [String: Double]] = [:]
        var sawHeader = false
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                provenance.append(String(line.dropFirst(2)))
                continue
            }
            guard sawHeader else { sawHeader = true; continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let value = Double(fields[2]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "bad fixture line: \(line)"])
            }
            values[fields[0], default: [:]][fields[1]] = value
        }
        self.provenance = provenance
        self.values = values
    }
}
