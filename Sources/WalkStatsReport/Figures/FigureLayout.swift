import Foundation

/// Sizes and drawing helpers shared by the figures: the title block, axes, legends and marker shapes.
///
/// All figures use the same type sizes (title 16 px bold, labels 12 px, tick labels 11 px) and an outer
/// margin of 16 px, and class their elements (`x-tick`, `y-tick-label`, `legend-item`, …) so tests and
/// style sheets can find them.
enum FigureLayout {
    static let margin = 16.0
    static let titleSize = 16.0
    static let titleLineHeight = 20.0
    static let labelSize = 12.0
    static let labelLineHeight = 15.0
    static let tickSize = 11.0
    static let tickLength = 5.0
    static let noteSize = 11.0

    // MARK: Title

    /// The title, wrapped to `maxWidth`, with its first baseline `titleSize` below `top`; returns the
    /// elements and the y just below the block.
    static func title(_ text: String, x: Double, top: Double, maxWidth: Double) -> (elements: [SVGElement], bottom: Double) {
        let lines = FigureText.wrapped(text, size: titleSize, bold: true, maxWidth: maxWidth)
        let elements = lines.enumerated().map { index, line in
            SVGElement.text(line, x: x, y: top + titleSize + Double(index) * titleLineHeight, size: titleSize,
                            bold: true, fill: FigurePalette.ink, className: "figure-title")
        }
        return (elements, top + titleSize + Double(lines.count - 1) * titleLineHeight + 4)
    }

    // MARK: Numeric axes

    /// The lines of a y-axis title no longer than `plotHeight`.
    static func yTitleLines(_ title: String, plotHeight: Double) -> [String] {
        FigureText.wrapped(title, size: labelSize, maxWidth: plotHeight)
    }

    /// How much room the y axis needs left of the plot: the rotated title, a gap, the widest tick label
    /// and the tick.
    static func yAxisWidth(tickLabels: [String], titleLines: Int) -> Double {
        let widest = tickLabels.map { FigureText.width($0, size: tickSize) }.max() ?? 0
        return Double(titleLines) * labelLineHeight + 8 + widest + tickLength + 4
    }

