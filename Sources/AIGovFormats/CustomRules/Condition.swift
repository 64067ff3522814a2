import AIGovCore
import Foundation

/// A field path resolved when the rule file was loaded: the field, and whether it is read
/// from the whole record (`$.` inside a `where`) rather than from the current entry.
struct FieldRef: Sendable {
    let spec: FieldSpec
    let fromRecord: Bool

    /// The path as the rule wrote it.
    var text: String { fromRecord ? "$." + spec.path : spec.path }

    func value(_ item: Item, _ system: AISystem) -> FieldValue {
        spec.read(fromRecord ? .record : item, system)
    }
}

/// A comparison operator of the condition language.
enum CompareOp: String, Sendable, CaseIterable {
    case eq, ne, lt, le, gt, ge

    /// The spellings, as keys of `age_days` and `count` conditions.
    static let keys = allCases.map(\.rawValue)

    var symbol: String {
        switch self {
        case .eq: "="
        case .ne: "!="
        case .lt: "<"
        case .le: "<="
        case .gt: ">"
        case .ge: ">="
        }
    }

    /// Applies the operator to the result of a three-way comparison.
    func holds(_ order: Int) -> Bool {
        switch self {
        case .eq: order == 0
        case .ne: order != 0
        case .lt: order < 0
        case .le: order <= 0
        case .gt: order > 0
        case .ge: order >= 0
        }
    }

    func holds(_ a: Int, _ b: Int) -> Bool { holds(a < b ? -1 : a > b ? 1 : 0) }
}

/// A literal a field is compared with, typed when the rule file was loaded.
enum Operand: Sendable, Equatable {
    /// Text, with its reading as a number and as a date when it has one.
    case text(String, number: Double?, date: Day?)
    case bool(Bool)
    case number(Double)
    case date(Day)

    init(text: String) {
        self = .text(text, number: Double(text).flatMap { $0.isFinite ? $0 : nil }, date: Day(text))
    }

    var rendered: String {
        switch self {
        case .text(let t, _, _):
            let plain = !t.isEmpty && t.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
            return plain ? t : "\"" + t + "\""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .date(let d): return d.description
        }
    }
}

/// How a quantifier treats the entries that satisfy its `where`.
enum Quantifier: String, Sendable {
    case any, all, none
}

