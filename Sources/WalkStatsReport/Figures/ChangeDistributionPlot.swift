import Foundation

/// The distribution of change in each arm: a box plot (``BoxSummary``: type-7 quartiles, median,
/// 1.5 × IQR whiskers) with every participant's value drawn as a point in a strip beside it (right of
/// the box, never over it, so no point hides the box or its median), and a dashed horizontal reference
/// line at no change.
///
/// Points are spread sideways within their strip only where they would overlap, and deterministically
/// (no random jitter), so the same data always give the same file:
/// ```
/// sort the group's points by value (ties by their order in `values`);
/// a cluster is a run of points less than one marker diameter (in px) above the run's first point;
/// the j-th of m points in a cluster is shifted by (j − (m − 1) / 2) × s,
///     s = min(marker diameter + 0.6 px, 2 × h / (m − 1)),  h = the strip's half-width less a marker radius
/// ```
/// Tied scores (common with whole-point scales) therefore line up side by side, and isolated values
/// stay on the strip's centre line.
public struct ChangeDistributionPlot: SVGFigure, Sendable {
    /// One arm's values.
    public struct Group: Sendable, Equatable {
        /// The arm's name, shown under its box.
        public var name: String
        /// One value per participant, such as change from baseline (at least one).
        public var values: [Double]
        /// The arm's colour (``FigurePalette/armColor(_:)``), so an arm keeps its colour in every figure of a
        /// report even when another arm has no values here; `nil` takes the group's position.
        public var colorIndex: Int?

        /// A group of values.
        public init(name: String, values: [Double], colorIndex: Int? = nil) {
            self.name = name
            self.values = values
            self.colorIndex = colorIndex
        }
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The arms, left to right (and in colour order).
    public var groups: [Group]
    /// The y-axis title: the change with its unit, such as "Change in pain (week 6 − baseline), points".
    public var yAxisLabel: String
    /// Where the dashed reference line is drawn, or `nil` for none.
    public var referenceValue: Double?
    /// The reference line's label, written right of the plot.
    public var referenceLabel: String
    /// Decimals for the summaries in the description.
    public var decimals: Int
    /// The SVG `<desc>`; `nil` writes a summary.
    public var description: String?

    static let pointRadius = 2.8
    /// The gap (px) between the box's right edge and the point strip's left edge.
    static let stripGap = 6.0

    /// A change-distribution plot of `groups`.
    public init(title: String, groups: [Group], yAxisLabel: String, referenceValue: Double? = 0,
                referenceLabel: String = "No change", decimals: Int = 2, description: String? = nil) {
        self.title = title
        self.groups = groups
        self.yAxisLabel = yAxisLabel
        self.referenceValue = referenceValue
        self.referenceLabel = referenceLabel
        self.decimals = decimals
        self.description = description
    }

    /// The sideways offset (px) of each of `positions` (the points' vertical pixel positions, in input
    /// order), spreading points that would overlap across at most ±`halfWidth`; see the type's
    /// documentation for the rule.
    static func sidewaysOffsets(_ positions: [Double], halfWidth: Double) -> [Double] {
        let diameter = 2 * pointRadius
        let order = positions.indices.sorted { (positions[$0], $0) < (positions[$1], $1) }
        var offsets = Array(repeating: 0.0, count: positions.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && positions[order[end]] - positions[order[start]] < diameter { end += 1 }
            let m = end - start
            if m > 1 {
                let spacing = min(diameter + 0.6, 2 * halfWidth / Double(m - 1))
                for j in 0..<m { offsets[order[start + j]] = (Double(j) - Double(m - 1) / 2) * spacing }
            }
            start = end
        }
        return offsets
    }

