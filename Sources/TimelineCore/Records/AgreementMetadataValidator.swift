/// Validates the body of `POST /v1/agreements`, reporting every issue at once like the record validator.
public enum AgreementMetadataValidator {
    /// Ten years: further ahead than any expiry notice is useful.
    public static let alertDaysRange: ClosedRange<Int> = 0...3650
    public static let maximumAlertDays = 20

    static let fields = ["id", "title", "parties", "summary", "alert_days"]

    public static func validate(_ value: JSONValue) -> Result<AgreementMetadata, ValidationErrors> {
        var issues = IssueCollector(index: nil)
        guard case .object(let object) = value else {
            issues.add("", "the agreement must be a JSON object, not \(value.typeDescription)")
            return .failure(issues.errors)
        }
        let id = issues.identifier(object["id"], at: "id", required: true, .agreement)
        let title = issues.text(
            object["title"], at: "title", required: true, maximumLength: EventRecordValidator.maximumTitleLength,
            trimmed: true)
        let parties = issues.actorIDList(object["parties"], at: "parties")
        let summary = issues.text(
            object["summary"], at: "summary", maximumLength: EventRecordValidator.maximumSummaryLength)
        let alertDays = alertDays(object["alert_days"], &issues)
        issues.rejectUnknownMembers(of: object, allowed: fields, at: "")

        guard issues.isEmpty, let id, let title else {
            return .failure(issues.errors)
        }
        return .success(
            AgreementMetadata(id: id, title: title, parties: parties, summary: summary, alertDays: alertDays))
    }

    private static func alertDays(_ value: JSONValue?, _ issues: inout IssueCollector) -> [Int]? {
        guard let elements = issues.array(value, at: "alert_days", maximumCount: maximumAlertDays, noun: "thresholds")
        else { return nil }
        var days: [Int] = []
        var firstPosition: [Int: Int] = [:]
        for (position, element) in elements.enumerated() {
            let path = IssueCollector.element("alert_days", position)
            guard case .number(let number) = element else {
                issues.add(path, "must be a whole number of days, not \(element.typeDescription)")
                continue
            }
            guard number.rounded() == number,
                Double(alertDaysRange.lowerBound) <= number, number <= Double(alertDaysRange.upperBound)
            else {
                issues.add(path, "must be a whole number of days from 0 to 3650, not \(Self.format(number))")
                continue
            }
            let threshold = Int(number)
            if let first = firstPosition[threshold] {
                issues.add(path, "threshold \(threshold) is listed twice (first at alert_days[\(first)])")
                continue
            }
            firstPosition[threshold] = position
            days.append(threshold)
        }
        return days.sorted(by: >)
    }

    /// `7.5` stays `7.5`, `-3.0` prints as `-3`.
    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
