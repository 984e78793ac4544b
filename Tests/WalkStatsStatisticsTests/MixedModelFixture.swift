import Foundation
import Testing
import WalkStats
import WalkStatsTestSupport

/// What the mixed-model fixtures (`Fixtures/lmm/`, `Fixtures/mmrm/`) share: the long `input.csv`
/// (`dataset,participant,arm,time,value`) and the comparisons with R's values.
enum MixedModelFixture {
    /// One dataset's measurements, aligned.
    struct Data {
        var value: [Double] = [], participant: [String] = [], arm: [String] = [], time: [String] = []
    }

    /// The measurements of `dataset` in `folder`'s `input.csv`.
    static func data(_ folder: URL, _ dataset: String) throws -> Data {
        let text = try String(contentsOf: folder.appendingPathComponent("input.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["dataset", "participant", "arm", "time", "value"])
        var d = Data()
        for fields in lines.dropFirst() where fields[0] == dataset {
            d.participant.append(fields[1])
            d.arm.append(fields[2])
            d.time.append(fields[3])
            d.value.append(Double(fields[4])!)
        }
        return d
    }

    /// `actual` within relative `tolerance` of R's `expected`; a missing R value is a failure.
    static func expectClose(_ actual: Double, _ expected: Double?, _ tolerance: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected else {
            Issue.record("no R value for \(what)", sourceLocation: sourceLocation)
            return
        }
        #expect(relativeError(actual, expected) < tolerance, "\(what): WalkStats \(actual), R \(expected)",
                sourceLocation: sourceLocation)
    }

    /// Estimate, SE and t within `estimateTolerance`, df and p within `dfTolerance`, of R's `key/...` values.
    static func expectMatches(_ inference: MixedModelEstimate, _ r: [String: Double], _ key: String,
                              estimateTolerance: Double, dfTolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        expectClose(inference.estimate, r["\(key)/estimate"], estimateTolerance, "\(key) estimate", sourceLocation: sourceLocation)
        expectClose(inference.standardError, r["\(key)/se"], estimateTolerance, "\(key) SE", sourceLocation: sourceLocation)
        expectClose(inference.statistic, r["\(key)/statistic"], estimateTolerance, "\(key) t", sourceLocation: sourceLocation)
        expectClose(inference.degreesOfFreedom, r["\(key)/df"], dfTolerance, "\(key) df", sourceLocation: sourceLocation)
        expectClose(inference.pValue, r["\(key)/p_value"], dfTolerance, "\(key) p", sourceLocation: sourceLocation)
    }
}
