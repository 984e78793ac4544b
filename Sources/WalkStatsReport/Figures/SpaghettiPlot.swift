/// Individual trajectories ("spaghetti plot"): one thin line per participant over the timepoints,
/// coloured by arm, with each arm's mean drawn bold on top.
///
/// With two or more arms each arm gets its own panel (facet), headed by its name and size in its
/// colour, all panels on the same y scale, so no arm hides another; one arm is drawn with a legend.
/// An arm with more than ``translucentAbove`` participants has thinner, translucent lines (opacity
/// ``lineOpacity(participants:)``), so a crowd shows as density rather than a solid tangle; the note
/// says so.
///
/// Timepoints are categories drawn evenly spaced in the order given. A missing value (`nil`) breaks the
/// participant's line; a value with missing neighbours on both sides is drawn as a small dot so it is not
/// lost. An arm's mean at a timepoint is the mean of the values present there (available-case), so it
/// can rest on fewer participants than the arm has; the description says how many.
///
/// ```
/// mean(arm, t) = (sum of the arm's present values at t) / (how many are present at t)
/// ```
public struct SpaghettiPlot: SVGFigure, Sendable {
    /// One arm and its participants' values.
    public struct Arm: Sendable, Equatable {
        /// The arm's name, shown in the legend.
        public var name: String
        /// One row per participant, each with one value per timepoint (`nil` when missing).
        public var participants: [[Double?]]

        /// An arm with its participants' values.
        public init(name: String, participants: [[Double?]]) {
            self.name = name
            self.participants = participants
        }
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The timepoint names, left to right.
    public var timepoints: [String]
    /// The arms, in legend (and colour) order.
    public var arms: [Arm]
    /// The y-axis title: the outcome with its unit.
    public var yAxisLabel: String
    /// The x-axis title, or `nil` for none.
    public var xAxisLabel: String?
    /// Decimals for means in the description.
    public var decimals: Int
    /// The SVG `<desc>`; `nil` writes a summary.
    public var description: String?

    /// Above this many participants in an arm, its lines are drawn thinner and translucent.
    public static let translucentAbove = 200
    /// The opacity of participants' lines in an arm of at most ``translucentAbove`` participants.
    static let lineOpacityFew = 0.55
    /// The lowest opacity a participant's line gets, however many participants there are.
    static let lineOpacityFloor = 0.05

    /// The opacity of each participant's line in an arm of `participants` participants:
    /// `0.55` up to ``translucentAbove``, then `0.55 × translucentAbove / participants` (at least 0.05),
    /// so the arm's lines together stay about as dark as 200 lines at 0.55.
    public static func lineOpacity(participants: Int) -> Double {
        guard participants > translucentAbove else { return lineOpacityFew }
        return max(lineOpacityFloor, lineOpacityFew * Double(translucentAbove) / Double(participants))
    }

    /// A spaghetti plot of `arms` over `timepoints`.
    public init(title: String, timepoints: [String], arms: [Arm], yAxisLabel: String, xAxisLabel: String? = "Timepoint",
                decimals: Int = 2, description: String? = nil) {
        self.title = title
        self.timepoints = timepoints
        self.arms = arms
        self.yAxisLabel = yAxisLabel
        self.xAxisLabel = xAxisLabel
        self.decimals = decimals
        self.description = description
    }

    /// The mean of the values present at each timepoint, per arm (`nil` where an arm has none).
    public func armMeans() -> [[Double?]] {
        arms.map { arm in
            timepoints.indices.map { index in
                let present = arm.participants.compactMap { index < $0.count ? $0[index] : nil }
                return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
            }
        }
    }

