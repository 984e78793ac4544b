import Foundation
import Testing
import WalkStats

struct TrajectoryPlotTests {
    let example = FigureExamples.trajectory

    @Test func drawsMarkersErrorBarsLinesAndLegendPerArm() throws {
        let root = try parseXML(example.svg())
        let arms = root.elements(class: "arm")
        #expect(arms.count == 2)
        // Arm 1 has all three means; arm 2 misses week 2, so it has two markers and no joining line.
        #expect(arms.map { $0.elements(class: "arm-marker").count } == [3, 2])
        #expect(arms.map { $0.elements(class: "error-bar").count } == [3, 2])
        #expect(arms.map { $0.elements(class: "arm-line").count } == [1, 0])
        #expect(arms[0].elements(class: "arm-line")[0].points.count == 3)
        let legend = root.elements(class: "legend-item")
        #expect(legend.map { $0.elements(named: "text").first?.text } == ["Backward walking", "Forward walking & <usual care>"])
        #expect(root.elements(class: "y-axis-title").map(\.text) == ["Pain (NRS 0–10), points"])
    }

    @Test func timepointsAreEvenlySpacedInTheGivenOrder() throws {
        let root = try parseXML(example.svg())
        #expect(root.elements(class: "x-tick-label").map(\.text) == ["Baseline", "Week 2", "Week 6"])
        let ticks = root.elements(class: "x-tick").map { $0.number("x1") }
        #expect(abs((ticks[1] - ticks[0]) - (ticks[2] - ticks[1])) < pixelTolerance)
    }

    @Test func meansAndIntervalsSitAtTheirValuesInArmColours() throws {
        let root = try parseXML(example.svg())
        let y = DrawnAxis(root, axis: "y")
        // pretty(c(2.8, 6.9)) = 2, 3, …, 7
        #expect(y.tickValues == [2, 3, 4, 5, 6, 7])
        let arms = root.elements(class: "arm")
        let baseline = try #require(arms[0].elements(class: "arm-marker").first)
        #expect(abs(baseline.number("cy") - y.position(of: 6.1)) < pixelTolerance)
        #expect(baseline.attributes["fill"] == "#0072B2")
        #expect(arms[1].elements(class: "arm-marker").first?.attributes["fill"] == "#D55E00")
        let bar = try #require(arms[0].elements(class: "error-bar").last?.children.first)
        #expect(abs(bar.number("y1") - y.position(of: 4.4)) < pixelTolerance)
        #expect(abs(bar.number("y2") - y.position(of: 2.8)) < pixelTolerance)
    }

    @Test func escapesArmNames() throws {
        let text = try example.svg()
        #expect(text.contains("Forward walking &amp; &lt;usual care&gt;"))
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = TrajectoryPlot(title: example.title, timepoints: example.timepoints, arms: example.arms,
                                   yAxisLabel: example.yAxisLabel)
        #expect(try example.svg() == again.svg())
    }

    @Test func invalidInputsThrowNamedErrors() {
        #expect(throws: FigureError.mismatchedLength(figure: "trajectory plot", field: "arm 'A'", expected: 2, got: 1)) {
            try TrajectoryPlot(title: "t", timepoints: ["a", "b"], arms: [.init(name: "A", points: [nil])], yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.noData(figure: "trajectory plot", expected: "at least one mean")) {
            try TrajectoryPlot(title: "t", timepoints: ["a"], arms: [.init(name: "A", points: [nil])], yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.invertedInterval(figure: "trajectory plot", field: "the interval of 'A' at 'a'", lower: 2,
                                                     upper: 1)) {
            try TrajectoryPlot(title: "t", timepoints: ["a"], arms: [.init(name: "A", points: [.init(mean: 1.5, lower: 2, upper: 1)])],
                               yAxisLabel: "y").document()
        }
    }
}
