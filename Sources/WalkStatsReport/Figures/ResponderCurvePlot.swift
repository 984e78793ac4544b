import Foundation

/// Responder curves: for each arm, the cumulative distribution of improvement drawn as the share of
/// participants improving by at least x, against x (the display the FDA's 2009 PRO guidance recommends
/// for reading a responder definition off every threshold at once), with dashed vertical lines at the
/// caller's thresholds (such as a minimal clinically important difference).
///
/// Values are improvements (positive = better; the caller signs them). Each arm's curve is the step
/// function
/// ```
/// S(x) = 100 × #{ values ≥ x } / n
/// ```
/// which is 100% up to the smallest value, drops at each distinct value by the share of participants
/// with that value (tied values make one larger drop), and is 0% right of the largest. It is drawn
/// from the axis's left end to its right end, so the flat parts at 100% and 0% show too.
///
/// An arm without values keeps its colour and its legend entry (with n = 0) but draws no curve.
///
/// *References:* U.S. Food and Drug Administration (2009). Guidance for industry: patient-reported
/// outcome measures: use in medical product development to support labeling claims, section V.C.
public struct ResponderCurvePlot: SVGFigure, Sendable {
    /// One arm's improvements.
    public struct Arm: Sendable, Equatable {
        /// The arm's name, shown in the legend with its size.
        public let name: String
        /// One improvement per participant (positive = better); may be empty.
        public let values: [Double]
        /// The arm's colour (``FigurePalette/armColor(_:)``), so an arm keeps its colour in every figure of a
        /// report; `nil` takes the arm's position.
        public let colorIndex: Int?

        /// An arm's improvements.
        public init(name: String, values: [Double], colorIndex: Int?) {
            self.name = name
            self.values = values
            self.colorIndex = colorIndex
        }
    }

    /// A responder threshold, drawn as a dashed vertical line rising above the plot to its label.
    public struct Threshold: Sendable, Equatable {
        /// Where the line is drawn, in the improvement's unit.
        public let value: Double
        /// The label, such as "MCID 1" or "0.05 (minimal)".
        public let label: String

        /// A threshold at `value`.
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// One drop of a responder curve: at ``value`` the curve falls to ``percentAbove``.
    struct Step: Equatable {
        /// A distinct value of the arm.
        let value: Double
        /// The percentage of the arm's values above `value` (so at least any x just right of it).
        let percentAbove: Double
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The arms, in legend (and colour) order.
    public var arms: [Arm]
    /// The thresholds, each drawn as a dashed vertical line with its label.
    public var thresholds: [Threshold]
    /// The x-axis title: the improvement with its unit, such as "Improvement in pain (baseline − week 6), points".
    public var xAxisLabel: String
    /// Decimals for the x tick labels (more when the ticks need them to differ) and values in the description.
    public var decimals: Int
    /// The SVG `<desc>`; `nil` writes a summary.
    public var description: String?

    static let yAxisLabel = "Participants improving by at least x (%)"
    static let plotWidth = 440.0
    static let plotHeight = 300.0
    /// The gap (px) kept between threshold labels in one row.
    static let labelGap = 8.0
    static let labelRowHeight = 14.0

    /// Responder curves of `arms`, with `thresholds` marked.
    public init(title: String, arms: [Arm], thresholds: [Threshold], xAxisLabel: String, decimals: Int) {
        self.title = title
        self.arms = arms
        self.thresholds = thresholds
        self.xAxisLabel = xAxisLabel
        self.decimals = decimals
        self.description = nil
    }

    /// The drops of the responder curve of `values`: one per distinct value, ascending; the curve is
    /// 100% left of the first and `percentAbove` from each drop to the next.
    static func steps(_ values: [Double]) -> [Step] {
        let sorted = values.sorted()
        var steps: [Step] = []
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count && sorted[end] == sorted[index] { end += 1 }
            steps.append(Step(value: sorted[index], percentAbove: 100 * Double(sorted.count - end) / Double(sorted.count)))
            index = end
        }
        return steps
    }

    /// The percentage of `values` at least `x` (0 for no values).
    static func percentAtLeast(_ x: Double, in values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        return 100 * Double(values.filter { $0 >= x }.count) / Double(values.count)
    }

    /// Where a threshold's label goes: beside the top of its line (right of it, or left when it would
    /// pass `right`), in a row above the plot (0 = just above it), with the line drawn up to its row.
    struct LabelPlacement: Equatable {
        /// The x where the text is anchored.
        let x: Double
        /// Whether the text ends at `x` (left of the line) rather than starting there.
        let leftOfLine: Bool
        /// The row above the plot.
        let row: Int
    }

