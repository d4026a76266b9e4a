import Testing
import TimelineCore

@Suite struct RFC3339TimestampTests {
    /// Every accepted spelling, and the UTC text it normalizes to.
    @Test(arguments: [
        ("2023-08-27T10:15:00Z", "2023-08-27T10:15:00.000000Z"),
        ("2023-08-27t10:15:00z", "2023-08-27T10:15:00.000000Z"),
        ("2023-08-27T10:15:00.5Z", "2023-08-27T10:15:00.500000Z"),
        ("2023-08-27T10:15:00.123456Z", "2023-08-27T10:15:00.123456Z"),
        ("2023-08-27T10:15:00.123456789Z", "2023-08-27T10:15:00.123456Z"),
        ("2023-08-27T10:15:00.000000999Z", "2023-08-27T10:15:00.000000Z"),
        ("2023-08-27T12:15:00+02:00", "2023-08-27T10:15:00.000000Z"),
        ("2023-08-27T00:30:00+01:00", "2023-08-26T23:30:00.000000Z"),
        ("2023-12-31T20:00:00-05:30", "2024-01-01T01:30:00.000000Z"),
        ("2024-02-28T23:00:00-01:00", "2024-02-29T00:00:00.000000Z"),
        ("2023-08-27T10:15:00-00:00", "2023-08-27T10:15:00.000000Z"),
        ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000000Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z"),
        ("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"),
    ])
    func normalizesToUTCMicroseconds(text: String, normalized: String) throws {
        #expect(try RFC3339Timestamp(parsing: text).description == normalized)
        #expect(try RFC3339Timestamp(parsing: normalized).description == normalized)
    }

    @Test func oneInstantWrittenTwoWaysIsOneValue() throws {
        #expect(try RFC3339Timestamp(parsing: "2023-08-27T12:15:00+02:00") == RFC3339Timestamp(parsing: "2023-08-27T10:15:00.000Z"))
        #expect(try RFC3339Timestamp(parsing: "2023-08-27T10:15:00Z") != RFC3339Timestamp(parsing: "2023-08-27T10:15:00.000001Z"))
    }

    /// Everything else is refused, with a reason that says what is wrong.
    @Test(arguments: [
        ("", "empty"),
        ("2023-08-27", "time of day is missing"),
        ("2023-08-27 10:15:00Z", "not a space"),
        ("2023-08-27X10:15:00Z", "expected 'T'"),
        ("2023-08-27T10:15Z", "seconds are required"),
        ("2023-08-27T10:15:00", "offset is required"),
        ("2023-08-27T10:15:00+0200", "±HH:MM"),
        ("2023-08-27T10:15:00+02", "±HH:MM"),
        ("2023-08-27T10:15:00 Z", "offset is required"),
        ("2023-08-27T10:15:00.Z", "1 to 9 digits"),
        ("2023-08-27T10:15:00.1234567890Z", "1 to 9 digits"),
        ("2023-08-27T10:15:00,5Z", "offset is required"),
        ("2023-08-27T24:00:00Z", "hour 24 does not exist"),
        ("2023-08-27T10:60:00Z", "minute 60 does not exist"),
        ("2023-08-27T10:15:61Z", "second 61 does not exist"),
        ("2023-08-27T10:15:00+24:00", "offset hour 24"),
        ("2023-08-27T10:15:00+02:60", "offset minute 60"),
        ("2023-08-27T1:15:00Z", "two digits"),
        ("2023-02-30T10:15:00Z", "February 2023 has 28 days"),
        ("2023-8-27T10:15:00Z", "YYYY-MM-DD"),
        ("20230827T101500Z", "YYYY-MM-DD"),
        ("0000-12-31T10:15:00Z", "year 0000"),
        ("0001-01-01T00:30:00+01:00", "outside the years 0001–9999"),
        ("9999-12-31T23:30:00-01:00", "outside the years 0001–9999"),
        ("2023-08-27T10:15:00Z ", "after the time zone offset"),
        ("2023-08-27T10:15:00ZZ", "after the time zone offset"),
        ("2023-08-27T10:15:00Z[Europe/Paris]", "after the time zone offset"),
        ("now", "YYYY-MM-DD"),
    ])
    func rejectsWithAReason(text: String, reason: String) {
        #expect {
            try RFC3339Timestamp(parsing: text)
        } throws: { error in
            guard let error = error as? TimestampParseError else { return false }
            return error.input == text && error.reason.contains(reason) && error.description.contains("RFC 3339")
        }
    }
}
