import Testing
@testable import TimelinePages

@Suite("Markup writer and escaping")
struct MarkupWriterTests {
    @Test("Markup characters, quotes and C0 controls are replaced; other text, multi-byte included, is kept")
    func escaping() {
        #expect(MarkupEscaping.escaped(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(MarkupEscaping.escaped("Brasília – 北京 🇨🇳") == "Brasília – 北京 🇨🇳")
        #expect(MarkupEscaping.escaped("a\u{0}b\u{1F}c\td\ne\rf") == "a\u{FFFD}b\u{FFFD}c\td\ne\rf")
        #expect(MarkupEscaping.escaped("") == "")
        #expect(MarkupEscaping.escaped("&&") == "&amp;&amp;")
        #expect(MarkupEscaping.escaped("北京<") == "北京&lt;")
    }

    @Test("Every ASCII byte: only the markup characters, the quotes and the C0 controls but tab, LF and CR change")
    func everyASCIIByte() {
        let named: [UInt8: String] = [0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&#39;"]
        for byte in UInt8(0)..<0x80 {
            let character = String(Character(Unicode.Scalar(byte)))
            let expected = named[byte] ?? (byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte) ? "\u{FFFD}" : character)
            #expect(MarkupEscaping.escaped("a" + character + "b") == "a" + expected + "b", "byte \(byte)")
        }
    }

    /// Long text is looked at eight bytes at a time: every ASCII byte at every place in a word, and
    /// across two words, alone (whether the text needs escaping at all is decided by the same
    /// scan) and beside an `&`.
    @Test("Every ASCII byte at every position of long text")
    func everyASCIIByteAtEveryPosition() {
        let named: [UInt8: String] = [0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x27: "&#39;"]
        var wrong: [String] = []
        for byte in UInt8(0)..<0x80 {
            let character = String(Character(Unicode.Scalar(byte)))
            let expected = named[byte] ?? (byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte) ? "\u{FFFD}" : character)
            for position in 0..<20 {
                for besideAnAmpersand in [false, true] {
                    var text = Array(repeating: "x", count: 20)
                    var escaped = text
                    text[position] = character
                    escaped[position] = expected
                    if besideAnAmpersand {
                        text[(position + 10) % 20] = "&"
                        escaped[(position + 10) % 20] = "&amp;"
                    }
                    if MarkupEscaping.escaped(text.joined()) != escaped.joined() {
                        wrong.append("byte \(byte) at \(position)\(besideAnAmpersand ? " beside an &" : "")")
                    }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test("An element without content closes its start tag in XML, and gets an end tag in HTML")
    func emptyElements() {
        var xml = MarkupWriter(.xml)
        xml.element("g", [XMLAttribute("class", "marks")])
        xml.element("title", text: "")
        #expect(xml.markup == #"<g class="marks"/><title/>"#)
        var html = MarkupWriter(.html)
        html.element("span", [XMLAttribute("class", "tag")])
        html.element("p", text: "")
        #expect(html.markup == #"<span class="tag"></span><p></p>"#)
    }

    @Test("Attribute values and text are escaped; nested elements close in order")
    func nesting() {
        var writer = MarkupWriter(.html)
        writer.element("li", [XMLAttribute("id", #"e"1"#)]) { writer in
            writer.element("a", [XMLAttribute("href", "https://example.org/?a=1&b=2")], text: "<script>")
            writer.text(" & more")
        }
        #expect(writer.markup == #"<li id="e&quot;1"><a href="https://example.org/?a=1&amp;b=2">&lt;script&gt;</a> &amp; more</li>"#)
    }

    @Test("A tree is written through the writer: the same markup either way")
    func treeAndWriterAgree() {
        let tree = XMLNode.element("svg", [XMLAttribute("viewBox", "0 0 10 10")], [
            .element("circle", [XMLAttribute("r", 4.5)]), .element("title", [], [.text("A & B")]),
        ])
        #expect(tree.markup == #"<svg viewBox="0 0 10 10"><circle r="4.5"/><title>A &amp; B</title></svg>"#)
        #expect(tree.markup(.html) == #"<svg viewBox="0 0 10 10"><circle r="4.5"></circle><title>A &amp; B</title></svg>"#)
    }
}
