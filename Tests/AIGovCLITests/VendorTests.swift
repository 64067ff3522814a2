import Foundation
import Testing

@Suite struct VendorCLITests {
    @Test func bigLabDisappearingTakesTheChatbotDown() throws {
        let r = try CLI.run(["what-if", "--vendor", "BigLab AI", "-f", CLI.examples, "--today", "2026-11-24", "-o", "json"])
        #expect(r.code == 1, "a production system goes down")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let systems = try #require(obj["systems"] as? [[String: Any]])
        let chatbot = try #require(systems.first { $0["id"] as? String == "support-chatbot" })
        #expect(chatbot["outcome"] as? String == "down")
        #expect(obj["production_down"] as? [String] == ["support-chatbot"])
    }

    @Test func internalDisappearingDegradesLoanScoring() throws {
        let t = TempDir()
        let db = t.file("r.db")
        #expect(try CLI.run(["apply", "-f", CLI.examples], db: db).code == 0)
        let r = try CLI.run(["what-if", "--vendor", "internal", "--today", "2026-11-24", "-o", "json"], db: db)
        #expect(r.code == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let systems = try #require(obj["systems"] as? [[String: Any]])
        let loan = try #require(systems.first { $0["id"] as? String == "loan-scoring" })
        #expect(loan["outcome"] as? String == "degraded")
        #expect((loan["fallback"] as? [String: Any])?["rto_minutes"] as? Int == 240)
        #expect(try CLI.run(["what-if"], db: db).code == 2)
    }

    @Test func vendorsListsProvidersAndNearDuplicates() throws {
        let t = TempDir()
        let extra = t.write("dup.yaml", "id: dup-sys\nname: D\nowner: o\nstatus: pilot\nmodels:\n  - name: m\n    provider: Biglab-AI\n    role: primary\n")
        let r = try CLI.run(["vendors", "-f", CLI.examples, "-f", extra, "--today", "2026-11-24", "-o", "json"])
        #expect(r.code == 0, "\(r.err)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let vendors = try #require(obj["vendors"] as? [[String: Any]])
        let big = try #require(vendors.first { $0["provider"] as? String == "BigLab AI" })
        #expect(big["primary"] as? Int == 1)
        #expect(big["prod_down"] as? Int == 1)
        #expect((obj["near_duplicates"] as? [[String]])?.contains(["BigLab AI", "Biglab-AI"]) == true)
    }
}
