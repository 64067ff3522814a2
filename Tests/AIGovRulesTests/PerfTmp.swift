import AIGovCore
import Testing
@testable import AIGovRules
@Test func perfTmp() {
    let clock = ContinuousClock()
    for base in [Examples.loanScoring, Examples.cvScreening] {
        var systems: [AISystem] = []
        for i in 0..<100_000 { var s = base; s.id = "s\(i)"; systems.append(s) }
        var n = 0
        let t = clock.measure { n = RuleEngine().evaluate(systems, context: context, waivers: [Examples.waiver]).count }
        let t2 = clock.measure { for s in systems { n += RuleCatalog.builtIn.reduce(0) { $0 + ($1.applies(to: s, context: context) ? 1 : 0) } } }
        print("PERF", base.id, n, t, "applies only", t2)
    }
}
