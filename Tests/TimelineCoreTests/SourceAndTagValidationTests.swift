import Testing
import TimelineCore

/// Contract §2 rules for `sources` and `tags`.
@Suite struct SourceAndTagValidationTests {
    @Test func acceptsSourcesWithAURLATitleOrBoth() throws {
        let record = try Fixtures.valid(
            Fixtures.record([
                "sources": [
                    ["url": "https://example.org/article", "title": "Article", "published": "2023-08-28"],
                    ["url": "HTTP://example.org"],
                    ["title": "Print edition", "published": "2023"],
                ]
            ]))
        #expect(
            record.sources == [
                EventSource(
                    url: "https://example.org/article", title: "Article",
                    published: PartialDate(year: 2023, month: 8, day: 28)),
                EventSource(url: "HTTP://example.org"),
                EventSource(title: "Print edition", published: PartialDate(year: 2023)),
            ])
    }

    @Test func requiresAURLOrATitle() {
        let issue = Fixtures.singleIssue(of: Fixtures.record(["sources": [["published": "2023"]]]), at: "sources[0]")
        #expect(issue?.message == "needs a url, a title or both")
    }

    @Test(arguments: [
        "ftp://example.org/x", "example.org", "https://", "https:///path", "https://exa mple.org",
        "javascript:alert(1)", "mailto:a@b.c",
    ])
    func rejectsNonHTTPURLs(url: String) {
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["sources": [["url": .string(url)]]]), at: "sources[0].url")
        #expect(issue?.message.hasSuffix("is not an http or https URL") == true)
    }

    @Test func limitsURLLength() throws {
        let base = "https://example.org/"
        let longest = base + String(repeating: "a", count: 2_000 - base.count)
        #expect(
            try Fixtures.valid(Fixtures.record(["sources": [["url": .string(longest)]]])).sources.first?.url == longest)
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["sources": [["url": .string(longest + "a")]]]), at: "sources[0].url")
        #expect(issue?.message == "must be at most 2,000 characters (got 2,001)")
    }

    @Test func checksPublishedAndUnknownMembers() {
        let issues = Fixtures.issues(
            of: Fixtures.record([
                "sources": [
                    ["title": "T", "published": "2023-08-28T10:00:00Z"], ["title": "T", "author": "X"],
                    "https://example.org",
                ]
            ]))
        #expect(issues.map(\.field) == ["sources[0].published", "sources[1].author", "sources[2]"])
        #expect(issues.last?.message == "must be an object with a url, a title or both, not a string")
    }

    @Test func limitsTheNumberOfSources() throws {
        let fifty = JSONValue.array(Array(repeating: ["title": "T"], count: 50))
        #expect(try Fixtures.valid(Fixtures.record(["sources": fifty])).sources.count == 50)
        let issue = Fixtures.singleIssue(
            of: Fixtures.record(["sources": .array(Array(repeating: ["title": "T"], count: 51))]), at: "sources")
        #expect(issue?.message == "must have at most 50 sources (got 51)")
    }

    @Test func acceptsTags() throws {
        let tags = ["trade", "technology", String(repeating: "t", count: 64)]
        #expect(try Fixtures.valid(Fixtures.record(["tags": .array(tags.map(JSONValue.string))])).tags == tags)
    }

    @Test func checksEachTag() {
        let issues = Fixtures.issues(
            of: Fixtures.record([
                "tags": ["ok", "", .string(String(repeating: "t", count: 65)), 7, "ok", "  "]
            ]))
        #expect(issues.map(\.field) == ["tags[1]", "tags[2]", "tags[3]", "tags[4]", "tags[5]"])
        #expect(
            issues.map(\.message) == [
                "must not be empty", "must be at most 64 characters (got 65)", "must be a string, not a number",
                "tag 'ok' is listed twice (first at tags[0])", "must not be only whitespace",
            ])
    }

    @Test func limitsTheNumberOfTags() {
        let tags = JSONValue.array((0...50).map { .string("t\($0)") })
        let issue = Fixtures.singleIssue(of: Fixtures.record(["tags": tags]), at: "tags")
        #expect(issue?.message == "must have at most 50 tags (got 51)")
    }
}
