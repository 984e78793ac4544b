import Foundation
import Testing
import WalkStats

struct SpaghettiPlotTests {
    let example = FigureExamples.spaghetti

    @Test func missingValuesBreakParticipantLines() throws {
        let root = try parseXML(example.svg())
        let participants = root.elements(class: "participant")
        #expect(participants.count == 6)
        // [6, 5, 3] one line; [7, –, 4.5] two lone dots; [5.5, 4, 3.5] one line;
        // [6.5, 6, 5] one line; [–, 5.5, –] one lone dot; [6, 5, 4] one line.
        #expect(participants.map { $0.elements(named: "polyline").count } == [1, 0, 1, 1, 0, 1])
        #expect(participants.map { $0.elements(named: "circle").count } == [0, 2, 0, 0, 1, 0])
        #expect(participants[0].elements(named: "polyline")[0].attributes["stroke"] == "#0072B2")
        #expect(participants[3].elements(named: "polyline")[0].attributes["stroke"] == "#D55E00")
    }

    @Test func armMeansUseTheValuesPresentAtEachTimepoint() throws {
        let means = example.armMeans()
        let expected: [[Double?]] = [[(6.0 + 7.0 + 5.5) / 3, (5.0 + 4.0) / 2, (3.0 + 4.5 + 3.5) / 3],
                                     [(6.5 + 6.0) / 2, (6.0 + 5.5 + 5.0) / 3, (5.0 + 4.0) / 2]]
        #expect(means == expected)
        let root = try parseXML(example.svg())
        let y = DrawnAxis(root, axis: "y")
        // pretty(c(3, 7)) = 3, 4, …, 7
        #expect(y.tickValues == [3, 4, 5, 6, 7])
        let markers = root.elements(class: "mean-marker")
        #expect(markers.count == 6)
        for (marker, mean) in zip(markers, expected.flatMap { $0 }) {
            #expect(abs(marker.number("cy") - y.position(of: mean!)) < pixelTolerance)
        }
        #expect(root.elements(class: "mean-line").count == 2)
    }

    @Test func panelHeadingsNameArmsWithTheirSize() throws {
        let root = try parseXML(example.svg())
        #expect(root.elements(class: "panel-heading").map(\.text) == ["Backward walking (n = 3)", "Forward walking (n = 3)"])
        // Two panels replace the legend.
        #expect(root.elements(class: "legend-item").isEmpty)
    }

    /// A panel heading wider than its panel wraps (it is never cut short), and the panels start below it.
    @Test func longPanelHeadingsWrap() throws {
        var plot = example
        plot.arms[0].name = "Supervised backward walking on a treadmill with a physiotherapist"
        let root = try parseXML(plot.svg())
        let headings = root.elements(class: "panel-heading")
        #expect(headings.count >= 3)
        #expect(headings.dropLast().map(\.text).joined(separator: " ") == "\(plot.arms[0].name) (n = 3)")
        let axisTop = try #require(root.elements(class: "y-axis").first).number("y1")
        #expect(headings.allSatisfy { $0.number("y") < axisTop })
    }

    @Test func oneArmHasALegendAndNoPanels() throws {
        let plot = SpaghettiPlot(title: "One arm", timepoints: example.timepoints, arms: [example.arms[0]],
                                 yAxisLabel: example.yAxisLabel)
        let root = try parseXML(plot.svg())
        #expect(root.elements(class: "legend-item").map { $0.elements(named: "text").first?.text } == ["Backward walking (n = 3)"])
        #expect(root.elements(class: "panel-heading").isEmpty)
    }