    /// The spaghetti plot as an SVG document.
    /// - Throws: ``FigureError`` when there are no timepoints, arms or values, a participant's values do
    ///   not line up with the timepoints, or a value is not finite.
    public func document() throws -> SVGDocument {
        try validate()
        let values = arms.flatMap { $0.participants.flatMap { $0.compactMap { $0 } } }
        let means = armMeans()
        let faceted = arms.count > 1
        let crowded = arms.filter { $0.participants.count > Self.translucentAbove }
        var note = "Thin lines: participants (a gap is a missing value); bold lines: \(arms.count == 1 ? "means" : "arm means") of the values "
            + "present at each \((xAxisLabel ?? "timepoint").lowercased())."
        if faceted { note += " One panel per arm, all on the same y scale." }
        if !crowded.isEmpty {
            note += " " + crowded.map { arm in
                "\(arm.name) has \(arm.participants.count) participants (more than \(Self.translucentAbove))"
            }.joined(separator: "; ") + ": " + (crowded.count == 1 ? "its" : "their")
                + " lines are thinner and translucent (opacity "
                + crowded.map { FigureText.number(Self.lineOpacity(participants: $0.participants.count), decimals: 2) }
                    .joined(separator: ", ")
                + "), so darker means more participants."
        }
        let frame = CategoricalFrame(
            title: title,
            legend: faceted ? [] : arms.indices.map {
                .init(name: "\(arms[$0].name) (n = \(arms[$0].participants.count))", color: FigurePalette.armColor($0),
                      symbol: .line(width: 3, marker: nil))
            },
            categories: timepoints.map { [$0] },
            valueRange: (values.min()!, values.max()!),
            yTitle: yAxisLabel, xTitle: xAxisLabel,
            note: note,
            plotWidth: faceted ? max(200, 80 * Double(timepoints.count)) : max(360, 100 * Double(timepoints.count)), plotHeight: 300,
            panels: faceted ? arms.indices.map {
                CategoricalFrame.Panel(heading: "\(arms[$0].name) (n = \(arms[$0].participants.count))",
                                       color: FigurePalette.armColor($0))
            } : [])

        var participants: [SVGElement] = []
        var meanLines: [SVGElement] = []
        for (armIndex, arm) in arms.enumerated() {
            let color = FigurePalette.armColor(armIndex)
            let positions = frame.panelPositions[faceted ? armIndex : 0]
            let opacity = Self.lineOpacity(participants: arm.participants.count)
            let lineWidth = arm.participants.count > Self.translucentAbove ? 0.75 : 1
            for row in arm.participants {
                var parts: [SVGElement] = []
                for segment in TrajectoryPlot.segments(row) {
                    let points = segment.map { (positions[$0], frame.y.position(of: row[$0]!)) }
                    if points.count == 1 {
                        parts.append(.circle(cx: points[0].0, cy: points[0].1, r: 2.5, fill: color, fillOpacity: min(0.7, opacity * 1.3)))
                    } else {
                        parts.append(.polyline(points, stroke: color, width: lineWidth, opacity: opacity))
                    }
                }
                participants.append(.group(parts, className: "participant"))
            }
            var meanParts: [SVGElement] = []
            for segment in TrajectoryPlot.segments(means[armIndex]) {
                let points = segment.map { (positions[$0], frame.y.position(of: means[armIndex][$0]!)) }
                if points.count > 1 {
                    // A white halo keeps the mean visible on top of its own participants' lines.
                    meanParts.append(.polyline(points, stroke: "#ffffff", width: 6, opacity: 0.8))
                    meanParts.append(.polyline(points, stroke: color, width: 3, className: "mean-line"))
                }
                for point in points {
                    meanParts.append(.circle(cx: point.0, cy: point.1, r: 4, fill: color, stroke: "#ffffff", strokeWidth: 1,
                                             className: "mean-marker"))
                }
            }
            meanLines.append(.group(meanParts, className: "arm-mean"))
        }
        return SVGDocument(width: frame.width, height: frame.height, title: title,
                           description: description ?? summary(means: means),
                           elements: frame.background + [.group(participants, className: "participants")] + meanLines + frame.foreground)
    }

    private func summary(means: [[Double?]]) -> String {
        let places = max(0, min(decimals, 10))
        let arms = zip(arms, means).map { arm, means in
            let counts = timepoints.indices.map { index in arm.participants.filter { index < $0.count && $0[index] != nil }.count }
            return "\(arm.name) (\(arm.participants.count) participants), mean: "
                + timepoints.indices.map { index in
                    "\(timepoints[index]) " + (means[index].map { FigureText.number($0, decimals: places) } ?? "no data")
                        + " (n = \(counts[index]))"
                }.joined(separator: ", ")
        }
        let occasions = (xAxisLabel ?? "timepoint").lowercased() + "s"
        return "\(yAxisLabel) of each participant over \(timepoints.count) \(occasions), by arm, with arm means. "
            + arms.joined(separator: ". ") + "."
    }

    private func validate() throws {
        let check = FigureValidator(figure: "spaghetti plot")
        try check.notEmpty(timepoints, "at least one timepoint")
        try check.notEmpty(arms, "at least one arm")
        for arm in arms {
            for (number, row) in arm.participants.enumerated() {
                try check.length(row, timepoints.count, "participant \(number + 1) of arm '\(arm.name)'")
                for (timepoint, value) in zip(timepoints, row) {
                    guard let value else { continue }
                    try check.finite(value, "the value of participant \(number + 1) of arm '\(arm.name)' at '\(timepoint)'")
                }
            }
        }
        try check.notEmpty(arms.flatMap { $0.participants.flatMap { $0.compactMap { $0 } } }, "at least one value")
    }
}
