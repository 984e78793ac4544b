import Foundation

/// Text helpers shared by the figures: number formatting and an estimate of how wide text is drawn.
///
/// SVG cannot measure text before a viewer draws it, and the figures may not embed fonts, so layout
/// measures text with the advance widths of DejaVu Sans, the font ``SVGDocument/fontFamily`` names first
/// (and the one Debian's Chromium draws `sans-serif` with). Where DejaVu Sans is missing the text falls
/// back to the platform's sans-serif (Helvetica, Arial), which is narrower, so a label that fits in
/// DejaVu Sans fits there too.
enum FigureText {
    /// `value` with `decimals` decimals and a true minus sign (U+2212); a value that rounds to zero
    /// prints without a sign.
    static func number(_ value: Double, decimals: Int) -> String {
        let text = NumberFormatting.fixed(value, decimals: decimals)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// `value` as briefly as it can be written exactly to 2 decimals (`0`, `1.5`, `−0.25`), with a true minus sign.
    static func plain(_ value: Double) -> String {
        let text = SVGElement.number(value)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// "estimate [lower, upper]", each with `decimals` decimals.
    static func estimateWithInterval(_ estimate: Double, _ lower: Double, _ upper: Double, decimals: Int) -> String {
        "\(number(estimate, decimals: decimals)) [\(number(lower, decimals: decimals)), \(number(upper, decimals: decimals))]"
    }

    /// "[lower, upper]", each with `decimals` decimals.
    static func interval(_ lower: Double, _ upper: Double, decimals: Int) -> String {
        "[\(number(lower, decimals: decimals)), \(number(upper, decimals: decimals))]"
    }

    /// The drawn width of `text` at `size` px in DejaVu Sans (``SVGDocument/fontFamily``'s first font),
    /// Book or Bold, from the font's own advance widths; kerning, which only narrows text, is ignored.
    /// Italic (DejaVu Sans Oblique) has the Book widths.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += advance(of: scalar, bold: bold)
        }
        return ems * size
    }

    /// The advance width of `scalar` in ems; a character missing from the table counts as
    /// ``unknownAdvance`` (wider than any letter in the table, so an unlisted character never clips).
    static func advance(of scalar: Unicode.Scalar, bold: Bool) -> Double {
        guard let widths = advances[scalar.value] else { return unknownAdvance * (bold ? 1.1 : 1) }
        return bold ? widths.bold : widths.regular
    }

    /// The width assumed for characters not in ``advances``: one em, as wide as DejaVu Sans' em dash.
    static let unknownAdvance = 1.0

    /// `text` shortened with an ellipsis ("…") to fit `maxWidth`, or unchanged when it fits: the last
    /// resort for a label that cannot wrap or widen its figure.
    static func truncated(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
        guard width(text, size: size, bold: bold) > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty && width(String(characters) + "\u{2026}", size: size, bold: bold) > maxWidth {
            characters.removeLast()
        }
        return String(characters).trimmingCharacters(in: .whitespaces) + "\u{2026}"
    }

