import Foundation
import Testing
import WalkStats

/// The participant flow diagram: one column per arm in its report colour, a box per visit with measured
/// and not measured, and counts that cannot be drawn refused.
struct FlowDiagramTests {
    static let arms = [
        FlowDiagram.Arm(name: "backward", randomised: 24, measured: [24, 24, 23], measuredEveryVisit: 23, colorIndex: 0),
        FlowDiagram.Arm(name: "forward", randomised: 22, measured: [22, 22, 21], measuredEveryVisit: 21, colorIndex: 1),
    ]

    @Test func everyArmAndVisitIsDrawn() throws {
        let svg = try FlowDiagram(title: "Participant flow by arm", visits: ["baseline", "week3", "week6"], arms: Self.arms).svg()
        for text in [">Randomised: 24<", ">week6: 23 measured, 1 not<", ">Measured at every visit: 21<", ">forward<"] {
            #expect(svg.contains(text), "\(text)")
        }
        #expect(svg.contains(FigurePalette.armColor(0)) && svg.contains(FigurePalette.armColor(1)))
        // 2 arms × (randomised + 3 visits + every visit) boxes.
        #expect(svg.components(separatedBy: "<rect").count - 1 >= 10)
    }

    @Test func impossibleCountsAreRefused() {
        var wrong = Self.arms
        wrong[0].measured = [24, 25, 23]
        #expect(throws: FigureError.self) { try FlowDiagram(title: "x", visits: ["a", "b", "c"], arms: wrong).svg() }
        #expect(throws: FigureError.self) { try FlowDiagram(title: "x", visits: ["a", "b"], arms: Self.arms).svg() }
        #expect(throws: FigureError.self) { try FlowDiagram(title: "x", visits: [], arms: []).svg() }
    }
}
