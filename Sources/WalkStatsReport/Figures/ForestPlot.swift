import Foundation

/// A forest plot, in the layout of metafor's `forest()`: one row per study with its estimate as a square
/// (area growing with its weight) and its confidence interval as a line, the pooled estimate as a diamond
/// spanning its confidence interval, an optional prediction interval under the diamond, a dashed line at
/// no effect, and text columns "estimate [lower, upper]" and weight on the right. The weight column is
/// drawn only when at least one study has a weight (a column of dashes says nothing).
///
/// It takes plain numbers, so it can draw any meta-analysis (or a set of subgroup estimates): the caller
/// says what the estimates are in ``axisLabel``, such as "Mean difference (backward − forward), points"
/// or "Hedges' g".
///
/// ```swift
/// let plot = ForestPlot(
///     title: "Pain at 6 weeks",
///     axisLabel: "Mean difference (backward − forward), points",
///     studies: [.init(label: "Alghadir 2019", estimate: -1.2, lower: -1.9, upper: -0.5, weightPercent: 60),
///               .init(label: "Smith 2021", estimate: -0.4, lower: -1.3, upper: 0.5, weightPercent: 40)],
///     pooled: .init(label: "Random-effects model", estimate: -0.9, lower: -1.5, upper: -0.3))
/// try AtomicFileWriter.write(plot.svg(), to: "forest.svg", protectedInputs: [])
/// ```
public struct ForestPlot: SVGFigure, Sendable {
    /// One study (or subgroup) row.
    public struct Study: Sendable, Equatable {
        /// The row label, such as "Alghadir 2019".
        public var label: String
        /// The point estimate.
        public var estimate: Double
        /// The lower confidence bound.
        public var lower: Double
        /// The upper confidence bound.
        public var upper: Double
        /// The study's weight in the pooled estimate, in percent (0–100); `nil` for a row that was not
        /// pooled (drawn with a mid-sized marker and "–" as weight).
        public var weightPercent: Double?

