import Foundation
import Testing
import WalkStats
@testable import WalkStatsReport

struct ResponderCurvePlotTests {
    let example = FigureExamples.responder

    @Test func stepsAreTheShareAtLeastEachValue() {
        // Values −1, 0, 0, 2: 100% at or below −1, 75% on (−1, 0], 25% on (0, 2], 0% above 2.
        let values = [0.0, 2, -1, 0]
        #expect(ResponderCurvePlot.steps(values) == [
            .init(value: -1, percentAbove: 75), .init(value: 0, percentAbove: 25), .init(value: 2, percentAbove: 0),
        ])
        #expect(ResponderCurvePlot.percentAtLeast(-1.5, in: values) == 100)
        #expect(ResponderCurvePlot.percentAtLeast(-1, in: values) == 100)
        #expect(ResponderCurvePlot.percentAtLeast(-0.5, in: values) == 75)
        #expect(ResponderCurvePlot.percentAtLeast(0, in: values) == 75)
        #expect(ResponderCurvePlot.percentAtLeast(1, in: values) == 25)
        #expect(ResponderCurvePlot.percentAtLeast(2, in: values) == 25)
        #expect(ResponderCurvePlot.percentAtLeast(2.5, in: values) == 0)
        // Continuous values (walking speed, m/s) without ties: one drop of 1/n each.
        let continuous = ResponderCurvePlot.steps([0.12, -0.03, 0.05])
        let third: Double = 100.0 / 3
        #expect(continuous.map(\.value) == [-0.03, 0.05, 0.12])
        #expect(continuous.map(\.percentAbove) == [2 * third, third, 0])
    }

    @Test func drawnCurveStepsAtTheValuesFromAxisEndToAxisEnd() throws {
        let plot = ResponderCurvePlot(title: "t", arms: [.init(name: "A", values: [-1, 0, 0, 2], colorIndex: nil)],
                                      thresholds: [], xAxisLabel: "Improvement", decimals: 0)
        let root = try parseXML(plot.svg())
        let x = DrawnAxis(root, axis: "x"), y = DrawnAxis(root, axis: "y")
        #expect(y.tickValues == [0, 20, 40, 60, 80, 100])
        let curve = try #require(root.elements(class: "curve").first)
        let expected: [(x: Double, y: Double)] = [
            (x.tickValues.first!, 100), (-1, 100), (-1, 75), (0, 75), (0, 25), (2, 25), (2, 0), (x.tickValues.last!, 0),
        ]
        #expect(curve.points.count == expected.count)
        for (drawn, point) in zip(curve.points, expected) {
            #expect(abs(drawn.x - x.position(of: point.x)) < 2 * pixelTolerance, "x of \(point)")
            #expect(abs(drawn.y - y.position(of: point.y)) < 2 * pixelTolerance, "y of \(point)")
        }
        // The axis reaches past the data on both sides, so the curve is flat at 100% and 0% there.
        #expect(x.tickValues.first! < -1 && x.tickValues.last! > 2)
        #expect(curve.attributes["stroke"] == "#0072B2")
    }

    @Test func thresholdsAreDashedLinesWithTheirLabels() throws {
        let root = try parseXML(example.svg())
        let x = DrawnAxis(root, axis: "x")
        let thresholds = root.elements(class: "threshold")
        #expect(thresholds.count == 3)
        #expect(root.elements(class: "threshold-label").map(\.text) == ["No change", "MCID 1", "2 points (substantial)"])
        for (group, value) in zip(thresholds, [0.0, 1, 2]) {
            let line = try #require(group.elements(named: "line").first)
            #expect(abs(line.number("x1") - x.position(of: value)) < pixelTolerance)
            #expect(line.number("x1") == line.number("x2"))
            #expect(line.attributes["stroke-dasharray"] != nil)
        }
        // Each label starts just right of the top of its line; labels that would overlap (or be crossed
        // by another line) rise a row, so here they make a staircase, rightmost lowest.
        let labels = root.elements(class: "threshold-label")
        for (group, label) in zip(thresholds, labels) {
            let line = try #require(group.elements(named: "line").first)
            #expect(abs(label.number("x") - line.number("x1") - 3) < pixelTolerance)
            #expect(label.number("y") - line.number("y2") > 5 && label.number("y") - line.number("y2") < 12)
        }
        #expect(labels[0].number("y") < labels[1].number("y") && labels[1].number("y") < labels[2].number("y"))
    }

    @Test func labelsNeitherOverlapNorAreCrossedByLines() {
        // Lines at 100, 140, 150 and 400 px; 60 px labels; the figure ends at 430.
        let placements = ResponderCurvePlot.labelPlacements(lines: [100, 140, 150, 400], widths: [60, 60, 60, 60], right: 430)
        #expect(placements == [
            .init(x: 103, leftOfLine: false, row: 2), .init(x: 143, leftOfLine: false, row: 1),
            .init(x: 153, leftOfLine: false, row: 0), .init(x: 397, leftOfLine: true, row: 0),
        ])
    }

    @Test func emptyArmIsInTheLegendButDrawsNoCurve() throws {
        let root = try parseXML(example.svg())
        let legend = root.elements(class: "legend-item").map { $0.elements(named: "text").first?.text ?? "" }
        #expect(legend == ["Backward walking (n = 10)", "Forward walking (n = 9)", "Usual care (n = 0)"])
        let curves = root.elements(class: "curve")
        #expect(curves.map { $0.attributes["stroke"] } == ["#0072B2", "#D55E00"])
        // The empty arm keeps its colour in the legend.
        let swatch = try #require(root.elements(class: "legend-item")[2].elements(named: "line").first)
        #expect(swatch.attributes["stroke"] == "#009E73")
        let description = try #require(root.elements(named: "desc").first).text
        #expect(description.contains("Usual care (n = 0): no values"))
        #expect(description.contains("Backward walking (n = 10): improvements from −1 to 5; 90% at least 0 (No change), 80% at least 1 (MCID 1)"))
    }

    @Test func xTickLabelsUseTheCallersDecimals() throws {
        let plot = ResponderCurvePlot(title: "Walking speed", arms: [
            .init(name: "A", values: [0.12, -0.03, 0.05, 0.21], colorIndex: 3),
        ], thresholds: [.init(value: 0.05, label: "0.05 (minimal)"), .init(value: 0.10, label: "0.10 (substantial)")],
           xAxisLabel: "Improvement in gait speed, m/s", decimals: 2)
        let root = try parseXML(plot.svg())
        let labels = root.elements(class: "x-tick-label").map(\.text)
        #expect(labels.allSatisfy { $0.split(separator: ".").last?.count == 2 }, "\(labels)")
        #expect(root.elements(class: "curve").first?.attributes["stroke"] == "#CC79A7")
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = ResponderCurvePlot(title: example.title, arms: example.arms, thresholds: example.thresholds,
                                       xAxisLabel: example.xAxisLabel, decimals: example.decimals)
        #expect(try example.svg() == again.svg())
    }

    @Test func nothingToDrawThrows() {
        #expect(throws: FigureError.noData(figure: "responder curve plot", expected: "at least one value in an arm")) {
            try ResponderCurvePlot(title: "t", arms: [.init(name: "A", values: [], colorIndex: nil)], thresholds: [],
                                   xAxisLabel: "x", decimals: 0).document()
        }
        #expect(throws: FigureError.noData(figure: "responder curve plot", expected: "at least one value in an arm")) {
            try ResponderCurvePlot(title: "t", arms: [], thresholds: [], xAxisLabel: "x", decimals: 0).document()
        }
        #expect(throws: FigureError.nonFiniteValue(figure: "responder curve plot", field: "a value of arm 'A'")) {
            try ResponderCurvePlot(title: "t", arms: [.init(name: "A", values: [1, .nan], colorIndex: nil)], thresholds: [],
                                   xAxisLabel: "x", decimals: 0).document()
        }
    }
}
