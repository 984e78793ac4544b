/// Text helpers shared by the figures: number formatting and an estimate of how wide text is drawn.
///
/// SVG cannot measure text before a viewer draws it, and the figures may not embed fonts, so layout
/// uses per-character advance widths close to Helvetica/Arial, scaled up by 12% to the width of DejaVu
/// Sans (the widest common fallback, which Linux browsers use for `system-ui` and `sans-serif`), so
/// labels are neither clipped nor overlapping with any font in ``SVGDocument/fontFamily``.
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

    /// The estimated drawn width of `text` at `size` px (bold text is about 7% wider).
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(of: character)
        }
        return ems * size * (bold ? 1.07 : 1) * 1.12
    }

    /// Advance widths in ems, close to Arial's.
    private static func advance(of character: Character) -> Double {
        switch character {
        case "i", "j", "l", "'", "|", "!", ".", ",", ":", ";": return 0.25
        case " ", "f", "t", "I", "[", "]", "(", ")", "/", "\\": return 0.3
        case "r", "\"", "-": return 0.35
        case "m", "M", "W", "%", "@": return 0.85
        case "w": return 0.75
        case "0"..."9", "+", "=", "<", ">", "\u{2212}", "#", "$", "_", "?": return 0.56
        case "a"..."z": return 0.52
        case "A"..."Z", "&", "\u{2013}", "\u{2014}": return 0.68
        default: return 0.62
        }
    }

    /// `text` broken at spaces into lines no wider than `maxWidth` (a single word longer than that
    /// gets a line of its own).
    static func wrapped(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
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
