import Foundation

/// One attribute of an SVG element, kept in the order it was given so the output is byte-stable.
public struct SVGAttribute: Sendable, Equatable {
    /// The attribute name, such as `stroke-width`.
    public let name: String
    /// The value as written (before XML escaping).
    public let value: String

    /// An attribute with a text value; the value is escaped when the element is rendered.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// An attribute with a numeric value written by ``SVGElement/number(_:)`` (at most 2 decimals).
    public init(_ name: String, _ value: Double) {
        self.init(name, SVGElement.number(value))
    }
}

/// An element of an SVG drawing: a name, ordered attributes, child elements and text.
///
/// Rendering is deterministic: attributes keep their order, coordinates are written with
/// ``number(_:)`` (rounded to 2 decimals, trailing zeros dropped, never "-0"), and text and attribute
/// values are XML-escaped by ``escaped(_:)``. The static constructors (``line(x1:y1:x2:y2:stroke:width:dash:className:)``
/// and the others) cover what WalkStats' figures draw; any other element can be built with ``init(_:_:children:text:)``.
public struct SVGElement: Sendable, Equatable {
    /// The element name, such as `line` or `g`.
    public var name: String
    /// The attributes, in output order.
    public var attributes: [SVGAttribute]
    /// Child elements, written after ``text``.
    public var children: [SVGElement]
    /// Character content (escaped on output), such as the words of a `text` element.
    public var text: String?

    /// An element named `name` with `attributes`, `children` and character content `text`.
    public init(_ name: String, _ attributes: [SVGAttribute] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    // MARK: Rendering

    /// The element as XML lines, indented by two spaces per `depth`. An element with only text stays
    /// on one line so no whitespace enters the text.
    public func render(depth: Int = 0) -> String {
        let indent = String(repeating: "  ", count: depth)
        var open = "<" + name
        for attribute in attributes {
            open += " \(attribute.name)=\"\(Self.escaped(attribute.value))\""
        }
        if children.isEmpty {
            guard let text else { return indent + open + "/>\n" }
            return indent + open + ">" + Self.escaped(text) + "</\(name)>\n"
        }
        var output = indent + open + ">"
        if let text { output += Self.escaped(text) }
        output += "\n"
        for child in children { output += child.render(depth: depth + 1) }
        return output + indent + "</\(name)>\n"
    }

    /// `text` safe inside XML character data and double- or single-quoted attribute values: `&`, `<`,
    /// `>`, `"` and `'` become entities, and characters XML 1.0 forbids (control characters other than
    /// tab, line feed and carriage return) become U+FFFD.
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                output.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return output
    }

    /// A coordinate or length for SVG: rounded to 2 decimals, trailing zeros and a trailing point
    /// dropped (`12.50` → `12.5`, `3.00` → `3`), never `-0`. Non-finite values, which the figures
    /// reject before drawing, are written as `0` so the document stays valid.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var text = String(format: "%.2f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    // MARK: Shapes

    /// A straight line from (`x1`, `y1`) to (`x2`, `y2`); `dash` is an SVG `stroke-dasharray` such as `"4 3"`.
    public static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000",
                            width: Double = 1, dash: String? = nil, className: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("x1", x1), .init("y1", y1), .init("x2", x2), .init("y2", y2),
                       .init("stroke", stroke), .init("stroke-width", width)]
        if let dash { attributes.append(.init("stroke-dasharray", dash)) }
        return SVGElement("line", attributes)
    }

    /// A rectangle with its top-left corner at (`x`, `y`); `tooltip` becomes a child `<title>`.
    public static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                            stroke: String? = nil, strokeWidth: Double = 1, fillOpacity: Double? = nil,
                            className: String? = nil, tooltip: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("x", x), .init("y", y), .init("width", max(0, width)), .init("height", max(0, height)),
                       .init("fill", fill)]
        if let fillOpacity { attributes.append(.init("fill-opacity", fillOpacity)) }
        if let stroke { attributes += [.init("stroke", stroke), .init("stroke-width", strokeWidth)] }
        return SVGElement("rect", attributes, children: tooltipChildren(tooltip))
    }

    /// A circle centred at (`cx`, `cy`); `tooltip` becomes a child `<title>`, which browsers show on hover.
    public static func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                              strokeWidth: Double = 1, fillOpacity: Double? = nil, className: String? = nil,
                              tooltip: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("cx", cx), .init("cy", cy), .init("r", r), .init("fill", fill)]
        if let fillOpacity { attributes.append(.init("fill-opacity", fillOpacity)) }
        if let stroke { attributes += [.init("stroke", stroke), .init("stroke-width", strokeWidth)] }
        return SVGElement("circle", attributes, children: tooltipChildren(tooltip))
    }

    /// An open line through `points`, without fill.
    public static func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1,
                                opacity: Double? = nil, className: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("points", pointList(points)), .init("fill", "none"), .init("stroke", stroke),
                       .init("stroke-width", width), .init("stroke-linejoin", "round"), .init("stroke-linecap", "round")]
        if let opacity { attributes.append(.init("stroke-opacity", opacity)) }
        return SVGElement("polyline", attributes)
    }

    /// A closed shape through `points`; `tooltip` becomes a child `<title>`.
    public static func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String? = nil,
                               strokeWidth: Double = 1, className: String? = nil, tooltip: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("points", pointList(points)), .init("fill", fill)]
        if let stroke { attributes += [.init("stroke", stroke), .init("stroke-width", strokeWidth)] }
        return SVGElement("polygon", attributes, children: tooltipChildren(tooltip))
    }

    /// Horizontal text alignment about the anchor point (SVG `text-anchor`).
    public enum TextAnchor: String, Sendable {
        /// The text starts at the anchor point.
        case start
        /// The text is centred on the anchor point.
        case middle
        /// The text ends at the anchor point.
        case end
    }

    /// Text whose baseline starts at (`x`, `y`); `rotation` (degrees, about the anchor point) turns it,
    /// such as -90 for a y-axis title.
    public static func text(_ content: String, x: Double, y: Double, anchor: TextAnchor = .start,
                            size: Double = 12, bold: Bool = false, italic: Bool = false, fill: String = "#1a1a1a",
                            rotation: Double? = nil, className: String? = nil) -> SVGElement {
        var attributes = classAttribute(className)
        attributes += [.init("x", x), .init("y", y)]
        if anchor != .start { attributes.append(.init("text-anchor", anchor.rawValue)) }
        attributes.append(.init("font-size", size))
        if bold { attributes.append(.init("font-weight", "bold")) }
        if italic { attributes.append(.init("font-style", "italic")) }
        attributes.append(.init("fill", fill))
        if let rotation {
            attributes.append(.init("transform", "rotate(\(number(rotation)) \(number(x)) \(number(y)))"))
        }
        return SVGElement("text", attributes, text: content)
    }

    /// A group of elements, optionally with a class naming what it holds.
    public static func group(_ children: [SVGElement], className: String? = nil,
                             attributes: [SVGAttribute] = []) -> SVGElement {
        SVGElement("g", classAttribute(className) + attributes, children: children)
    }

    static func classAttribute(_ className: String?) -> [SVGAttribute] {
        className.map { [SVGAttribute("class", $0)] } ?? []
    }

    static func tooltipChildren(_ tooltip: String?) -> [SVGElement] {
        tooltip.map { [SVGElement("title", text: $0)] } ?? []
    }

    static func pointList(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }
}
