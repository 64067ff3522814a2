@testable import AIGovRules
import Testing

/// `ProviderName.key` reads ASCII names on their bytes (#25): the same key as the Unicode path.
@Suite struct ProviderNameTests {
    @Test func asciiKeysEqualTheUnicodeKeys() {
        let names = ["BigLab AI", "  BigLab   AI ", "biglab\tai", "BIGLAB\r\nAI", "Open-Weights_Collective 2", "", "   ",
                     "a\u{0B}b\u{0C}c", "x\u{1F}y", "MiXeD CaSe", "Sécurité Vision SA", "Nordlicht\u{A0}KI", "ÅBC  def"]
        for n in names {
            #expect(ProviderName.key(n) == ProviderName.unicodeKey(n), "\(n.debugDescription)")
        }
        #expect(ProviderName.key("  BigLab   AI ") == "biglab ai")
    }
}
