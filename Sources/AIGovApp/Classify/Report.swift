import AIGovCore
import AIGovRules

/// `aigov classify … -o json|yaml`: one object per system in CLASSIFY.md's shape (system,
/// questionnaire, tier, flags, obligations, trail, changes). Flags that are not derived, or
/// unanswered, are null. The audit pack's classification page reads the same report.
public struct ClassificationReport: Encodable, Sendable {
    public let system: String
    public let questionnaire: String
    public let assessed: Day
    public let assessor: String
    public let outcome: ClassificationOutcome
    public let changes: [FlagChange]
    public let answers: ClassificationAnswers?

    public init(system: AISystem, classification: Classification, result: ClassificationResult) {
        self.system = system.id
        questionnaire = classification.questionnaire
        assessed = classification.assessed
        assessor = classification.assessor
        outcome = result.outcome
        changes = result.flagChanges
        answers = classification.answers
    }

    enum Key: String, CodingKey {
        case system, questionnaire, tier, flags, obligations, trail, changes
        case role, annexIII = "annex_iii", annexIProduct = "annex_i_product", annexISection = "annex_i_section"
        case art63Exemption = "art6_3_exemption"
        case art63Reason = "art6_3_reason", profiling, gpai, publicBody = "public_body", publicAuthority = "public_authority"
        case interactsWithPeople = "interacts_with_people", syntheticContent = "synthetic_content", deepfake
        case emotion = "emotion_or_biometric_categorisation"
        case friaRequired = "fria_required", registration, transparency
        case field, from, to, article, text
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(system, forKey: .system)
        try c.encode(questionnaire, forKey: .questionnaire)
        try c.encode(outcome.tier.rawValue, forKey: .tier)
        let f = outcome.flags
        var flags = c.nestedContainer(keyedBy: Key.self, forKey: .flags)
        // Optional values encode as null: every flag is present, derived or not.
        try flags.encode(f.role?.rawValue, forKey: .role)
        try flags.encode(f.annexIII?.rawValue, forKey: .annexIII)
        try flags.encode(f.annexIProduct, forKey: .annexIProduct)
        try flags.encode(f.annexISection?.rawValue, forKey: .annexISection)
        try flags.encode(f.art63Exemption, forKey: .art63Exemption)
        try flags.encode(f.art63Reason, forKey: .art63Reason)
        try flags.encode(f.profiling, forKey: .profiling)
        try flags.encode(f.gpai, forKey: .gpai)
        try flags.encode(f.publicBody, forKey: .publicBody)
        try flags.encode(f.publicAuthority, forKey: .publicAuthority)
        try flags.encode(f.interactsWithPeople, forKey: .interactsWithPeople)
        try flags.encode(f.syntheticContent, forKey: .syntheticContent)
        try flags.encode(f.deepfake, forKey: .deepfake)
        try flags.encode(f.emotionOrBiometricCategorisation, forKey: .emotion)
        var o = c.nestedContainer(keyedBy: Key.self, forKey: .obligations)
        try o.encode(outcome.obligations.friaRequired, forKey: .friaRequired)
        try o.encode(outcome.obligations.registration.rawValue, forKey: .registration)
        try o.encode(outcome.obligations.transparency, forKey: .transparency)
        var trail = c.nestedUnkeyedContainer(forKey: .trail)
        for t in outcome.trail {
            var line = trail.nestedContainer(keyedBy: Key.self)
            try line.encode(t.article, forKey: .article)
            try line.encode(t.text, forKey: .text)
        }
        var changes = c.nestedUnkeyedContainer(forKey: .changes)
        for ch in self.changes {
            var one = changes.nestedContainer(keyedBy: Key.self)
            try one.encode(ch.field, forKey: .field)
            try one.encode(ch.from, forKey: .from)
            try one.encode(ch.to, forKey: .to)
        }
    }

    /// The report as the table format prints it.
    public var text: String {
        var out = "\(system): tier \(outcome.tier.rawValue)  (questionnaire \(questionnaire), assessed \(assessed) by \(assessor))\n"
        for t in outcome.trail { out += "  \(t.article): \(t.text)\n" }
        let o = outcome.obligations
        out += "  obligations: impact assessment \(o.friaRequired ? "required" : "not required"); registration \(o.registration.rawValue)"
        out += "; transparency \(o.transparency.isEmpty ? "none" : o.transparency.joined(separator: ", "))\n"
        if changes.isEmpty {
            out += "  the record agrees with the answers\n"
        } else {
            for ch in changes { out += "  change \(ch.field): \(ch.from ?? "(none)") → \(ch.to ?? "(none)")\n" }
        }
        return out
    }
}
