import Foundation

// MARK: - Nested repetition, refused on load

/// Finds the shape of pattern that makes a backtracking matcher take exponential time: a
/// group repeated more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1) whose body can
/// match a run of one repeated element in many ways, as in `(x+)+`, `(x+x+)+`,
/// `(\w+\s?)*` or `([^,]+,?)+`. Then a text that almost matches can be split between the
/// iterations in exponentially many ways, and ICU tries them all.
///
/// The check is deliberately narrow, so that it does not refuse the safe patterns people
/// commonly write: a body with a required element that is not the repeated one (`(\d+\.)+`, `([a-z]+-)*`,
/// `(a+b+)+`) passes, as do possessive (`x++`) and atomic (`(?>…)`) repetition, which do
/// not backtrack. Other slow shapes (`(a|aa)+`, backreferences, `(.*a){20}`) are left to the
/// time budget of `Pattern`. When the scan meets syntax it does not model (free-spacing
/// mode `(?x)`, stacked quantifiers) it refuses nothing.
enum NestedRepetition {
    /// The first offending repeated group with its quantifier, e.g. `(x+x+)+`; nil when
    /// none is found. `pattern` should already compile.
    static func find(_ pattern: String) -> String? {
        var scanner = Scanner(Array(pattern.unicodeScalars))
        guard let top = scanner.parseTop() else { return nil }
        return offending(top, in: scanner.chars)
    }

    /// One element of a sequence: an atom, a group or an assertion, with its quantifier.
    struct Piece {
        enum Kind {
            /// Matches text: a character, class, escape or backreference; `key` says which.
            case atom
            /// A group. An atomic group is not backtracked into; a lookaround group consumes
            /// nothing and restricts like an assertion.
            case group(Group)
            /// Zero-width and restricting: `^`, `$`, `\b`, `\A` …. Never optional.
            case assertion
            /// Changes nothing matched: an inline flag setting such as `(?i)`.
            case neutral
        }
        var kind: Kind
        /// What the piece matches, for telling that two pieces repeat the same thing.
        var key: String
        /// Where it starts and ends in the pattern, quantifier included.
        var start: Int
        var end: Int
        var min = 1
        /// nil for no upper bound.
        var max: Int? = 1
        var possessive = false
        var quantified = false

        /// Repeated more than once, with backtracking.
        var repeats: Bool { !possessive && (max.map { $0 > 1 } ?? true) }
        var unbounded: Bool { !possessive && max == nil }
    }

    final class Group {
        var alternatives: [[Piece]] = [[]]
        var atomic = false
        var lookaround = false
    }

    /// The first repeated group (innermost first) whose body can match a run of one element
    /// in many ways.
    private static func offending(_ group: Group, in chars: [Unicode.Scalar]) -> String? {
        for alternative in group.alternatives {
            for piece in alternative {
                guard case let .group(inner) = piece.kind else { continue }
                if let found = offending(inner, in: chars) { return found }
                if piece.repeats, !inner.atomic, !inner.lookaround, ambiguous(inner) {
                    let end = Swift.min(piece.end, chars.count)
                    var text = ""
                    if piece.start >= 0, piece.start < end { text.unicodeScalars.append(contentsOf: chars[piece.start..<end]) }
                    return text
                }
            }
        }
        return nil
    }

    /// Whether some alternative of the body has an unbounded element `u` such that every
    /// other element is optional, changes nothing, or matches what `u` matches.
    private static func ambiguous(_ group: Group) -> Bool {
        for alternative in group.alternatives {
            let pieces = flattened(alternative)
            for (i, u) in pieces.enumerated() where u.unbounded {
                if case .assertion = u.kind { continue }
                if case .neutral = u.kind { continue }
                if case let .group(g) = u.kind, g.lookaround { continue }
                let others = pieces.indices.filter { $0 != i }.map { pieces[$0] }
                if others.allSatisfy({ other in
                    switch other.kind {
                    case .neutral: return true
                    case .assertion: return false
                    case let .group(g) where g.lookaround: return false
                    case .atom, .group: return other.min == 0 || other.key == u.key
                    }
                }) {
                    return true
                }
            }
        }
        return false
    }

