import Foundation
import LeadData
import Reports
import Testing

/// Every character a CRM value may not carry raw into an output, each between letters.
let unsafeSamples: [(name: String, scalar: Unicode.Scalar)] = [
    ("NUL", "\u{0}"), ("BEL", "\u{07}"), ("BS", "\u{08}"), ("ESC", "\u{1B}"), ("DEL", "\u{7F}"), ("LF", "\n"), ("CR", "\r"),
    ("VT", "\u{0B}"), ("FF", "\u{0C}"), ("TAB", "\t"), ("C1 CSI", "\u{9B}"), ("NEL", "\u{85}"), ("LINE SEPARATOR", "\u{2028}"),
    ("PARAGRAPH SEPARATOR", "\u{2029}"), ("LRE", "\u{202A}"), ("RLE", "\u{202B}"), ("PDF", "\u{202C}"), ("LRO", "\u{202D}"),
    ("RLO", "\u{202E}"), ("LRI", "\u{2066}"), ("RLI", "\u{2067}"), ("FSI", "\u{2068}"), ("PDI", "\u{2069}"),
]

/// The unsafe scalars in `text` (none may be there).
func unsafeScalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { UnsafeCharacters.replacement($0) != nil }
}

@Suite("One sanitiser per output kind")
struct SanitiserTests {
    @Test("each unsafe character is made safe in HTML, Markdown and CSV, by the buffer and by the string escaper", arguments: unsafeSamples.map(\.name))
    func madeSafe(name: String) throws {
        let scalar = try #require(unsafeSamples.first { $0.name == name }).scalar
        let value = "RTL" + String(Character(scalar)) + "evil.exe Corp"
        var html = ReportBuffer(), markdown = ReportBuffer(), csv = ReportBuffer()
        html.appendHTML(value)
        markdown.appendMarkdown(value)
        csv.appendCSV(value)
        for (kind, bytes) in [("html", html.bytes), ("markdown", markdown.bytes), ("csv", csv.bytes)] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(unsafeScalars(text).isEmpty, "\(name) in \(kind): \(text.debugDescription)")
            #expect(text.contains("RTL") && text.contains("evil.exe Corp"), "the rest of the value stays in \(kind)")
        }
        #expect(unsafeScalars(Escaping.html(value)).isEmpty, "Escaping.html must not skip \(name)")
        #expect(unsafeScalars(UnsafeCharacters.oneLine(value)).isEmpty)
    }

    @Test("JSON keeps the value exact: every unsafe character is escaped, and parses back to itself", arguments: unsafeSamples.map(\.name))
    func jsonExact(name: String) throws {
        let scalar = try #require(unsafeSamples.first { $0.name == name }).scalar
        let value = "a" + String(Character(scalar)) + "b"
        var json = ReportBuffer()
        json.appendJSON(value)
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(unsafeScalars(text).isEmpty, "\(text.debugDescription)")
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + text + "]").utf8)) as? [String]
        #expect(parsed == [value])
    }

    @Test("a line break becomes a space, anything else U+FFFD; a safe value is copied whole")
    func replacements() {
        #expect(UnsafeCharacters.oneLine("a\nb\u{2028}c\td") == "a b c d")
        #expect(UnsafeCharacters.oneLine("RTL\u{202E}evil.exe\u{202C} Corp") == "RTL\u{FFFD}evil.exe\u{FFFD} Corp")
        #expect(UnsafeCharacters.oneLine("Müller — Ünïcode 🚀 شركة") == "Müller — Ünïcode 🚀 شركة")
        var csv = ReportBuffer()
        csv.appendCSV("line one\nline two")
        #expect(String(decoding: csv.bytes, as: UTF8.self) == "\"line one line two\"")
    }
}