        /// A study row.
        public init(label: String, estimate: Double, lower: Double, upper: Double, weightPercent: Double?) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.weightPercent = weightPercent
        }
    }

    /// The pooled estimate, drawn as a diamond.
    public struct Pooled: Sendable, Equatable {
        /// The row label, such as "Random-effects model".
        public var label: String
        /// The pooled estimate.
        public var estimate: Double
        /// The lower confidence bound.
        public var lower: Double
        /// The upper confidence bound.
        public var upper: Double

        /// A pooled row.
        public init(label: String = "Random-effects model", estimate: Double, lower: Double, upper: Double) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    /// A closed interval of values, for the prediction interval and the axis limits.
    public struct Interval: Sendable, Equatable {
        /// The lower end.
        public var lower: Double
        /// The upper end.
        public var upper: Double

        /// The interval `lower`…`upper`.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The x-axis title: what the estimates are, with their unit.
    public var axisLabel: String
    /// The study rows, top to bottom.
    public var studies: [Study]
    /// The pooled estimate, or `nil` for a plot without pooling.
    public var pooled: Pooled?
    /// The prediction interval for a new study's true effect, drawn under the diamond.
    public var predictionInterval: Interval?
    /// Where the dashed no-effect line is drawn (0 for differences, 1 for ratios on their own scale).
    public var nullValue: Double
    /// The confidence level of the intervals, for the column header ("Estimate [95% CI]").
    public var confidenceLevel: Double
    /// Decimals of the estimates and bounds in the text column (weights always have 1).
    public var decimals: Int
    /// A fixed x range; intervals reaching beyond it end in an arrow. `nil` covers every interval.
    public var axisLimits: Interval?
    /// The heading of the label column.
    public var labelHeader: String
    /// The SVG `<desc>`; `nil` writes a summary of the rows and the pooled estimate.
    public var description: String?

    /// The width of the plotting area between the label column and the text columns, in px.
    static let plotWidth = 320.0
    static let rowHeight = 22.0
    static let largestSquare = 14.0
    static let smallestSquare = 4.0
    static let columnGap = 18.0

    /// A forest plot of `studies` with an optional pooled diamond and prediction interval.
    public init(title: String, axisLabel: String, studies: [Study], pooled: Pooled? = nil,
                predictionInterval: Interval? = nil, nullValue: Double = 0, confidenceLevel: Double = 0.95,
                decimals: Int = 2, axisLimits: Interval? = nil, labelHeader: String = "Study", description: String? = nil) {
        self.title = title
        self.axisLabel = axisLabel
        self.studies = studies
        self.pooled = pooled
        self.predictionInterval = predictionInterval
        self.nullValue = nullValue
        self.confidenceLevel = confidenceLevel
        self.decimals = decimals
        self.axisLimits = axisLimits
        self.labelHeader = labelHeader
        self.description = description
    }

    /// The forest plot as an SVG document.
    /// - Throws: ``FigureError`` when there are no studies, a number is not finite, an interval (or the
    ///   axis limits) is inverted, a weight is negative, or the confidence level is not between 0 and 1.
    public func document() throws -> SVGDocument {
        try validate()
        let places = max(0, min(decimals, 10))
        let estimateHeader = "Estimate [\(NumberFormatting.confidenceLabel(confidenceLevel))]"
        let weightHeader = "Weight"
        let showsWeights = studies.contains { $0.weightPercent != nil }
        let studyTexts = studies.map { FigureText.estimateWithInterval($0.estimate, $0.lower, $0.upper, decimals: places) }
        let weightTexts = studies.map { $0.weightPercent.map { FigureText.number($0, decimals: 1) + "%" } ?? "–" }
        let pooledText = pooled.map { FigureText.estimateWithInterval($0.estimate, $0.lower, $0.upper, decimals: places) }
        let predictionLabel = "Prediction interval"
        let predictionText = predictionInterval.map { FigureText.interval($0.lower, $0.upper, decimals: places) }

        // Columns, left to right: labels, plot, estimates (right-aligned), weights (right-aligned).
        let size = FigureLayout.labelSize
        var labelWidths = studies.map { FigureText.width($0.label, size: size) }
        labelWidths.append(FigureText.width(labelHeader, size: size, bold: true))
        if let pooled { labelWidths.append(FigureText.width(pooled.label, size: size, bold: true)) }
        if predictionInterval != nil { labelWidths.append(FigureText.width(predictionLabel, size: size)) }
        let plotLeft = FigureLayout.margin + (labelWidths.max() ?? 0) + Self.columnGap
        let plotRight = plotLeft + Self.plotWidth
        let estimateWidth = (studyTexts + [pooledText, predictionText].compactMap { $0 }).map { FigureText.width($0, size: size) }
            .max().map { max($0, FigureText.width(estimateHeader, size: size, bold: true)) } ?? 0
        let estimateRight = plotRight + Self.columnGap + estimateWidth
        let weightWidth = (weightTexts.map { FigureText.width($0, size: size) } + [FigureText.width(weightHeader, size: size, bold: true)]
            + (pooled == nil ? [] : [FigureText.width("100.0%", size: size, bold: true)])).max() ?? 0
        // The right end of the last column drawn: the weights, or the estimates when no study has a weight.
        let weightRight = showsWeights ? estimateRight + Self.columnGap + weightWidth : estimateRight
        let width = (weightRight + FigureLayout.margin).rounded(.up)

        // Rows, top to bottom: title, header, studies, pooled, prediction interval, axis.
        var elements: [SVGElement] = []
        let title = FigureLayout.title(self.title, x: FigureLayout.margin, top: FigureLayout.margin,
                                       maxWidth: width - 2 * FigureLayout.margin)
        elements += title.elements
        let headerBaseline = title.bottom + 12 + size
        let rowsTop = headerBaseline + 8
        let studyCentres = studies.indices.map { rowsTop + (Double($0) + 0.5) * Self.rowHeight }
        let pooledCentre = pooled.map { _ in rowsTop + (Double(studies.count) + 1) * Self.rowHeight }
        let predictionCentre = predictionInterval.map { _ in
            (pooledCentre ?? rowsTop + Double(studies.count) * Self.rowHeight) + Self.rowHeight
        }
        let lastCentre = predictionCentre ?? pooledCentre ?? studyCentres.last ?? rowsTop
        let axisY = lastCentre + Self.rowHeight / 2 + 6
        // The axis title is centred under the plot, so its lines may reach as far either side as the
        // nearer edge of the figure allows.
        let plotMiddle = (plotLeft + plotRight) / 2
        let axisTitleLines = FigureText.wrapped(axisLabel, size: size,
                                                maxWidth: 2 * min(plotMiddle - FigureLayout.margin, width - FigureLayout.margin - plotMiddle))
        let height = (axisY + FigureLayout.xAxisHeight(titleLines: axisTitleLines.count) + FigureLayout.margin).rounded(.up)

        // The x scale covers every interval and the null value, unless limits are given.
        let scale: LinearScale
        if let axisLimits {
            scale = LinearScale(domainLower: axisLimits.lower, domainUpper: axisLimits.upper, rangeStart: plotLeft, rangeEnd: plotRight)
        } else {
            var values = studies.flatMap { [$0.lower, $0.upper] } + [nullValue]
            if let pooled { values += [pooled.lower, pooled.upper] }
            if let predictionInterval { values += [predictionInterval.lower, predictionInterval.upper] }
            scale = LinearScale(covering: values.min()!, values.max()!, rangeStart: plotLeft, rangeEnd: plotRight)
        }
        let shownLower = scale.domainLower, shownUpper = scale.domainUpper
        func x(_ value: Double) -> Double { scale.position(of: min(max(value, shownLower), shownUpper)) }

        // Header.
        elements.append(.group([
            .text(labelHeader, x: FigureLayout.margin, y: headerBaseline, size: size, bold: true, fill: FigurePalette.ink),
            .text(estimateHeader, x: estimateRight, y: headerBaseline, anchor: .end, size: size, bold: true, fill: FigurePalette.ink),
        ] + (showsWeights ? [
            SVGElement.text(weightHeader, x: weightRight, y: headerBaseline, anchor: .end, size: size, bold: true, fill: FigurePalette.ink,
                  className: "weight-header"),
        ] : []) + [
            .line(x1: FigureLayout.margin, y1: rowsTop - 2, x2: weightRight, y2: rowsTop - 2, stroke: FigurePalette.reference,
                  width: 0.8),
        ], className: "header"))

        // The no-effect line, under the markers.
        if nullValue >= shownLower && nullValue <= shownUpper {
            elements.append(.line(x1: scale.position(of: nullValue), y1: rowsTop, x2: scale.position(of: nullValue), y2: axisY,
                                  stroke: FigurePalette.reference, dash: "4 3", className: "null-line"))
        }

        // Studies.
        let heaviest = studies.compactMap(\.weightPercent).max() ?? 0
        var rows: [SVGElement] = []
        for (index, study) in studies.enumerated() {
            let y = studyCentres[index]
            let baseline = y + 0.35 * size
            var parts: [SVGElement] = [
                .text(study.label, x: FigureLayout.margin, y: baseline, size: size, fill: FigurePalette.ink, className: "study-label"),
            ]
            parts += intervalLine(lower: study.lower, upper: study.upper, y: y, scale: scale, color: FigurePalette.ink,
                                  className: "study-ci")
            if study.estimate >= shownLower && study.estimate <= shownUpper {
                let side: Double
                if let weight = study.weightPercent {
                    side = heaviest > 0
                        ? Self.smallestSquare + (Self.largestSquare - Self.smallestSquare) * (weight / heaviest).squareRoot()
                        : Self.smallestSquare
                } else {
                    side = (Self.smallestSquare + Self.largestSquare) / 2
                }
                let cx = scale.position(of: study.estimate)
                parts.append(.rect(x: cx - side / 2, y: y - side / 2, width: side, height: side, fill: FigurePalette.ink,
                                   className: "study-marker",
                                   tooltip: "\(study.label): \(studyTexts[index])" + (showsWeights ? ", weight \(weightTexts[index])" : "")))
            }
            parts.append(.text(studyTexts[index], x: estimateRight, y: baseline, anchor: .end, size: size,
                               fill: FigurePalette.ink, className: "estimate-text"))
            if showsWeights {
                parts.append(.text(weightTexts[index], x: weightRight, y: baseline, anchor: .end, size: size,
                                   fill: FigurePalette.ink, className: "weight-text"))
            }
            rows.append(.group(parts, className: "study"))
        }
        elements.append(.group(rows, className: "studies"))

        // Pooled diamond and prediction interval.
        if let pooled, let pooledCentre, let pooledText {
            let y = pooledCentre
            let halfHeight = 0.35 * Self.rowHeight
            let ruleY = rowsTop + Double(studies.count) * Self.rowHeight + 2
            elements.append(.group([
                .line(x1: FigureLayout.margin, y1: ruleY, x2: weightRight, y2: ruleY, stroke: FigurePalette.reference, width: 0.8),
                .text(pooled.label, x: FigureLayout.margin, y: y + 0.35 * size, size: size, bold: true, fill: FigurePalette.ink,
                      className: "pooled-label"),
                .polygon([(x(pooled.lower), y), (x(pooled.estimate), y - halfHeight), (x(pooled.upper), y),
                          (x(pooled.estimate), y + halfHeight)],
                         fill: FigurePalette.summary, stroke: FigurePalette.ink, strokeWidth: 0.8, className: "summary-diamond",
                         tooltip: "\(pooled.label): \(pooledText)"),
                .text(pooledText, x: estimateRight, y: y + 0.35 * size, anchor: .end, size: size, bold: true,
                      fill: FigurePalette.ink, className: "estimate-text"),
            ] + (showsWeights ? [
                SVGElement.text("100.0%", x: weightRight, y: y + 0.35 * size, anchor: .end, size: size, bold: true,
                      fill: FigurePalette.ink, className: "weight-text"),
            ] : []), className: "pooled"))
        }
        if let predictionInterval, let predictionCentre, let predictionText {
            let y = predictionCentre
            var parts: [SVGElement] = [
                .text(predictionLabel, x: FigureLayout.margin, y: y + 0.35 * size, size: size, italic: true,
                      fill: FigurePalette.mutedInk, className: "prediction-label"),
            ]
            parts += intervalLine(lower: predictionInterval.lower, upper: predictionInterval.upper, y: y, scale: scale,
                                  color: FigurePalette.summary, width: 2, caps: true, className: "prediction-interval")
            parts.append(.text(predictionText, x: estimateRight, y: y + 0.35 * size, anchor: .end, size: size, italic: true,
                               fill: FigurePalette.mutedInk, className: "estimate-text"))
            elements.append(.group(parts, className: "prediction"))
        }

        elements.append(.group(FigureLayout.xAxis(scale: scale, y: axisY, plotLeft: plotLeft, plotRight: plotRight,
                                                  titleLines: axisTitleLines), className: "x-axis-group"))
        return SVGDocument(width: width, height: height, title: self.title,
                           description: description ?? summary(studyTexts: studyTexts, pooledText: pooledText,
                                                               predictionText: predictionText),
                           elements: elements)
    }

    /// A horizontal interval at `y`, cut at the axis limits with an arrowhead where it continues;
    /// `caps` adds short vertical ends.
    private func intervalLine(lower: Double, upper: Double, y: Double, scale: LinearScale, color: String, width: Double = 1.2,
                              caps: Bool = false, className: String) -> [SVGElement] {
        let shownLower = scale.domainLower, shownUpper = scale.domainUpper
        guard upper >= shownLower, lower <= shownUpper else { return [] }
        let x1 = scale.position(of: max(lower, shownLower)), x2 = scale.position(of: min(upper, shownUpper))
        var parts: [SVGElement] = [.line(x1: x1, y1: y, x2: x2, y2: y, stroke: color, width: width, className: className)]
        if lower < shownLower {
            parts.append(.polygon([(x1 - 2, y), (x1 + 5, y - 3.5), (x1 + 5, y + 3.5)], fill: color, className: "clipped-arrow"))
        } else if caps {
            parts.append(.line(x1: x1, y1: y - 4, x2: x1, y2: y + 4, stroke: color, width: width))
        }
        if upper > shownUpper {
            parts.append(.polygon([(x2 + 2, y), (x2 - 5, y - 3.5), (x2 - 5, y + 3.5)], fill: color, className: "clipped-arrow"))
        } else if caps {
            parts.append(.line(x1: x2, y1: y - 4, x2: x2, y2: y + 4, stroke: color, width: width))
        }
        return parts
    }

    private func summary(studyTexts: [String], pooledText: String?, predictionText: String?) -> String {
        let level = NumberFormatting.confidenceLabel(confidenceLevel)
        var text = "Forest plot of \(studies.count) \(studies.count == 1 ? "study" : "studies"): \(axisLabel), "
            + "estimate [\(level)] per study: "
            + zip(studies, studyTexts).map { "\($0.label) \($1)" }.joined(separator: "; ") + "."
        if let pooled, let pooledText { text += " \(pooled.label): \(pooledText)." }
        if let predictionText { text += " Prediction interval \(predictionText)." }
        return text + " Dashed line: no effect at \(FigureText.plain(nullValue))."
    }

    private func validate() throws {
        let check = FigureValidator(figure: "forest plot")
        try check.notEmpty(studies, "at least one study")
        for study in studies {
            try check.finite(study.estimate, "the estimate of '\(study.label)'")
            try check.interval(study.lower, study.upper, "the interval of '\(study.label)'")
            if let weight = study.weightPercent {
                try check.finite(weight, "the weight of '\(study.label)'")
                guard weight >= 0 else {
                    throw FigureError.invalidValue(figure: check.figure, field: "the weight of '\(study.label)'",
                                                   value: weight, requirement: "0 or more")
                }
            }
        }
        if let pooled {
            try check.finite(pooled.estimate, "the pooled estimate")
            try check.interval(pooled.lower, pooled.upper, "the pooled interval")
        }
        if let predictionInterval {
            try check.interval(predictionInterval.lower, predictionInterval.upper, "the prediction interval")
        }
        if let axisLimits {
            try check.interval(axisLimits.lower, axisLimits.upper, "the axis limits")
            guard axisLimits.lower < axisLimits.upper else {
                throw FigureError.invalidValue(figure: check.figure, field: "the axis range", value: 0,
                                               requirement: "wider than zero")
            }
        }
        try check.finite(nullValue, "the null value")
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw FigureError.invalidValue(figure: check.figure, field: "the confidence level", value: confidenceLevel,
                                           requirement: "between 0 and 1")
        }
    }
}