    /// A y axis on the left of the plot: light grid lines across the plot at each tick, the axis line,
    /// ticks, tick labels and the title rotated to read bottom to top, centred on the plot.
    static func yAxis(scale: LinearScale, plotLeft: Double, plotRight: Double, plotTop: Double, plotBottom: Double,
                      titleLines: [String], titleLeft: Double, grid: Bool = true) -> [SVGElement] {
        var gridLines: [SVGElement] = []
        var ticks: [SVGElement] = []
        for (value, label) in zip(scale.ticks, scale.tickLabels) {
            let y = scale.position(of: value)
            if grid {
                gridLines.append(.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: FigurePalette.grid, className: "grid"))
            }
            ticks.append(.line(x1: plotLeft - tickLength, y1: y, x2: plotLeft, y2: y, stroke: FigurePalette.ink, className: "y-tick"))
            ticks.append(.text(label, x: plotLeft - tickLength - 3, y: y + 0.35 * tickSize, anchor: .end, size: tickSize,
                               fill: FigurePalette.mutedInk, className: "y-tick-label"))
        }
        let middle = (plotTop + plotBottom) / 2
        let titles = titleLines.enumerated().map { index, line in
            SVGElement.text(line, x: titleLeft + labelSize + Double(index) * labelLineHeight, y: middle, anchor: .middle,
                            size: labelSize, fill: FigurePalette.ink, rotation: -90, className: "y-axis-title")
        }
        return [.group(gridLines, className: "grid-lines"),
                .line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: FigurePalette.ink, className: "y-axis"),
                .group(ticks + titles, className: "y-axis-labels")]
    }

    /// The height of a numeric x axis below the plot: ticks, tick labels and `titleLines` title lines.
    static func xAxisHeight(titleLines: Int) -> Double {
        tickLength + tickSize + 10 + Double(titleLines) * labelLineHeight
    }

    /// A numeric x axis along `y`: the axis line from `plotLeft` to `plotRight`, ticks, tick labels and
    /// the title centred below. `tickLabels` (one per tick) replaces the scale's own labels.
    static func xAxis(scale: LinearScale, y: Double, plotLeft: Double, plotRight: Double, titleLines: [String],
                      tickLabels: [String]? = nil) -> [SVGElement] {
        var elements: [SVGElement] = [.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: FigurePalette.ink, className: "x-axis")]
        for (value, label) in zip(scale.ticks, tickLabels ?? scale.tickLabels) {
            let x = scale.position(of: value)
            elements.append(.line(x1: x, y1: y, x2: x, y2: y + tickLength, stroke: FigurePalette.ink, className: "x-tick"))
            elements.append(.text(label, x: x, y: y + tickLength + tickSize + 2, anchor: .middle, size: tickSize,
                                  fill: FigurePalette.mutedInk, className: "x-tick-label"))
        }
        let titleTop = y + tickLength + tickSize + 10
        for (index, line) in titleLines.enumerated() {
            elements.append(.text(line, x: (plotLeft + plotRight) / 2, y: titleTop + labelSize + Double(index) * labelLineHeight,
                                  anchor: .middle, size: labelSize, fill: FigurePalette.ink, className: "x-axis-title"))
        }
        return elements
    }

    // MARK: Categorical x axis

    /// How categories are labelled under a categorical axis.
    struct CategoryLabels {
        /// One or more lines per category (such as the arm name, then "n = 12").
        let lines: [[String]]
        /// Whether the labels are turned 35° because one is too wide for its band.
        let rotated: Bool
        /// The height the labels take below the axis line.
        let height: Double
        /// How many of each category's lines are its name (drawn in ink; the rest, such as "n = 12", muted).
        let nameLineCounts: [Int]

        static let angle = 35.0
        /// The most lines a category's label may wrap onto before the labels are turned instead.
        static let maxWrappedLines = 4

        /// Labels that fit their band as given stay level; otherwise each line is wrapped at spaces to
        /// the band (when every word fits and no category needs more than ``maxWrappedLines`` lines);
        /// only then are the labels turned.
        init(_ lines: [[String]], bandWidth: Double) {
            let size = FigureLayout.labelSize
            let room = bandWidth - 6
            let widest = lines.flatMap { $0 }.map { FigureText.width($0, size: size) }.max() ?? 0
            let widestWord = lines.flatMap { $0 }.flatMap { $0.split(separator: " ") }
                .map { FigureText.width(String($0), size: size) }.max() ?? 0
            let wrapped = lines.map { category in category.flatMap { FigureText.wrapped($0, size: size, maxWidth: room) } }
            let fitsWrapped = widestWord <= room && wrapped.allSatisfy { $0.count <= Self.maxWrappedLines }
            let turned = widest > room && !fitsWrapped
            rotated = turned
            self.lines = turned ? lines.map { [$0.joined(separator: ", ")] } : (widest > room ? wrapped : lines)
            nameLineCounts = lines.map { category in
                guard !turned, widest > room, let name = category.first else { return 1 }
                return FigureText.wrapped(name, size: size, maxWidth: room).count
            }
            if turned {
                let longest = self.lines.map { FigureText.width($0[0], size: FigureLayout.labelSize) }.max() ?? 0
                height = tickLength + 8 + longest * sin(Self.angle * .pi / 180) + FigureLayout.labelSize
            } else {
                let lineCount = self.lines.map(\.count).max() ?? 1
                height = tickLength + 6 + Double(lineCount) * FigureLayout.labelLineHeight
            }
        }

        /// How far rotated labels reach left of the first category's centre.
        var leftOverhang: Double {
            guard rotated, let first = lines.first?.first else { return 0 }
            return FigureText.width(first, size: FigureLayout.labelSize) * cos(Self.angle * .pi / 180)
        }
    }

    /// A categorical x axis along `y`: the axis line, a tick under each category and its label lines.
    static func categoricalXAxis(_ labels: CategoryLabels, positions: [Double], y: Double, plotLeft: Double,
                                 plotRight: Double) -> [SVGElement] {
        var elements: [SVGElement] = [.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: FigurePalette.ink, className: "x-axis")]
        for (category, (x, lines)) in zip(positions, labels.lines).enumerated() {
            elements.append(.line(x1: x, y1: y, x2: x, y2: y + tickLength, stroke: FigurePalette.ink, className: "x-tick"))
            if labels.rotated {
                let baseline = y + tickLength + labelSize
                elements.append(.text(lines[0], x: x + 4, y: baseline, anchor: .end, size: labelSize, fill: FigurePalette.ink,
                                      rotation: -CategoryLabels.angle, className: "x-tick-label"))
            } else {
                for (index, line) in lines.enumerated() {
                    elements.append(.text(line, x: x, y: y + tickLength + labelSize + 2 + Double(index) * labelLineHeight,
                                          anchor: .middle, size: labelSize, fill: index < labels.nameLineCounts[category] ? FigurePalette.ink : FigurePalette.mutedInk,
                                          className: "x-tick-label"))
                }
            }
        }
        return elements
    }

    /// The centres of `count` evenly spaced categories across `plotLeft`…`plotRight`, half a band in
    /// from each side.
    static func bandCentres(count: Int, plotLeft: Double, plotWidth: Double) -> [Double] {
        let band = plotWidth / Double(max(1, count))
        return (0..<count).map { plotLeft + (Double($0) + 0.5) * band }
    }

    // MARK: Legend

    /// What a legend entry shows next to its name.
    enum LegendSymbol {
        /// A short line, with a marker in the middle when given.
        case line(width: Double, marker: MarkerShape?)
        /// A filled square.
        case swatch
    }

    /// One legend entry.
    struct LegendItem {
        let name: String
        let color: String
        let symbol: LegendSymbol
    }

    static let legendSymbolWidth = 24.0
    static let legendRowHeight = 18.0

    /// Legend entries side by side from (`left`, `top`), wrapping to a new row past `maxWidth`; returns
    /// the elements and the y just below the legend.
    static func legend(_ items: [LegendItem], left: Double, top: Double, maxWidth: Double) -> (elements: [SVGElement], bottom: Double) {
        var elements: [SVGElement] = []
        var x = left, row = 0
        for item in items {
            // A name wider than the whole legend row is shortened with an ellipsis (the last resort).
            let name = FigureText.truncated(item.name, size: labelSize, maxWidth: maxWidth - legendSymbolWidth - 6)
            let itemWidth = legendSymbolWidth + 6 + FigureText.width(name, size: labelSize)
            if x > left && x + itemWidth > left + maxWidth {
                row += 1
                x = left
            }
            let middle = top + (Double(row) + 0.5) * legendRowHeight
            var parts: [SVGElement] = []
            switch item.symbol {
            case let .line(width, marker):
                parts.append(.line(x1: x, y1: middle, x2: x + legendSymbolWidth, y2: middle, stroke: item.color, width: width))
                if let marker {
                    parts.append(marker.element(cx: x + legendSymbolWidth / 2, cy: middle, size: 8, fill: item.color))
                }
            case .swatch:
                parts.append(.rect(x: x + legendSymbolWidth / 2 - 6, y: middle - 6, width: 12, height: 12, fill: item.color,
                                   stroke: item.color, fillOpacity: 0.35))
            }
            parts.append(.text(name, x: x + legendSymbolWidth + 6, y: middle + 0.35 * labelSize, size: labelSize,
                               fill: FigurePalette.ink))
            elements.append(.group(parts, className: "legend-item"))
            x += itemWidth + 18
        }
        let rows = items.isEmpty ? 0 : row + 1
        return ([.group(elements, className: "legend")], top + Double(rows) * legendRowHeight)
    }

    // MARK: Notes

    /// A small grey note (such as what the error bars show), wrapped to `maxWidth`, first baseline
    /// `noteSize` below `top`; returns the elements and the y below them.
    static func note(_ text: String, left: Double, top: Double, maxWidth: Double) -> (elements: [SVGElement], bottom: Double) {
        let lines = FigureText.wrapped(text, size: noteSize, maxWidth: maxWidth)
        let elements = lines.enumerated().map { index, line in
            SVGElement.text(line, x: left, y: top + noteSize + Double(index) * 14, size: noteSize, fill: FigurePalette.mutedInk,
                            className: "note")
        }
        return (elements, top + noteSize + Double(lines.count - 1) * 14 + 4)
    }
}

