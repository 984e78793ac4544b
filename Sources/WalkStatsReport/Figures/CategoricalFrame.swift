import Foundation

/// The frame shared by figures with evenly spaced categories along x (timepoints or arms) and a numeric
/// y axis: title, legend, grid, axes and a note, laid out so nothing overlaps or is cut off.
///
/// From top to bottom: the wrapped title, the legend (wrapping into rows), the plot with a y axis on the
/// left (tick labels, rotated title), the category labels (turned 35° when one is wider than its band),
/// the x-axis title and a grey note.
///
/// With ``Panel``s (facets) the plot is repeated side by side, one panel per entry, each with its
/// heading, its own category axis and grid, and the one y scale of the leftmost panel's axis.
struct CategoricalFrame {
    /// One facet: its heading (drawn above it, in `color`).
    struct Panel {
        let heading: String
        let color: String
    }

    /// The widest band the canvas widens to for a long category label (wider labels wrap or turn).
    static let widestBand = 240.0

    /// The gap (px) between panels.
    static let panelGap = 24.0

    let width: Double
    let height: Double
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    /// The centre of each category (in the first panel).
    let positions: [Double]
    /// The centre of each category in each panel (one panel when no panels were asked for).
    let panelPositions: [[Double]]
    /// The width of one category's band.
    let band: Double
    /// Values to pixels along y; its domain is widened to R's `pretty()` ticks.
    let y: LinearScale
    /// Title, legend, grid and axes: draw before the data.
    let background: [SVGElement]
    /// The note: drawn anywhere (it lies outside the plot).
    let foreground: [SVGElement]

    init(title: String, legend: [FigureLayout.LegendItem], categories: [[String]], valueRange: (lower: Double, upper: Double),
         yTitle: String, xTitle: String?, note: String?, plotWidth: Double, plotHeight: Double, rightMargin: Double = 0,
         panels: [Panel] = []) {
        let panelCount = max(1, panels.count)
        let margin = FigureLayout.margin
        let yTicks = LinearScale(covering: valueRange.lower, valueRange.upper, rangeStart: 0, rangeEnd: 1)
        let yTitleLines = FigureLayout.yTitleLines(yTitle, plotHeight: plotHeight)
        // The canvas widens so each category's longest word fits its band (up to `widestBand`), so a
        // label like "backward_plus_conventional" stays level instead of being turned.
        let widestWord = categories.flatMap { $0 }.flatMap { $0.split(separator: " ") }
            .map { FigureText.width(String($0), size: FigureLayout.labelSize) }.max() ?? 0
        let plotWidth = max(plotWidth, Double(categories.count) * min(widestWord + 10, Self.widestBand))
        band = plotWidth / Double(max(1, categories.count))
        let labels = FigureLayout.CategoryLabels(categories, bandWidth: band)
        plotLeft = max(margin + FigureLayout.yAxisWidth(tickLabels: yTicks.tickLabels, titleLines: yTitleLines.count),
                       margin + labels.leftOverhang - band / 2 + 4)
        plotRight = plotLeft + Double(panelCount) * plotWidth + Double(panelCount - 1) * Self.panelGap
        let firstLeft = plotLeft
        let panelLefts = (0..<panelCount).map { firstLeft + Double($0) * (plotWidth + Self.panelGap) }
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
        // Panel headings wrap to their panel's width, so none is cut; the plots start below the longest.
        let headingLines = panels.map { FigureText.wrapped($0.heading, size: FigureLayout.labelSize, bold: true, maxWidth: plotWidth) }
        let headingRows = headingLines.map(\.count).max() ?? 0
        plotTop = top + 12 + (panels.isEmpty ? 0 : Double(headingRows) * FigureLayout.labelLineHeight + 4)
        plotBottom = plotTop + plotHeight
        y = LinearScale(domainLower: yTicks.domainLower, domainUpper: yTicks.domainUpper, rangeStart: plotBottom, rangeEnd: plotTop)
        panelPositions = panelLefts.map { FigureLayout.bandCentres(count: categories.count, plotLeft: $0, plotWidth: plotWidth) }
        positions = panelPositions[0]

        background += FigureLayout.yAxis(scale: y, plotLeft: plotLeft, plotRight: plotLeft + plotWidth, plotTop: plotTop,
                                         plotBottom: plotBottom, titleLines: yTitleLines, titleLeft: margin)
        for (index, panelLeft) in panelLefts.enumerated() {
            let panelRight = panelLeft + plotWidth
            var parts: [SVGElement] = []
            if index > 0 {
                let scale = y
                parts += scale.ticks.map { value in
                    SVGElement.line(x1: panelLeft, y1: scale.position(of: value), x2: panelRight, y2: scale.position(of: value),
                                    stroke: FigurePalette.grid, className: "grid")
                }
                parts.append(.line(x1: panelLeft, y1: plotTop, x2: panelLeft, y2: plotBottom, stroke: FigurePalette.ink,
                                   className: "y-axis"))
            }
            if index < panels.count {
                let lines = headingLines[index]
                for (row, line) in lines.enumerated() {
                    let baseline = plotTop - 8 - Double(lines.count - 1 - row) * FigureLayout.labelLineHeight
                    parts.append(.text(line, x: (panelLeft + panelRight) / 2, y: baseline, anchor: .middle, size: FigureLayout.labelSize,
                                       bold: true, fill: panels[index].color, className: "panel-heading"))
                }
            }
            parts += FigureLayout.categoricalXAxis(labels, positions: panelPositions[index], y: plotBottom, plotLeft: panelLeft,
                                                  plotRight: panelRight)
            background.append(.group(parts, className: panels.isEmpty ? "x-axis-group" : "panel"))
        }
        var bottom = plotBottom + labels.height
        if let xTitle {
            // Centred under the plot, so a line may reach as far either side as the nearer figure edge allows.
            let middle = (plotLeft + plotRight) / 2
            let lines = FigureText.wrapped(xTitle, size: FigureLayout.labelSize,
                                           maxWidth: 2 * min(middle - margin, width - margin - middle))
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
