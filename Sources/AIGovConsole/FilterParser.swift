import AIGovCore
import AIGovStore

/// Parses the registry filter: `tier:high status:production owner:x tag:y` plus free text.
public enum FilterParser {
    /// The query for `text`, or a message naming the first bad term.
    ///
    /// Several values for one key (`tier:high tier:limited`, or `tier:high,limited`) mean any of them.
    public static func parse(_ text: String, base: RegistryQuery = RegistryQuery()) -> Result<RegistryQuery, FilterError> {
        var q = base
        q.filter = SystemFilter()
        var free: [String] = []
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else {
                free.append(word)
                continue
            }
            let key = word[..<colon].lowercased()
            let values = word[word.index(after: colon)...].split(separator: ",").map(String.init)
            guard !values.isEmpty else { return .failure(FilterError(message: "\(key): needs a value")) }
            switch key {
            case "tier":
                for v in values {
                    guard let t = RiskTier(rawValue: v.lowercased()) else {
                        return .failure(FilterError(message: "tier:\(v) is not a tier (\(RiskTier.spellings))"))
                    }
                    q.filter.tiers.append(t)
                }
            case "status":
                for v in values {
                    guard let s = SystemStatus(rawValue: v.lowercased()) else {
                        return .failure(FilterError(message: "status:\(v) is not a status (\(SystemStatus.spellings))"))
                    }
                    q.filter.statuses.append(s)
                }
            case "owner": q.filter.owners += values
            case "tag": q.filter.tags += values
            default:
                return .failure(FilterError(message: "unknown filter \(key): (use tier:, status:, owner:, tag: or plain words)"))
            }
        }
        q.text = free.joined(separator: " ")
        return .success(q)
    }
}

/// A filter that could not be read.
public struct FilterError: Error, Equatable, Sendable {
    public var message: String
}