    /// Places labels of `widths` beside lines at `lines` (px): in the order below, each goes into the
    /// lowest row where its text overlaps no other label in that row, no line that rises past that row
    /// crosses its text, and its own line (rising to that row) crosses no label below.
    static func labelPlacements(lines: [Double], widths: [Double], right: Double) -> [LabelPlacement] {
        let gap = 3.0
        var placed: [(line: Double, lower: Double, upper: Double, row: Int)] = []
        var result = Array(repeating: LabelPlacement(x: 0, leftOfLine: false, row: 0), count: lines.count)
        // Labels right of their lines go first, right to left (a staircase rising leftwards); labels left of
        // their lines (near the right edge) last, so they rise above every line their text would cross.
        let leftOfLines = lines.indices.map { lines[$0] + gap + widths[$0] > right }
        let order = lines.indices.sorted {
            (leftOfLines[$0] ? 1 : 0, leftOfLines[$0] ? lines[$0] : -lines[$0], $0)
                < (leftOfLines[$1] ? 1 : 0, leftOfLines[$1] ? lines[$1] : -lines[$1], $1)
        }
        for index in order {
            let line = lines[index], width = widths[index], leftOfLine = leftOfLines[index]
            let lower = leftOfLine ? line - gap - width : line + gap, upper = lower + width
            func conflicts(_ row: Int, crossingBelow: Bool) -> Bool {
                placed.contains { other in
                    let inOther = line >= other.lower - gap && line <= other.upper + gap
                    let otherInThis = other.line >= lower - gap && other.line <= upper + gap
                    return (other.row == row && other.upper + labelGap > lower && other.lower - labelGap < upper)
                        || (other.row > row && otherInThis) || (crossingBelow && other.row < row && inOther)
                }
            }
            // When every row has the line cross a label below (a label left of a line to its right), the
            // crossing is accepted: the lowest row free of the other conflicts, which the top row always is.
            let row = (0...placed.count).first { !conflicts($0, crossingBelow: true) }
                ?? (0...placed.count).first { !conflicts($0, crossingBelow: false) }!
            placed.append((line, lower, upper, row))
            result[index] = LabelPlacement(x: leftOfLine ? line - gap : line + gap, leftOfLine: leftOfLine, row: row)
        }
        return result
    }