    /// 500 participants per arm used to be one tangle in one panel, the last arm drawn over the others
    /// at full strength; now each arm has its own panel (same y scale, the arm's colour) and lines
    /// translucent enough to show density, and the note says so.
    @Test func manyParticipantsGetOnePanelPerArmAndTranslucentLines() throws {
        let timepoints = ["Baseline", "Week 6", "Week 12"]
        func participants(_ count: Int, shift: Double) -> [[Double?]] {
            (0..<count).map { i in timepoints.indices.map { t in shift + Double((i * 7 + t * 3) % 11) - Double(t) } }
        }
        let arms = [SpaghettiPlot.Arm(name: "Backward", participants: participants(500, shift: 0)),
                    SpaghettiPlot.Arm(name: "Forward", participants: participants(500, shift: 2)),
                    SpaghettiPlot.Arm(name: "Usual care", participants: participants(40, shift: 4))]
        let plot = SpaghettiPlot(title: "Pain", timepoints: timepoints, arms: arms, yAxisLabel: "Pain, points")
        let root = try parseXML(plot.svg())

        let headings = root.elements(class: "panel-heading")
        #expect(headings.map(\.text) == ["Backward (n = 500)", "Forward (n = 500)", "Usual care (n = 40)"])
        #expect(headings.map { $0.attributes["fill"] } == (0..<3).map { FigurePalette.armColor($0) })
        // One x axis per panel, side by side without overlapping.
        let panels = root.elements(class: "panel")
        #expect(panels.count == 3)
        let axes = panels.map { try? #require($0.elements(class: "x-axis").first) }
        for (left, right) in zip(axes, axes.dropFirst()) {
            #expect((left?.number("x2") ?? .infinity) < (right?.number("x1") ?? -.infinity))
        }
        // Each arm's lines lie inside its own panel.
        let lines = root.elements(class: "participant")
        #expect(lines.count == 1040)
        for (armIndex, range) in [(0, 0..<500), (1, 500..<1000), (2, 1000..<1040)] {
            let axis = try #require(axes[armIndex])
            for line in lines[range] {
                for polyline in line.elements(named: "polyline") {
                    #expect(polyline.points.allSatisfy { $0.x >= axis.number("x1") && $0.x <= axis.number("x2") })
                }
            }
        }
        // Translucent lines above the threshold only.
        let crowdedOpacity = try #require(lines[0].elements(named: "polyline").first?.attributes["stroke-opacity"].flatMap(Double.init))
        let fewOpacity = try #require(lines[1000].elements(named: "polyline").first?.attributes["stroke-opacity"].flatMap(Double.init))
        #expect(SpaghettiPlot.translucentAbove < 500 && SpaghettiPlot.translucentAbove >= 40)
        #expect(crowdedOpacity < fewOpacity / 2)
        #expect(abs(crowdedOpacity - SpaghettiPlot.lineOpacity(participants: 500)) < 0.01)
        let note = root.elements(class: "note").map(\.text).joined(separator: " ")
        #expect(note.contains("more than \(SpaghettiPlot.translucentAbove)"))
        #expect(note.contains("translucent"))
        #expect(note.contains("One panel per arm"))
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = SpaghettiPlot(title: example.title, timepoints: example.timepoints, arms: example.arms,
                                  yAxisLabel: example.yAxisLabel)
        #expect(try example.svg() == again.svg())
    }

    @Test func invalidInputsThrowNamedErrors() {
        #expect(throws: FigureError.mismatchedLength(figure: "spaghetti plot", field: "participant 2 of arm 'A'", expected: 2, got: 3)) {
            try SpaghettiPlot(title: "t", timepoints: ["a", "b"], arms: [.init(name: "A", participants: [[1, 2], [1, 2, 3]])],
                              yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.nonFiniteValue(figure: "spaghetti plot", field: "the value of participant 1 of arm 'A' at 'b'")) {
            try SpaghettiPlot(title: "t", timepoints: ["a", "b"], arms: [.init(name: "A", participants: [[1, .nan]])],
                              yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.noData(figure: "spaghetti plot", expected: "at least one value")) {
            try SpaghettiPlot(title: "t", timepoints: ["a"], arms: [.init(name: "A", participants: [[nil]])], yAxisLabel: "y").document()
        }
    }
}
