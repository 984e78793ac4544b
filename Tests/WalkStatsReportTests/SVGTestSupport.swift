import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A parsed XML element, for checking what a figure drew.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all its descendants, in document order.
    var descendantsAndSelf: [XMLNode] {
        [self] + children.flatMap(\.descendantsAndSelf)
    }

    /// Every element (this one included) whose class is `className`.
    func elements(class className: String) -> [XMLNode] {
        descendantsAndSelf.filter { $0.attributes["class"] == className }
    }

    /// Every element (this one included) named `name`.
    func elements(named name: String) -> [XMLNode] {
        descendantsAndSelf.filter { $0.name == name }
    }

    /// A numeric attribute; fails the test when it is missing or not a number.
    func number(_ attribute: String, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        guard let text = attributes[attribute], let value = Double(text) else {
            Issue.record("<\(name)> has no numeric \(attribute): \(attributes)", sourceLocation: sourceLocation)
            return .nan
        }
        return value
    }

    /// The points of a `polygon` or `polyline`.
    var points: [(x: Double, y: Double)] {
        (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
            let parts = pair.split(separator: ",").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }
}

/// Why an SVG text is not well-formed XML.
struct XMLParseFailure: Error, CustomStringConvertible {
    let description: String
}

/// Parses `text` with Foundation's `XMLParser` (FoundationXML on Linux), which rejects anything that is
/// not well-formed XML (unescaped `&` or `<`, mismatched tags, bad characters).
func parseXML(_ text: String) throws -> XMLNode {
    final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?
        var problems: [String] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            // FoundationXML on Linux recovers from a mismatched end tag without failing parse(), so check here.
            if stack.last?.name != elementName {
                problems.append("</\(elementName)> closes <\(stack.last?.name ?? "nothing")> at line \(parser.lineNumber)")
            }
            if !stack.isEmpty { stack.removeLast() }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            problems.append("\(parseError) at line \(parser.lineNumber), column \(parser.columnNumber)")
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let builder = Builder()
    parser.delegate = builder
    let parsed = parser.parse()
    if !builder.stack.isEmpty { builder.problems.append("<\(builder.stack.last!.name)> is never closed") }
    guard parsed, builder.problems.isEmpty, let root = builder.root else {
        throw XMLParseFailure(description: "not well-formed XML: "
            + (builder.problems + [parser.parserError.map { "\($0)" }].compactMap { $0 }).joined(separator: "; "))
    }
    return root
}

/// The linear map from values to pixels that an axis's drawn ticks imply, found from the first and last
/// tick and their labels (a true minus sign is read as "-").
struct DrawnAxis {
    let values: [Double]
    let positions: [Double]

    /// The ticks and labels of the x axis (`x-tick` lines, `x-tick-label` texts) or the y axis.
    init(_ root: XMLNode, axis: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let labels = root.elements(class: "\(axis)-tick-label")
        values = labels.map { Double($0.text.replacingOccurrences(of: "\u{2212}", with: "-")) ?? .nan }
        positions = root.elements(class: "\(axis)-tick").map { $0.number(axis == "x" ? "x1" : "y1", sourceLocation: sourceLocation) }
        #expect(values.count == positions.count && values.count >= 2, "axis \(axis) has too few ticks", sourceLocation: sourceLocation)
    }

    /// The pixel position of `value` on this axis.
    func position(of value: Double) -> Double {
        let first = 0, last = values.count - 1
        return positions[first] + (value - values[first]) / (values[last] - values[first]) * (positions[last] - positions[first])
    }

    /// The tick labels as numbers.
    var tickValues: [Double] { values }
}

/// Coordinates are written with 2 decimals, so a drawn position can be off by up to 0.005 px; the axis
/// positions it is compared with carry the same rounding.
let pixelTolerance = 0.015
