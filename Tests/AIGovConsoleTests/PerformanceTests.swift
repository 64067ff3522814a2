import AIGovConsole
import AIGovCore
import AIGovStore
import Foundation
import Testing

/// First paint and keypress time at 100,000 systems. Slow to set up (it writes the registry),
/// so it runs only with `AIGOV_PERF=1`; it prints its timings to compare run to run (speed is measured, not asserted).
@Suite struct PerformanceTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AIGOV_PERF"] == "1"))
    func firstPaintAndKeypressAt100k() throws {
        let n = 100_000
        var systems: [AISystem] = []
        systems.reserveCapacity(n)
        let tiers: [RiskTier] = [.high, .limited, .minimal, .unassessed]
        for i in 0..<n {
            var s = AISystem(id: String(format: "sys-%06d", i), name: "System \(i)", owner: "team-\(i % 97)",
                             status: i % 5 == 0 ? .pilot : .production)
            var e = EUAIAct()
            e.tier = tiers[i % tiers.count]
            s.euAiAct = e
            var m = Model(name: "model-\(i % 13)", provider: "vendor-\(i % 7)")
            m.version = "1.\(i % 10)"
            s.models = [m]
            systems.append(s)
        }
        let f = try Fixture(systems: systems)
        func ms(_ body: () -> Void) -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
        // Fresh connection, as when the console starts.
        let registry = try Registry.open(path: f.path, create: false)
        var console: Console?
        let first = ms {
            let c = Console(registry: registry, actor: "perf", readOnly: false, title: nil, today: testToday)
            c.start()
            _ = c.render()
            console = c
        }
        let c = try #require(console)
        let toRegistry = ms { _ = c.handle(.char("2")); _ = c.render() }
        let down = ms { _ = c.handle(.char("j")); _ = c.render() }
        let pageDown = ms { _ = c.handle(.pageDown); _ = c.render() }
        let bottom = ms { _ = c.handle(.char("G")); _ = c.render() }
        let filter = ms { for k in keys("/tier:high team-3<Enter>") { _ = c.handle(k) }; _ = c.render() }
        let step = ms { c.step() }
        print("100k: first paint \(first) ms; registry \(toRegistry) ms; j \(down) ms; PgDn \(pageDown) ms; G \(bottom) ms; filter \(filter) ms; one background batch \(step) ms")
    }
}