    /// The responder curves as an SVG document.
    /// - Throws: ``FigureError`` when no arm has a value, or a value or threshold is not finite.
    public func document() throws -> SVGDocument {
        try validate()
        let places = max(0, min(decimals, 10))
        let margin = FigureLayout.margin
        let yScaleTicks = LinearScale(domainLower: 0, domainUpper: 100, rangeStart: 0, rangeEnd: 1)
        let yTitle = FigureLayout.yTitleLines(Self.yAxisLabel, plotHeight: Self.plotHeight)
        let plotLeft = margin + FigureLayout.yAxisWidth(tickLabels: yScaleTicks.tickLabels, titleLines: yTitle.count)
        let plotRight = plotLeft + Self.plotWidth
        let width = (plotRight + margin + 12).rounded(.up)
        let contentWidth = width - 2 * margin

        // The curves start flat at 100% and end flat at 0%: pad the data by 5% of its range (at least
        // 0.5 units) before R's pretty() picks the axis ends.
        let values = arms.flatMap(\.values)
        let low = min(values.min()!, thresholds.map(\.value).min() ?? .infinity)
        let high = max(values.max()!, thresholds.map(\.value).max() ?? -.infinity)
        let pad = max(0.05 * (high - low), high == low ? max(0.5, 0.1 * abs(high)) : 0)
        let x = LinearScale(covering: low - pad, high + pad, rangeStart: plotLeft, rangeEnd: plotRight)
        let tickDecimals = max(places, LinearScale.decimals(forStep: x.ticks.count > 1 ? x.ticks[1] - x.ticks[0] : 0))
        let xTickLabels = x.ticks.map { FigureText.number($0, decimals: tickDecimals) }

        let titleBlock = FigureLayout.title(title, x: margin, top: margin, maxWidth: contentWidth)
        let legend = FigureLayout.legend(arms.enumerated().map { index, arm in
            .init(name: "\(arm.name) (n = \(arm.values.count))", color: color(index), symbol: .line(width: 2.5, marker: nil))
        }, left: margin, top: titleBlock.bottom + 6, maxWidth: contentWidth)

        let labelSize = FigureLayout.noteSize
        // A label too long for either side of its line is shortened (the last resort).
        let labels = thresholds.map { threshold in
            let line = x.position(of: threshold.value)
            return FigureText.truncated(threshold.label, size: labelSize, maxWidth: max(width - margin - line, line - margin) - 3)
        }
        let placements = Self.labelPlacements(lines: thresholds.map { x.position(of: $0.value) },
                                              widths: labels.map { FigureText.width($0, size: labelSize) }, right: width - margin)
        let labelRows = (placements.map(\.row).max() ?? -1) + 1
        let plotTop = legend.bottom + 12 + Double(labelRows) * Self.labelRowHeight
        let plotBottom = plotTop + Self.plotHeight
        let y = LinearScale(domainLower: 0, domainUpper: 100, rangeStart: plotBottom, rangeEnd: plotTop)
        let xTitle = FigureText.wrapped(xAxisLabel, size: FigureLayout.labelSize, maxWidth: Self.plotWidth)
        let note = FigureLayout.note(
            "Each curve: the percentage of the arm's participants whose improvement is at least the value on the x axis "
                + "(steps down at each observed value). Dashed lines: responder thresholds.",
            left: margin, top: plotBottom + FigureLayout.xAxisHeight(titleLines: xTitle.count) + 6, maxWidth: contentWidth)
        let height = (note.bottom + margin - 4).rounded(.up)

        var elements = titleBlock.elements + legend.elements
        elements += FigureLayout.yAxis(scale: y, plotLeft: plotLeft, plotRight: plotRight, plotTop: plotTop, plotBottom: plotBottom,
                                       titleLines: yTitle, titleLeft: margin)
        elements.append(.group(FigureLayout.xAxis(scale: x, y: plotBottom, plotLeft: plotLeft, plotRight: plotRight,
                                                  titleLines: xTitle, tickLabels: xTickLabels), className: "x-axis-group"))
        for (threshold, (label, placement)) in zip(thresholds, zip(labels, placements)) {
            let lineX = x.position(of: threshold.value)
            let baseline = plotTop - 6 - Double(placement.row) * Self.labelRowHeight
            elements.append(.group([
                .line(x1: lineX, y1: plotBottom, x2: lineX, y2: baseline - 0.75 * labelSize, stroke: FigurePalette.reference,
                      width: 1.2, dash: "5 4"),
                .text(label, x: placement.x, y: baseline, anchor: placement.leftOfLine ? .end : .start,
                      size: labelSize, fill: FigurePalette.mutedInk, className: "threshold-label"),
            ], className: "threshold"))
        }
        for (index, arm) in arms.enumerated() where !arm.values.isEmpty {
            var points = [(x: plotLeft, y: y.position(of: 100))]
            var level = 100.0
            for step in Self.steps(arm.values) {
                let stepX = x.position(of: step.value)
                points += [(stepX, y.position(of: level)), (stepX, y.position(of: step.percentAbove))]
                level = step.percentAbove
            }
            points.append((plotRight, y.position(of: level)))
            elements.append(.group([.polyline(points, stroke: color(index), width: 2.5, className: "curve")], className: "arm"))
        }
        elements += note.elements
        return SVGDocument(width: width, height: height, title: title, description: description ?? summary(places: places),
                           elements: elements)
    }

    private func color(_ index: Int) -> String {
        FigurePalette.armColor(arms[index].colorIndex ?? index)
    }

    private func summary(places: Int) -> String {
        let arms = arms.map { arm in
            guard !arm.values.isEmpty else { return "\(arm.name) (n = 0): no values" }
            let shares = thresholds.map { threshold in
                "\(FigureText.number(Self.percentAtLeast(threshold.value, in: arm.values), decimals: 0))% at least "
                    + "\(FigureText.number(threshold.value, decimals: places)) (\(threshold.label))"
            }
            return "\(arm.name) (n = \(arm.values.count)): improvements from \(FigureText.number(arm.values.min()!, decimals: places)) "
                + "to \(FigureText.number(arm.values.max()!, decimals: places))" + (shares.isEmpty ? "" : "; " + shares.joined(separator: ", "))
        }
        return "Responder curves: the percentage of each arm's participants whose \(xAxisLabel) is at least x, against x. "
            + arms.joined(separator: ". ") + "."
    }

    private func validate() throws {
        let check = FigureValidator(figure: "responder curve plot")
        for arm in arms {
            for value in arm.values { try check.finite(value, "a value of arm '\(arm.name)'") }
        }
        try check.notEmpty(arms.flatMap(\.values), "at least one value in an arm")
        for threshold in thresholds { try check.finite(threshold.value, "threshold '\(threshold.label)'") }
    }
}
