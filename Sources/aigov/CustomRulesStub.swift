// Temporary until the custom-rule loader lands.
import AIGovFormats
import AIGovRules
enum CustomRuleLoader {
    static func folderFiles(_ dir: String) -> [String] { [] }
    static func load(files: [String]) -> (rules: [any Rule], problems: [InputProblem]) { ([], []) }
}
