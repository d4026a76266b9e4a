import TimelineCore

/// The SVG timeline of the timeline page (contract §13): a time axis, one bar per agreement term
/// (extensions and renewals marked, the expiry flagged), then the events in one band per kind —
/// single days as dots, longer or coarser dates as spans — each with a tooltip and a link to the
/// event in the list below the chart. Pure: the same events, terms and day draw the same SVG.
public struct TimelineChart: Sendable {
    static let width = 1000.0
    static let margin = 12.0
    static let axisHeight = 34.0
    static let termHeight = 30.0
    static let laneHeight = 14.0
    static let bandGap = 22.0
    static let maximumLanes = 5
    static let clusterWidth = 18.0
    static let dotRadius = 4.5

    public let events: [PageEvent]
    public let terms: [AgreementTerm]
    public let today: CalendarDate
    /// nil when there is nothing to draw.
    public let axis: TimeAxis?

    public init(events: [PageEvent], terms: [AgreementTerm], today: CalendarDate) {
        self.events = events
        self.terms = terms
        self.today = today
        let days = events.flatMap { [$0.date.start, $0.lastDay] } + terms.compactMap(\.days).flatMap { [$0.first, $0.last] }
        if let first = days.min(), let last = days.max() {
            // A little room either side, so that the first and last marks are not cut in half.
            let padding = max(1, CalendarDate.days(from: first, to: last) / 30)
            axis = TimeAxis(
                first: first.adding(days: -padding) ?? first, last: last.adding(days: padding) ?? last)
        } else {
            axis = nil
        }
    }

    /// The `<svg>` element; nil when there are neither events nor terms.
    public var svg: TrustedMarkup? {
        guard let axis else { return nil }
        var layout = Layout(axis: axis)
        // The axis is drawn first, beneath the rest, but its grid lines run down to the legend:
        // the rest is written first, into a writer of its own, and follows the axis.
        var body = MarkupWriter(.xml, capacity: 1024 * (events.count + terms.count) + 2048)
        layout.writeTerms(terms, to: &body)
        layout.writeEventBands(events, to: &body)
        layout.writeLegend(kinds: kindsShown, hasTerms: !terms.isEmpty, to: &body)
        let height = layout.y
        var svg = MarkupWriter(.xml, capacity: body.byteCount + 4096)
        svg.element("svg", [
            XMLAttribute("xmlns", "http://www.w3.org/2000/svg"),
            XMLAttribute("class", "timeline-chart"),
            XMLAttribute("viewBox", "0 0 \(Int(Self.width)) \(Int(height.rounded(.up)))"),
            XMLAttribute("role", "img"),
            XMLAttribute("aria-labelledby", "timeline-chart-title"),
        ]) { svg in
            svg.element("title", [XMLAttribute("id", "timeline-chart-title")], text: caption)
            layout.writeAxis(today: today, to: &svg)
            svg.append(body)
        }
        return TrustedMarkup(svg)
    }

    private var kindsShown: [String] {
        var seen = Set<String>()
        return events.map(\.kindName).filter { seen.insert($0).inserted }.sorted(by: Self.kindOrder)
    }

    private var caption: String {
        let agreements = terms.isEmpty ? "" : ", \(terms.count) agreement term\(terms.count == 1 ? "" : "s")"
        return "Timeline of \(events.count) event\(events.count == 1 ? "" : "s")\(agreements)"
    }

    /// Kinds in the contract's order, unknown ones last by name.
    static func kindOrder(_ left: String, _ right: String) -> Bool {
        let order = { (name: String) in EventKind.allCases.firstIndex { $0.rawValue == name } ?? EventKind.allCases.count }
        return (order(left), left) < (order(right), right)
    }

    /// Where the next group goes, and the x of a date.
    struct Layout {
        let axis: TimeAxis
        var y = TimelineChart.axisHeight
        /// Where the legend starts: the grid lines stop there.
        var legendTop = TimelineChart.axisHeight

        init(axis: TimeAxis) {
            self.axis = axis
        }

        private var plotWidth: Double { TimelineChart.width - 2 * TimelineChart.margin }

        func x(_ date: CalendarDate) -> Double {
            TimelineChart.margin + axis.position(of: date) * plotWidth
        }

        func x(after date: CalendarDate) -> Double {
            TimelineChart.margin + axis.position(after: date) * plotWidth
        }

        func writeAxis(today: CalendarDate, to writer: inout MarkupWriter) {
            let gridBottom = legendTop
            writer.element("g", [XMLAttribute("class", "axis")]) { writer in
                for tick in axis.ticks {
                    let x = x(tick.date)
                    writer.element("line", [
                        XMLAttribute("class", "grid"), XMLAttribute("x1", x), XMLAttribute("x2", x),
                        XMLAttribute("y1", TimelineChart.axisHeight - 8), XMLAttribute("y2", gridBottom),
                    ])
                    writer.element("text", [XMLAttribute("class", "tick"), XMLAttribute("x", x + 3), XMLAttribute("y", 16)], text: tick.label)
                }
                if today >= axis.first, today <= axis.last {
                    let x = x(today)
                    writer.element("line", [
                        XMLAttribute("class", "today"), XMLAttribute("x1", x), XMLAttribute("x2", x),
                        XMLAttribute("y1", TimelineChart.axisHeight - 14), XMLAttribute("y2", gridBottom),
                    ]) { $0.element("title", text: "Today, \(today)") }
                    writer.element("text", [XMLAttribute("class", "today-label"), XMLAttribute("x", x + 3), XMLAttribute("y", 28)], text: "today")
                }
            }
        }

