import Foundation
import Testing
import WalkStats

struct SVGDocumentTests {
    @Test func escapingCoversMarkupQuotesAndForbiddenCharacters() {
        #expect(SVGElement.escaped(#"O'Brien & "Lee" <2019>"#) == "O&apos;Brien &amp; &quot;Lee&quot; &lt;2019&gt;")
        // A NUL or vertical tab cannot appear in XML 1.0 at all, not even as an entity.
        #expect(SVGElement.escaped("a\u{0}b\u{0B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
        #expect(SVGElement.escaped("Δ − ü") == "Δ − ü")
    }

    @Test func numbersHaveAtMostTwoDecimalsAndNoNegativeZero() {
        #expect(SVGElement.number(12.5) == "12.5")
        #expect(SVGElement.number(3) == "3")
        #expect(SVGElement.number(-3.456) == "-3.46")
        #expect(SVGElement.number(-0.001) == "0")
        #expect(SVGElement.number(0.1 + 0.2) == "0.3")
        #expect(SVGElement.number(1_234_567.891) == "1234567.89")
        #expect(SVGElement.number(.nan) == "0")
    }

    @Test func elementsKeepAttributeOrderAndEscapeTextAndAttributes() {
        let text = SVGElement.text("a < b & c", x: 1, y: 2.5, anchor: .end, className: "x\"y")
        #expect(text.render() == ##"<text class="x&quot;y" x="1" y="2.5" text-anchor="end" font-size="12" fill="#1a1a1a">a &lt; b &amp; c</text>"## + "\n")
        let group = SVGElement.group([.line(x1: 0, y1: 0, x2: 10, y2: 0)], className: "g")
        #expect(group.render() == "<g class=\"g\">\n  <line x1=\"0\" y1=\"0\" x2=\"10\" y2=\"0\" stroke=\"#000000\" stroke-width=\"1\"/>\n</g>\n")
    }

    @Test func documentIsWellFormedAccessibleAndSelfContained() throws {
        let document = SVGDocument(width: 200, height: 100, title: "Tom & Jerry <1>", description: "A \"quoted\" description",
                                   elements: [.text("O'Brien", x: 10, y: 20), .circle(cx: 5, cy: 5, r: 2, fill: "#000000", tooltip: "<tip>")])
        let text = document.render()
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(text.hasSuffix("</svg>\n"))
        let root = try parseXML(text)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "title desc")
        #expect(root.attributes["viewBox"] == "0 0 200 100")
        // The font whose advance widths FigureText measures with comes first.
        #expect(root.attributes["font-family"]?.hasPrefix("'DejaVu Sans',") == true)
        #expect(root.children.map(\.name).prefix(3) == ["title", "desc", "rect"])
        #expect(root.children[0].attributes["id"] == "title" && root.children[0].text == "Tom & Jerry <1>")
        #expect(root.children[1].attributes["id"] == "desc" && root.children[1].text == "A \"quoted\" description")
        #expect(root.elements(named: "text").first?.text == "O'Brien")
        #expect(root.elements(named: "circle").first?.children.first?.text == "<tip>")
        // Nothing is fetched from elsewhere, and nothing runs.
        for forbidden in ["href", "<image", "<script", "<style", "url(", "@import", "<foreignObject"] {
            #expect(!text.contains(forbidden), "found \(forbidden)")
        }
    }

    @Test func xmlParserRejectsUnescapedMarkup() {
        // The well-formedness check every figure test relies on must itself be able to fail.
        #expect(throws: XMLParseFailure.self) { try parseXML("<svg><text>a & b</text></svg>") }
        #expect(throws: XMLParseFailure.self) { try parseXML("<svg><text>a < b</text></svg>") }
        #expect(throws: XMLParseFailure.self) { try parseXML("<svg><g></svg>") }
    }

    @Test func paletteIsOkabeItoInOrder() {
        #expect(FigurePalette.armColor(0) == "#0072B2")
        #expect(FigurePalette.armColor(1) == "#D55E00")
        #expect(FigurePalette.armColor(2) == "#009E73")
        #expect(FigurePalette.armColor(FigurePalette.armColors.count) == "#0072B2")
    }
}
