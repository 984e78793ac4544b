import Foundation
import Testing
import WalkStats
@testable import WalkStatsReport

/// Text is measured with DejaVu Sans' advance widths, and every label is wrapped, widened into or
/// (last resort) shortened to the room its figure gives it.
struct FigureTextTests {
    /// A title far longer than any figure is wide.
    static let longTitle = "Knee pain, numeric rating scale 0-10: change from baseline to week 6 in every arm of the "
        + "WOMAC-weighted supervised backward-walking programme"

    /// The widths come from the font's table: each character's advance, scaled by the size, bold wider.
    @Test func widthIsTheSumOfTheFontsAdvances() {
        let text = "Change from baseline"
        let sum = text.unicodeScalars.map { FigureText.advance(of: $0, bold: false) }.reduce(0, +)
        #expect(abs(FigureText.width(text, size: 16) - 16 * sum) < 1e-9)
        #expect(FigureText.width(text, size: 16, bold: true) > FigureText.width(text, size: 16))
        // A character outside the table counts as a full em, wider than any letter in it.
        #expect(FigureText.advance(of: "\u{4E2D}", bold: false) == FigureText.unknownAdvance)
        #expect("MW%@".unicodeScalars.allSatisfy { FigureText.advance(of: $0, bold: false) <= FigureText.unknownAdvance })
    }

    /// A word longer than the line gets an ellipsis and then fits; text that fits is left alone.
    @Test func overlongWordsAreShortenedToFit() {
        let word = String(repeating: "Walking", count: 20)
        let lines = FigureText.wrapped("A \(word) B", size: 12, maxWidth: 200)
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix("\u{2026}"))
        #expect(lines.allSatisfy { FigureText.width($0, size: 12) <= 200 })
        #expect(FigureText.truncated("short", size: 12, maxWidth: 200) == "short")
    }

    /// The change figure's title used to be clipped ("…: change fron"): every title line of every figure,
    /// measured in DejaVu Sans, now fits between the margins of the SVG's width.
    @Test func longTitlesFitEveryFigure() throws {
        var forest = FigureExamples.forest
        forest.title = Self.longTitle
        var funnel = FigureExamples.funnel
        funnel.title = Self.longTitle
        var trajectory = FigureExamples.trajectory
        trajectory.title = Self.longTitle
        var spaghetti = FigureExamples.spaghetti
        spaghetti.title = Self.longTitle
        var change = FigureExamples.change
        change.title = Self.longTitle
        let figures: [any SVGFigure] = [forest, funnel, trajectory, spaghetti, change]
        for figure in figures {
            let document = try figure.document()
            let root = try parseXML(document.render())
            let lines = root.elements(class: "figure-title")
            #expect(lines.count >= 2, "\(type(of: figure)): the long title should wrap")
            #expect(lines.map(\.text).joined(separator: " ") == Self.longTitle)
            for line in lines {
                let right = line.number("x") + FigureText.width(line.text, size: FigureLayout.titleSize, bold: true)
                #expect(right <= document.width - FigureLayout.margin + 1e-9,
                        "\(type(of: figure)): title line '\(line.text)' ends at \(right) in a \(document.width) px figure")
            }
        }
    }
}