    /// Advance widths in ems of DejaVu Sans Book and Bold (version 2.37, Debian's fonts-dejavu-core),
    /// keyed by Unicode scalar: printable ASCII and the other characters the figures write (minus
    /// sign, dashes, ×, ², ±, ≤, ≥, Greek letters for effect sizes, accented Latin letters).
    // Generated from DejaVuSans.ttf / DejaVuSans-Bold.ttf (hmtx advance / unitsPerEm).
    private static let advances: [UInt32: (regular: Double, bold: Double)] = [
        0x0020: (0.3179, 0.3481), 0x0021: (0.4009, 0.4561), 0x0022: (0.46, 0.521), 0x0023: (0.8379, 0.8379),
        0x0024: (0.6362, 0.6958), 0x0025: (0.9502, 1.002), 0x0026: (0.7798, 0.8721), 0x0027: (0.2749, 0.3062),
        0x0028: (0.3901, 0.457), 0x0029: (0.3901, 0.457), 0x002A: (0.5, 0.5229), 0x002B: (0.8379, 0.8379),
        0x002C: (0.3179, 0.3799), 0x002D: (0.3608, 0.415), 0x002E: (0.3179, 0.3799), 0x002F: (0.3369, 0.3652),
        0x0030: (0.6362, 0.6958), 0x0031: (0.6362, 0.6958), 0x0032: (0.6362, 0.6958), 0x0033: (0.6362, 0.6958),
        0x0034: (0.6362, 0.6958), 0x0035: (0.6362, 0.6958), 0x0036: (0.6362, 0.6958), 0x0037: (0.6362, 0.6958),
        0x0038: (0.6362, 0.6958), 0x0039: (0.6362, 0.6958), 0x003A: (0.3369, 0.3999), 0x003B: (0.3369, 0.3999),
        0x003C: (0.8379, 0.8379), 0x003D: (0.8379, 0.8379), 0x003E: (0.8379, 0.8379), 0x003F: (0.5308, 0.5801),
        0x0040: (1.0, 1.0), 0x0041: (0.6841, 0.7739), 0x0042: (0.686, 0.7622), 0x0043: (0.6982, 0.7339),
        0x0044: (0.77, 0.8301), 0x0045: (0.6318, 0.6831), 0x0046: (0.5752, 0.6831), 0x0047: (0.7749, 0.8208),
        0x0048: (0.752, 0.8369), 0x0049: (0.2949, 0.3721), 0x004A: (0.2949, 0.3721), 0x004B: (0.6558, 0.7749),
        0x004C: (0.5571, 0.6372), 0x004D: (0.8628, 0.9951), 0x004E: (0.748, 0.8369), 0x004F: (0.7871, 0.8501),
        0x0050: (0.603, 0.7329), 0x0051: (0.7871, 0.8501), 0x0052: (0.6948, 0.77), 0x0053: (0.6348, 0.7202),
        0x0054: (0.6108, 0.6821), 0x0055: (0.7319, 0.812), 0x0056: (0.6841, 0.7739), 0x0057: (0.9888, 1.103),
        0x0058: (0.6851, 0.771), 0x0059: (0.6108, 0.7241), 0x005A: (0.6851, 0.7251), 0x005B: (0.3901, 0.457),
        0x005C: (0.3369, 0.3652), 0x005D: (0.3901, 0.457), 0x005E: (0.8379, 0.8379), 0x005F: (0.5, 0.5),
        0x0060: (0.5, 0.5), 0x0061: (0.6128, 0.6748), 0x0062: (0.6348, 0.7158), 0x0063: (0.5498, 0.5928),
        0x0064: (0.6348, 0.7158), 0x0065: (0.6152, 0.6782), 0x0066: (0.3521, 0.4351), 0x0067: (0.6348, 0.7158),
        0x0068: (0.6338, 0.7119), 0x0069: (0.2778, 0.3428), 0x006A: (0.2778, 0.3428), 0x006B: (0.5791, 0.665),
        0x006C: (0.2778, 0.3428), 0x006D: (0.9741, 1.042), 0x006E: (0.6338, 0.7119), 0x006F: (0.6118, 0.687),
        0x0070: (0.6348, 0.7158), 0x0071: (0.6348, 0.7158), 0x0072: (0.4111, 0.4932), 0x0073: (0.521, 0.5952),
        0x0074: (0.3921, 0.478), 0x0075: (0.6338, 0.7119), 0x0076: (0.5918, 0.6519), 0x0077: (0.8179, 0.9238),
        0x0078: (0.5918, 0.645), 0x0079: (0.5918, 0.6519), 0x007A: (0.5249, 0.582), 0x007B: (0.6362, 0.7119),
        0x007C: (0.3369, 0.3652), 0x007D: (0.6362, 0.7119), 0x007E: (0.8379, 0.8379), 0x00A0: (0.3179, 0.3481),
        0x00B0: (0.5, 0.5), 0x00B1: (0.8379, 0.8379), 0x00B2: (0.4009, 0.438), 0x00B3: (0.4009, 0.438),
        0x00B5: (0.6362, 0.7358), 0x00B7: (0.3179, 0.3799), 0x00D7: (0.8379, 0.8379), 0x00E9: (0.6152, 0.6782),
        0x00E8: (0.6152, 0.6782), 0x00E4: (0.6128, 0.6748), 0x00F6: (0.6118, 0.687), 0x00FC: (0.6338, 0.7119),
        0x00E1: (0.6128, 0.6748), 0x00ED: (0.2778, 0.3428), 0x00F3: (0.6118, 0.687), 0x00FA: (0.6338, 0.7119),
        0x00F1: (0.6338, 0.7119), 0x00E7: (0.5498, 0.5928), 0x03B5: (0.5405, 0.5566), 0x03B7: (0.6338, 0.7119),
        0x03C7: (0.5776, 0.645), 0x03C4: (0.6021, 0.6382), 0x03BC: (0.6362, 0.7358), 0x03C3: (0.6338, 0.7788),
        0x03B1: (0.6592, 0.687), 0x03B2: (0.6382, 0.7158), 0x0394: (0.6841, 0.7739), 0x03A3: (0.6318, 0.6831),
        0x2013: (0.5, 0.5), 0x2014: (1.0, 1.0), 0x2018: (0.3179, 0.3799), 0x2019: (0.3179, 0.3799),
        0x201C: (0.5181, 0.6572), 0x201D: (0.5181, 0.6572), 0x2026: (1.0, 1.0), 0x2212: (0.8379, 0.8379),
        0x2264: (0.8379, 0.8379), 0x2265: (0.8379, 0.8379), 0x2260: (0.8379, 0.8379), 0x2248: (0.8379, 0.8379),
        0x2192: (0.8379, 0.8379), 0x2190: (0.8379, 0.8379), 0x221A: (0.6372, 0.667), 0x2022: (0.5898, 0.6392),
    ]

    /// `text` broken at spaces into lines no wider than `maxWidth`; a single word longer than that gets
    /// a line of its own, shortened with an ellipsis (the last resort: callers widen the figure first).
    static func wrapped(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for whole in text.split(separator: " ", omittingEmptySubsequences: true) {
            let word = Substring(truncated(String(whole), size: size, bold: bold, maxWidth: maxWidth))
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || width(candidate, size: size, bold: bold) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
