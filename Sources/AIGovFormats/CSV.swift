/// CSV (RFC 4180) with cells neutralised against formula injection. The data is exact: on a
/// terminal the CLI sanitises the whole output (`emitPlain`), as for every other format.
public enum CSV {
    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
    /// return first) gets a leading apostrophe; cells with commas, quotes or line breaks are quoted.
    /// Decided on the UTF-8 bytes (issue #25: a listing writes a million cells), so a line
    /// break is quoted whether it is LF, CR or CR LF.
    public static func cell(_ raw: String) -> String {
        var formula = false, quoted = false
        for (i, b) in raw.utf8.enumerated() {
            if i == 0, b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
                || b == 0x09 || b == 0x0D {
                formula = true
            }
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                quoted = true
                break
            }
        }
        if !formula, !quoted { return raw }
        let s = formula ? "'" + raw : raw
        return quoted ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    public static func row(_ cells: [String]) -> String {
        var out = ""
        for (i, c) in cells.enumerated() {
            if i > 0 { out += "," }
            out += cell(c)
        }
        return out + "\r\n"
    }

    public static func table(header: [String], rows: [[String]]) -> String {
        row(header) + rows.map(row).joined()
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
