import Foundation
import Testing
import WalkStats

/// Every `<text>` of every committed SVG (the reports under `reports/` and the golden files under
/// `Snapshots/`), and of figures with deliberately long labels, lies inside its SVG's viewBox when a
/// real browser lays it out.
///
/// All SVGs go inline into one HTML page, loaded once by headless Chromium (`--dump-dom`): a script
/// measures each text's `getBoundingClientRect()` against its `<svg>`'s box, converted to viewBox
/// units, and replaces the page with one line per text outside (file, text, box, viewBox) and a count
/// of the texts measured. Without Chromium the test fails and says how to install it.
struct SVGTextBoundsTests {
    /// How far (px) a text's box may reach past the viewBox before it counts as clipped: rounding only.
    static let tolerance = 0.5

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The SVG files committed under `reports/` and `Tests/WalkStatsReportTests/Snapshots/`, sorted.
    static func committedSVGs() -> [URL] {
        let folders = [repositoryRoot.appendingPathComponent("reports"),
                       repositoryRoot.appendingPathComponent("Tests/WalkStatsReportTests/Snapshots")]
        var files: [URL] = []
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator where url.pathExtension == "svg" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Figures whose every label is far longer than the examples', so layout has to wrap or widen.
    static func longLabelFigures() throws -> [(name: String, svg: String)] {
        let long = "Change from baseline in the Western Ontario and McMaster Universities Osteoarthritis Index "
            + "pain subscale after twelve weeks of supervised backward walking"
        let arm = "Supervised backward walking on a treadmill with a physiotherapist"
        var forest = FigureExamples.forest
        forest.title = long
        forest.axisLabel = long
        forest.studies[0].label = "Alghadir, Anwer, Iqbal and colleagues (King Saud University) 2019"
        var change = FigureExamples.change
        change.title = long
        change.yAxisLabel = long
        change.groups[0].name = arm
        change.referenceLabel = "No change from baseline"
        var spaghetti = FigureExamples.spaghetti
        spaghetti.title = long
        spaghetti.yAxisLabel = long
        spaghetti.arms[0].name = arm
        var trajectory = FigureExamples.trajectory
        trajectory.title = long
        trajectory.yAxisLabel = long
        trajectory.arms[0].name = arm
        var funnel = FigureExamples.funnel
        funnel.title = long
        funnel.axisLabel = long
        var responder = FigureExamples.responder
        responder.title = long
        responder.xAxisLabel = long
        responder.arms = responder.arms.map { .init(name: $0.name == "Backward walking" ? arm : $0.name, values: $0.values,
                                                    colorIndex: $0.colorIndex) }
        responder.thresholds = [.init(value: -1, label: "Worse by one point"), .init(value: 0, label: "No change from baseline"),
                                .init(value: 1, label: "Minimal clinically important difference"), .init(value: 5, label: long)]
        return [("long-labels/forest", try forest.svg()), ("long-labels/change", try change.svg()),
                ("long-labels/spaghetti", try spaghetti.svg()), ("long-labels/trajectory", try trajectory.svg()),
                ("long-labels/funnel", try funnel.svg()), ("long-labels/responder", try responder.svg())]
    }

    /// The first `chromium` (or `chromium-browser`, `google-chrome`) on `PATH`.
    static func chromiumExecutable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// The page: each SVG inline in a `<div data-file>`, then the measuring script.
    static func page(_ svgs: [(name: String, svg: String)]) -> String {
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\n"
        for (name, svg) in svgs {
            var body = svg
            if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = String(body[end.upperBound...]) }
            html += "<div class=\"figure\" data-file=\"\(SVGElement.escaped(name))\">\(body)</div>\n"
        }
        html += """
        <script>
        const lines = [];
        let measured = 0, figures = 0;
        for (const div of document.querySelectorAll('div.figure')) {
          const svg = div.querySelector('svg');
          if (!svg) { lines.push(['NOSVG', div.dataset.file].map(encodeURIComponent).join('\\t')); continue; }
          figures += 1;
          const box = svg.getBoundingClientRect();
          const vb = svg.viewBox.baseVal;
          const sx = vb.width / box.width, sy = vb.height / box.height;
          for (const text of svg.querySelectorAll('text')) {
            measured += 1;
            const r = text.getBoundingClientRect();
            const x0 = vb.x + (r.left - box.left) * sx, x1 = vb.x + (r.right - box.left) * sx;
            const y0 = vb.y + (r.top - box.top) * sy, y1 = vb.y + (r.bottom - box.top) * sy;
            const t = \(tolerance);
            if (x0 < vb.x - t || y0 < vb.y - t || x1 > vb.x + vb.width + t || y1 > vb.y + vb.height + t) {
              lines.push(['OUTSIDE', div.dataset.file, text.textContent,
                          [x0, y0, x1, y1].map(v => v.toFixed(1)).join(','), vb.width + 'x' + vb.height]
                         .map(encodeURIComponent).join('\\t'));
            }
          }
        }
        lines.push('MEASURED\\t' + figures + '\\t' + measured);
        document.body.innerHTML = '<pre id="result"></pre>';
        document.getElementById('result').textContent = lines.join('\\n');
        </script></body></html>
        """
        return html
    }

    @Test func everyTextLiesInsideItsViewBoxInChromium() throws {
        guard let chromium = Self.chromiumExecutable() else {
            Issue.record("chromium is not installed (not on PATH): `make deps` installs Debian's chromium, which this test needs")
            return
        }
        let files = Self.committedSVGs()
        #expect(files.count >= 5, "expected the committed reports' and snapshots' SVGs, found \(files.count)")
        var svgs = try files.map { url in
            (name: String(url.path.dropFirst(Self.repositoryRoot.path.count + 1)), svg: try String(contentsOf: url, encoding: .utf8))
        }
        svgs += try Self.longLabelFigures()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkstats-svg-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pageURL = folder.appendingPathComponent("page.html")
        try Data(Self.page(svgs).utf8).write(to: pageURL)

        let process = Process()
        process.executableURL = chromium
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,800",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--dump-dom", pageURL.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        let dom = String(decoding: data, as: UTF8.self)

        guard let start = dom.range(of: "<pre id=\"result\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("chromium (exit status \(process.terminationStatus)) did not print the measurements; output began: \(dom.prefix(300))")
            return
        }
        let lines = dom[start.upperBound..<end.lowerBound].split(separator: "\n").map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { field in
                (String(field).removingPercentEncoding ?? String(field))
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        let summary = try #require(lines.last { $0.first == "MEASURED" }, "no MEASURED line from the page's script")
        #expect(summary.count == 3 && Int(summary[1]) == svgs.count, "chromium measured \(summary) of \(svgs.count) SVGs")
        #expect((Int(summary.count == 3 ? summary[2] : "0") ?? 0) > 10 * svgs.count, "too few texts measured: \(summary)")
        for line in lines where line.first == "NOSVG" {
            Issue.record("\(line.dropFirst().joined()): no <svg> element after loading")
        }
        for line in lines where line.first == "OUTSIDE" && line.count == 5 {
            Issue.record("\(line[1]): text \"\(line[2])\" at x0,y0,x1,y1 = \(line[3]) reaches outside the viewBox \(line[4])")
        }
    }
}
