/// A member's name as `JSONReader.readObject` hands it over: matched with `==` or a `switch` over
/// name literals, it is compared byte for byte with the document, and never becomes a `String`
/// (a page of events has a thousand names, most of members it does not show).
///
/// Valid only inside the closure it is handed to: it may point into the reader's input.
public struct JSONMemberName {
    private enum Storage {
        case bytes(UnsafeBufferPointer<UInt8>)
        case decoded(String)
    }

    private let storage: Storage

    init(bytes: UnsafeBufferPointer<UInt8>) {
        storage = .bytes(bytes)
    }

    init(decoded: String) {
        storage = .decoded(decoded)
    }

    public static func == (name: JSONMemberName, literal: StaticString) -> Bool {
        literal.withUTF8Buffer { expected in
            switch name.storage {
            // Length first: most names a `switch` tries differ in length, and the rest in their first bytes.
            case .bytes(let bytes): bytes.count == expected.count && bytes.elementsEqual(expected)
            case .decoded(let string): string.utf8.elementsEqual(expected)
            }
        }
    }

    /// Lets a `switch` over a name take name literals as its cases.
    public static func ~= (literal: StaticString, name: JSONMemberName) -> Bool {
        name == literal
    }
}
