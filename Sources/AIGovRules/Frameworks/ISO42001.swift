/// ISO/IEC 42001:2023 Annex A: the 9 control objectives and 38 controls, ids exact and titles
/// short (as in public control listings; the standard itself is paywalled). Clauses 4–10 sit
/// outside Annex A and are not listed.
public enum ISO42001 {
    /// The control objectives (A.2 … A.10), in order.
    public static let objectives: [FrameworkGroup] = [
        FrameworkGroup(id: "A.2", title: "Policies related to AI"),
        FrameworkGroup(id: "A.3", title: "Internal organization"),
        FrameworkGroup(id: "A.4", title: "Resources for AI systems"),
        FrameworkGroup(id: "A.5", title: "Assessing impacts of AI systems"),
        FrameworkGroup(id: "A.6", title: "AI system life cycle"),
        FrameworkGroup(id: "A.7", title: "Data for AI systems"),
        FrameworkGroup(id: "A.8", title: "Information for interested parties of AI systems"),
        FrameworkGroup(id: "A.9", title: "Use of AI systems"),
        FrameworkGroup(id: "A.10", title: "Third-party and customer relationships"),
    ]

    /// The 38 controls, in order; `group` is the objective.
    public static let controls: [FrameworkItem] = [
        FrameworkItem(id: "A.2.2", title: "AI policy", group: "A.2"),
        FrameworkItem(id: "A.2.3", title: "Alignment with other organizational policies", group: "A.2"),
        FrameworkItem(id: "A.2.4", title: "Review of the AI policy", group: "A.2"),
        FrameworkItem(id: "A.3.2", title: "AI roles and responsibilities", group: "A.3"),
        FrameworkItem(id: "A.3.3", title: "Reporting of concerns", group: "A.3"),
        FrameworkItem(id: "A.4.2", title: "Resource documentation", group: "A.4"),
        FrameworkItem(id: "A.4.3", title: "Data resources", group: "A.4"),
        FrameworkItem(id: "A.4.4", title: "Tooling resources", group: "A.4"),
        FrameworkItem(id: "A.4.5", title: "System and computing resources", group: "A.4"),
        FrameworkItem(id: "A.4.6", title: "Human resources", group: "A.4"),
        FrameworkItem(id: "A.5.2", title: "AI system impact assessment process", group: "A.5"),
        FrameworkItem(id: "A.5.3", title: "Documentation of AI system impact assessments", group: "A.5"),
        FrameworkItem(id: "A.5.4", title: "Assessing AI system impact on individuals or groups of individuals", group: "A.5"),
        FrameworkItem(id: "A.5.5", title: "Assessing societal impacts of AI systems", group: "A.5"),
        FrameworkItem(id: "A.6.1.2", title: "Objectives for responsible development of AI system", group: "A.6"),
        FrameworkItem(id: "A.6.1.3", title: "Processes for responsible AI system design and development", group: "A.6"),
        FrameworkItem(id: "A.6.2.2", title: "AI system requirements and specification", group: "A.6"),
        FrameworkItem(id: "A.6.2.3", title: "Documentation of AI system design and development", group: "A.6"),
        FrameworkItem(id: "A.6.2.4", title: "AI system verification and validation", group: "A.6"),
        FrameworkItem(id: "A.6.2.5", title: "AI system deployment", group: "A.6"),
        FrameworkItem(id: "A.6.2.6", title: "AI system operation and monitoring", group: "A.6"),
        FrameworkItem(id: "A.6.2.7", title: "AI system technical documentation", group: "A.6"),
        FrameworkItem(id: "A.6.2.8", title: "AI system recording of event logs", group: "A.6"),
        FrameworkItem(id: "A.7.2", title: "Data for development and enhancement of AI system", group: "A.7"),
        FrameworkItem(id: "A.7.3", title: "Acquisition of data", group: "A.7"),
        FrameworkItem(id: "A.7.4", title: "Quality of data for AI systems", group: "A.7"),
        FrameworkItem(id: "A.7.5", title: "Data provenance", group: "A.7"),
        FrameworkItem(id: "A.7.6", title: "Data preparation", group: "A.7"),
        FrameworkItem(id: "A.8.2", title: "System documentation and information for users", group: "A.8"),
        FrameworkItem(id: "A.8.3", title: "External reporting", group: "A.8"),
        FrameworkItem(id: "A.8.4", title: "Communication of incidents", group: "A.8"),
        FrameworkItem(id: "A.8.5", title: "Information for interested parties", group: "A.8"),
        FrameworkItem(id: "A.9.2", title: "Processes for responsible use of AI systems", group: "A.9"),
        FrameworkItem(id: "A.9.3", title: "Objectives for responsible use of AI system", group: "A.9"),
        FrameworkItem(id: "A.9.4", title: "Intended use of the AI system", group: "A.9"),
        FrameworkItem(id: "A.10.2", title: "Allocating responsibilities", group: "A.10"),
        FrameworkItem(id: "A.10.3", title: "Suppliers", group: "A.10"),
        FrameworkItem(id: "A.10.4", title: "Customers", group: "A.10"),
    ]
}
