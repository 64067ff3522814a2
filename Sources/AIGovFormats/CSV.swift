/// CSV (RFC 4180) with cells neutralised against formula injection and terminal escapes.
public enum CSV {
    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
    /// return first) gets a leading apostrophe; cells with commas, quotes or line breaks are quoted.
    /// Control characters other than tab and line breaks (ESC, BEL, C1, bidi overrides) become
    /// visible placeholders as in every other output: stored text cannot hold them, so one
    /// found in a registry was put there behind aigov's back, and a CSV printed on a terminal
    /// must not pass its colour or title sequences through.
    public static func cell(_ raw: String) -> String {
        var s = raw
        if s.unicodeScalars.contains(where: { u in u.value != 0x09 && u.value != 0x0A && u.value != 0x0D && TextTable.visible(u) != u }) {
            var clean = String.UnicodeScalarView()
            for u in s.unicodeScalars {
                clean.append(u.value == 0x09 || u.value == 0x0A || u.value == 0x0D ? u : TextTable.visible(u))
            }
            s = String(clean)
        }
        if let f = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(f) {
            s = "'" + s
        }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

    public static func table(header: [String], rows: [[String]]) -> String {
        row(header) + rows.map(row).joined()
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
