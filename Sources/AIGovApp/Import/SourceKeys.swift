import Foundation

/// What each foreign format's own schemas define, in any version (docs/import-export.md).
///
/// Reading a foreign format is not reading aigov's own: a key the source's schema defines in
/// any of its versions is read or ignored by name; a key no version defines is named in one
/// warning line and the import goes on; only input that is not that source at all, or whose
/// values are wrong, is refused. aigov's own format stays strict (AIGovFormats' reader).
enum SourceKeys {
    /// Every key of an algorithm in the Dutch Algorithm Register's API v1.0 OpenAPI document:
    /// `AlgorithmIn`, the published `v1_0__Algorithm`, `AlgorithmSummary`, and the older
    /// standards it still serves (`v0_1__`, `v0_2_3__`, `v0_3_1__`, `v0_4__Algorithm`), plus
    /// `id`, which entries of the older standards carry.
    static let algorithmRegister: Set<String> = [
        "application_url", "area", "begin_date", "category", "competent_authority", "contact_email", "create_dt",
        "current_version_published", "current_version_released", "decision_making_process", "department", "description",
        "description_short", "documentation", "dpia", "dpia_description", "end_date", "goal", "human_intervention", "iama",
        "iama_description", "id", "impact", "impacttoetsen", "impacttoetsen_grouping", "lang", "language", "lars",
        "last_update_by", "last_update_dt", "lawful_basis", "lawful_basis_grouping", "lawful_basis_link", "methods_and_models",
        "monitoring", "mprd", "name", "objection_procedure", "organization", "performance_standard", "process_index_url",
        "proportionality", "provider", "publication_category", "publication_dt", "publiccode", "published", "revision_date",
        "risks", "schema_version", "source_data", "source_data_grouping", "source_data_link", "source_id", "standard_version",
        "state", "status", "tags", "type", "url", "uuid", "website",
    ]

    /// Model card metadata the Hugging Face Hub documents (the model card specification and
    /// huggingface_hub's `ModelCardData`, with the Hub's gating, widget and inference keys).
    static let huggingFaceCard: Set<String> = [
        "language", "license", "license_name", "license_link", "library_name", "tags", "datasets", "metrics",
        "base_model", "base_model_relation", "model-index", "model_name", "pipeline_tag", "inference", "widget",
        "co2_eq_emissions", "thumbnail", "new_version", "eval_results", "pretty_name", "extra_gated_prompt",
        "extra_gated_fields", "extra_gated_heading", "extra_gated_description", "extra_gated_button_content",
        "extra_gated_eu_disallowed", "gated", "duplicated_from", "private", "task_categories", "task_ids",
        "annotations_creators", "language_creators", "multilinguality", "size_categories", "source_datasets",
        "paperswithcode_id", "configs", "dataset_info", "train-eval-index", "language_details", "viewer",
        "model_creator", "model_type", "quantized_by", "prompt_template", "arxiv", "doi", "citation",
    ]

    /// Top-level keys of a CycloneDX BOM, versions 1.0 to 1.7.
    static let cycloneDXBOM: Set<String> = [
        "$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata", "components", "services",
        "externalReferences", "dependencies", "compositions", "properties", "vulnerabilities", "annotations",
        "formulation", "declarations", "definitions", "citations", "signature",
    ]

    /// Keys of a CycloneDX component, versions 1.0 to 1.7.
    static let cycloneDXComponent: Set<String> = [
        "type", "mime-type", "bom-ref", "supplier", "manufacturer", "author", "authors", "publisher", "group", "name",
        "version", "versionRange", "isExternal", "description", "scope", "hashes", "licenses", "copyright", "cpe", "purl",
        "omniborId", "swhid", "swid", "modified", "pedigree", "externalReferences", "properties", "components", "evidence",
        "releaseNotes", "modelCard", "data", "cryptoProperties", "tags", "signature", "patentAssertions",
    ]

    /// One warning line naming the keys no version of the source defines, or nil when there
    /// are none.
    static func warning(_ source: String, format: String, unknown: [String]) -> String? {
        guard !unknown.isEmpty else { return nil }
        let shown = unknown.prefix(20).joined(separator: ", ") + (unknown.count > 20 ? ", and \(unknown.count - 20) more" : "")
        return "\(source): keys no version of \(format) defines, ignored: \(shown)"
    }
}
