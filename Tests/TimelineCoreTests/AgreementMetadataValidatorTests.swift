import Foundation
import Testing
import TimelineCore

@Suite struct AgreementMetadataValidatorTests {
    private func issues(_ value: JSONValue) -> [ValidationIssue] {
        if case .failure(let errors) = AgreementMetadataValidator.validate(value) { errors.issues } else { [] }
    }

    @Test func acceptsTheFullBody() throws {
        let metadata = try AgreementMetadataValidator.validate([
            "id": "us-cn-sta", "title": " US–China S&T Agreement ", "parties": ["US", "CN"],
            "summary": "Signed 1979.", "alert_days": [30, 365, 0, 7],
        ]).get()
        #expect(
            metadata
                == AgreementMetadata(
                    id: "us-cn-sta", title: "US–China S&T Agreement", parties: ["US", "CN"], summary: "Signed 1979.",
                    alertDays: [365, 30, 7, 0]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(metadata), as: UTF8.self).contains(#""alert_days":[365,30,7,0]"#))
    }

    @Test func keepsAnEmptyThresholdListApartFromNone() throws {
        #expect(
            try AgreementMetadataValidator.validate(["id": "a", "title": "A", "alert_days": []]).get().alertDays == [])
        #expect(try AgreementMetadataValidator.validate(["id": "a", "title": "A"]).get().alertDays == nil)
    }

    @Test func requiresIDAndTitle() {
        #expect(issues([:]).map(\.field) == ["id", "title"])
        #expect(issues(["id": "US-CN", "title": "  "]).map(\.field) == ["id", "title"])
    }

    @Test func checksEachThreshold() {
        let found = issues(["id": "a", "title": "A", "alert_days": [30, -1, 3651, 7.5, "7", 30, 3650, 0]])
        #expect(
            found.map(\.field) == ["alert_days[1]", "alert_days[2]", "alert_days[3]", "alert_days[4]", "alert_days[5]"])
        #expect(
            found.map(\.message) == [
                "must be a whole number of days from 0 to 3650, not -1",
                "must be a whole number of days from 0 to 3650, not 3651",
                "must be a whole number of days from 0 to 3650, not 7.5",
                "must be a whole number of days, not a string",
                "threshold 30 is listed twice (first at alert_days[0])",
            ])
    }

    @Test func limitsTheNumberOfThresholds() {
        let twentyOne = JSONValue.array((0...20).map { .number(Double($0)) })
        #expect(
            issues(["id": "a", "title": "A", "alert_days": twentyOne]).map(\.message) == [
                "must have at most 20 thresholds (got 21)"
            ])
    }

    @Test func checksPartiesAndUnknownFields() {
        let found = issues([
            "id": "a", "title": "A", "parties": ["US", "US"], "alert_day": [1], "expires_on": "2024-01-01",
        ])
        #expect(found.map(\.field) == ["parties[1]", "alert_day", "expires_on"])
        #expect(found[1].message == "unknown field 'alert_day' (did you mean 'alert_days'?)")
    }

    @Test func rejectsNonObjects() {
        #expect(issues(["a"]).map(\.field) == [""])
    }
}
