import Foundation
import Testing
import WalkStats

/// Golden SVG files for one small example of each figure, in `Snapshots/`.
///
/// A change to a figure's drawing shows up here as a failing comparison. After checking the new
/// drawing by eye (for example `rsvg-convert -z 1.5 forest.svg -o forest.png`), re-record with
/// `WALKSTATS_RECORD_SNAPSHOTS=1 swift test --filter FigureSnapshotTests`: recording writes the files
/// into the source tree and fails every test on purpose, so the variable is never left set; then run
/// the tests again without it.
struct FigureSnapshotTests {
    static let examples: [(name: String, figure: any SVGFigure)] = [
        ("forest-plot", FigureExamples.forest),
        ("funnel-plot", FigureExamples.funnel),
        ("trajectory-plot", FigureExamples.trajectory),
        ("spaghetti-plot", FigureExamples.spaghetti),
        ("change-distribution-plot", FigureExamples.change),
        ("responder-curve-plot", FigureExamples.responder),
    ]

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["WALKSTATS_RECORD_SNAPSHOTS"] == "1"
    }

    @Test(arguments: examples.map(\.name))
    func matchesGoldenFile(_ name: String) throws {
        let figure = try #require(Self.examples.first { $0.name == name }).figure
        let rendered = try figure.svg()
        _ = try parseXML(rendered)
        let fileName = "\(name).svg"

        if Self.isRecording {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: folder.appendingPathComponent(fileName))
            Issue.record("Recorded Snapshots/\(fileName). Unset WALKSTATS_RECORD_SNAPSHOTS and run the tests again.")
            return
        }

        let url = try #require(Bundle.module.url(forResource: "Snapshots", withExtension: nil)).appendingPathComponent(fileName)
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Missing Snapshots/\(fileName); record it with WALKSTATS_RECORD_SNAPSHOTS=1.")
            return
        }
        if rendered != golden {
            let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(renderedLines, goldenLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = firstDifference.map { "line \($0.offset + 1):\n  golden:   \($0.element.1)\n  rendered: \($0.element.0)" }
                ?? "lengths differ (\(goldenLines.count) golden lines, \(renderedLines.count) rendered)"
            Issue.record("\(fileName) differs from its golden file at \(where_)")
        }
    }
}