        mutating func writeTerms(_ terms: [AgreementTerm], to writer: inout MarkupWriter) {
            var drawn = false
            writer.element("g", [XMLAttribute("class", "terms")]) { writer in
                for term in terms {
                    guard let days = term.days else { continue }
                    write(term, from: days.first, to: &writer)
                    y += TimelineChart.termHeight
                    drawn = true
                }
            }
            if drawn { y += 8 }
        }

        private func write(_ term: AgreementTerm, from first: CalendarDate, to writer: inout MarkupWriter) {
            let top = y
            let barY = top + 14
            let from = x(first)
            let to = term.expiresOn.map { x(after: $0) } ?? TimelineChart.width - TimelineChart.margin
            writer.element("a", [XMLAttribute("href", "/agreements/\(term.id)")]) { writer in
                writer.element("title", text: term.tooltip)
                writer.element("rect", [
                    XMLAttribute("class", "term status-\(term.status.rawValue)\(term.expiresOn == nil ? " open-ended" : "")"),
                    XMLAttribute("x", from), XMLAttribute("y", barY),
                    XMLAttribute("width", max(2, to - from)), XMLAttribute("height", 10), XMLAttribute("rx", 2),
                ])
                // A bar that starts in the right half is labelled from its end, leftwards, so the label stays inside.
                if from < TimelineChart.width / 2 {
                    writer.element("text", [XMLAttribute("class", "term-label"), XMLAttribute("x", from), XMLAttribute("y", top + 10)], text: term.title)
                } else {
                    writer.element("text", [
                        XMLAttribute("class", "term-label"), XMLAttribute("text-anchor", "end"),
                        XMLAttribute("x", min(to, TimelineChart.width - TimelineChart.margin)), XMLAttribute("y", top + 10),
                    ], text: term.title)
                }
                for mark in term.marks {
                    let markX = x(mark.date.start)
                    writer.element("a", [XMLAttribute("href", PageEvent.anchorLinkPrefix, mark.eventID)]) { writer in
                        writer.element("title", text: "\(KindLabel.text(mark.kind.rawValue)) \(mark.date)"
                            + (mark.expiresOn.map { ", expiry now \($0)" } ?? ""))
                        writer.element("path", [
                            XMLAttribute("class", "term-mark kind-\(mark.kind.rawValue)"),
                            XMLAttribute("d", "M\(format(markX)) \(format(barY - 3))l4 8l-4 8l-4 -8z"),
                        ])
                    }
                }
                if let expiry = term.expiresOn {
                    let flagX = x(after: expiry)
                    writer.element("path", [
                        XMLAttribute("class", "expiry-flag"),
                        XMLAttribute("d", "M\(format(flagX)) \(format(barY + 12))V\(format(top + 2))h9l-3 4l3 4h-9"),
                    ]) { $0.element("title", text: "Expires \(expiry)") }
                }
            }
        }

        /// Bands and lanes hold the events' indices: a copy of an event retains a dozen strings.
        mutating func writeEventBands(_ events: [PageEvent], to writer: inout MarkupWriter) {
            let byKind = Dictionary(grouping: events.indices) { events[$0].kindName }
            writer.element("g", [XMLAttribute("class", "events")]) { writer in
                for kind in byKind.keys.sorted(by: TimelineChart.kindOrder) {
                    writeBand(kind: kind, of: events, at: byKind[kind] ?? [], to: &writer)
                }
            }
        }

