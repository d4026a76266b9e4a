import Foundation
import Logging
import Synchronization
import Testing
import TimelineAlerts
import TimelineCore

@testable import TimelineDaemon

/// Notification lines under journald (contract §12): through the native socket, with
/// `MESSAGE_ID=`, `AGREEMENT=` and `PRIORITY=`; every other line, and a notification the socket
/// does not take, on stderr as before. A datagram socket in a temporary directory stands in for
/// journald's, so the test reads exactly what journald would receive.
@Suite("Journal socket")
struct JournalSocketTests {
    /// A bound datagram socket that collects what arrives.
    final class Receiver {
        let path: String
        private let descriptor: Int32

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString.prefix(8))").path
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(bound == 0)
        }

        deinit {
            close(descriptor)
            unlink(path)
        }

        /// The next datagram, without waiting; nil when none is there.
        func datagram() -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            return count < 0 ? nil : Array(buffer.prefix(count))
        }
    }

    /// The fields of a native-protocol datagram, in the simple `KEY=value\n` form and the binary one.
    static func fields(_ datagram: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        var index = datagram.startIndex
        while index < datagram.endIndex {
            let lineEnd = datagram[index...].firstIndex(of: UInt8(ascii: "\n")) ?? datagram.endIndex
            let line = datagram[index..<lineEnd]
            if let equals = line.firstIndex(of: UInt8(ascii: "=")) {
                fields[String(decoding: line[..<equals], as: UTF8.self)] = String(decoding: line[(equals + 1)...], as: UTF8.self)
                index = lineEnd + 1
            } else {
                let length = datagram[(lineEnd + 1)..<(lineEnd + 9)].reversed().reduce(0) { $0 << 8 | Int($1) }
                let value = datagram[(lineEnd + 9)..<(lineEnd + 9 + length)]
                fields[String(decoding: line, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                index = lineEnd + 9 + length + 1
            }
        }
        return fields
    }

    private func logger(journal: JournalSocket?, into captured: LogLineTests.Captured) -> Logger {
        Logger(label: "test") { label in
            StructuredLogHandler(
                label: label, level: { .trace }, format: .logfmt, journalPrefix: true, output: captured.writer, journal: journal)
        }
    }

    private static let notification = DeliverableNotification(
        agreementID: "us-cn-sta", title: "US–China S&T Agreement",
        notification: ExpiryNotification(kind: .reached, expiresOn: CalendarDate(year: 2024, month: 2, day: 27), threshold: 30, daysRemaining: 28),
        evaluatedOn: CalendarDate(year: 2024, month: 1, day: 30)!)

    @Test func notificationLinesGoToTheJournalWithTheirFields() throws {
        let receiver = try Receiver()
        let captured = LogLineTests.Captured()
        let logger = logger(journal: try #require(JournalSocket(path: receiver.path)), into: captured)
        ExpiryLogChannel(logger: logger).deliver(Self.notification)
        logger.info("something else", metadata: ["agreement": "us-cn-sta"])

        let fields = Self.fields(try #require(receiver.datagram()))
        #expect(fields["MESSAGE_ID"] == "57e2509bf0b44d6aa328e4f96a259a77")
        #expect(fields["AGREEMENT"] == "us-cn-sta")
        #expect(fields["PRIORITY"] == "4")
        #expect(fields["SYSLOG_IDENTIFIER"] == "timelined")
        let message = try #require(fields["MESSAGE"])
        #expect(message.hasPrefix("ts="))
        #expect(message.contains(#" level=warning msg="agreement expiry" agreement=us-cn-sta days_remaining=28 event=reached expires_on=2024-02-27"#))
        #expect(receiver.datagram() == nil)
        // Only the other line went to stderr, with its priority prefix.
        #expect(captured.all.count == 1)
        #expect(captured.all.first?.hasPrefix("<6>ts=") == true)
        #expect(captured.all.first?.contains("msg=\"something else\"") == true)
    }

    @Test func everyEventHasItsOwnMessageID() {
        let ids = Set([NotificationKind.reached, .due, .expired, .extended, .renewed, .terminated].map(NotificationJournalEntry.messageID))
        #expect(ids.count == 6)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        // Each is explained in the catalog.
        let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("systemd/timelined.catalog")
        let text = (try? String(contentsOf: catalog, encoding: .utf8)) ?? ""
        #expect(ids.allSatisfy { text.contains("-- \($0)\n") })
    }

    @Test func aValueWithALineFeedTravelsInTheBinaryForm() throws {
        let receiver = try Receiver()
        let socket = try #require(JournalSocket(path: receiver.path))
        #expect(socket.send(["MESSAGE": "one\ntwo", "AGREEMENT": "a"]))
        let datagram = try #require(receiver.datagram())
        #expect(Array(datagram.prefix(8)) == Array("MESSAGE\n".utf8))
        #expect(Self.fields(datagram) == ["MESSAGE": "one\ntwo", "AGREEMENT": "a"])
    }

    @Test func withoutAJournalTheNotificationStaysOnStderr() throws {
        let captured = LogLineTests.Captured()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-journal-\(UUID().uuidString)").path
        ExpiryLogChannel(logger: logger(journal: JournalSocket(path: missing), into: captured)).deliver(Self.notification)
        #expect(captured.all.count == 1)
        #expect(captured.all.first?.hasPrefix("<4>ts=") == true)
        #expect(captured.all.first?.contains("msg=\"agreement expiry\"") == true)
    }
}
