import TimelineCore

/// Writes an RFC 5545 stream one content line at a time: folded, CRLF-terminated, UTF-8.
/// Pure: it only accumulates bytes; what to write is the caller's business.
struct ICalendarWriter {
    /// A property parameter. Only the writer's own fixed tokens (`DATE`, `START`, …) go here,
    /// never user text, so values are written without quoting.
    struct Parameter {
        let name: String
        let value: String
    }

    private(set) var bytes: [UInt8] = []

    var document: String {
        String(decoding: bytes, as: UTF8.self)
    }

    mutating func begin(_ component: String) {
        property("BEGIN", value: component)
    }

    mutating func end(_ component: String) {
        property("END", value: component)
    }

    /// A property whose value is already in its RFC 5545 form.
    mutating func property(_ name: String, _ parameters: [Parameter] = [], value: String) {
        var line = name
        for parameter in parameters {
            line += ";\(parameter.name)=\(parameter.value)"
        }
        line += ":" + value
        ContentLineFolding.append(line.utf8, to: &bytes)
    }

    /// A TEXT property, escaped.
    mutating func text(_ name: String, _ value: String) {
        property(name, value: ICalendarText.escaped(value))
    }

    /// A DATE property: `NAME;VALUE=DATE:YYYYMMDD`.
    mutating func date(_ name: String, _ date: CalendarDate) {
        property(name, [Parameter(name: "VALUE", value: "DATE")], value: ICalendarValue.date(date))
    }
}
