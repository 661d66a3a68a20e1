import Foundation
import PolicykollTestSupport
import Testing

/// Hostile text in a file name, a mapping key and a declaration's name, through every format of
/// `check`: nothing escapes its field.
@Suite("Safe output: hostile file names, keys and names in every format")
struct HostileOutputTests {
    /// Terminal escapes, XML, workflow commands, Markdown, HTML, a spreadsheet formula, U+2028.
    static let hostile =
        "\u{1B}[31mRED\u{07} </testsuite> ]]> ::error::x %0A | `code` <script>alert(1)</script> =HYPERLINK(\"http://x\") \u{2028}end"

    /// A folder with a declaration whose file name, duplicate key and name are hostile.
    private func makeInput(_ folder: TemporaryFolder) throws -> String {
        // A file name may hold anything but '/' and NUL, a newline included.
        let name = "evil \u{1B}[31m|`<script>`]]>%0A::error::=HYPERLINK()\n\u{2028}.yaml"
        let file = folder.file(name)
        let key = String(Self.hostile.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x2028 }.map(Character.init))
        let escapedKey = key.replacingOccurrences(of: "\"", with: "\\\"")
        let quotedName = Self.hostile.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x2028 ? String(format: "\\u%04X", $0.value) : String($0)
        }.joined().replacingOccurrences(of: "\"", with: "\\\"")
        try Data(
            """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: evil
              name: "\(quotedName)"
              organisation: O
              labels: {"\(escapedKey)": "\(quotedName)"}
            spec:
              personalData: {processed: true}
            ---
            apiVersion: policykoll/v1
            kind: System
            metadata: {id: evil-two, name: N, organisation: O}
            spec:
              labels: {"\(escapedKey)": 1, "\(escapedKey)": 2}

            """.utf8
        ).write(to: file)
        return file.path
    }

    @Test(
        "every format keeps hostile text inside its field", arguments: ["text", "json", "sarif", "junit", "markdown", "github"])
    func format(_ format: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try makeInput(folder)
        let result = await CLI.run(["check", "--format", format] + againstTestPack + [path])
        #expect(result.status == 2, "the duplicate key is an error: \(result.summary)")
        // The first declaration, with the hostile name, is checked: its findings carry the name.
        #expect(result.stdout.contains("TST-EXISTS-001"), "\(format): \(result.summary)")
        #expect(result.stdout.contains("HYPERLINK"), "\(format): \(result.summary)")
        let out = result.stdout
        #expect(!out.isEmpty)
        // No format writes a raw terminal escape, bell or NUL; text and JSON no raw line separator.
        let forbidden = ["\u{1B}", "\u{07}", "\u{0}"] + (["text", "json"].contains(format) ? ["\u{2028}"] : [])
        for scalar in forbidden {
            #expect(!out.contains(scalar), "\(format): raw U+\(String(scalar.unicodeScalars.first!.value, radix: 16)) in\n\(out)")
        }
        switch format {
        case "json", "sarif":
            let object = try JSONSerialization.jsonObject(with: result.stdoutData)
            let text = String(describing: object)
            #expect(text.contains("script"), "the hostile text is kept as data")
        case "junit":
            #expect(out.components(separatedBy: "<testsuite ").count == out.components(separatedBy: "</testsuite>").count)
            if let xmllint = ExternalTool.find("xmllint") {
                let file = folder.file("report.xml")
                try result.stdoutData.write(to: file)
                let check = try ExternalTool.run(xmllint, ["--noout", file.path])
                #expect(check.status == 0, "junit is well-formed XML: \(check.output)")
            }
            #expect(!out.contains("<script>"))
        case "markdown":
            // Outside code spans no HTML survives; every row of a table has the header's cells.
            #expect(!out.replacingOccurrences(of: "`<script>`", with: "").contains("<script>alert"), "\(out)")
            var columns: Int?
            for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else {
                    columns = nil
                    continue
                }
                var count = 0
                var previous: Character = " "
                for character in line {
                    if character == "|", previous != "\\" { count += 1 }
                    previous = character
                }
                #expect(count == (columns ?? count), "a row with \(count) cells, not \(columns ?? 0): \(line)")
                columns = columns ?? count
            }
        case "github":
            // One workflow command per line: the hostile text cannot start a new command.
            for line in result.stdoutLines where !line.isEmpty {
                #expect(line.hasPrefix("::") || line.hasPrefix("policykoll: "), "\(line)")
            }
            #expect(!out.contains("%0A::"), "a newline in data is %0A and '%' itself is escaped")
        default:
            #expect(out.contains("evil"))
        }
    }
}
