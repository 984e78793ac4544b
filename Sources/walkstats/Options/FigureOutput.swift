import Foundation
import WalkStats

/// Writes a report's figures into the folder `name` next to the report at `reportPath` (the folder the
/// Markdown links), each atomically; figures that could not be drawn are explained in the report itself.
enum FigureOutput {
    static func write(_ figures: [FigureFile], folder name: String, nextTo reportPath: String, inputs: [String]) throws {
        let folder = URL(fileURLWithPath: reportPath).deletingLastPathComponent().appendingPathComponent(name)
        for figure in figures {
            guard let svg = figure.svg else { continue }
            try AtomicFileWriter.write(svg, to: folder.appendingPathComponent(figure.fileName).path, protectedInputs: inputs)
        }
    }
}
