import Foundation
import TimelineCore

/// Foundation's `JSONSerialization` as an independent second reading of the bytes `JSONValue(parsing:)`
/// accepted, for the conformance tests and the fuzzer.
///
/// Only meaningful in that direction: Foundation is the more lenient parser (it takes `[1,]`, duplicate
/// keys, UTF-16 input), so a text it accepts and `JSONValue` refuses proves nothing by itself.
public enum FoundationJSONComparison {
    /// Nil when Foundation reads `bytes` as the same value; otherwise where and how the two differ.
    public static func difference(_ value: JSONValue, parsing bytes: some Collection<UInt8>) -> String? {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return "Foundation refuses what JSONValue accepted: \(error)"
        }
        return difference(value, object, at: "$")
    }

    private static func difference(_ value: JSONValue, _ object: Any, at path: String) -> String? {
        switch value {
        case .null:
            return object is NSNull ? nil : mismatch(path, value, object)
        case .bool(let bool):
            guard let number = object as? NSNumber, isBoolean(number), number.boolValue == bool else {
                return mismatch(path, value, object)
            }
            return nil
        case .number(let double):
            guard let number = object as? NSNumber, !isBoolean(number), sameNumber(double, number) else {
                return mismatch(path, value, object)
            }
            return nil
        case .string(let string):
            guard let other = object as? String, comparable(string) == comparable(other) else {
                return mismatch(path, value, object)
            }
            return nil
        case .array(let elements):
            guard let others = object as? [Any], others.count == elements.count else {
                return mismatch(path, value, object)
            }
            for (index, (element, other)) in zip(elements, others).enumerated() {
                if let difference = difference(element, other, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        case .object(let members):
            guard let others = object as? [String: Any] else { return mismatch(path, value, object) }
            let otherMembers = Dictionary(others.map { (comparable($0.key), $0.value) }) { first, _ in first }
            // Names that differ only in U+FEFF cannot be told apart in Foundation's reading.
            guard Set(members.keys.map(comparable)).count == members.count else { return nil }
            guard otherMembers.count == members.count else { return mismatch(path, value, object) }
            for (key, member) in members {
                guard let other = otherMembers[comparable(key)] else {
                    return "\(path): Foundation has no member \(key.debugDescription)"
                }
                if let difference = difference(member, other, at: "\(path)[\(key.debugDescription)]") {
                    return difference
                }
            }
            return nil
        }
    }

    /// A string as compared: scalar by scalar, since `==` on String equates canonically equivalent
    /// spellings, and without U+FEFF, which Foundation on Linux drops where it starts a string or
    /// follows an escape (it decodes each run between escapes as UTF-8 text of its own and takes the
    /// character for a byte order mark there); `JSONValue` keeps it, as RFC 8259 says.
    private static func comparable(_ string: String) -> [Unicode.Scalar] {
        string.unicodeScalars.filter { $0 != "\u{FEFF}" }
    }

    /// Foundation gives `true` and `false` as NSNumbers whose type code is C `char`; JSON numbers never get it.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// `JSONValue` rounds every number correctly to a `Double`. Foundation does too, except for
    /// numbers too long for a 64-bit integer, which it reads as `Decimal`, whose conversion to
    /// `Double` can be off in the last digits (it reads 1e160 spelt out in full as 1.0000000000000005e160).
    private static func sameNumber(_ double: Double, _ number: NSNumber) -> Bool {
        let other = number.doubleValue
        if double == other { return true }
        guard number is NSDecimalNumber else { return false }
        return abs(double - other) <= max(abs(double), abs(other)) * 1e-13
    }

    private static func mismatch(_ path: String, _ value: JSONValue, _ object: Any) -> String {
        "\(path): JSONValue reads \(value), Foundation \(type(of: object)) \(object)"
    }
}
