import Foundation

/// A funnel plot, as metafor's `funnel()` draws it: each study's estimate (x) against its standard error
/// (y, reversed so 0 — the most precise — is at the top), a vertical line at the pooled estimate, and the
/// pseudo-confidence funnel `pooled ± 1.96 × SE` (white inside, grey outside), within which about 95% of
/// studies should fall when there is no heterogeneity or small-study effect.
///
/// ```
/// funnel edges at standard error s:  pooled − z × s  and  pooled + z × s   (z = 1.96 by default)
/// ```
///
/// *Like R:* `metafor::funnel(rma(yi, sei = sei))` with its defaults (`yaxis = "sei"`, `level = 95`,
/// `back = "lightgray"`, `shade = "white"`), except that the y axis runs to the first `pretty()` tick at
/// or above the largest standard error, where metafor stops at the largest standard error itself.
public struct FunnelPlot: SVGFigure, Sendable {
    /// One study.
    public struct Study: Sendable, Equatable {
        /// The study's name, shown when the pointer rests on its point.
        public var label: String
        /// The study's estimate.
        public var estimate: Double
        /// Its standard error (greater than 0).
        public var standardError: Double

        /// A study point.
        public init(label: String, estimate: Double, standardError: Double) {
            self.label = label
            self.estimate = estimate
            self.standardError = standardError
        }
    }

    /// The figure title, drawn at the top and used as the SVG `<title>`.
    public var title: String
    /// The x-axis title: what the estimates are, with their unit.
    public var axisLabel: String
    /// The studies.
    public var studies: [Study]
    /// The pooled estimate at the funnel's centre.
    public var pooledEstimate: Double
    /// The normal quantile that sets the funnel's width: 1.96 for pseudo-95% limits (R: `qnorm(0.975)`).
    public var multiplier: Double
    /// Decimals for estimates in the description and point tooltips.
    public var decimals: Int
    /// The SVG `<desc>`; `nil` writes a summary.
    public var description: String?

    static let plotWidth = 440.0
    static let plotHeight = 300.0

    /// A funnel plot of `studies` around `pooledEstimate`.
    public init(title: String, axisLabel: String, studies: [Study], pooledEstimate: Double, multiplier: Double = 1.96,
                decimals: Int = 2, description: String? = nil) {
        self.title = title
        self.axisLabel = axisLabel
        self.studies = studies
        self.pooledEstimate = pooledEstimate
        self.multiplier = multiplier
        self.decimals = decimals
        self.description = description
    }

