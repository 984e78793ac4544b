import Foundation
import Testing
import WalkStats

struct FunnelPlotTests {
    let example = FigureExamples.funnel

    @Test func drawsOnePointPerStudyAndTheFunnel() throws {
        let root = try parseXML(example.svg())
        #expect(root.elements(class: "study-point").count == 6)
        #expect(root.elements(class: "funnel").count == 1)
        #expect(root.elements(class: "funnel-edge").count == 2)
        #expect(root.elements(class: "pooled-line").count == 1)
        #expect(root.elements(class: "y-axis-title").map(\.text) == ["Standard error"])
        #expect(root.elements(class: "x-axis-title").map(\.text) == ["Mean difference (backward − forward), points"])
    }

    @Test func standardErrorAxisIsReversedWithRsPrettyTicks() throws {
        let root = try parseXML(example.svg())
        // pretty(c(0, 0.41)) = 0, 0.1, …, 0.5; the largest standard error is 0.41.
        #expect(root.elements(class: "y-tick-label").map(\.text) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"])
        let y = DrawnAxis(root, axis: "y")
        #expect(y.positions.first! < y.positions.last!, "standard error 0 must be at the top")
        // pretty(c(-0.58 - 1.96 * 0.5, -0.3)) = pretty(c(-1.56, 0.4)) = -2, -1.5, …, 0.5
        #expect(root.elements(class: "x-tick-label").map(\.text)
            == ["\u{2212}2.0", "\u{2212}1.5", "\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5"])
    }

    @Test func pointsAndFunnelSitAtTheirValues() throws {
        let root = try parseXML(example.svg())
        let x = DrawnAxis(root, axis: "x"), y = DrawnAxis(root, axis: "y")
        for (point, study) in zip(root.elements(class: "study-point"), example.studies) {
            #expect(abs(point.number("cx") - x.position(of: study.estimate)) < pixelTolerance, "\(study.label)")
            #expect(abs(point.number("cy") - y.position(of: study.standardError)) < pixelTolerance, "\(study.label)")
        }
        let funnel = try #require(root.elements(class: "funnel").first).points
        try #require(funnel.count == 3)
        // Apex at the pooled estimate and SE 0; feet at −0.58 ∓ 1.96 × 0.5 at SE 0.5.
        #expect(abs(funnel[0].x - x.position(of: -0.58)) < pixelTolerance && abs(funnel[0].y - y.position(of: 0)) < pixelTolerance)
        #expect(abs(funnel[1].x - x.position(of: -0.58 + 1.96 * 0.5)) < pixelTolerance)
        #expect(abs(funnel[2].x - x.position(of: -0.58 - 1.96 * 0.5)) < pixelTolerance)
        #expect(abs(funnel[1].y - y.position(of: 0.5)) < pixelTolerance)
    }

    @Test func descriptionCountsStudiesOutsideTheFunnel() throws {
        let root = try parseXML(example.svg())
        // Only Lee 2022: |−1.45 + 0.58| = 0.87 > 1.96 × 0.41 = 0.80.
        #expect(root.elements(named: "desc").first?.text.contains("1 of 6 studies lie outside the funnel") == true)
        #expect(root.elements(class: "study-point")[1].children.first?.text == "O'Brien \"pilot\" <2018>: \u{2212}0.42 (SE 0.30)")
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = FunnelPlot(title: example.title, axisLabel: example.axisLabel, studies: example.studies,
                               pooledEstimate: example.pooledEstimate)
        #expect(try example.svg() == again.svg())
    }

    @Test func invalidInputsThrowNamedErrors() {
        #expect(throws: FigureError.noData(figure: "funnel plot", expected: "at least one study")) {
            try FunnelPlot(title: "t", axisLabel: "x", studies: [], pooledEstimate: 0).document()
        }
        #expect(throws: FigureError.invalidValue(figure: "funnel plot", field: "the standard error of 'A'", value: 0,
                                                 requirement: "greater than 0")) {
            try FunnelPlot(title: "t", axisLabel: "x", studies: [.init(label: "A", estimate: 1, standardError: 0)],
                           pooledEstimate: 0).document()
        }
        #expect(throws: FigureError.nonFiniteValue(figure: "funnel plot", field: "the pooled estimate")) {
            try FunnelPlot(title: "t", axisLabel: "x", studies: [.init(label: "A", estimate: 1, standardError: 1)],
                           pooledEstimate: .infinity).document()
        }
    }
}
