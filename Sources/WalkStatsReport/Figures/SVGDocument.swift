/// A standalone SVG file: size, accessible title and description, a white background and the drawing.
///
/// The output is meant to be referenced from Markdown (`![Forest plot](forest.svg)`), which GitHub and
/// browsers show as an image: it has no scripts, no external fonts, images or style sheets, and no
/// dates or generated ids, so the same document always renders to the same bytes. Text uses
/// ``fontFamily``, the font its layout was measured with. The background is an opaque white rectangle so the figure stays
/// legible on a dark page.
public struct SVGDocument: Sendable, Equatable {
    /// The fonts text is drawn with: DejaVu Sans (Bitstream Vera Sans has the same widths), whose advance
    /// widths the figures measure their text with, then the platform's sans-serif, which is narrower
    /// (Helvetica, Arial), so text that fits in DejaVu Sans fits there too.
    public static let fontFamily = "'DejaVu Sans', 'Bitstream Vera Sans', sans-serif"

    /// Width in pixels (CSS px).
    public var width: Double
    /// Height in pixels (CSS px).
    public var height: Double
    /// A short name for the figure, written as `<title>` (read by screen readers and shown on hover).
    public var title: String
    /// A sentence or two saying what the figure shows, written as `<desc>`.
    public var description: String
    /// The drawing, in painting order (later elements on top).
    public var elements: [SVGElement]

    /// A document of `width` × `height` pixels.
    public init(width: Double, height: Double, title: String, description: String, elements: [SVGElement] = []) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.elements = elements
    }

    /// The SVG file's text: an XML declaration, then the `<svg>` root with `role="img"` and
    /// `aria-labelledby` pointing at its `<title>` and `<desc>`, then the background and the elements,
    /// one per line, ending in a newline.
    public func render() -> String {
        let root = SVGElement("svg", [
            .init("xmlns", "http://www.w3.org/2000/svg"),
            .init("width", width), .init("height", height),
            .init("viewBox", "0 0 \(SVGElement.number(width)) \(SVGElement.number(height))"),
            .init("role", "img"), .init("aria-labelledby", "title desc"),
            .init("font-family", Self.fontFamily),
        ], children: [
            SVGElement("title", [.init("id", "title")], text: title),
            SVGElement("desc", [.init("id", "desc")], text: description),
            .rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff", className: "background"),
        ] + elements)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render()
    }
}

/// A figure that can draw itself as an SVG document.
public protocol SVGFigure: Sendable {
    /// The figure as an SVG document.
    /// - Throws: ``FigureError`` when the data cannot be drawn (empty, not finite, inverted intervals, …).
    func document() throws -> SVGDocument
}

extension SVGFigure {
    /// The figure as the text of an SVG file (see ``SVGDocument/render()``).
    /// - Throws: ``FigureError`` when the data cannot be drawn.
    public func svg() throws -> String {
        try document().render()
    }
}
