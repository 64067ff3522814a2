import Foundation
import Testing

/// Issue #27: a typed waiver runs at most as long as its finding's severity allows (critical 90
/// days, high 180, others 365), and Art. 5 (INV-004) is never waived — `aigov waive` and
/// `apply -f` alike refuse with exit 2 and write nothing. A waiver in a file is history: the
/// expiry limit does not apply to it.
@Suite struct WaiverLimitsCLITests {
    static func registry(_ t: TempDir) throws -> String {
        let db = t.file("r.db")
        let r = try CLI.run(["apply", "-f", CLI.examples], db: db)
        #expect(r.code == 0, "\(r.err)")
        return db
    }

    @Test func waiveRefusesAnExpiryPastTheSeverityLimitAndArtFive() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        // The pinned day is 2026-11-30. FBK-003 is high for cv-screening: 180 days, until 2027-05-29.
        let high = try CLI.run(["waive", "cv-screening", "fbk-003", "--reason", "manual path being built", "--expires", "2027-05-30",
                                "--approved-by", "cro"], db: db)
        #expect(high.code == 2)
        #expect(high.err.contains("waive:expires: 2027-05-30 is too late: a waiver of a high finding (FBK-003) runs at most 180 days, until 2027-05-29"),
                "\(high.err)")
        // REV-001 is medium: 365 days, until 2027-11-30.
        let medium = try CLI.run(["waive", "cv-screening", "REV-001", "--reason", "r", "--expires", "2027-12-01", "--approved-by", "cro"], db: db)
        #expect(medium.code == 2)
        #expect(medium.err.contains("a waiver of a medium finding (REV-001) runs at most 365 days, until 2027-11-30"), "\(medium.err)")
        // INV-004: workplace-mood is a prohibited practice in development. Refused whatever the expiry.
        let art5 = try CLI.run(["waive", "workplace-mood", "inv-004", "--reason", "pilot only", "--expires", "2026-12-01",
                                "--approved-by", "board"], db: db)
        #expect(art5.code == 2)
        #expect(art5.err.contains("waive:rule: INV-004 findings (Art. 5, prohibited practices) cannot be waived"), "\(art5.err)")
        #expect(try CLI.dump(db) == before, "a refused waiver wrote something")
        // At the limit it is accepted.
        let ok = try CLI.run(["waive", "cv-screening", "fbk-003", "--reason", "manual path being built", "--expires", "2027-05-29",
                              "--approved-by", "cro"], db: db)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains("cv-screening/FBK-003 until 2027-05-29"), "\(ok.out)")
    }

    @Test func applyRefusesAnArtFiveWaiverButKeepsOldLongWaiversAsHistory() throws {
        let t = TempDir()
        let db = try Self.registry(t)
        let before = try CLI.dump(db)
        let art5 = t.write("art5.yaml", "kind: waiver\nsystem: workplace-mood\nrule: INV-004\nreason: r\napproved_by: board\nexpires: 2026-12-31\n")
        let refused = try CLI.run(["apply", "-f", art5], db: db)
        #expect(refused.code == 2)
        #expect(refused.err.contains("art5.yaml:rule: INV-004 findings (Art. 5, prohibited practices) cannot be waived"), "\(refused.err)")
        #expect(refused.err.contains("nothing was written"))
        #expect(try CLI.dump(db) == before)
        // A waiver from a file is history: approved long ago for longer than today's limit, it is kept.
        let old = t.write("old.yaml", "kind: waiver\nsystem: cv-screening\nrule: FBK-003\nreason: r\napproved_by: cro\nexpires: 2029-01-31\n")
        let kept = try CLI.run(["apply", "-f", old], db: db)
        #expect(kept.code == 0, "\(kept.err)")
        #expect(try CLI.run(["waivers", "-o", "json"], db: db).out.contains("2029-01-31"))
    }
}
