import Foundation
import JSONOracle
import Testing
import TimelineCore

/// The cases in Resources/json-conformance (README.md there), in the categories of JSONTestSuite:
/// `accept` must parse to what Foundation reads, `reject` must throw `JSONParseError`, `either` may
/// do both but must give the same answer every time.
@Suite struct JSONConformanceTests {
    /// Where the project refuses what JSONTestSuite accepts or leaves open, and the reason the error must give.
    static let projectDecisions: [String: String] = [
        "object_duplicate_key": "duplicate member name",
        "object_duplicate_key_and_value": "duplicate member name",
        "object_duplicate_canonically_equivalent_keys": "duplicate member name",
        "depth_129_arrays": "nesting is deeper than 128 levels",
        "depth_129_objects": "nesting is deeper than 128 levels",
        "depth_500_arrays": "nesting is deeper than 128 levels",
        "surrogate_lone_high": "unpaired surrogate",
        "surrogate_lone_low": "unpaired surrogate",
        "surrogate_lone_in_key": "unpaired surrogate",
        "surrogate_inverted_pair": "unpaired surrogate",
        "surrogate_high_then_non_surrogate": "unpaired surrogate",
        "number_huge_exponent": "out of range",
        "number_negative_huge_exponent": "out of range",
        "number_int_400_digits": "out of range",
        "utf8_encoded_surrogate_d800": "not valid UTF-8",
        "utf8_overlong_six_bytes": "not valid UTF-8",
        "utf8_iso_latin_1": "not valid UTF-8",
        "utf16le_with_bom": "expected a JSON value",
    ]

    @Test(arguments: ConformanceCase.all("accept"))
    func accepts(_ testCase: ConformanceCase) throws {
        let value = try JSONValue(parsing: testCase.bytes)
        #expect(FoundationJSONComparison.difference(value, parsing: testCase.bytes) == nil)
    }

    @Test(arguments: ConformanceCase.all("reject"))
    func rejects(_ testCase: ConformanceCase) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONValue(parsing: testCase.bytes) }
        if let reason = Self.projectDecisions[testCase.name] {
            #expect(error.message.contains(reason), "\(error)")
        }
    }

    @Test(arguments: ConformanceCase.all("either"))
    func answersEitherWayButAlwaysTheSame(_ testCase: ConformanceCase) {
        let first = Result { () throws(JSONParseError) in try JSONValue(parsing: testCase.bytes) }
        let second = Result { () throws(JSONParseError) in try JSONValue(parsing: Array(testCase.bytes)[...]) }
        #expect(first == second)
        if case .success(let value) = first {
            #expect(FoundationJSONComparison.difference(value, parsing: testCase.bytes) == nil)
        }
    }

    /// Foundation drops U+FEFF at the start of a string and after an escape, so the comparison
    /// with it leaves the character out and cannot vouch for it.
    @Test(arguments: [("[\"\u{FEFF}b\"]", "\u{FEFF}b"), ("[\"\\\"\u{FEFF}1f\"]", "\"\u{FEFF}1f")])
    func keepsUFEFFInStrings(text: String, expected: String) throws {
        let string = try #require(try JSONValue(parsing: text).arrayValue?.first?.stringValue)
        #expect(Array(string.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test func everyCategoryHasItsCasesAndEveryDecisionItsFile() {
        #expect(ConformanceCase.all("accept").count >= 100)
        #expect(ConformanceCase.all("reject").count >= 150)
        #expect(ConformanceCase.all("either").count >= 5)
        let rejected = Set(ConformanceCase.all("reject").map(\.name))
        #expect(Set(Self.projectDecisions.keys).subtracting(rejected).isEmpty)
    }
}

struct ConformanceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: Data

    var testDescription: String { name }

    /// The `.json` files of one category, by name.
    static func all(_ category: String) -> [ConformanceCase] {
        guard
            let directory = Bundle.module.url(forResource: "json-conformance", withExtension: nil)?
                .appending(path: category),
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { file in
                (try? Data(contentsOf: file)).map {
                    ConformanceCase(name: file.deletingPathExtension().lastPathComponent, bytes: $0)
                }
            }
    }
}