/// A compiled condition of the custom-rule language.
indirect enum Condition: Sendable {
    /// `field: P` with `eq`, `ne`, `lt`, `le`, `gt` or `ge`.
    case compare(FieldRef, CompareOp, Operand)
    /// `field: P` with `in` (or `not_in` when `negated`).
    case member(FieldRef, [Operand], negated: Bool)
    /// `field: P` with `matches`.
    case matches(FieldRef, Pattern)
    /// `field: P` with `present: true|false`.
    case present(FieldRef, Bool)
    /// `age_days: P` with a comparison: days from the date to today.
    case age(FieldRef, CompareOp, Int)
    /// `any|all|none: LIST` with an optional `where`.
    case quantified(Quantifier, FieldRef, Condition?)
    /// `count: LIST` with an optional `where` and a comparison.
    case count(FieldRef, Condition?, CompareOp, Int)
    /// `and: [...]` (or `all: [...]`).
    case and([Condition])
    /// `or: [...]` (or `any: [...]`).
    case or([Condition])
    /// `not: C`.
    case not(Condition)

    /// Whether the condition holds for `item` (`.record` at the top level) of `system`.
    ///
    /// The system is passed down rather than stored, so evaluation never copies the record.
    /// Throws when a `matches` it evaluates has no answer (out of time, or ICU gave up):
    /// that must not read as true or false, so the rule reports it (`CustomRule.evaluate`).
    /// `and`, `or` and the quantifiers stop at the first entry that decides, as before, so
    /// a pattern they never reach cannot fail.
    func holds(_ item: Item, _ system: AISystem, _ today: Day) throws(PatternFailure) -> Bool {
        switch self {
        case let .compare(ref, op, operand):
            let v = ref.value(item, system)
            if op == .eq || op == .ne { return Condition.equal(v, operand) == (op == .eq) }
            guard let order = Condition.order(v, operand) else { return false }
            return op.holds(order)
        case let .member(ref, operands, negated):
            let v = ref.value(item, system)
            return operands.contains { Condition.equal(v, $0) } != negated
        case let .matches(ref, pattern):
            guard case .text(let t) = ref.value(item, system) else { return false }
            switch pattern.match(t) {
            case .match: return true
            case .noMatch: return false
            case .failed(let reason):
                throw PatternFailure(pattern: pattern.source, field: ref.text, reason: reason,
                                     budgetMilliseconds: pattern.budget / 1_000_000)
            }
        case let .present(ref, wanted):
            return ref.value(item, system).isPresent == wanted
        case let .age(ref, op, days):
            guard case .date(let d) = ref.value(item, system) else { return false }
            return op.holds(today.days(since: d), days)
        case let .quantified(q, ref, condition):
            // A value that is not a list cannot happen for a loaded rule; read it as empty.
            guard case .list(let list) = ref.value(item, system) else { return q != .any }
            guard let condition else {
                switch q {
                case .any: return list.count > 0
                case .none: return list.count == 0
                case .all: return true
                }
            }
            switch q {
            case .any:
                for i in 0..<list.count where try condition.holds(list.item(i), system, today) { return true }
                return false
            case .all:
                for i in 0..<list.count where try !condition.holds(list.item(i), system, today) { return false }
                return true
            case .none:
                for i in 0..<list.count where try condition.holds(list.item(i), system, today) { return false }
                return true
            }
        case let .count(ref, condition, op, wanted):
            guard case .list(let list) = ref.value(item, system) else { return op.holds(0, wanted) }
            var n = 0
            for i in 0..<list.count {
                if try condition?.holds(list.item(i), system, today) ?? true { n += 1 }
            }
            return op.holds(n, wanted)
        case let .and(list):
            for c in list where try !c.holds(item, system, today) { return false }
            return true
        case let .or(list):
            for c in list where try c.holds(item, system, today) { return true }
            return false
        case let .not(c):
            return try !c.holds(item, system, today)
        }
    }

    /// The days on which an `age_days` comparison in this condition may flip, for every entry
    /// it may read (`CustomRule.changeDays`): the day the age equals the number and the next.
    func changeDays(_ item: Item, _ system: AISystem, into days: inout [Day]) {
        switch self {
        case .compare, .member, .matches, .present:
            return
        case let .age(ref, _, n):
            guard case .date(let d) = ref.value(item, system) else { return }
            days += [d.adding(days: n), d.adding(days: n).adding(days: 1)]
        case let .quantified(_, ref, condition), let .count(ref, condition, _, _):
            guard let condition, case .list(let list) = ref.value(item, system) else { return }
            for i in 0..<list.count { condition.changeDays(list.item(i), system, into: &days) }
        case let .and(list), let .or(list):
            for c in list { c.changeDays(item, system, into: &days) }
        case let .not(c):
            c.changeDays(item, system, into: &days)
        }
    }

    /// `eq`: text is compared exactly (`5.10` is not `5.1`), numbers, dates and booleans by value;
    /// an absent value equals nothing.
    static func equal(_ value: FieldValue, _ operand: Operand) -> Bool {
        switch (value, operand) {
        case let (.text(a), .text(b, _, _)): a == b
        case let (.number(a), .number(b)): Double(a) == b
        case let (.bool(a), .bool(b)): a == b
        case let (.date(a), .date(b)): a == b
        default: false
        }
    }

    /// Three-way comparison of a field value with an operand; nil when either is absent or
    /// they cannot be compared. Text that reads as a number on both sides compares as numbers,
    /// as dates when both are dates, else as text.
    static func order(_ value: FieldValue, _ operand: Operand) -> Int? {
        func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        switch (value, operand) {
        case let (.text(a), .text(b, number, date)):
            if let number, let x = Double(a), x.isFinite { return cmp(x, number) }
            if let date, let d = Day(a) { return cmp(d, date) }
            return cmp(a, b)
        case let (.number(a), .number(b)): return cmp(Double(a), b)
        case let (.date(a), .date(b)): return cmp(a, b)
        default: return nil
        }
    }
}

extension Condition {
    /// A readable rendering for `aigov explain`, e.g. `status = production and any models where (hosting = api)`.
    var rendered: String { render(nested: false) }

    private func render(nested: Bool) -> String {
        func wrap(_ s: String) -> String { nested ? "(" + s + ")" : s }
        switch self {
        case let .compare(ref, op, operand):
            return "\(ref.text) \(op.symbol) \(operand.rendered)"
        case let .member(ref, operands, negated):
            return "\(ref.text) \(negated ? "not in" : "in") [\(operands.map(\.rendered).joined(separator: ", "))]"
        case let .matches(ref, pattern):
            return "\(ref.text) matches /\(pattern.source)/"
        case let .present(ref, wanted):
            return "\(ref.text) \(wanted ? "present" : "absent")"
        case let .age(ref, op, days):
            return "age in days of \(ref.text) \(op.symbol) \(days)"
        case let .quantified(q, ref, condition):
            guard let condition else {
                return q == .none ? "\(ref.text) empty" : "\(ref.text) not empty"
            }
            let word = q == .all ? "every" : q == .any ? "some" : "no"
            return "\(word) \(ref.text) entry has (\(condition.render(nested: false)))"
        case let .count(ref, condition, op, n):
            let filter = condition.map { " with (" + $0.render(nested: false) + ")" } ?? ""
            return "number of \(ref.text) entries\(filter) \(op.symbol) \(n)"
        case let .and(list):
            return wrap(list.map { $0.render(nested: true) }.joined(separator: " and "))
        case let .or(list):
            return wrap(list.map { $0.render(nested: true) }.joined(separator: " or "))
        case let .not(c):
            return "not (" + c.render(nested: false) + ")"
        }
    }

    /// The first field path the condition reads, as a record path (for a finding's default `path`).
    var firstRecordPath: String? {
        switch self {
        case let .compare(ref, _, _), let .member(ref, _, _), let .matches(ref, _), let .present(ref, _),
             let .age(ref, _, _), let .quantified(_, ref, _), let .count(ref, _, _, _):
            return ref.spec.path
        case let .and(list), let .or(list):
            return list.lazy.compactMap(\.firstRecordPath).first
        case let .not(c):
            return c.firstRecordPath
        }
    }
}
