import Foundation
import Testing
import WalkStats

struct ChangeDistributionPlotTests {
    let example = FigureExamples.change

    @Test func drawsABoxAndEveryPointPerArm() throws {
        let root = try parseXML(example.svg())
        let groups = root.elements(class: "group")
        #expect(groups.count == 2)
        #expect(groups.map { $0.elements(class: "point").count } == [8, 7])
        #expect(groups.map { $0.elements(class: "box").count } == [1, 1])
        #expect(groups.map { $0.elements(class: "median").count } == [1, 1])
        #expect(groups.map { $0.elements(class: "whisker").count } == [2, 2])
        #expect(root.elements(class: "x-tick-label").map(\.text) == ["Backward walking", "n = 8", "Forward walking", "n = 7"])
        #expect(groups[0].elements(class: "point")[0].attributes["fill"] == "#0072B2")
        #expect(groups[1].elements(class: "point")[0].attributes["fill"] == "#D55E00")
    }

    @Test func boxesAndReferenceLineSitAtRsQuartiles() throws {
        let root = try parseXML(example.svg())
        let y = DrawnAxis(root, axis: "y")
        // pretty(c(-4.5, 1)) = -5, -4, …, 1
        #expect(y.tickValues == [-5, -4, -3, -2, -1, 0, 1])
        // quantile(c(-3, -2.5, -1, -2, -4.5, -1.5, 0.5, -2), c(.25, .5, .75)) = -2.625, -2, -1.375
        let box = try #require(root.elements(class: "box").first)
        #expect(abs(box.number("y") - y.position(of: -1.375)) < pixelTolerance)
        #expect(abs(box.number("y") + box.number("height") - y.position(of: -2.625)) < 2 * pixelTolerance)
        let median = try #require(root.elements(class: "median").first)
        #expect(abs(median.number("y1") - y.position(of: -2)) < pixelTolerance)
        // quantile(c(-1, 0, -1.5, 1, -0.5, -2, -1), .5) = -1
        #expect(abs(root.elements(class: "median")[1].number("y1") - y.position(of: -1)) < pixelTolerance)
        let reference = try #require(root.elements(class: "reference-line").first?.children.first)
        #expect(abs(reference.number("y1") - y.position(of: 0)) < pixelTolerance)
        #expect(reference.attributes["stroke-dasharray"] != nil)
    }

    @Test func tiedPointsSitSideBySideAndLonePointsOnTheCentre() throws {
        let root = try parseXML(example.svg())
        let points = root.elements(class: "group")[0].elements(class: "point")
        // The strip's centre line: where a point with no close neighbour sits (−4.5, index 4).
        let centre = points[4].number("cx")
        // Values −2.0 (indices 3 and 7) are tied: same height, different x, symmetric about the centre.
        #expect(points[3].number("cy") == points[7].number("cy"))
        #expect(points[3].number("cx") != points[7].number("cx"))
        #expect(abs((points[3].number("cx") + points[7].number("cx")) / 2 - centre) < pixelTolerance)
        // −4.5 (index 4) has no neighbour within a marker's height; nor has 0.5 (index 6): same line.
        #expect(abs(points[6].number("cx") - centre) < pixelTolerance)
    }

    /// Points used to be drawn over the box, hiding it and its median; now they sit in a strip right
    /// of the box, never inside its x-range, even with many tied values.
    @Test func pointsSitBesideTheBoxNeverOverIt() throws {
        var crowded = example
        crowded.groups.append(.init(name: "Many ties", values: (0..<120).map { Double($0 % 5) - 2 }))
        let root = try parseXML(crowded.svg())
        let groups = root.elements(class: "group")
        #expect(groups.count == 3)
        for group in groups {
            let box = try #require(group.elements(class: "box").first)
            let boxLeft = box.number("x"), boxRight = box.number("x") + box.number("width")
            let points = group.elements(class: "point")
            #expect(!points.isEmpty)
            for point in points {
                let left = point.number("cx") - point.number("r")
                #expect(left > boxRight, "point at cx \(point.number("cx")) overlaps the box \(boxLeft)…\(boxRight)")
            }
            let median = try #require(group.elements(class: "median").first)
            #expect(median.number("x1") >= boxLeft - pixelTolerance && median.number("x2") <= boxRight + pixelTolerance)
        }
    }

    /// Arm names wider than their band used to be turned 35° (a long one pushed the plot far right);
    /// now the canvas widens for a long single word and a long name wraps, and the labels stay level.
    @Test func longArmNamesWidenOrWrapInsteadOfTurning() throws {
        var named = example
        named.groups[0].name = "backward_plus_conventional"
        named.groups[1].name = "Supervised backward walking on a treadmill with a physiotherapist"
        let root = try parseXML(named.svg())
        let labels = root.elements(class: "x-tick-label")
        #expect(labels.allSatisfy { $0.attributes["transform"] == nil })
        #expect(labels.contains { $0.text == "backward_plus_conventional" })
        let wrapped = labels.filter { $0.text != "backward_plus_conventional" && !$0.text.hasPrefix("n = ") }
        #expect(wrapped.count >= 2)
        #expect(wrapped.map(\.text).joined(separator: " ") == named.groups[1].name)
        #expect(labels.filter { $0.text.hasPrefix("n = ") }.count == 2)
    }

    @Test func rendersTheSameBytesTwice() throws {
        let again = ChangeDistributionPlot(title: example.title, groups: example.groups, yAxisLabel: example.yAxisLabel)
        #expect(try example.svg() == again.svg())
    }

    @Test func invalidInputsThrowNamedErrors() {
        #expect(throws: FigureError.noData(figure: "change distribution plot", expected: "at least one group")) {
            try ChangeDistributionPlot(title: "t", groups: [], yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.noData(figure: "change distribution plot", expected: "at least one value in group 'A'")) {
            try ChangeDistributionPlot(title: "t", groups: [.init(name: "A", values: [])], yAxisLabel: "y").document()
        }
        #expect(throws: FigureError.nonFiniteValue(figure: "change distribution plot", field: "a value of group 'A'")) {
            try ChangeDistributionPlot(title: "t", groups: [.init(name: "A", values: [1, .infinity])], yAxisLabel: "y").document()
        }
    }
}