    /// The funnel plot as an SVG document.
    /// - Throws: ``FigureError`` when there are no studies, a number is not finite, a standard error is
    ///   not positive, or the multiplier is not positive.
    public func document() throws -> SVGDocument {
        try validate()
        let places = max(0, min(decimals, 10))
        let largestError = studies.map(\.standardError).max()!
        let yTicks = LinearScale(covering: 0, largestError, rangeStart: 0, rangeEnd: 1)
        let bottomError = yTicks.domainUpper
        let funnelLower = pooledEstimate - multiplier * bottomError
        let funnelUpper = pooledEstimate + multiplier * bottomError
        let estimates = studies.map(\.estimate)

        let yTitle = FigureLayout.yTitleLines("Standard error", plotHeight: Self.plotHeight)
        let plotLeft = FigureLayout.margin + FigureLayout.yAxisWidth(tickLabels: yTicks.tickLabels, titleLines: yTitle.count)
        let plotRight = plotLeft + Self.plotWidth
        let width = (plotRight + FigureLayout.margin + 12).rounded(.up)
        let title = FigureLayout.title(self.title, x: FigureLayout.margin, top: FigureLayout.margin,
                                       maxWidth: width - 2 * FigureLayout.margin)
        let plotTop = title.bottom + 16
        let plotBottom = plotTop + Self.plotHeight
        let xTitle = FigureText.wrapped(axisLabel, size: FigureLayout.labelSize, maxWidth: Self.plotWidth)
        let noteTop = plotBottom + FigureLayout.xAxisHeight(titleLines: xTitle.count) + 6
        let multiplierText = SVGElement.number(multiplier)
        let note = FigureLayout.note("Solid line: pooled estimate. Dashed lines: pooled estimate ± \(multiplierText) × standard error.",
                                     left: FigureLayout.margin, top: noteTop, maxWidth: width - 2 * FigureLayout.margin)
        let height = (note.bottom + FigureLayout.margin - 4).rounded(.up)

        let x = LinearScale(covering: min(estimates.min()!, funnelLower), max(estimates.max()!, funnelUpper),
                            rangeStart: plotLeft, rangeEnd: plotRight)
        let y = LinearScale(domainLower: 0, domainUpper: bottomError, rangeStart: plotTop, rangeEnd: plotBottom)

        var elements = title.elements
        let apex = (x: x.position(of: pooledEstimate), y: y.position(of: 0))
        let bottomLeft = (x: x.position(of: funnelLower), y: plotBottom)
        let bottomRight = (x: x.position(of: funnelUpper), y: plotBottom)
        elements.append(.group([
            .rect(x: plotLeft, y: plotTop, width: Self.plotWidth, height: Self.plotHeight, fill: "#e0e0e0", className: "outside-funnel"),
            .polygon([apex, bottomRight, bottomLeft], fill: "#ffffff", className: "funnel"),
            .line(x1: apex.x, y1: apex.y, x2: bottomLeft.x, y2: bottomLeft.y, stroke: FigurePalette.mutedInk, dash: "4 3",
                  className: "funnel-edge"),
            .line(x1: apex.x, y1: apex.y, x2: bottomRight.x, y2: bottomRight.y, stroke: FigurePalette.mutedInk, dash: "4 3",
                  className: "funnel-edge"),
            .line(x1: apex.x, y1: plotTop, x2: apex.x, y2: plotBottom, stroke: FigurePalette.ink, className: "pooled-line"),
        ], className: "funnel-background"))
        elements += FigureLayout.yAxis(scale: y, plotLeft: plotLeft, plotRight: plotRight, plotTop: plotTop, plotBottom: plotBottom,
                                       titleLines: yTitle, titleLeft: FigureLayout.margin, grid: false)
        elements.append(.group(FigureLayout.xAxis(scale: x, y: plotBottom, plotLeft: plotLeft, plotRight: plotRight,
                                                  titleLines: xTitle), className: "x-axis-group"))
        elements.append(.rect(x: plotLeft, y: plotTop, width: Self.plotWidth, height: Self.plotHeight, fill: "none",
                              stroke: FigurePalette.ink, strokeWidth: 0.8, className: "frame"))
        elements.append(.group(studies.map { study in
            .circle(cx: x.position(of: study.estimate), cy: y.position(of: study.standardError), r: 4, fill: FigurePalette.ink,
                    stroke: "#ffffff", strokeWidth: 0.8, className: "study-point",
                    tooltip: "\(study.label): \(FigureText.number(study.estimate, decimals: places)) "
                        + "(SE \(FigureText.number(study.standardError, decimals: places)))")
        }, className: "studies"))
        elements += note.elements
        return SVGDocument(width: width, height: height, title: self.title, description: description ?? summary(places: places),
                           elements: elements)
    }

    /// Studies whose estimate lies outside `pooled ± multiplier × SE`.
    var outsideFunnelCount: Int {
        studies.filter { abs($0.estimate - pooledEstimate) > multiplier * $0.standardError }.count
    }

    private func summary(places: Int) -> String {
        let outside = outsideFunnelCount
        return "Funnel plot of \(studies.count) \(studies.count == 1 ? "study" : "studies"): \(axisLabel) (x) against "
            + "standard error (y, 0 at the top). Pooled estimate \(FigureText.number(pooledEstimate, decimals: places)); "
            + "the funnel is the pooled estimate ± \(SVGElement.number(multiplier)) × standard error. "
            + "\(outside) of \(studies.count) \(studies.count == 1 ? "study lies" : "studies lie") outside the funnel."
    }

    private func validate() throws {
        let check = FigureValidator(figure: "funnel plot")
        try check.notEmpty(studies, "at least one study")
        for study in studies {
            try check.finite(study.estimate, "the estimate of '\(study.label)'")
            try check.finite(study.standardError, "the standard error of '\(study.label)'")
            guard study.standardError > 0 else {
                throw FigureError.invalidValue(figure: check.figure, field: "the standard error of '\(study.label)'",
                                               value: study.standardError, requirement: "greater than 0")
            }
        }
        try check.finite(pooledEstimate, "the pooled estimate")
        try check.finite(multiplier, "the multiplier")
        guard multiplier > 0 else {
            throw FigureError.invalidValue(figure: check.figure, field: "the multiplier", value: multiplier,
                                           requirement: "greater than 0")
        }
    }
}
