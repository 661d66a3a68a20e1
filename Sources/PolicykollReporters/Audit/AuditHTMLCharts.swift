import PolicykollCore

/// The audit's charts as inline SVG, and the colour scale they share with the heat map.
enum AuditHTMLCharts {
    /// A background colour for a compliance percentage: red below 50, through amber, to green
    /// at 100; grey when there is nothing to judge.
    static func colour(_ percent: Double?) -> String {
        guard let percent else { return "#eceff1" }
        let stops: [(Double, (Int, Int, Int))] = [
            (0, (0xf4, 0xb6, 0xb6)), (50, (0xf8, 0xd7, 0x9a)), (75, (0xf3, 0xec, 0xa6)), (90, (0xc5, 0xe4, 0xb0)),
            (100, (0x8f, 0xd1, 0x9e)),
        ]
        var lower = stops[0]
        var upper = stops[stops.count - 1]
        for (index, stop) in stops.enumerated() where stop.0 <= percent {
            lower = stop
            upper = index + 1 < stops.count ? stops[index + 1] : stop
        }
        let span = upper.0 - lower.0
        let t = span > 0 ? (percent - lower.0) / span : 0
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        let rgb = (mix(lower.1.0, upper.1.0), mix(lower.1.1, upper.1.1), mix(lower.1.2, upper.1.2))
        return "#" + [rgb.0, rgb.1, rgb.2].map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The stronger colour of a bar for a percentage.
    static func barColour(_ percent: Double?) -> String {
        guard let percent else { return "#b0bec5" }
        if percent >= 90 { return "#2e7d32" }
        if percent >= 75 { return "#7cb342" }
        if percent >= 50 { return "#f9a825" }
        return "#c62828"
    }

    /// A ring showing one percentage, with the number in the middle.
    static func ring(_ percent: Double?, label: String, language: Language) -> String {
        let radius = 52.0
        let circumference = 2 * Double.pi * radius
        let filled = (percent ?? 0) / 100 * circumference
        let text = AuditFormat.percent(percent, language)
        let shown = percent == nil ? text : text + "\u{A0}%"
        // The number is in the label too: a screen reader reads the label of an image, not its text.
        var svg =
            "<svg class=\"ring\" viewBox=\"0 0 140 140\" width=\"140\" height=\"140\" role=\"img\" aria-label=\"\(label): \(shown)\">"
        svg += "<circle cx=\"70\" cy=\"70\" r=\"52\" fill=\"none\" stroke=\"#e3e8ee\" stroke-width=\"16\"/>"
        svg += "<circle cx=\"70\" cy=\"70\" r=\"52\" fill=\"none\" stroke=\"\(barColour(percent))\" stroke-width=\"16\" "
        svg += "stroke-dasharray=\"\(format(filled)) \(format(circumference))\" transform=\"rotate(-90 70 70)\"/>"
        // A narrow no-break space keeps the number inside the ring.
        let inRing = percent == nil ? text : text + "\u{202F}%"
        svg += "<text x=\"70\" y=\"78\" text-anchor=\"middle\" class=\"ring-value\" aria-hidden=\"true\">\(inRing)</text>"
        svg += "</svg>"
        return svg
    }

    /// One bar of a bar chart.
    struct Bar {
        var label: String
        var percent: Double?
        var note: String
    }

    /// A horizontal bar chart of percentages, one row per bar, labels on the left.
    static func bars(_ bars: [Bar], title: String, language: Language) -> String {
        let rowHeight = 38
        let labelWidth = 300
        let barWidth = 380
        let width = labelWidth + barWidth + 150
        let height = bars.count * rowHeight + 24
        var svg = "<svg class=\"bars\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(title)\">"
        for tick in [0, 25, 50, 75, 100] {
            let x = labelWidth + barWidth * tick / 100
            svg += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height - 20)\" class=\"grid\"/>"
            svg += "<text x=\"\(x)\" y=\"\(height - 6)\" text-anchor=\"middle\" class=\"tick\">\(tick)</text>"
        }
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            let length = Int(Double(barWidth) * (bar.percent ?? 0) / 100)
            svg +=
                "<text x=\"\(labelWidth - 10)\" y=\"\(y + 23)\" text-anchor=\"end\" class=\"bar-label\">\(HTMLText.escape(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 8)\" width=\"\(barWidth)\" height=\"22\" rx=\"3\" class=\"track\"/>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 8)\" width=\"\(length)\" height=\"22\" rx=\"3\" fill=\"\(barColour(bar.percent))\"/>"
            let value = bar.percent == nil ? "–" : AuditFormat.percent(bar.percent, language) + " %"
            svg += "<text x=\"\(labelWidth + barWidth + 10)\" y=\"\(y + 24)\" class=\"bar-value\">\(value)"
            if !bar.note.isEmpty { svg += "<tspan class=\"bar-note\"> \(HTMLText.escape(bar.note))</tspan>" }
            svg += "</text>"
        }
        svg += "</svg>"
        return svg
    }

    /// A small inline bar for a table cell.
    static func miniBar(_ percent: Double?) -> String {
        let length = Int(100 * (percent ?? 0) / 100)
        return "<svg class=\"mini\" viewBox=\"0 0 100 10\" width=\"100\" height=\"10\" aria-hidden=\"true\">"
            + "<rect width=\"100\" height=\"10\" rx=\"2\" class=\"track\"/>"
            + "<rect width=\"\(length)\" height=\"10\" rx=\"2\" fill=\"\(barColour(percent))\"/></svg>"
    }

    private static func format(_ value: Double) -> String {
        String(Int((value * 10).rounded()) / 10) + "." + String(abs(Int((value * 10).rounded())) % 10)
    }
}
