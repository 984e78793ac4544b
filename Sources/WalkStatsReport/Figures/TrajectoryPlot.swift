/// Mean trajectories: for each arm, its mean at every timepoint with a confidence-interval error bar,
/// joined by a line, with a legend.
///
/// Timepoints are categories drawn evenly spaced in the order given (so "baseline, week 2, week 6" are
/// equally far apart whatever their dates). Arms are shifted a few pixels sideways so their error bars
/// do not hide each other, and each arm has its own colour (``FigurePalette/armColors``, in order) and
/// marker shape (circle, square, triangle, diamond), so the figure also reads in greyscale. A missing
/// mean (`nil`) leaves a gap: the line is not drawn across it.
public struct TrajectoryPlot: SVGFigure, Sendable {
    /// An arm's mean at one timepoint with its confidence interval.
    public struct Point: Sendable, Equatable {
        /// The mean.
        public var mean: Double
        /// The lower confidence bound.
        public var lower: Double
        /// The upper confidence bound.
        public var upper: Double

        /// A mean with its interval.
        public init(mean: Double, lower: Double, upper: Double) {
            self.mean = mean
            self.lower = lower
            self.upper = upper
        }
    }

    /// One arm's trajectory.
    public struct Arm: Sendable, Equatable {
        /// The arm's name, shown in the legend.
        public var name: String
        /// One point per timepoint, in the order of ``TrajectoryPlot/timepoints``; `nil` where there is no mean.
        public var points: [Point?]

        /// An arm's trajectory.
        public init(name: String, points: [Point?]) {
            self.name = name
            self.points = points
        }
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The timepoint names, left to right.
    public var timepoints: [String]
    /// The arms, in legend (and colour) order.
    public var arms: [Arm]
    /// The y-axis title: the outcome with its unit, such as "Pain (NRS 0–10), points".
    public var yAxisLabel: String
    /// The x-axis title, or `nil` for none.
    public var xAxisLabel: String?
    /// The confidence level of the error bars, for the note under the figure.
    public var confidenceLevel: Double
    /// Decimals for means in the description.
    public var decimals: Int
    /// The SVG `<desc>`; `nil` writes a summary.
    public var description: String?

    /// A trajectory plot of `arms` over `timepoints`.
    public init(title: String, timepoints: [String], arms: [Arm], yAxisLabel: String, xAxisLabel: String? = "Timepoint",
                confidenceLevel: Double = 0.95, decimals: Int = 2, description: String? = nil) {
        self.title = title
        self.timepoints = timepoints
        self.arms = arms
        self.yAxisLabel = yAxisLabel
        self.xAxisLabel = xAxisLabel
        self.confidenceLevel = confidenceLevel
        self.decimals = decimals
        self.description = description
    }

    /// The trajectory plot as an SVG document.
    /// - Throws: ``FigureError`` when there are no timepoints, arms or means, an arm's points do not line
    ///   up with the timepoints, a number is not finite, an interval is inverted, or the confidence level
    ///   is not between 0 and 1.
    public func document() throws -> SVGDocument {
        try validate()
        let points = arms.flatMap { $0.points.compactMap { $0 } }
        let levelText = NumberFormatting.confidenceLabel(confidenceLevel).replacingOccurrences(of: " CI", with: "")
        let frame = CategoricalFrame(
            title: title,
            legend: arms.indices.map {
                .init(name: arms[$0].name, color: FigurePalette.armColor($0), symbol: .line(width: 2, marker: .forArm($0)))
            },
            categories: timepoints.map { [$0] },
            valueRange: (points.map(\.lower).min()!, points.map(\.upper).max()!),
            yTitle: yAxisLabel, xTitle: xAxisLabel,
            note: "Markers: arm means; error bars: \(levelText) confidence intervals. Arms are shifted sideways slightly so their bars do not overlap.",
            plotWidth: max(360, 100 * Double(timepoints.count)), plotHeight: 300)

        let dodge = min(10, frame.band * 0.4 / Double(arms.count))
        var drawn: [SVGElement] = []
        for (armIndex, arm) in arms.enumerated() {
            let color = FigurePalette.armColor(armIndex)
            let offset = (Double(armIndex) - Double(arms.count - 1) / 2) * dodge
            let xs = frame.positions.map { $0 + offset }
            var parts: [SVGElement] = []
            for segment in Self.segments(arm.points) where segment.count > 1 {
                parts.append(.polyline(segment.map { (xs[$0], frame.y.position(of: arm.points[$0]!.mean)) }, stroke: color,
                                       width: 2, className: "arm-line"))
            }
            for (index, point) in arm.points.enumerated() {
                guard let point else { continue }
                let x = xs[index], top = frame.y.position(of: point.upper), bottom = frame.y.position(of: point.lower)
                parts.append(.group([
                    .line(x1: x, y1: top, x2: x, y2: bottom, stroke: color, width: 1.4),
                    .line(x1: x - 4, y1: top, x2: x + 4, y2: top, stroke: color, width: 1.4),
                    .line(x1: x - 4, y1: bottom, x2: x + 4, y2: bottom, stroke: color, width: 1.4),
                ], className: "error-bar"))
            }
            for (index, point) in arm.points.enumerated() {
                guard let point else { continue }
                parts.append(MarkerShape.forArm(armIndex).element(cx: xs[index], cy: frame.y.position(of: point.mean), size: 9,
                                                                  fill: color, className: "arm-marker"))
            }
            drawn.append(.group(parts, className: "arm"))
        }
        return SVGDocument(width: frame.width, height: frame.height, title: title, description: description ?? summary(),
                           elements: frame.background + drawn + frame.foreground)
    }

    /// Runs of consecutive indices whose value is present.
    static func segments<T>(_ values: [T?]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (index, value) in values.enumerated() {
            if value == nil {
                if !current.isEmpty { runs.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private func summary() -> String {
        let places = max(0, min(decimals, 10))
        let level = NumberFormatting.confidenceLabel(confidenceLevel)
        let arms = arms.map { arm in
            arm.name + ": " + zip(timepoints, arm.points).map { timepoint, point in
                "\(timepoint) " + (point.map { FigureText.estimateWithInterval($0.mean, $0.lower, $0.upper, decimals: places) } ?? "no data")
            }.joined(separator: ", ")
        }
        return "Mean \(yAxisLabel) with \(level) by arm at \(timepoints.count) timepoints. " + arms.joined(separator: ". ") + "."
    }

    private func validate() throws {
        let check = FigureValidator(figure: "trajectory plot")
        try check.notEmpty(timepoints, "at least one timepoint")
        try check.notEmpty(arms, "at least one arm")
        for arm in arms {
            try check.length(arm.points, timepoints.count, "arm '\(arm.name)'")
            for (timepoint, point) in zip(timepoints, arm.points) {
                guard let point else { continue }
                try check.finite(point.mean, "the mean of '\(arm.name)' at '\(timepoint)'")
                try check.interval(point.lower, point.upper, "the interval of '\(arm.name)' at '\(timepoint)'")
            }
        }
        try check.notEmpty(arms.flatMap { $0.points.compactMap { $0 } }, "at least one mean")
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw FigureError.invalidValue(figure: check.figure, field: "the confidence level", value: confidenceLevel,
                                           requirement: "between 0 and 1")
        }
    }
}
