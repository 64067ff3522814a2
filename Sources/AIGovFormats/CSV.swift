/// CSV (RFC 4180) with cells neutralised against formula injection. The data is exact: on a
/// terminal the CLI sanitises the whole output (`emitPlain`), as for every other format.
public enum CSV {
    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage
    /// return first) gets a leading apostrophe; cells with commas, quotes or line breaks are quoted.
    public static func cell(_ raw: String) -> String {
        var s = raw
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
