/// A CONSORT-style participant flow diagram: one column per arm, a box for the randomised participants and
/// one box per visit with how many were measured there (and how many not), joined by arrows, then the
/// participants measured at every visit. Text is measured with the font's advance widths, so a box grows
/// to hold its label.
public struct FlowDiagram: SVGFigure {
    /// One arm's column.
    public struct Arm: Sendable, Equatable {
        /// The arm name.
        public var name: String
        /// Participants randomised.
        public var randomised: Int
        /// Participants measured at each visit of ``FlowDiagram/visits``.
        public var measured: [Int]
        /// Participants measured at every visit.
        public var measuredEveryVisit: Int
        /// The arm's colour in the report (``FigurePalette/armColor(_:)``), so it matches the other figures.
        public var colorIndex: Int

        /// Creates a column.
        public init(name: String, randomised: Int, measured: [Int], measuredEveryVisit: Int, colorIndex: Int) {
            self.colorIndex = colorIndex
            self.name = name
            self.randomised = randomised
            self.measured = measured
            self.measuredEveryVisit = measuredEveryVisit
        }
    }

    /// The title.
    public var title: String
    /// The visits, in order.
    public var visits: [String]
    /// The arms, in the report's colour order.
    public var arms: [Arm]

    /// A flow diagram.
    public init(title: String, visits: [String], arms: [Arm]) {
        self.title = title
        self.visits = visits
        self.arms = arms
    }

    static let boxHeight = 40.0
    static let gap = 22.0
    static let textSize = 12.0

    /// The SVG document.
    /// - Throws: ``FigureError`` without arms or visits, or when a count is negative or an arm's counts do
    ///   not line up with the visits.
    public func document() throws -> SVGDocument {
        guard !arms.isEmpty, !visits.isEmpty else { throw FigureError.noData(figure: "flow diagram", expected: "at least one arm and one visit") }
        for arm in arms {
            guard arm.measured.count == visits.count else {
                throw FigureError.mismatchedLength(figure: "flow diagram", field: "measured counts of \(arm.name)", expected: visits.count,
                                                   got: arm.measured.count)
            }
            for count in [arm.randomised, arm.measuredEveryVisit] + arm.measured where count < 0 || count > arm.randomised {
                throw FigureError.invalidValue(figure: "flow diagram", field: "a count of \(arm.name)", value: Double(count),
                                               requirement: "between 0 and the \(arm.randomised) randomised")
            }
        }
        let rows: [[String]] = arms.map { arm in
            [arm.name, "Randomised: \(arm.randomised)"]
                + zip(visits, arm.measured).map { visit, n in "\(visit): \(n) measured, \(arm.randomised - n) not" }
                + ["Measured at every visit: \(arm.measuredEveryVisit)"]
        }
        let columnWidth = max(180, rows.flatMap { $0 }.map { FigureText.width($0, size: Self.textSize, bold: true) + 24 }.max() ?? 180)
        let margin = 16.0
        let width = margin * 2 + columnWidth * Double(arms.count) + Self.gap * Double(arms.count - 1)
        let (titleElements, titleBottom) = FigureLayout.title(title, x: margin, top: margin, maxWidth: width - 2 * margin)
        var elements = titleElements
        let top = titleBottom + 14
        let boxes = visits.count + 2
        for (index, lines) in rows.enumerated() {
            let left = margin + Double(index) * (columnWidth + Self.gap)
            let colour = FigurePalette.armColor(arms[index].colorIndex)
            elements.append(.text(lines[0], x: left + columnWidth / 2, y: top + Self.textSize, anchor: .middle, size: Self.textSize + 1,
                                  bold: true, fill: colour, className: "arm-name"))
            for box in 0..<boxes {
                let y = top + 24 + Double(box) * (Self.boxHeight + Self.gap)
                elements.append(.rect(x: left, y: y, width: columnWidth, height: Self.boxHeight, fill: "#ffffff", stroke: colour))
                elements.append(.text(lines[box + 1], x: left + columnWidth / 2, y: y + Self.boxHeight / 2 + 4, anchor: .middle,
                                      size: Self.textSize, bold: box == 0 || box == boxes - 1, fill: FigurePalette.ink))
                if box > 0 {
                    let x = left + columnWidth / 2
                    elements.append(.line(x1: x, y1: y - Self.gap, x2: x, y2: y - 4, stroke: FigurePalette.mutedInk))
                    elements.append(.polygon([(x - 4, y - 8), (x + 4, y - 8), (x, y - 1)], fill: FigurePalette.mutedInk))
                }
            }
        }
        let bottom = top + 24 + Double(boxes) * (Self.boxHeight + Self.gap)
        let (noteElements, noteBottom) = FigureLayout.note(
            "Measured: any outcome has a value at the visit. Each analysis states how many participants it used.",
            left: margin, top: bottom, maxWidth: width - 2 * margin)
        elements += noteElements
        let description = "Participant flow by arm: " + zip(arms, rows).map { arm, lines in
            "\(arm.name): " + lines.dropFirst().joined(separator: "; ")
        }.joined(separator: ". ") + "."
        return SVGDocument(width: width, height: noteBottom + margin, title: title, description: description, elements: elements)
    }
}
