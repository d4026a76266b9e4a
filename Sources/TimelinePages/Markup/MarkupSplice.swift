import Synchronization

/// Puts a page's `TrustedMarkup` into the page as bytes, after the templates rendered: each one
/// leaves a marker in the templates' output and its bytes here, in the order the templates use
/// them. The chart and the event list, most of a page, so never become a `String` (whose UTF-8
/// check alone cost a 50-event page ~6 % of its time) nor are copied into the templates' output.
final class MarkupSplice: Sendable {
    /// The splice of the page being rendered on this task.
    @TaskLocal static var current: MarkupSplice?

    /// A comment no template writes, and no value can hold: Mustache escapes every `<` of a value,
    /// and the `MarkupWriter` writes no comments.
    private static let marker: StaticString = "<!--timelined:trusted-markup-->"

    private let pieces = Mutex<[[UInt8]]>([])

    func marker(for bytes: [UInt8]) -> String {
        pieces.withLock { $0.append(bytes) }
        return Self.marker.description
    }

    /// `rendered` with the pieces in place of their markers.
    func bytes(of rendered: String) -> [UInt8] {
        let pieces = pieces.withLock { $0 }
        var output: [UInt8] = []
        output.reserveCapacity(rendered.utf8.count + pieces.reduce(0) { $0 + $1.count })
        var next = pieces.makeIterator()
        Self.marker.withUTF8Buffer { marker in
            var rendered = rendered
            rendered.withUTF8 { text in
                var runStart = 0
                var index = 0
                while index + marker.count <= text.count {
                    guard text[index] == marker[0], text[index..<(index + marker.count)].elementsEqual(marker) else {
                        index += 1
                        continue
                    }
                    // Templates are part of the build, and the page tests render every one.
                    guard let piece = next.next() else { preconditionFailure("a markup marker without its markup") }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                    output.append(contentsOf: piece)
                    index += marker.count
                    runStart = index
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
            }
        }
        precondition(next.next() == nil, "markup put in a template where it was escaped, or not at all")
        return output
    }
}