    /// The pieces of an alternative with plain groups that are neither quantified nor
    /// alternations opened up: `((x+)(x+))` reads as `x+ x+`.
    private static func flattened(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for p in pieces {
            if case let .group(g) = p.kind, !p.quantified, !g.atomic, !g.lookaround, g.alternatives.count == 1 {
                out += flattened(g.alternatives[0])
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// A recursive-descent reading of ICU syntax, just deep enough to find groups,
    /// alternatives and quantifiers. Every read is bounds-checked; anything it does not
    /// model makes it give up (nil) rather than guess.
    struct Scanner {
        let chars: [Unicode.Scalar]
        var i = 0
        var depth = 0
        /// Deeper nesting than this is left to the time budget (the pattern is at most 500 characters).
        static let maxDepth = 200

        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            let j = i + offset
            return j >= 0 && j < chars.count ? chars[j] : nil
        }

        func text(_ from: Int, _ to: Int) -> String {
            var s = ""
            if from < to, from >= 0, to <= chars.count { s.unicodeScalars.append(contentsOf: chars[from..<to]) }
            return s
        }

        mutating func parseTop() -> Group? {
            guard let g = parseAlternatives() else { return nil }
            return i == chars.count ? g : nil  // a stray `)` is not a valid pattern
        }

        /// Alternatives up to a `)` (not consumed) or the end.
        mutating func parseAlternatives() -> Group? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { return nil }
            let group = Group()
            while let c = peek(), c != ")" {
                if c == "|" {
                    group.alternatives.append([])
                    i += 1
                    continue
                }
                if "*+?{".unicodeScalars.contains(c) {
                    guard quantify(&group.alternatives[group.alternatives.count - 1]) else { return nil }
                    continue
                }
                guard let pieces = parsePiece() else { return nil }
                group.alternatives[group.alternatives.count - 1] += pieces
            }
            return group
        }

        /// Applies the quantifier at `i` to the last piece; false when there is none to apply to.
        mutating func quantify(_ pieces: inout [Piece]) -> Bool {
            guard var last = pieces.popLast(), !last.quantified else { return false }
            switch last.kind {
            case .atom, .group: break
            case .assertion, .neutral: return false
            }
            guard let c = peek() else { return false }
            switch c {
            case "*": (last.min, last.max) = (0, nil); i += 1
            case "+": (last.min, last.max) = (1, nil); i += 1
            case "?": (last.min, last.max) = (0, 1); i += 1
            default:
                // `{n}`, `{n,}`, `{n,m}`; ICU refuses any other use of `{`.
                i += 1
                guard let lo = number() else { return false }
                var hi: Int? = lo
                if peek() == "," {
                    i += 1
                    hi = peek() == "}" ? nil : number()
                    if hi == nil, peek() != "}" { return false }
                }
                guard peek() == "}" else { return false }
                i += 1
                (last.min, last.max) = (lo, hi)
            }
            if peek() == "?" {
                i += 1
            } else if peek() == "+" {
                i += 1
                last.possessive = true
            }
            last.quantified = true
            last.end = i
            pieces.append(last)
            return true
        }

        /// Decimal digits, capped so a long run cannot overflow.
        mutating func number() -> Int? {
            var n = 0
            var any = false
            while let c = peek(), ("0"..."9").contains(c) {
                n = Swift.min(n * 10 + Int(c.value - 48), 1_000_000_000)
                any = true
                i += 1
            }
            return any ? n : nil
        }

        /// The piece(s) at `i`: usually one, several for a `\Q…\E` quotation, none for a comment.
        mutating func parsePiece() -> [Piece]? {
            let start = i
            guard let c = peek() else { return nil }
            switch c {
            case "(":
                return parseGroup()
            case "[":
                guard skipClass() else { return nil }
                return [Piece(kind: .atom, key: "C" + text(start, i), start: start, end: i)]
            case "\\":
                return parseEscape()
            case ".":
                i += 1
                return [Piece(kind: .atom, key: "D", start: start, end: i)]
            case "^", "$":
                i += 1
                return [Piece(kind: .assertion, key: "", start: start, end: i)]
            default:
                i += 1
                return [Piece(kind: .atom, key: "L" + String(c), start: start, end: i)]
            }
        }

        /// A group, an inline flag setting, or nothing for a comment.
        mutating func parseGroup() -> [Piece]? {
            let start = i
            i += 1  // (
            let group = Group()
            if peek() == "?" {
                i += 1
                switch peek() {
                case ":": i += 1
                case ">": i += 1; group.atomic = true
                case "=", "!": i += 1; group.lookaround = true
                case "#":
                    // A comment: up to the first `)`, invisible to quantifiers (`x(?#c)+` repeats x).
                    while let c = peek(), c != ")" { i += 1 }
                    guard peek() == ")" else { return nil }
                    i += 1
                    return []
                case "<":
                    i += 1
                    if peek() == "=" || peek() == "!" {
                        i += 1
                        group.lookaround = true
                    } else {
                        // A named group `(?<name>…)`.
                        while let c = peek(), c != ">" { i += 1 }
                        guard peek() == ">" else { return nil }
                        i += 1
                    }
                default:
                    // Flags: `(?i)`, `(?i-m)`, or a scoped `(?i:…)`.
                    var on = true
                    while let c = peek(), c.properties.isAlphabetic || c == "-" {
                        if c == "-" { on = false }
                        // Free-spacing mode changes how everything after reads: not modelled.
                        if on, c == "x" { return nil }
                        i += 1
                    }
                    if peek() == ")" {
                        i += 1
                        return [Piece(kind: .neutral, key: "", start: start, end: i)]
                    }
                    guard peek() == ":" else { return nil }
                    i += 1
                }
            }
            guard let body = parseAlternatives(), peek() == ")" else { return nil }
            i += 1
            group.alternatives = body.alternatives
            // A lookaround restricts like an assertion, yet is still scanned for nested repetition inside it.
            return [Piece(kind: .group(group), key: group.lookaround ? "" : "G" + text(start, i), start: start, end: i)]
        }

        /// Moves past a character class, nested classes (`[a-z&&[^b]]`, `[[:alpha:]]`) included;
        /// `]` right after `[` or `[^` is a literal.
        mutating func skipClass() -> Bool {
            var level = 0
            while let c = peek() {
                switch c {
                case "\\":
                    i += 2
                case "[":
                    level += 1
                    i += 1
                    if peek() == "^" { i += 1 }
                    if peek() == "]" { i += 1 }
                case "]":
                    level -= 1
                    i += 1
                    if level == 0 { return true }
                default:
                    i += 1
                }
            }
            return false
        }

        mutating func parseEscape() -> [Piece]? {
            let start = i
            i += 1  // backslash
            guard let c = peek() else { return nil }
            i += 1
            func atom() -> Piece { Piece(kind: .atom, key: "E" + text(start, i), start: start, end: i) }
            switch c {
            case "Q":
                // Literal text up to `\E` (or the end): each character is its own piece.
                var pieces: [Piece] = []
                while let q = peek() {
                    if q == "\\", peek(1) == "E" {
                        i += 2
                        break
                    }
                    pieces.append(Piece(kind: .atom, key: "L" + String(q), start: i, end: i + 1))
                    i += 1
                }
                return pieces
            case "E":
                return []
            case "b", "B", "A", "z", "Z", "G":
                return [Piece(kind: .assertion, key: "", start: start, end: i)]
            case "p", "P", "N":
                if peek() == "{" { guard skip(past: "}") else { return nil } } else if c != "N" { i += 1 }
                return [atom()]
            case "x":
                if peek() == "{" { guard skip(past: "}") else { return nil } } else { i = Swift.min(i + 2, chars.count) }
                return [atom()]
            case "u": i = Swift.min(i + 4, chars.count); return [atom()]
            case "U": i = Swift.min(i + 8, chars.count); return [atom()]
            case "c": i = Swift.min(i + 1, chars.count); return [atom()]
            case "k":
                guard peek() == "<", skip(past: ">") else { return nil }
                return [atom()]
            case "0":
                var n = 0
                while n < 3, let d = peek(), ("0"..."7").contains(d) { i += 1; n += 1 }
                return [atom()]
            case "1"..."9":
                while let d = peek(), ("0"..."9").contains(d) { i += 1 }
                return [atom()]
            default:
                if c.properties.isAlphabetic || ("0"..."9").contains(c) { return [atom()] }
                // An escaped symbol is that character, the same as it quoted in `\Q…\E`.
                return [Piece(kind: .atom, key: "L" + String(c), start: start, end: i)]
            }
        }

        /// Moves past the next `terminator`; false when there is none.
        mutating func skip(past terminator: Unicode.Scalar) -> Bool {
            while let c = peek() {
                i += 1
                if c == terminator { return true }
            }
            return false
        }
    }
}
