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

    @Test func legendNamesArmsWithTheirSize() throws {
        let root = try parseXML(example.svg())
        #expect(root.elements(class: "legend-item").map { $0.elements(named: "text").first?.text }
            == ["Backward walking (n = 3)", "Forward walking (n = 3)"])
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