/// Marker shapes that tell arms apart without colour: circle, square, triangle and diamond, in that
/// order.
enum MarkerShape: CaseIterable {
    case circle, square, triangle, diamond

    /// The shape for the arm at `index`.
    static func forArm(_ index: Int) -> MarkerShape {
        allCases[index % allCases.count]
    }

    /// The marker centred at (`cx`, `cy`) about `size` px across.
    func element(cx: Double, cy: Double, size: Double, fill: String, className: String? = nil) -> SVGElement {
        let r = size / 2
        switch self {
        case .circle:
            return .circle(cx: cx, cy: cy, r: r, fill: fill, stroke: "#ffffff", strokeWidth: 0.8, className: className)
        case .square:
            let side = size * 0.9
            return .rect(x: cx - side / 2, y: cy - side / 2, width: side, height: side, fill: fill, stroke: "#ffffff",
                         strokeWidth: 0.8, className: className)
        case .triangle:
            let h = size * 1.05
            return .polygon([(cx, cy - h * 0.6), (cx + h * 0.58, cy + h * 0.4), (cx - h * 0.58, cy + h * 0.4)], fill: fill,
                            stroke: "#ffffff", strokeWidth: 0.8, className: className)
        case .diamond:
            let d = r * 1.25
            return .polygon([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], fill: fill, stroke: "#ffffff",
                            strokeWidth: 0.8, className: className)
        }
    }
}
