import Foundation
import TimelineCore

/// Deterministic, realistic event records: countries and people meeting and visiting,
/// statements, and agreements signed, extended, renewed, amended, expiring and ending —
/// with the field sizes and partial-date mix of real timelines.
struct EventGenerator {
    private var random: SplitMix64
    private let countries = [
        "US", "CN", "RU", "IN", "FR", "DE", "GB", "JP", "BR", "ZA", "NG", "EG", "TR", "SA", "IR", "IL", "KR", "KP", "AU", "CA",
        "MX", "AR", "ID", "PK", "UA", "PL", "IT", "ES", "SE", "NO", "VN", "TH", "PH", "MY", "KE", "ET", "DZ", "MA", "CL", "CO",
    ]
    private let tags = [
        "trade", "technology", "climate", "security", "energy", "health", "science", "diplomacy", "economy", "finance",
        "defense", "migration", "agriculture", "water", "space", "cyber", "education", "culture", "transport", "maritime",
    ]
    private let places = ["Beijing", "Washington", "Moscow", "New Delhi", "Paris", "Berlin", "London", "Tokyo", "Brasília", "Geneva"]
    /// The year each agreement was signed: its later events come after it, so an extension
    /// always has an expiry to extend (ingest refuses one that has not).
    private var signedIn: [Int: Int] = [:]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The `index`-th record, as the JSON text a client would send.
    mutating func record(_ index: Int) -> String {
        var fields: [String: Any] = [:]
        if random.next(100) < 80 { fields["key"] = "bench-\(index)" }
        let host = countries[random.next(countries.count)]
        var guest = countries[random.next(countries.count)]
        if guest == host { guest = countries[(countries.firstIndex(of: host)! + 1) % countries.count] }
        let person = "person-\(random.next(300))"
        let (date, startYear, startMonth, startDay) = randomDate()
        fields["date"] = date
        let roll = random.next(100)
        switch roll {
        case 0..<35:
            fields["kind"] = "visit"
            fields["title"] = "Delegation from \(guest) led by \(person) visits \(host) for talks on \(tags[random.next(tags.count)])"
            fields["location"] = places[random.next(places.count)]
            if let day = startDay, random.next(2) == 0 {
                let end = CalendarDate(year: startYear, month: startMonth!, day: day)!.adding(days: 1 + random.next(5))!
                fields["end_date"] = end.description
            }
            fields["actors"] = [["id": guest, "role": "guest"], ["id": host, "role": "host"], ["id": person, "name": "Envoy \(person)", "role": "visitor"]]
        case 35..<70:
            fields["kind"] = "meeting"
            fields["title"] = "\(guest) and \(host) ministers meet on \(tags[random.next(tags.count)]) cooperation"
            fields["actors"] = [guest, host, ["id": person, "role": "participant"]]
        case 70..<85:
            fields["kind"] = "statement"
            fields["title"] = "\(host) foreign ministry comments on relations with \(guest)"
            fields["actors"] = [host, guest]
        case 85..<90:
            fields["kind"] = "other"
            fields["title"] = "Incident reported between \(host) and \(guest)"
            fields["actors"] = [host, guest]
        default:
            lifecycle(into: &fields, host: host, guest: guest)
        }
        if random.next(100) < 60 {
            fields["summary"] = String(repeating: "Officials from \(guest) and \(host) discussed \(tags[random.next(tags.count)]), ", count: 3 + random.next(5))
                + "and agreed to continue the dialogue."
        }
        fields["sources"] = (0..<(1 + random.next(2))).map { source in
            ["url": "https://news.example.org/\(startYear)/\(index)-\(source)", "title": "Report \(index)", "published": date]
        }
        fields["tags"] = Array(Set((0..<(1 + random.next(3))).map { _ in tags[random.next(tags.count)] })).sorted()
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private mutating func lifecycle(into fields: inout [String: Any], host: String, guest: String) {
        let agreement = random.next(500)
        let id = "pact-\(agreement)"
        fields["actors"] = [host, guest]
        guard let signingYear = signedIn[agreement] else {
            signedIn[agreement] = Int((fields["date"] as! String).prefix(4))!
            fields["kind"] = "signing"
            fields["title"] = "\(host) and \(guest) sign cooperation agreement \(agreement)"
            fields["agreement"] = ["id": id, "title": "Cooperation agreement \(agreement)", "parties": [host, guest]]
            fields["expires_on"] = "20\(30 + random.next(20))-0\(1 + random.next(9))-1\(random.next(9))"
            return
        }
        fields["agreement"] = id
        fields["date"] = "\(signingYear + 1 + random.next(20))-0\(1 + random.next(9))-1\(random.next(9))"
        switch random.next(5) {
        case 0:
            fields["kind"] = "extension"
            fields["title"] = "Agreement \(agreement) extended by six months"
            fields["extends_by"] = "P6M"
        case 1:
            fields["kind"] = "renewal"
            fields["title"] = "Agreement \(agreement) renewed for five years"
            fields["extends_by"] = "P5Y"
        case 2:
            fields["kind"] = "amendment"
            fields["title"] = "Agreement \(agreement) amended"
        case 3:
            fields["kind"] = "expiration"
            fields["title"] = "Agreement \(agreement) expires"
        default:
            fields["kind"] = "entry_into_force"
            fields["title"] = "Agreement \(agreement) enters into force"
        }
    }

    /// Mostly day precision, some month, a few year-only dates, as sources give them.
    private mutating func randomDate() -> (String, Int, Int?, Int?) {
        let year = 1950 + random.next(76)
        let month = 1 + random.next(12)
        let day = 1 + random.next(28)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch random.next(10) {
        case 0: return ("\(year)", year, nil, nil)
        case 1, 2: return ("\(year)-\(two(month))", year, month, nil)
        default: return ("\(year)-\(two(month))-\(two(day))", year, month, day)
        }
    }
}

/// A small, fast, seedable generator, so every run measures the same records.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
