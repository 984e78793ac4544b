import Foundation
import Testing
import WalkStats

struct ForestPlotTests {
    let example = FigureExamples.forest

    @Test func drawsOneRowMarkerAndIntervalPerStudyAndOneDiamond() throws {
        let root = try parseXML(example.svg())
        #expect(root.elements(class: "study").count == 4)
        #expect(root.elements(class: "study-marker").count == 4)
        #expect(root.elements(class: "study-ci").count == 4)
        #expect(root.elements(class: "summary-diamond").count == 1)
        #expect(root.elements(class: "prediction-interval").count == 1)
        #expect(root.elements(class: "null-line").count == 1)
        #expect(root.elements(class: "clipped-arrow").isEmpty)
        #expect(root.elements(class: "study-label").map(\.text) == example.studies.map(\.label))
        #expect(root.elements(class: "x-axis-title").map(\.text) == ["Mean difference (backward − forward), points"])
        #expect(root.elements(named: "title").first?.text == "Pain after 6 weeks: backward versus forward walking")
    }

    @Test func xTicksAreRsPrettyValuesOfTheIntervalsAndNull() throws {
        let root = try parseXML(example.svg())
        // pretty(c(-1.37, 0.07)): the widest interval bounds, with the null value 0 inside.
        #expect(root.elements(class: "x-tick-label").map(\.text) == ["\u{2212}1.5", "\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5"])
        #expect(root.elements(class: "x-tick").count == 5)
    }