        private mutating func writeBand(kind: String, of events: [PageEvent], at indices: [Int], to writer: inout MarkupWriter) {
            let top = y + 14
            let lanes = EventLanes(
                indices.map { index -> (item: Int, from: Double, to: Double) in
                    let from = x(events[index].date.start) - TimelineChart.dotRadius
                    let to = events[index].isSingleDay ? from + 2 * TimelineChart.dotRadius : max(x(after: events[index].lastDay), from + 6)
                    return (index, from, to + 2)
                },
                maximumLanes: TimelineChart.maximumLanes, clusterWidth: TimelineChart.clusterWidth)
            writer.element("g", [XMLAttribute("class", "band kind-\(kind)")]) { writer in
                writer.element("text", [XMLAttribute("class", "band-label"), XMLAttribute("x", TimelineChart.margin), XMLAttribute("y", y + 9)],
                    text: KindLabel.text(kind))
                for placed in lanes.placed {
                    writeMark(events[placed.item], centerY: top + Double(placed.lane) * TimelineChart.laneHeight + TimelineChart.laneHeight / 2, to: &writer)
                }
                let clusterY = top + Double(lanes.laneCount) * TimelineChart.laneHeight + TimelineChart.laneHeight / 2
                for cluster in lanes.clusters {
                    let titles = cluster.items.prefix(8).map { "\(events[$0].date) \(events[$0].title)" }.joined(separator: "\n")
                    let more = cluster.items.count > 8 ? "\n… and \(cluster.items.count - 8) more" : ""
                    writer.element("a", [XMLAttribute("href", PageEvent.anchorLinkPrefix, events[cluster.items[0]].id)]) { writer in
                        writer.element("title", text: "\(cluster.items.count) more \(kind) events:\n\(titles)\(more)")
                        writer.element("circle", [
                            XMLAttribute("class", "cluster kind-\(kind)"), XMLAttribute("cx", cluster.center),
                            XMLAttribute("cy", clusterY), XMLAttribute("r", 6.5),
                        ])
                        writer.element("text", [XMLAttribute("class", "cluster-count"), XMLAttribute("x", cluster.center), XMLAttribute("y", clusterY + 3)],
                            text: String(cluster.items.count))
                    }
                }
            }
            let rows = Double(lanes.laneCount) + (lanes.clusters.isEmpty ? 0 : 1.2)
            y = top + rows * TimelineChart.laneHeight + TimelineChart.bandGap - 14
        }

        private func writeMark(_ event: PageEvent, centerY: Double, to writer: inout MarkupWriter) {
            writer.element("a", [XMLAttribute("href", PageEvent.anchorLinkPrefix, event.id)]) { writer in
                // A tooltip per mark: its parts are written one after another rather than joined first.
                writer.element("title") { title in
                    title.text(event.date.description)
                    if let end = event.endDate {
                        title.text(" – ")
                        title.text(end.description)
                    }
                    title.text(" · ")
                    title.text(KindLabel.text(event.kindName))
                    title.text(" · ")
                    title.text(event.title)
                }
                if event.isSingleDay {
                    writer.element("circle", [
                        XMLAttribute("class", "mark kind-", event.kindName), XMLAttribute("cx", x(event.date.start) + 0.5),
                        XMLAttribute("cy", centerY), XMLAttribute("r", TimelineChart.dotRadius),
                    ])
                } else {
                    let from = x(event.date.start)
                    writer.element("rect", [
                        XMLAttribute("class", "mark span kind-", event.kindName + " precision-" + (event.endDate ?? event.date).precision.name),
                        XMLAttribute("x", from), XMLAttribute("y", centerY - 4),
                        XMLAttribute("width", max(6, x(after: event.lastDay) - from)), XMLAttribute("height", 8), XMLAttribute("rx", 4),
                    ])
                }
            }
        }

        /// The legend, in as many rows as the width needs; moves `y` below it.
        mutating func writeLegend(kinds: [String], hasTerms: Bool, to writer: inout MarkupWriter) {
            legendTop = y
            var x = TimelineChart.margin
            var y = self.y + 12
            writer.element("g", [XMLAttribute("class", "legend")]) { writer in
                func entry(_ label: String, _ swatch: (Double, Double, inout MarkupWriter) -> Void) {
                    let width = 24 + Double(label.count) * 6.2
                    if x + width > TimelineChart.width - TimelineChart.margin {
                        x = TimelineChart.margin
                        y += 18
                    }
                    swatch(x, y, &writer)
                    writer.element("text", [XMLAttribute("class", "legend-label"), XMLAttribute("x", x + 14), XMLAttribute("y", y + 4)], text: label)
                    x += width
                }
                for kind in kinds {
                    entry(KindLabel.text(kind)) { x, y, writer in
                        writer.element("circle", [XMLAttribute("class", "mark kind-\(kind)"), XMLAttribute("cx", x + 5), XMLAttribute("cy", y), XMLAttribute("r", TimelineChart.dotRadius)])
                    }
                }
                entry("month/year or multi-day") { x, y, writer in
                    writer.element("rect", [XMLAttribute("class", "mark span precision-month"), XMLAttribute("x", x), XMLAttribute("y", y - 4), XMLAttribute("width", 10), XMLAttribute("height", 8), XMLAttribute("rx", 4)])
                }
                if hasTerms {
                    entry("agreement term") { x, y, writer in
                        writer.element("rect", [XMLAttribute("class", "term status-active"), XMLAttribute("x", x), XMLAttribute("y", y - 5), XMLAttribute("width", 10), XMLAttribute("height", 10), XMLAttribute("rx", 2)])
                    }
                    entry("extension / renewal") { x, y, writer in
                        writer.element("path", [XMLAttribute("class", "term-mark kind-extension"), XMLAttribute("d", "M\(format(x + 5)) \(format(y - 6))l4 6l-4 6l-4 -6z")])
                    }
                    entry("expiry") { x, y, writer in
                        writer.element("path", [XMLAttribute("class", "expiry-flag"), XMLAttribute("d", "M\(format(x + 2)) \(format(y + 6))V\(format(y - 6))h9l-3 4l3 4h-9")])
                    }
                }
            }
            self.y = y + 18
        }

        private func format(_ number: Double) -> String {
            XMLAttribute("", number).value
        }
    }
}
