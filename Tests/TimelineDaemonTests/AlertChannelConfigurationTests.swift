import Foundation
import Testing
import TimelineAlerts

@testable import TimelineDaemon

/// `alerts.channels` (contract v1.1 §12): a list of mappings in the file, or a JSON array in
/// `TIMELINED_ALERTS_CHANNELS` that replaces it; every error names the entry and the field.
@Suite("Alert channel configuration")
struct AlertChannelConfigurationTests {
    /// A secret file holding `text`; removed by the caller.
    private func secretFile(_ text: String = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n") throws -> String {
        try temporaryFile(text)
    }

    @Test func theFilesListOfMappingsGivesTheChannelsWithTheirDefaults() throws {
        let secret = try secretFile("  whsec_AAEC/w==  \n\n")
        defer { remove(secret) }
        let configuration = try load(file: """
            alerts:
              thresholds: [30, 7]
              channels:
                - name: ops
                  type: alertmanager
                  url: http://127.0.0.1:9093
                - name: treaty-desk
                  type: webhook
                  url: https://hooks.example.org/timelined
                  secret_file: \(secret)
                  timeout_seconds: 5
            """)
        #expect(configuration.alerts.thresholds == [30, 7])
        #expect(configuration.alertChannels == [
            .alertmanager(AlertmanagerChannelSettings(name: "ops", url: "http://127.0.0.1:9093", resendSeconds: 60)),
            .webhook(WebhookChannelSettings(
                name: "treaty-desk", url: "https://hooks.example.org/timelined", signingKey: [0, 1, 2, 255], timeoutSeconds: 5)),
        ])
        #expect(configuration.alerts.deliveryMaxAgeSeconds == 259_200)
        #expect(configuration.alerts.source.hasPrefix("urn:timelined:") && configuration.alerts.source.count > 14)
    }

    @Test func theEnvironmentsJSONArrayReplacesTheFilesList() throws {
        let secret = try secretFile()
        defer { remove(secret) }
        let configuration = try load(
            file: """
                alerts:
                  channels:
                    - {name: ops, type: alertmanager, url: "http://127.0.0.1:9093"}
                """,
            environment: [
                "TIMELINED_ALERTS_CHANNELS": #"[{"name": "desk", "type": "webhook", "url": "http://127.0.0.1:8099/hook", "secret_file": "\#(secret)"}]"#,
                "TIMELINED_ALERTS_SOURCE": "urn:example:treaties",
                "TIMELINED_ALERTS_DELIVERY_MAX_AGE_SECONDS": "600",
            ])
        #expect(configuration.alertChannels.map(\.name) == ["desk"])
        guard case .webhook(let desk) = configuration.alertChannels.first else { Issue.record("not a webhook"); return }
        #expect(desk.timeoutSeconds == 15)
        #expect(configuration.alerts.source == "urn:example:treaties")
        #expect(configuration.alerts.deliveryMaxAgeSeconds == 600)
        #expect(try load(environment: ["TIMELINED_ALERTS_CHANNELS": "[]"]).alertChannels.isEmpty)
    }

    @Test func errorsNameTheEntryAndTheField() throws {
        let secret = try secretFile()
        let notASecret = try secretFile("hunter2\n")
        defer { remove(secret); remove(notASecret) }
        let first = "  - {name: ops, type: alertmanager, url: \"http://127.0.0.1:9093\"}\n"
        let cases: [(entry: String, key: String, fragment: String)] = [
            ("  - {name: desk, type: webhook, url: \"ftp://x\", secret_file: \(secret)}", "alerts.channels[1].url", "http or https URL"),
            ("  - {name: desk, type: webhook, secret_file: \(secret)}", "alerts.channels[1].url", "is required"),
            ("  - {name: ops, type: webhook, url: \"http://x\", secret_file: \(secret)}", "alerts.channels[1].name", "unique"),
            ("  - {name: desk, type: pager, url: \"http://x\"}", "alerts.channels[1].type", "alertmanager or webhook"),
            ("  - {name: desk, type: webhook, url: \"http://x\"}", "alerts.channels[1].secret_file", "is required"),
            ("  - {name: desk, type: webhook, url: \"http://x\", secret_file: /nonexistent/secret}", "alerts.channels[1].secret_file", "cannot read /nonexistent/secret"),
            ("  - {name: desk, type: webhook, url: \"http://x\", secret_file: \(notASecret)}", "alerts.channels[1].secret_file", "whsec_"),
            ("  - {name: desk, type: webhook, url: \"http://x\", secret_file: \(secret), timeout_seconds: 0}", "alerts.channels[1].timeout_seconds", "from 1 to 300"),
            ("  - {name: desk, type: webhook, url: \"http://x\", secret_file: \(secret), resend_seconds: 5}", "alerts.channels[1].resend_seconds", "not a setting of a webhook"),
            ("  - {name: \"a b\", type: webhook, url: \"http://x\", secret_file: \(secret)}", "alerts.channels[1].name", "letters, digits"),
            ("  - {name: desk, type: webhook, url: [\"http://x\"], secret_file: \(secret)}", "alerts.channels[1].url", "a single value"),
            ("  - just text", "alerts.channels[1]", "expected a mapping"),
        ]
        for (entry, key, fragment) in cases {
            let error = loadError(file: "alerts:\n  channels:\n" + first + entry + "\n")
            #expect(error?.key == key, "\(entry)")
            #expect(error?.message.contains(fragment) == true, "\(entry): \(error?.message ?? "")")
        }
        // The secret file's text is never quoted back.
        let wrong = loadError(file: "alerts:\n  channels:\n  - {name: desk, type: webhook, url: \"http://x\", secret_file: \(notASecret)}\n")
        #expect(wrong?.description.contains("hunter2") == false)
    }

    @Test func theEnvironmentsErrorsNameTheVariable() {
        let notJSON = loadError(environment: ["TIMELINED_ALERTS_CHANNELS": "name: ops"])
        #expect(notJSON?.key == "alerts.channels")
        #expect(notJSON?.message.contains("TIMELINED_ALERTS_CHANNELS") == true)
        let notAnObject = loadError(environment: ["TIMELINED_ALERTS_CHANNELS": #"[{"name": "ops", "type": "alertmanager", "url": "http://x"}, 3]"#])
        #expect(notAnObject?.key == "alerts.channels[1]")
        let badNumber = loadError(environment: ["TIMELINED_ALERTS_CHANNELS": #"[{"name": "ops", "type": "alertmanager", "url": "http://x", "resend_seconds": 1.5}]"#])
        #expect(badNumber?.key == "alerts.channels[0].resend_seconds")
    }

    @Test func checkConfigShowsTheChannelsButNeverTheKey() throws {
        let secret = try secretFile()
        defer { remove(secret) }
        let configuration = try load(file: """
            alerts:
              channels:
                - {name: desk, type: webhook, url: "http://127.0.0.1:8099/hook", secret_file: \(secret)}
            """)
        let shown = try #require(configuration.summary["alerts.channels"])
        #expect(shown == "desk webhook http://127.0.0.1:8099/hook timeout_seconds=15")
        #expect(configuration.summary["alerts.delivery_max_age_seconds"] == "259200")
        #expect(!configuration.summary.values.contains { $0.contains("MfKQ9r8") || $0.contains(secret) })
    }

    @Test func aReloadAppliesNewChannels() throws {
        let secret = try secretFile()
        defer { remove(secret) }
        let running = try load()
        let loaded = try load(file: """
            alerts:
              delivery_max_age_seconds: 60
              channels:
                - {name: desk, type: webhook, url: "http://127.0.0.1:8099/hook", secret_file: \(secret)}
            """)
        let (next, awaitingRestart) = running.reloading(loaded)
        #expect(next.alertChannels == loaded.alertChannels)
        #expect(next.alerts.deliveryMaxAgeSeconds == 60)
        #expect(awaitingRestart.isEmpty)
    }
}
