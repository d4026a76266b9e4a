import Foundation
import Subprocess

/// How a program that ran to its end ended, with what it printed on stdout and stderr.
struct ProgramOutcome: Sendable {
    let termination: TerminationStatus
    let output: String

    var succeeded: Bool { termination.isSuccess }

    /// The lines that matter joined into one, for one-line error messages: from the first
    /// error on (PostgreSQL's tools print progress before it), else the last few. How the
    /// program ended is added when its output cannot tell: a signal, or nothing printed.
    var tail: String {
        let printed = Self.tail(of: output)
        switch termination {
        case .exited(let code):
            return printed.isEmpty ? "it exited with status \(code) and printed nothing" : printed
        case .signaled(let signal):
            let ended = "signal \(signal) (\(String(cString: strsignal(signal)))) ended it"
            return printed.isEmpty ? ended : "\(ended) after: \(printed)"
        }
    }

    static func tail(of text: String, lines count: Int = 3) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let firstError = lines.firstIndex { line in
            ["error:", "FATAL:", "PANIC:"].contains { line.contains($0) }
        }
        let kept = firstError.map { lines[$0...].prefix(count) } ?? lines.suffix(count)
        // The error description goes on after it with "; ".
        let joined = kept.joined(separator: " / ")
        return joined.hasSuffix(".") ? String(joined.dropLast()) : joined
    }
}