    /// The change-distribution plot as an SVG document.
    /// - Throws: ``FigureError`` when there are no groups, a group has no values, or a value (or the
    ///   reference value) is not finite.
    public func document() throws -> SVGDocument {
        let check = FigureValidator(figure: "change distribution plot")
        try check.notEmpty(groups, "at least one group")
        if let referenceValue { try check.finite(referenceValue, "the reference value") }
        let summaries = try groups.map { group in
            try check.notEmpty(group.values, "at least one value in group '\(group.name)'")
            for value in group.values { try check.finite(value, "a value of group '\(group.name)'") }
            return try BoxSummary(values: group.values)
        }

        let all = groups.flatMap(\.values) + [referenceValue].compactMap { $0 }
        let referenceWidth = referenceValue == nil ? 0 : FigureText.width(referenceLabel, size: FigureLayout.noteSize) + 10
        let frame = CategoricalFrame(
            title: title, legend: [],
            categories: groups.map { [$0.name, "n = \($0.values.count)"] },
            valueRange: (all.min()!, all.max()!),
            yTitle: yAxisLabel, xTitle: nil,
            note: "Boxes: quartiles (type 7) and median; whiskers: the most extreme values within 1.5 × IQR of the box; "
                + "points (right of each box): participants, side by side where they would overlap.",
            plotWidth: max(300, 150 * Double(groups.count)), plotHeight: 300, rightMargin: referenceWidth)

        var elements = frame.background
        if let referenceValue {
            let y = frame.y.position(of: referenceValue)
            elements.append(.group([
                .line(x1: frame.plotLeft, y1: y, x2: frame.plotRight, y2: y, stroke: FigurePalette.reference, width: 1.2, dash: "5 4"),
                .text(referenceLabel, x: frame.plotRight + 6, y: y + 0.35 * FigureLayout.noteSize, size: FigureLayout.noteSize,
                      fill: FigurePalette.mutedInk),
            ], className: "reference-line"))
        }
        // Box and point strip side by side, together about centred on the arm's label.
        let boxWidth = min(48, frame.band * 0.3)
        let stripWidth = min(56, frame.band * 0.36)
        for (index, (group, box)) in zip(groups, summaries).enumerated() {
            let color = FigurePalette.armColor(group.colorIndex ?? index)
            let x = frame.positions[index] - (boxWidth + Self.stripGap + stripWidth) / 2 + boxWidth / 2
            let stripCentre = x + boxWidth / 2 + Self.stripGap + stripWidth / 2
            let y = frame.y
            let left = x - boxWidth / 2, capHalf = boxWidth * 0.2
            var parts: [SVGElement] = [
                .line(x1: x, y1: y.position(of: box.upperQuartile), x2: x, y2: y.position(of: box.upperWhisker), stroke: color,
                      width: 1.4, className: "whisker"),
                .line(x1: x, y1: y.position(of: box.lowerQuartile), x2: x, y2: y.position(of: box.lowerWhisker), stroke: color,
                      width: 1.4, className: "whisker"),
                .line(x1: x - capHalf, y1: y.position(of: box.upperWhisker), x2: x + capHalf, y2: y.position(of: box.upperWhisker),
                      stroke: color, width: 1.4),
                .line(x1: x - capHalf, y1: y.position(of: box.lowerWhisker), x2: x + capHalf, y2: y.position(of: box.lowerWhisker),
                      stroke: color, width: 1.4),
                .rect(x: left, y: y.position(of: box.upperQuartile), width: boxWidth,
                      height: y.position(of: box.lowerQuartile) - y.position(of: box.upperQuartile), fill: color,
                      stroke: color, strokeWidth: 1.4, fillOpacity: 0.15, className: "box"),
                .line(x1: left, y1: y.position(of: box.median), x2: left + boxWidth, y2: y.position(of: box.median),
                      stroke: FigurePalette.ink, width: 2.5, className: "median"),
            ]
            let heights = group.values.map { y.position(of: $0) }
            let offsets = Self.sidewaysOffsets(heights, halfWidth: stripWidth / 2 - Self.pointRadius)
            parts += zip(heights, offsets).map { height, offset in
                .circle(cx: stripCentre + offset, cy: height, r: Self.pointRadius, fill: color, stroke: "#ffffff", strokeWidth: 0.6,
                        fillOpacity: 0.85, className: "point")
            }
            elements.append(.group(parts, className: "group"))
        }
        return SVGDocument(width: frame.width, height: frame.height, title: title,
                           description: description ?? summary(summaries), elements: elements + frame.foreground)
    }

    private func summary(_ summaries: [BoxSummary]) -> String {
        let places = max(0, min(decimals, 10))
        func number(_ x: Double) -> String { FigureText.number(x, decimals: places) }
        let groups = zip(groups, summaries).map { group, box in
            "\(group.name) (n = \(box.count)): median \(number(box.median)), quartiles \(number(box.lowerQuartile)) to "
                + "\(number(box.upperQuartile)), whiskers \(number(box.lowerWhisker)) to \(number(box.upperWhisker))"
        }
        var text = "Box plots with individual points of \(yAxisLabel) by arm. " + groups.joined(separator: ". ") + "."
        if let referenceValue { text += " Dashed line: \(referenceLabel.lowercased()) (\(FigureText.plain(referenceValue)))." }
        return text
    }
}
