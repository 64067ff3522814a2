/// The AI Act articles and annexes the built-in rules cite (Regulation (EU) 2024/1689 as
/// amended by Regulation (EU) 2026/1744), with short titles, grouped by chapter: the entries
/// `check --framework eu-ai-act` groups findings under. A custom rule may cite any of them.
public enum AIActArticles {
    /// The chapters the articles sit in.
    public static let chapters: [FrameworkGroup] = [
        FrameworkGroup(id: "Chapter I", title: "General provisions"),
        FrameworkGroup(id: "Chapter II", title: "Prohibited AI practices"),
        FrameworkGroup(id: "Chapter III", title: "High-risk AI systems"),
        FrameworkGroup(id: "Chapter IV", title: "Transparency obligations"),
        FrameworkGroup(id: "Chapter IX", title: "Post-market monitoring, information sharing and market surveillance"),
        FrameworkGroup(id: "Chapter XIII", title: "Final provisions"),
        FrameworkGroup(id: "Annexes", title: "Annexes"),
    ]

    /// The articles and annexes, in the Regulation's order.
    public static let articles: [FrameworkItem] = [
        FrameworkItem(id: "Art. 2", title: "Scope", group: "Chapter I"),
        FrameworkItem(id: "Art. 3", title: "Definitions", group: "Chapter I"),
        FrameworkItem(id: "Art. 4", title: "AI literacy", group: "Chapter I"),
        FrameworkItem(id: "Art. 4a", title: "Special categories of personal data for bias detection", group: "Chapter I"),
        FrameworkItem(id: "Art. 5", title: "Prohibited AI practices", group: "Chapter II"),
        FrameworkItem(id: "Art. 6", title: "Classification rules for high-risk AI systems", group: "Chapter III"),
        FrameworkItem(id: "Art. 9", title: "Risk management system", group: "Chapter III"),
        FrameworkItem(id: "Art. 10", title: "Data and data governance", group: "Chapter III"),
        FrameworkItem(id: "Art. 11", title: "Technical documentation", group: "Chapter III"),
        FrameworkItem(id: "Art. 12", title: "Record-keeping", group: "Chapter III"),
        FrameworkItem(id: "Art. 13", title: "Transparency and provision of information to deployers", group: "Chapter III"),
        FrameworkItem(id: "Art. 14", title: "Human oversight", group: "Chapter III"),
        FrameworkItem(id: "Art. 15", title: "Accuracy, robustness and cybersecurity", group: "Chapter III"),
        FrameworkItem(id: "Art. 17", title: "Quality management system", group: "Chapter III"),
        FrameworkItem(id: "Art. 19", title: "Automatically generated logs", group: "Chapter III"),
        FrameworkItem(id: "Art. 20", title: "Corrective actions and duty of information", group: "Chapter III"),
        FrameworkItem(id: "Art. 25", title: "Responsibilities along the AI value chain", group: "Chapter III"),
        FrameworkItem(id: "Art. 26", title: "Obligations of deployers of high-risk AI systems", group: "Chapter III"),
        FrameworkItem(id: "Art. 27", title: "Fundamental rights impact assessment", group: "Chapter III"),
        FrameworkItem(id: "Art. 43", title: "Conformity assessment", group: "Chapter III"),
        FrameworkItem(id: "Art. 47", title: "EU declaration of conformity", group: "Chapter III"),
        FrameworkItem(id: "Art. 48", title: "CE marking", group: "Chapter III"),
        FrameworkItem(id: "Art. 49", title: "Registration", group: "Chapter III"),
        FrameworkItem(id: "Art. 50", title: "Transparency obligations for certain AI systems", group: "Chapter IV"),
        FrameworkItem(id: "Art. 72", title: "Post-market monitoring", group: "Chapter IX"),
        FrameworkItem(id: "Art. 73", title: "Reporting of serious incidents", group: "Chapter IX"),
        FrameworkItem(id: "Art. 86", title: "Right to explanation of individual decision-making", group: "Chapter IX"),
        FrameworkItem(id: "Art. 111", title: "AI systems already placed on the market or put into service", group: "Chapter XIII"),
        FrameworkItem(id: "Annex III", title: "High-risk AI systems referred to in Article 6(2)", group: "Annexes"),
        FrameworkItem(id: "Annex IV", title: "Technical documentation referred to in Article 11(1)", group: "Annexes"),
    ]
}
