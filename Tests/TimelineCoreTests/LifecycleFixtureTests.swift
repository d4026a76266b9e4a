import TimelineCore

/// Builders for lifecycle and alert tests, and the seed story: the 1979 US–China Science and
/// Technology Agreement, which lapsed on 2023-08-27 and was extended by six months that same day.
enum LifecycleFixture {
    static let defaultThresholds = [180, 90, 30, 7, 1, 0]

    /// Test literals are valid dates; a typo stops the run with the parser's message.
    static func day(_ text: String) -> CalendarDate {
        do { return try CalendarDate(parsing: text) } catch { fatalError(error.description) }
    }

    static func partial(_ text: String) -> PartialDate {
        do { return try PartialDate(parsing: text) } catch { fatalError(error.description) }
    }

    static func duration(_ text: String) -> ISODuration {
        do { return try ISODuration(parsing: text) } catch { fatalError(error.description) }
    }

    static func event(
        _ id: String, _ kind: EventKind, _ date: String, expiresOn: String? = nil, extendsBy: String? = nil,
        retracted: Bool = false
    ) -> LifecycleEvent {
        LifecycleEvent(
            eventID: id, kind: kind, date: partial(date), expiresOn: expiresOn.map(day),
            extendsBy: extendsBy.map(duration), isRetracted: retracted)
    }

    static let signing = event("1", .signing, "1979")
    static let expiration = event("8", .expiration, "2023-08-27")
    /// Given a smaller id than the expiration, so only the same-day kind order puts it after.
    static let extension6M = event("5", .extension, "2023-08-27", extendsBy: "P6M")
    /// After the window the brief evaluates; its date and length are illustrative.
    static let renewal = event("12", .renewal, "2024-12-13", extendsBy: "P5Y")

    static let seedStory = [signing, expiration, extension6M, renewal]

    /// Every day of `first...last`.
    static func days(_ first: String, _ last: String) -> [CalendarDate] {
        (day(first).dayNumber...day(last).dayNumber).compactMap { CalendarDate(dayNumber: $0) }
    }
}
