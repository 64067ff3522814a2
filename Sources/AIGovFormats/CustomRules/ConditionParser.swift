import AIGovCore
import Foundation

/// Reads conditions of the custom-rule language from a parsed rule file, checking every
/// field path, operator and value against the format, and reporting each problem with its path.
struct ConditionParser {
    let sink: ProblemSink

    /// The key that says what kind of condition a mapping is; exactly one per mapping.
    static let forms = ["field", "age_days", "any", "all", "none", "count", "and", "or", "not"]
    /// The operators of a `field` condition.
    static let fieldOperators = ["eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "matches", "present"]
    /// Longest `matches` pattern accepted, in characters.
    static let maxPatternLength = 500

    /// A condition read in `scope` (the record, or an entry of a list inside a `where`).
    func condition(_ node: Node, path: String, scope: FieldScope) -> Condition? {
        guard case let .map(entries) = node.kind else {
            sink.add(path, node, "expected a condition (a mapping such as {field: status, eq: production}), got \(node.typeName)")
            return nil
        }
        let forms = entries.map(\.key).filter(Self.forms.contains)
        guard forms.count == 1 else {
            if forms.isEmpty {
                let keys = entries.map { "\"\($0.key)\"" }.joined(separator: ", ")
                sink.add(path, node, "expected a condition with one of \(Self.forms.joined(separator: ", "))"
                    + (keys.isEmpty ? "" : ", got \(keys)"))
            } else {
                sink.add(path, node, "expected one of \(Self.forms.joined(separator: ", ")) per condition, got \(forms.joined(separator: " and ")) (combine conditions with and: [...])")
            }
            return nil
        }
        let form = forms[0]
        let value = entries.first { $0.key == form }?.value ?? node
        switch form {
        case "field":
            return fieldCondition(node, path: path, scope: scope)
        case "age_days":
            return ageCondition(node, path: path, scope: scope)
        case "count":
            return countCondition(node, path: path, scope: scope)
        case "and", "or":
            guard let f = Fields(node, path: path, allowed: [form], sink: sink) else { return nil }
            guard let list = conditions(value, path: f.sub(form), scope: scope) else { return nil }
            return form == "and" ? .and(list) : .or(list)
        case "not":
            guard let f = Fields(node, path: path, allowed: ["not"], sink: sink) else { return nil }
            return condition(value, path: f.sub("not"), scope: scope).map(Condition.not)
        default:
            // any, all, none: over a list of conditions when given a list, else over a list field.
            let q = Quantifier(rawValue: form) ?? .any
            if case .list = value.kind {
                guard let f = Fields(node, path: path, allowed: [form], sink: sink) else { return nil }
                guard let list = conditions(value, path: f.sub(form), scope: scope) else { return nil }
                switch q {
                case .all: return .and(list)
                case .any: return .or(list)
                case .none: return .not(.or(list))
                }
            }
            return quantified(q, node, path: path, scope: scope)
        }
    }

    /// A non-empty list of conditions (for `and`, `or`, and `any`/`all`/`none` given a list).
    private func conditions(_ node: Node, path: String, scope: FieldScope) -> [Condition]? {
        guard case let .list(items) = node.kind else {
            sink.add(path, node, "expected a list of conditions, got \(node.typeName)")
            return nil
        }
        if items.isEmpty {
            sink.add(path, node, "expected at least one condition, got an empty list")
            return nil
        }
        var out: [Condition] = []
        var failed = false
        for (i, item) in items.enumerated() {
            if let c = condition(item, path: "\(path)[\(i)]", scope: scope) { out.append(c) } else { failed = true }
        }
        return failed ? nil : out
    }

    // MARK: - Forms

    private func fieldCondition(_ node: Node, path: String, scope: FieldScope) -> Condition? {
        let before = sink.problems.count
        guard let f = Fields(node, path: path, allowed: ["field"] + Self.fieldOperators, sink: sink) else { return nil }
        let hadUnknownKey = sink.problems.count > before
        let ref = field(f.entries["field"], path: f.sub("field"), scope: scope)
        let given = Self.fieldOperators.filter { f.entries[$0] != nil }
        guard given.count == 1 else {
            if given.count > 1 || !hadUnknownKey {
                sink.add(path, node, "expected exactly one of \(Self.fieldOperators.joined(separator: ", ")), got "
                    + (given.isEmpty ? "none" : given.joined(separator: " and ")))
            }
            return nil
        }
        guard let ref else { return nil }
        let op = given[0]
        let opPath = f.sub(op)
        guard let n = f.entries[op] else { return nil }
        let type = ref.spec.type

        if op == "present" {
            guard let wanted = f.bool("present") else {
                if n.isNull { sink.add(opPath, n, "expected true or false, got null") }
                return nil
            }
            return .present(ref, wanted)
        }
        switch type {
        case .list:
            sink.add(opPath, n, "\"\(ref.text)\" is a list: use any, all, none or count over it, or present")
            return nil
        case .object:
            sink.add(opPath, n, "\"\(ref.text)\" is a block: only present applies to it")
            return nil
        default: break
        }
        switch op {
        case "matches":
            guard type == .text || isEnumeration(type) else {
                sink.add(opPath, n, "matches applies to text, and \"\(ref.text)\" is \(type.name)")
                return nil
            }
            guard case let .scalar(source, _) = n.kind, !n.isNull, !source.isEmpty else {
                sink.add(opPath, n, "expected a regular expression, got \(describe(n))")
                return nil
            }
            guard source.count <= Self.maxPatternLength else {
                sink.add(opPath, n, "the regular expression is longer than \(Self.maxPatternLength) characters")
                return nil
            }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: source)
            } catch {
                sink.add(opPath, n, "not a valid regular expression: \"\(source)\"")
                return nil
            }
            // Refused here rather than left to the time budget: the shape is slow on any text
            // that almost matches, so it would fail some day on data, not on the day it is written.
            if let group = NestedRepetition.find(source) {
                sink.add(opPath, n, "the regular expression \"\(source)\" repeats \"\(group)\", a group that can match "
                    + "the same text in many ways, which takes exponential time on a text that almost matches; "
                    + "repeat the inner part once (x+ rather than (x+)+ or (x+x+)+), or make it possessive (x++) or atomic ((?>x+))")
                return nil
            }
            return .matches(ref, Pattern(regex, source: source))
        case "in", "not_in":
            guard case let .list(items) = n.kind, !items.isEmpty else {
                let got = if case .list = n.kind { "an empty list" } else { describe(n) }
                sink.add(opPath, n, "expected a non-empty list of values, got \(got)")
                return nil
            }
            var operands: [Operand] = []
            for (i, item) in items.enumerated() {
                if let o = operand(item, path: "\(opPath)[\(i)]", ref: ref) { operands.append(o) }
            }
            guard operands.count == items.count else { return nil }
            return .member(ref, operands, negated: op == "not_in")
        default:
            let cmp = CompareOp(rawValue: op) ?? .eq
            if cmp != .eq, cmp != .ne {
                switch type {
                case .enumeration, .bool:
                    sink.add(opPath, n, "\(op) orders numbers, dates and text, and \"\(ref.text)\" is \(type.name) (use eq, ne, in or not_in)")
                    return nil
                default: break
                }
            }
            return operand(n, path: opPath, ref: ref).map { .compare(ref, cmp, $0) }
        }
    }

    private func ageCondition(_ node: Node, path: String, scope: FieldScope) -> Condition? {
        guard let f = Fields(node, path: path, allowed: ["age_days"] + CompareOp.keys, sink: sink) else { return nil }
        let ref = field(f.entries["age_days"], path: f.sub("age_days"), scope: scope)
        if let ref, ref.spec.type != .date {
            sink.add(f.sub("age_days"), f.entries["age_days"], "age_days needs a date field, and \"\(ref.text)\" is \(ref.spec.type.name)")
            return nil
        }
        guard let (op, n) = comparison(f, path: path, node: node), let ref else { return nil }
        return .age(ref, op, n)
    }

    private func countCondition(_ node: Node, path: String, scope: FieldScope) -> Condition? {
        guard let f = Fields(node, path: path, allowed: ["count", "where"] + CompareOp.keys, sink: sink) else { return nil }
        let list = listField(f, key: "count", scope: scope)
        var inner: Condition?
        var innerFailed = false
        if let list, let w = f.value("where") {
            inner = condition(w, path: f.sub("where"), scope: list.scope)
            innerFailed = inner == nil
        }
        guard let (op, n) = comparison(f, path: path, node: node, minimum: 0), let list, !innerFailed else { return nil }
        return .count(list.ref, inner, op, n)
    }

    private func quantified(_ q: Quantifier, _ node: Node, path: String, scope: FieldScope) -> Condition? {
        let key = q.rawValue
        guard let f = Fields(node, path: path, allowed: [key, "where"], sink: sink) else { return nil }
        guard let list = listField(f, key: key, scope: scope) else { return nil }
        guard let w = f.value("where") else {
            if q == .all {
                sink.add(f.sub("where"), node, "all needs a where condition (all over a list without one always holds)")
                return nil
            }
            return .quantified(q, list.ref, nil)
        }
        return condition(w, path: f.sub("where"), scope: list.scope).map { .quantified(q, list.ref, $0) }
    }

    // MARK: - Parts

    /// The list field named at `key`, with the scope its entries are read in.
    private func listField(_ f: Fields, key: String, scope: FieldScope) -> (ref: FieldRef, scope: FieldScope)? {
        guard let ref = field(f.entries[key], path: f.sub(key), scope: scope) else { return nil }
        guard case let .list(inner) = ref.spec.type else {
            sink.add(f.sub(key), f.entries[key], "\(key) needs a list field, and \"\(ref.text)\" is \(ref.spec.type.name)")
            return nil
        }
        return (ref, inner)
    }

    /// Exactly one of `eq`, `ne`, `lt`, `le`, `gt`, `ge` with a whole number.
    private func comparison(_ f: Fields, path: String, node: Node, minimum: Int? = nil) -> (CompareOp, Int)? {
        let given = CompareOp.allCases.filter { f.entries[$0.rawValue] != nil }
        guard given.count == 1, let op = given.first else {
            sink.add(path, node, "expected exactly one of \(CompareOp.keys.joined(separator: ", ")), got "
                + (given.isEmpty ? "none" : given.map(\.rawValue).joined(separator: " and ")))
            return nil
        }
        // Bounded like every number in a file, so `age_days` arithmetic cannot overflow.
        guard let n = f.int(op.rawValue, (minimum ?? -1_000_000_000)...1_000_000_000) else {
            if let v = f.entries[op.rawValue], v.isNull { sink.add(f.sub(op.rawValue), v, "expected a whole number, got null") }
            return nil
        }
        return (op, n)
    }

    /// A literal compared with the field, checked against the field's type.
    private func operand(_ n: Node, path: String, ref: FieldRef) -> Operand? {
        guard case let .scalar(text, _) = n.kind, !n.isNull else {
            sink.add(path, n, "expected a value, got \(n.typeName)" + (n.isNull ? " (use present: false)" : ""))
            return nil
        }
        switch ref.spec.type {
        case .text:
            return Operand(text: text)
        case .enumeration(let spellings):
            if spellings.contains(text) { return .text(text, number: nil, date: nil) }
            sink.add(path, n, "expected one of \(spellings.joined(separator: ", ")) (the values of \(ref.text)), got \"\(text)\"")
        case .bool:
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: sink.add(path, n, "expected true or false (\(ref.text) is true or false), got \"\(text)\"")
            }
        case .number:
            if let v = Double(text), v.isFinite { return .number(v) }
            sink.add(path, n, "expected a number (\(ref.text) is a number), got \"\(text)\"")
        case .date:
            if let d = Day(text) { return .date(d) }
            sink.add(path, n, "expected a date YYYY-MM-DD (\(ref.text) is a date), got \"\(text)\"")
        case .list, .object:
            sink.add(path, n, "\"\(ref.text)\" is \(ref.spec.type.name) and takes no value")
        }
        return nil
    }

    private func isEnumeration(_ t: FieldType) -> Bool {
        if case .enumeration = t { return true }
        return false
    }

    /// Resolves a field path in `scope`; `$.` reads the whole record from inside a `where`.
    func field(_ n: Node?, path: String, scope: FieldScope) -> FieldRef? {
        guard let n, case let .scalar(text, _) = n.kind, !n.isNull, !text.isEmpty else {
            sink.add(path, n, "expected a field path such as eu_ai_act.tier, got \(n.map(describe) ?? "nothing")")
            return nil
        }
        if text.hasPrefix("$.") {
            let rest = String(text.dropFirst(2))
            if let spec = FieldScope.record.fields[rest] { return FieldRef(spec: spec, fromRecord: true) }
            sink.add(path, n, "unknown field \"\(rest)\" of the record" + hint(rest, scope: .record)
                + " (expected one of \(FieldScope.record.paths.joined(separator: ", ")))")
            return nil
        }
        if let spec = scope.fields[text] { return FieldRef(spec: spec, fromRecord: false) }
        var expected = scope.paths.joined(separator: ", ")
        if scope != .record { expected += ", or $.PATH for a field of the whole record" }
        let within = scope == .record ? "" : " in \(scope.entryName)"
        sink.add(path, n, "unknown field \"\(text)\"\(within)" + hint(text, scope: scope) + " (expected one of \(expected))")
        return nil
    }

    /// A pointer for the common mistakes: a list entry's field read from the record, or a
    /// record field read inside a `where` without `$.`.
    private func hint(_ text: String, scope: FieldScope) -> String {
        if scope != .record, FieldScope.record.fields[text] != nil {
            return "; the record's field is $.\(text)"
        }
        guard scope == .record else { return "" }
        for listPath in FieldScope.record.paths {
            guard case let .list(inner)? = FieldScope.record.fields[listPath]?.type, inner != .text, !inner.isSpellings
            else { continue }
            let field = text.hasPrefix(listPath + ".") ? String(text.dropFirst(listPath.count + 1)) : text
            if inner.fields[field] != nil {
                return "; \(field) is a field of \(listPath) entries: use any, all, none or count: \(listPath) with where: {field: \(field), …}"
            }
        }
        return ""
    }
}