    @Test func textColumnsShowEstimateIntervalAndWeight() throws {
        let root = try parseXML(example.svg())
        let estimates = root.elements(class: "estimate-text").map(\.text)
        #expect(estimates == ["\u{2212}0.85 [\u{2212}1.37, \u{2212}0.33]", "\u{2212}0.42 [\u{2212}1.10, 0.07]",
                              "\u{2212}0.61 [\u{2212}1.02, \u{2212}0.20]", "\u{2212}0.30 [\u{2212}0.95, 0.05]",
                              "\u{2212}0.58 [\u{2212}0.86, \u{2212}0.30]", "[\u{2212}1.05, \u{2212}0.11]"])
        #expect(root.elements(class: "weight-text").map(\.text) == ["28.4%", "19.6%", "35.0%", "17.0%", "100.0%"])
        #expect(root.elements(named: "text").contains { $0.text == "Estimate [95% CI]" })
    }

    @Test func diamondAndMarkersSitAtTheirValuesOnTheDrawnAxis() throws {
        let root = try parseXML(example.svg())
        let axis = DrawnAxis(root, axis: "x")
        let diamond = try #require(root.elements(class: "summary-diamond").first).points
        try #require(diamond.count == 4)
        // Left tip, top, right tip, bottom: lower bound, estimate, upper bound, estimate.
        #expect(abs(diamond[0].x - axis.position(of: -0.86)) < pixelTolerance)
        #expect(abs(diamond[1].x - axis.position(of: -0.58)) < pixelTolerance)
        #expect(abs(diamond[2].x - axis.position(of: -0.30)) < pixelTolerance)
        #expect(abs(diamond[3].x - axis.position(of: -0.58)) < pixelTolerance)
        #expect(diamond[0].y == diamond[2].y && diamond[1].y < diamond[0].y && diamond[3].y > diamond[0].y)

        for (marker, study) in zip(root.elements(class: "study-marker"), example.studies) {
            let centre = marker.number("x") + marker.number("width") / 2
            #expect(abs(centre - axis.position(of: study.estimate)) < pixelTolerance, "\(study.label)")
        }
        for (line, study) in zip(root.elements(class: "study-ci"), example.studies) {
            #expect(abs(line.number("x1") - axis.position(of: study.lower)) < pixelTolerance)
            #expect(abs(line.number("x2") - axis.position(of: study.upper)) < pixelTolerance)
        }
        let null = try #require(root.elements(class: "null-line").first)
        #expect(abs(null.number("x1") - axis.position(of: 0)) < pixelTolerance)
        let prediction = try #require(root.elements(class: "prediction-interval").first)
        #expect(abs(prediction.number("x1") - axis.position(of: -1.05)) < pixelTolerance)
        #expect(abs(prediction.number("x2") - axis.position(of: -0.11)) < pixelTolerance)
        // The prediction interval lies under the diamond.
        #expect(prediction.number("y1") > diamond[3].y)
    }

    @Test func squareAreaGrowsWithWeight() throws {
        let root = try parseXML(example.svg())
        let sides = root.elements(class: "study-marker").map { $0.number("width") }
        let weights = example.studies.map { $0.weightPercent ?? 0 }
        // Same order of sizes as of weights: 35.0 > 28.4 > 19.6 > 17.0.
        #expect(sides.indices.sorted { sides[$0] > sides[$1] } == weights.indices.sorted { weights[$0] > weights[$1] })
        #expect(root.elements(class: "study-marker").allSatisfy { $0.number("width") == $0.number("height") })
    }

    @Test func labelsAreEscapedAndSurviveParsing() throws {
        let text = try example.svg()
        #expect(text.contains("O&apos;Brien &quot;pilot&quot; &lt;2018&gt;"))
        #expect(text.contains("Alghadir &amp; Anwer 2019"))
        #expect(!text.contains("<2018>"))
        let root = try parseXML(text)
        #expect(root.elements(class: "study-label")[1].text == "O'Brien \"pilot\" <2018>")
        #expect(root.elements(named: "desc").first?.text.contains("O'Brien \"pilot\" <2018> \u{2212}0.42") == true)
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = ForestPlot(title: example.title, axisLabel: example.axisLabel, studies: example.studies, pooled: example.pooled,
                               predictionInterval: example.predictionInterval)
        #expect(try example.svg() == again.svg())
    }

    @Test func axisLimitsClipIntervalsWithArrows() throws {
        var plot = example
        plot.axisLimits = .init(lower: -1, upper: 0)
        let root = try parseXML(plot.svg())
        // Below −1: studies 1 (−1.37), 2 (−1.10), 3 (−1.02) and the prediction interval (−1.05);
        // above 0: studies 2 (0.07) and 4 (0.05). The pooled interval fits.
        #expect(root.elements(class: "clipped-arrow").count == 6)
        #expect(root.elements(class: "x-tick-label").map(\.text).first == "\u{2212}1.0")
        #expect(root.elements(class: "x-tick-label").map(\.text).last == "0.0")
    }

    @Test func withoutPoolingThereIsNoDiamond() throws {
        let plot = ForestPlot(title: "Subgroups", axisLabel: "Hedges' g", studies: example.studies)
        let root = try parseXML(plot.svg())
        #expect(root.elements(class: "summary-diamond").isEmpty)
        #expect(root.elements(class: "study-marker").count == 4)
    }

    @Test func invalidInputsThrowNamedErrors() {
        let figure = "forest plot"
        #expect(throws: FigureError.noData(figure: figure, expected: "at least one study")) {
            try ForestPlot(title: "t", axisLabel: "x", studies: []).document()
        }
        #expect(throws: FigureError.nonFiniteValue(figure: figure, field: "the estimate of 'A'")) {
            try ForestPlot(title: "t", axisLabel: "x",
                           studies: [.init(label: "A", estimate: .nan, lower: 0, upper: 1, weightPercent: 1)]).document()
        }
        #expect(throws: FigureError.invertedInterval(figure: figure, field: "the interval of 'A'", lower: 1, upper: 0)) {
            try ForestPlot(title: "t", axisLabel: "x",
                           studies: [.init(label: "A", estimate: 0.5, lower: 1, upper: 0, weightPercent: 1)]).document()
        }
        #expect(throws: FigureError.invalidValue(figure: figure, field: "the weight of 'A'", value: -1, requirement: "0 or more")) {
            try ForestPlot(title: "t", axisLabel: "x",
                           studies: [.init(label: "A", estimate: 0.5, lower: 0, upper: 1, weightPercent: -1)]).document()
        }
        var limits = example
        limits.axisLimits = .init(lower: 2, upper: 1)
        #expect(throws: FigureError.invertedInterval(figure: figure, field: "the axis limits", lower: 2, upper: 1)) {
            try limits.document()
        }
        #expect(FigureError.invertedInterval(figure: figure, field: "the interval of 'A'", lower: 1, upper: 0).description
            == "forest plot: the interval of 'A' is inverted (lower 1.0 > upper 0.0)")
    }
}

/// Rows that were not pooled (printed pooled effects shown beside recomputed ones) have no weight.
struct ForestPlotUnweightedRowTests {
    @Test func unweightedRowsShowADashAndAMidSizedMarker() throws {
        let plot = ForestPlot(title: "Printed and recomputed", axisLabel: "Hedges' g",
                              studies: [.init(label: "Lin 2025 (pooled, printed)", estimate: -0.997, lower: -1.373, upper: -0.620, weightPercent: nil),
                                        .init(label: "Chen 2021 (recomputed)", estimate: -0.89, lower: -1.60, upper: -0.17, weightPercent: nil)])
        let svg = try plot.svg()
        // No study has a weight, so there is no Weight column (it used to be a column of dashes).
        #expect(!svg.contains(">–</text>"))
        #expect(!svg.contains(">Weight</text>"))
        #expect(!svg.contains("%</text>"))
        let root = try parseXML(svg)
        #expect(root.elements(class: "study-marker").allSatisfy { $0.number("width") == 9 })
    }
}
