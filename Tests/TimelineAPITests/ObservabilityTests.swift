import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TimelineAPI

@Suite("Request ids, access log and metrics")
struct ObservabilityTests {
    static let requestID = HTTPField.Name("X-Request-Id")!

    @Test func aSaneClientRequestIDIsEchoedOnSuccessAndError() async throws {
        try await withAPI { client, _ in
            for uri in ["/healthz", "/nowhere"] {
                let response = try await client.get(uri, headers: [Self.requestID: "client-42.a_b"])
                #expect(response.headers[Self.requestID] == "client-42.a_b")
            }
        }
    }

    @Test(arguments: ["has space", "semi;colon", String(repeating: "a", count: 129), "ünïcode"])
    func anInsaneClientRequestIDIsReplaced(id: String) async throws {
        try await withAPI { client, _ in
            let response = try await client.get("/healthz", headers: [Self.requestID: id])
            let echoed = try #require(response.headers[Self.requestID])
            #expect(echoed != id)
            #expect(echoed.count == 32 && echoed.allSatisfy(\.isHexDigit))
        }
    }

    @Test func everyResponseGetsAFreshID() async throws {
        try await withAPI { client, _ in
            let first = try await client.get("/healthz").headers[Self.requestID]
            let second = try await client.post(visit(), authorized: false).headers[Self.requestID]
            #expect(first != nil && second != nil && first != second)
            // The longest sane id is kept.
            let longest = String(repeating: "z", count: 128)
            #expect(try await client.get("/healthz", headers: [Self.requestID: longest]).headers[Self.requestID] == longest)
        }
    }

    @Test func theAccessLogNamesTheRouteTemplateStatusDurationAndID() async throws {
        try await withAPI { client, harness in
            _ = try await client.get("/healthz", headers: [Self.requestID: "log-me"])
            _ = try await client.get("/v1/unknown/42")
            let lines = harness.logs.all.filter { $0.message == "request" }
            let health = try #require(lines.first { $0.metadata["request_id"] == "log-me" })
            #expect(health.metadata["method"] == "GET")
            #expect(health.metadata["path"] == "/healthz")
            #expect(health.metadata["status"] == "200")
            #expect(health.metadata["duration_ms"].flatMap(Double.init).map { $0 >= 0 } == true)
            #expect(health.metadata["hb.request.id"] == nil)
            let unmatched = try #require(lines.first { $0.metadata["status"] == "404" })
            #expect(unmatched.metadata["path"] == "unmatched")
        }
    }

    @Test func metricsExposeRequestsDurationsIngestOutcomesAndThePool() async throws {
        try await withAPI(testing: .live) { client, _ in
            #expect(try await client.post("[\(visit("m1")), \(visit("m2"))]").status == .ok)
            #expect(try await client.post(visit("m1")).status == .ok)
            _ = try await client.get("/nowhere")
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains(#"http_requests_total{method="POST",route="/v1/events",status="200"} 2"#), "\(text)")
            #expect(text.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            #expect(text.contains(#"http_request_duration_seconds_bucket{method="POST",route="/v1/events",le="+Inf"} 2"#))
            #expect(text.contains(#"http_request_duration_seconds_count{method="POST",route="/v1/events"} 2"#))
            #expect(text.contains(#"timelined_ingested_records_total{outcome="created"} 2"#))
            #expect(text.contains(#"timelined_ingested_records_total{outcome="unchanged"} 1"#))
            #expect(text.contains(#"timelined_ingested_records_total{outcome="updated"} 0"#))
            #expect(text.contains(#"timelined_db_pool_connections{state="in_use"} "#))
            #expect(text.contains(#"timelined_db_pool_connections{state="idle"} "#))
            #expect(text.contains("timelined_db_pool_waiting 0"))
            try ExpositionFormat.check(text)
        }
    }
}

/// The rules of the Prometheus text format that `promtool check metrics` enforces on what we emit.
enum ExpositionFormat {
    static func check(_ text: String) throws {
        var types: [String: String] = [:]
        var helped: Set<String> = []
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("# HELP ") {
                helped.insert(String(words[2]))
            } else if line.hasPrefix("# TYPE ") {
                guard types.updateValue(String(words[3]), forKey: String(words[2])) == nil else {
                    throw UnexpectedResponse(description: "TYPE given twice: \(line)")
                }
            } else {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                let family = types[name] != nil ? name : ["_bucket", "_sum", "_count"]
                    .compactMap { name.hasSuffix($0) ? String(name.dropLast($0.count)) : nil }
                    .first { types[$0] == "histogram" }
                guard let family else { throw UnexpectedResponse(description: "sample before its TYPE: \(line)") }
                guard helped.contains(family) else { throw UnexpectedResponse(description: "no HELP for \(family)") }
                if types[family] == "counter", !family.hasSuffix("_total") {
                    throw UnexpectedResponse(description: "counter \(family) does not end in _total")
                }
                guard let value = words.last, Double(value) != nil else {
                    throw UnexpectedResponse(description: "bad sample value: \(line)")
                }
            }
        }
    }
}
