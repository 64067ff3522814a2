import Testing
@testable import AIGovRules

/// The framework lists and the crosswalk are data: these check that the data is whole and
/// that every id the crosswalk names exists.
struct FrameworkTests {
    @Test func theListsHoldEveryControlAndSubcategoryOnce() {
        #expect(ISO42001.controls.count == 38)
        #expect(Set(ISO42001.controls.map(\.id)).count == 38)
        #expect(ISO42001.objectives.count == 9)
        #expect(NISTAIRMF.subcategories.count == 72)
        #expect(Set(NISTAIRMF.subcategories.map(\.id)).count == 72)
        #expect(NISTAIRMF.categories.count == 19)
        // Every item's group is one of the framework's groups.
        let objectives = Set(ISO42001.objectives.map(\.id))
        #expect(ISO42001.controls.allSatisfy { objectives.contains($0.group) })
        let categories = Set(NISTAIRMF.categories.map(\.id))
        #expect(NISTAIRMF.subcategories.allSatisfy { categories.contains($0.group) })
        let chapters = Set(AIActArticles.chapters.map(\.id))
        #expect(AIActArticles.articles.allSatisfy { chapters.contains($0.group) })
        #expect(Framework.iso42001.item("A.7.5")?.title == "Data provenance")
        #expect(Framework.nistAIRMF.item("GOVERN 1.6")?.title == "Mechanisms to inventory AI systems.")
    }

    @Test func everyBuiltInRuleIsMappedToIdsThatExist() {
        for rule in RuleCatalog.builtIn {
            let m = rule.frameworks
            #expect(m != .none, "\(rule.id) has no mapping")
            for f in Framework.allCases {
                for id in m.ids(f) {
                    #expect(f.item(id) != nil, "\(rule.id): \(id) is not a \(f.entryName) of \(f.rawValue)")
                }
            }
            // Every rule whose reference cites the AI Act names at least one article.
            if rule.reference.hasPrefix("Art.") || rule.reference.hasPrefix("Annex") {
                #expect(!m.euAIAct.isEmpty, "\(rule.id) cites \(rule.reference) but maps to no article")
            }
        }
        #expect(Set(FrameworkCrosswalk.builtIn.keys) == Set(RuleCatalog.builtIn.map(\.id)))
    }

    @Test func theCrosswalkKeepsThePolicyControlOutsideAndProvenanceNarrow() {
        let mapped = Set(RuleCatalog.builtIn.flatMap { $0.frameworks.iso42001 })
        #expect(!mapped.contains("A.2.2"))
        let provenance = RuleCatalog.builtIn.filter { $0.frameworks.iso42001.contains("A.7.5") }.map(\.id)
        #expect(provenance.sorted() == ["DAT-001", "DAT-002"])
    }

    @Test func idsAreWrittenTheFrameworksWay() {
        #expect(Framework.iso42001.canonicalId("a.7.5") == "A.7.5")
        #expect(Framework.nistAIRMF.canonicalId("map  4.1") == "MAP 4.1")
        #expect(Framework.euAIAct.canonicalId("art 10") == "Art. 10")
        #expect(Framework.euAIAct.canonicalId("annex iv") == "Annex IV")
    }
}
