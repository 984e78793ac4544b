import Foundation

/// The frame shared by figures with evenly spaced categories along x (timepoints or arms) and a numeric
/// y axis: title, legend, grid, axes and a note, laid out so nothing overlaps or is cut off.
///
/// From top to bottom: the wrapped title, the legend (wrapping into rows), the plot with a y axis on the
/// left (tick labels, rotated title), the category labels (turned 35° when one is wider than its band),
/// the x-axis title and a grey note.
struct CategoricalFrame {
    let width: Double
    let height: Double
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    /// The centre of each category.
    let positions: [Double]
    /// The width of one category's band.
    let band: Double
    /// Values to pixels along y; its domain is widened to R's `pretty()` ticks.
    let y: LinearScale
    /// Title, legend, grid and axes: draw before the data.
    let background: [SVGElement]
    /// The note: drawn anywhere (it lies outside the plot).
    let foreground: [SVGElement]

    init(title: String, legend: [FigureLayout.LegendItem], categories: [[String]], valueRange: (lower: Double, upper: Double),
         yTitle: String, xTitle: String?, note: String?, plotWidth: Double, plotHeight: Double, rightMargin: Double = 0) {
        let margin = FigureLayout.margin
        let yTicks = LinearScale(covering: valueRange.lower, valueRange.upper, rangeStart: 0, rangeEnd: 1)
        let yTitleLines = FigureLayout.yTitleLines(yTitle, plotHeight: plotHeight)
        band = plotWidth / Double(max(1, categories.count))
        let labels = FigureLayout.CategoryLabels(categories, bandWidth: band)
        plotLeft = max(margin + FigureLayout.yAxisWidth(tickLabels: yTicks.tickLabels, titleLines: yTitleLines.count),
                       margin + labels.leftOverhang - band / 2 + 4)
        plotRight = plotLeft + plotWidth
        width = (plotRight + margin + max(8, rightMargin)).rounded(.up)
        let contentWidth = width - 2 * margin

        var background: [SVGElement] = []
        let titleBlock = FigureLayout.title(title, x: margin, top: margin, maxWidth: contentWidth)
        background += titleBlock.elements
        var top = titleBlock.bottom + 6
        if !legend.isEmpty {
            let legendBlock = FigureLayout.legend(legend, left: margin, top: top, maxWidth: contentWidth)
            background += legendBlock.elements
            top = legendBlock.bottom
        }
        plotTop = top + 12
        plotBottom = plotTop + plotHeight
        y = LinearScale(domainLower: yTicks.domainLower, domainUpper: yTicks.domainUpper, rangeStart: plotBottom, rangeEnd: plotTop)
        positions = FigureLayout.bandCentres(count: categories.count, plotLeft: plotLeft, plotWidth: plotWidth)

        background += FigureLayout.yAxis(scale: y, plotLeft: plotLeft, plotRight: plotRight, plotTop: plotTop, plotBottom: plotBottom,
                                         titleLines: yTitleLines, titleLeft: margin)
        background.append(.group(FigureLayout.categoricalXAxis(labels, positions: positions, y: plotBottom, plotLeft: plotLeft,
                                                               plotRight: plotRight), className: "x-axis-group"))
        var bottom = plotBottom + labels.height
        if let xTitle {
            let lines = FigureText.wrapped(xTitle, size: FigureLayout.labelSize, maxWidth: contentWidth)
            for (index, line) in lines.enumerated() {
                background.append(.text(line, x: (plotLeft + plotRight) / 2,
                                        y: bottom + 6 + FigureLayout.labelSize + Double(index) * FigureLayout.labelLineHeight,
                                        anchor: .middle, size: FigureLayout.labelSize, fill: FigurePalette.ink, className: "x-axis-title"))
            }
            bottom += 6 + Double(lines.count) * FigureLayout.labelLineHeight
        }
        var foreground: [SVGElement] = []
        if let note {
            let noteBlock = FigureLayout.note(note, left: margin, top: bottom + 8, maxWidth: contentWidth)
            foreground += noteBlock.elements
            bottom = noteBlock.bottom
        }
        height = (bottom + margin).rounded(.up)
        self.background = background
        self.foreground = foreground
    }
}
