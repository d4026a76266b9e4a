import Foundation

/// Progress of a long import on stderr, at most one line every few seconds, so that a file that
/// takes minutes shows it is moving and a small one prints nothing.
final class ImportProgress {
    private let interval: TimeInterval
    private var next: Date

    init(interval: TimeInterval = 5) {
        self.interval = interval
        next = Date().addingTimeInterval(interval)
    }

    func report(_ line: @autoclosure () -> String) {
        let now = Date()
        guard now >= next else { return }
        next = now.addingTimeInterval(interval)
        FileHandle.standardError.write(Data("timelined: \(line())\n".utf8))
    }
}
