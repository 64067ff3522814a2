import AIGovPack
import Testing

@Suite struct PackPathTests {
    @Test(arguments: ["loan-scoring", "a", "v1.2_x"])
    func slugsAreSafe(_ id: String) { #expect(PackPath.isSafeComponent(id)) }

    @Test(arguments: ["", "..", ".", ".hidden", "a/b", "../evil", "/etc", "a\\b", "x\0y"])
    func escapesAreRefused(_ id: String) { #expect(!PackPath.isSafeComponent(id)) }
}
