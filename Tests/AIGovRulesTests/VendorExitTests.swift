import AIGovCore
@testable import AIGovRules
import Testing

private let exitDay = Day("2026-11-24")!

private func system(_ id: String, status: SystemStatus = .production, models: [(String, String, ModelRole?)],
                    fallbacks: [Fallback] = []) -> AISystem {
    var s = AISystem(id: id, name: id, owner: "o", status: status)
    s.models = models.map { name, provider, role in
        var m = Model(name: name, provider: provider)
        m.role = role
        return m
    }
    s.fallbacks = fallbacks
    return s
}

private func fallback(model: String? = nil, usesAI: Bool? = true, strategy: FallbackStrategy = .alternateModel,
                      tested: String? = "2026-06-01", rto: Int? = 30) -> Fallback {
    var f = Fallback()
    f.model = model
    f.usesAI = usesAI
    f.strategy = strategy
    f.lastTested = tested.flatMap(Day.init)
    f.rtoMinutes = rto
    return f
}

@Suite struct VendorExitTests {
    @Test func fallbackOnAnotherProviderContinues() throws {
        let s = system("a1", models: [("big", "BigLab AI", .primary), ("aur", "Aurora Models", .fallback)],
                       fallbacks: [fallback(model: "aur")])
        let o = try #require(ExitScenario(providers: ["biglab  ai"], today: exitDay).outcome(for: s))
        #expect(o.kind == .continues)
        #expect(o.fallbackIndex == 0)
        #expect(o.lostModels == ["big"])
    }

    @Test func onlyNonAIFallbackDegrades() throws {
        let s = system("a2", models: [("m", "internal", .primary), ("n", "internal", .fallback)],
                       fallbacks: [fallback(model: "n"), fallback(usesAI: false, strategy: .manualProcess, rto: 240)])
        let o = try #require(ExitScenario(providers: ["Internal"], today: exitDay).outcome(for: s))
        #expect(o.kind == .degraded)
        #expect(o.fallbackIndex == 1)
    }

    @Test func fallbackChainingToALostProviderIsDown() throws {
        let s = system("a3", models: [("m", "BigLab AI", .primary), ("n", "BigLab AI", .fallback)],
                       fallbacks: [fallback(model: "n"), fallback(model: nil, strategy: .alternateModel)])
        let o = try #require(ExitScenario(providers: ["BigLab AI"], today: exitDay).outcome(for: s))
        #expect(o.kind == .down)
        #expect(o.explanation.contains("which is lost too"))
    }

    @Test func pastEndOfLifeFallbackModelIsLost() throws {
        var s = system("a4", models: [("m", "BigLab AI", .primary), ("n", "Aurora Models", .fallback)],
                       fallbacks: [fallback(model: "n")])
        s.models[1].endOfLife = Day("2026-11-23")
        #expect(ExitScenario(providers: ["BigLab AI"], today: exitDay).outcome(for: s)?.kind == .down)
        s.models[1].endOfLife = Day("2026-11-24")
        #expect(ExitScenario(providers: ["BigLab AI"], today: exitDay).outcome(for: s)?.kind == .continues)
        #expect(ExitScenario(endOfLifeBy: Day("2026-12-31"), today: exitDay).outcome(for: s) == nil, "primary has no end of life")
    }

    @Test func unaffectedAndRetiredSystemsAreLeftOut() {
        let s = system("a5", models: [("m", "Aurora Models", .primary), ("x", "BigLab AI", .fallback)])
        #expect(ExitScenario(providers: ["BigLab AI"], today: exitDay).outcome(for: s) == nil)
        let r = system("a6", status: .retired, models: [("m", "BigLab AI", .primary)])
        #expect(ExitScenario(providers: ["BigLab AI"], today: exitDay).outcome(for: r) == nil)
        #expect(VendorExposure.analyse([r], today: exitDay).isEmpty)
    }

    @Test func modelByNameAndAlternateVendor() throws {
        let s = system("a7", models: [("gpt", "BigLab AI", .primary)], fallbacks: [fallback(strategy: .alternateVendor)])
        let o = try #require(ExitScenario(models: ["GPT"], today: exitDay).outcome(for: s))
        #expect(o.kind == .continues)
    }

    @Test func exposureCountsAndNames() throws {
        let a = system("b1", models: [("m", "BigLab AI", .primary), ("f", "Aurora", .fallback)], fallbacks: [fallback(model: "f", rto: 15)])
        let b = system("b2", models: [("m", "biglab ai", .primary)], fallbacks: [fallback(usesAI: false, strategy: .disable, tested: nil)])
        let c = system("b3", status: .pilot, models: [("m", "Biglab-AI", .primary)])
        let rows = VendorExposure.analyse([a, b, c], today: exitDay)
        let big = try #require(rows.first { $0.key == "biglab ai" })
        #expect(big.systems == 2 && big.primary == 2 && big.critical == 2)
        #expect(big.covered == 1 && big.uncovered == 1, "b2's fallback was never tested")
        #expect(big.worstRTOMinutes == 15)
        #expect(big.productionDown == 0, "b2 degrades to disable, it does not go down")
        #expect(big.spellings == ["biglab ai"])
        let dups = VendorExposure.nearDuplicates(rows)
        #expect(dups.contains { Set([$0.0, $0.1]) == ["BigLab AI", "Biglab-AI"] })
        #expect(!dups.contains { Set([$0.0, $0.1]) == ["BigLab AI", "Aurora"] })
    }
}
