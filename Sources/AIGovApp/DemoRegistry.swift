import AIGovFormats
import Foundation

/// The built-in demo registry loaded by `aigov demo`: realistic systems that show every face of the rules engine.
///
/// The registry mixes systems in good shape with systems full of gaps so that the dashboard, the
/// findings list and the waiver handling all have something to show. Waivers are separate
/// documents, one of them already expired.
///
/// It is data every face may show (`aigov demo`, the benchmarks' generator), so it lives in the
/// application layer with the other embedded defaults, not in a face.
public enum DemoRegistry {
    /// Interchange documents (FORMAT.md, YAML), one system, waiver or incident each, as (file name, text).
    /// The documents read like files: the systems, waivers and incidents (and no problems).
    public static func input() -> ParsedInput {
        var input = ParsedInput()
        for doc in documents {
            InputLoader.parse(data: Data(doc.yaml.utf8), file: "demo/\(doc.name)", into: &input)
        }
        return input
    }

    public static let documents: [(name: String, yaml: String)] = [
        ("health-premium-pricer.yaml", #"""
        # Rules v3: a private deployer in essential services without a classification. Art. 27(1)
        # asks it for an impact assessment only for points 5(b) and 5(c), which the record cannot
        # tell: HRD-001 is medium until the guided classification settles it.
        id: health-premium-pricer
        name: Supplementary health insurance premium suggestions
        purpose: Suggest a premium band for applicants to supplementary health insurance from their questionnaire, for an underwriter to confirm
        owner: underwriting-analytics
        contact: underwriting-ai@example.com
        status: production
        status_since: 2026-01-05
        tags: [insurance, pricing]
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: essential-services
          profiling: true
          gpai: false
          public_body: false
          rationale: Risk assessment and pricing of natural persons for health insurance (Annex III, point 5(c)).
          conformity: not-required
        review:
          last_reviewed: 2026-10-20
          interval_days: 365
          reviewer: underwriting-committee
        models:
          - name: premium-glm
            provider: ActuaryTools GmbH
            version: "4.2"
            technique: statistical
            license: commercial
            hosting: self-hosted
            role: primary
            rationale: A generalised linear model the actuaries can read coefficient by coefficient
        oversight:
          - type: human-in-the-loop
            mechanism: Every premium band is confirmed or changed by an underwriter before the offer goes out
            who: underwriting team
            can_stop: true
            response_minutes: 60
            last_tested: 2026-10-01
        fallbacks:
          - trigger: model-failure
            strategy: manual-process
            uses_ai: false
            target: underwriters price from the tariff tables, as before the model
            rto_minutes: 60
            owner: underwriting-team
            runbook: https://wiki.example.com/underwriting/manual-pricing
            last_tested: 2026-09-15
        evidence:
          - kind: instructions-for-use
            title: ActuaryTools premium-glm instructions for use
            date: 2026-06-01
          - kind: logging-policy
            title: Underwriting decision log retention
            date: 2026-06-01
        """#),
        ("loan-scoring.yaml", #"""
        # A high-risk deployer system that is in good shape: most rules pass.
        id: loan-scoring
        name: Consumer loan default scoring
        purpose: Rank consumer loan applications by default risk so underwriters can prioritise review
        owner: credit-risk-analytics
        contact: credit-ai@example.com
        status: production
        tags: [credit, scoring, retail-banking]
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: essential-services
          annex_i_product: false
          art6_3_exemption: false
          profiling: true
          gpai: false
          interacts_with_people: false
          synthetic_content: false
          deepfake: false
          emotion_or_biometric_categorisation: false
          public_body: false
          rationale: Evaluates the creditworthiness of natural persons (Annex III, point 5(b)).
          eu_database_id: null
          conformity: not-required
        impact:
          decisions: Approves small loans automatically; refers the rest to an underwriter
          affected_groups: [loan applicants, co-signers]
          stakeholders_consulted: [consumer advisory panel, data protection officer, works council]
          explanation: Every applicant receives the three factors that weighed most in the score.
          appeal: Applicants can contest a decision by phone or letter; an underwriter who did not make the first decision reviews it within ten working days.
        review:
          last_reviewed: 2026-09-15
          interval_days: 180
          reviewer: model-risk-committee
        models:
          - name: scorecard-gbm
            provider: internal
            version: 3.2.1
            license: proprietary
            hosting: self-hosted
            role: primary
            rationale: Gradient-boosted trees reach the AUC target with monotonic constraints and stay explainable; larger models gave no lift.
            alternatives: [logistic regression scorecard, hosted LLM classifier]
            parameters: 400 trees
          - name: scorecard-logit
            provider: internal
            version: 1.9.0
            license: proprietary
            hosting: self-hosted
            role: fallback
            rationale: Previous regulator-approved scorecard kept warm as fallback.
        datasets:
          - name: loan-history-2015-2024
            source: internal data warehouse, table loans.history
            license: internal
            purpose: training
            personal_data: true
            special_category: false
            lawful_basis: legitimate-interests
            collected: 2015-01-01..2024-12-31
            known_limitations: Under-represents applicants younger than 21 and thin-file customers.
          - name: loan-holdout-2025
            source: internal data warehouse, table loans.history
            license: internal
            purpose: testing
            personal_data: true
            special_category: false
            lawful_basis: legitimate-interests
            collected: 2025-01-01..2025-06-30
            derived_from: [loan-history-2015-2024]
            retention: 7 years
          - name: bureau-scores
            source: Kreditauskunft Nord AG, monthly batch delivery
            license: proprietary
            purpose: [training, inference]
            personal_data: true
            special_category: false
            lawful_basis: contract
            collected: 2015-01-01..2026-10-31
            known_limitations: No history for applicants who moved to the country in the last two years.
            retention: 7 years
        oversight:
          - type: human-in-the-loop
            mechanism: Underwriters review every referred application and may override the score with a recorded reason.
            who: senior underwriter
            can_stop: true
            response_minutes: 60
            last_tested: 2026-08-20
        fallbacks:
          - trigger: model-failure
            strategy: alternate-model
            uses_ai: true
            model: scorecard-logit
            target: previous scorecard
            rto_minutes: 30
            owner: credit-risk-analytics
            runbook: https://wiki.example.com/runbooks/scorecard-fallback
            last_tested: 2026-07-01
          - trigger: quality-regression
            strategy: manual-process
            uses_ai: false
            target: manual underwriting queue
            rto_minutes: 240
            owner: underwriting-ops
            runbook: https://wiki.example.com/runbooks/manual-underwriting
            last_tested: 2026-07-01
        risks:
          - description: Thin-file applicants get less accurate scores and are refused more often
            severity: high
            mitigation: Thin-file applications are always referred to an underwriter, never declined automatically
          - description: Score drift after changes in interest rates
            severity: medium
            mitigation: Monthly population stability index with an alert above 0.2
        metrics:
          - name: AUC
            target: ">= 0.78"
            value: "0.81"
            measured: 2026-09-01
          - name: approval rate ratio, applicants under 25 vs overall
            group: applicants under 25
            target: ">= 0.8"
            value: "0.86"
            measured: 2026-09-01
        evidence:
          - kind: fria
            title: Fundamental rights impact assessment v2
            uri: https://docs.example.com/credit/fria-v2.pdf
            sha256: 6f5557d047a034f1131daa9e11aec4babfb0e2b0572589b988b7137ae18a51f0
            date: 2026-04-01
          - kind: dpia
            title: DPIA consumer credit scoring
            uri: https://docs.example.com/credit/dpia-2026.pdf
            date: 2026-03-12
          - kind: instructions-for-use
            title: Scorecard user guide for underwriters
            uri: https://docs.example.com/credit/scorecard-guide.pdf
            date: 2026-05-02
          - kind: logging-policy
            title: Decision log retention (24 months)
            uri: https://docs.example.com/credit/log-retention.pdf
            date: 2026-01-10
          - kind: literacy-training
            title: AI literacy module for underwriters (completion 96%)
            uri: https://learning.example.com/courses/ai-literacy-credit
            date: 2026-02-15
        suppliers:
          - name: Kreditauskunft Nord AG
            role: data-supplier
          - name: Model Validation Partners LLP
            role: reviewer
        classification:
          questionnaire: "2026-07"
          assessed: 2026-09-15
          assessor: dpo@example.com
          role: deployer
          answers:
            ai_system: yes
            annex_iii: [5b]
            profiling: true
            transparency: []
            gpai: false
            public_authority: false
            public_service: false
          notes: Credit scoring of consumers; the underwriter decides on every application.
        """#),
        ("cv-screening.yaml", #"""
        # A high-risk provider system with large documentation gaps.
        id: cv-screening
        name: CV pre-screening
        purpose: Shortlist job applicants for recruiters
        owner: people-analytics
        status: pilot
        tags: [hr]
        eu_ai_act:
          role: provider
          tier: high
          annex_iii: employment
          profiling: true
          gpai: true
          rationale: Filters job applications (Annex III, point 4(a)).
          conformity: not-started
        models:
          - name: embed-ranker
            provider: OpenWeights Collective
            version: ""
            license: unknown
            hosting: self-hosted
            role: primary
        datasets:
          - name: past-applications
            source: applicant tracking system
            purpose: fine-tuning
            personal_data: true
            special_category: true
        oversight:
          - type: human-on-the-loop
            mechanism: Recruiters see the shortlist
            who: recruiter
            can_stop: false
        risks:
          - description: The ranker learns historical hiring patterns that disadvantaged women in engineering roles
            severity: high
          - description: Applicants are not told that software ranks their CV
            severity: medium
        classification:
          questionnaire: "2026-07"
          assessed: 2026-10-20
          assessor: people-analytics-lead@example.com
          role: provider
          answers:
            ai_system: yes
            annex_iii: [4a]
            profiling: true
            gpai: true
        """#),
        ("support-chatbot.yaml", #"""
        # A limited-risk chatbot on one hosted vendor, with no way out if that vendor goes away.
        id: support-chatbot
        name: Customer support assistant
        purpose: Answer customer questions about orders and returns on the website
        owner: digital-channels
        contact: chat-team@example.com
        status: production
        tags: [genai, customer-facing]
        eu_ai_act:
          role: deployer
          tier: limited
          gpai: true
          interacts_with_people: true
          synthetic_content: true
          rationale: Chatbot that talks to customers; no Annex III use.
        impact:
          decisions: Answers questions; can issue return labels
          affected_groups: [customers]
        models:
          - name: frontier-chat
            provider: BigLab AI
            version: latest
            license: proprietary
            hosting: api
            role: primary
          - name: frontier-chat-mini
            provider: BigLab AI
            version: 2026-06-01
            license: proprietary
            hosting: api
            role: fallback
            end_of_life: 2026-10-31
        datasets:
          - name: help-centre-articles
            source: CMS export
            license: internal
            purpose: retrieval
            personal_data: false
        fallbacks:
          - trigger: provider-outage
            strategy: alternate-model
            uses_ai: true
            model: frontier-chat-mini
            target: smaller model from the same vendor
            rto_minutes: 5
            owner: digital-channels
        classification:
          questionnaire: "2026-07"
          assessed: 2026-08-30
          assessor: cx-compliance@example.com
          answers:
            ai_system: yes
            annex_iii: []
            transparency: [interacts, synthetic-content]
            gpai: true
        """#),
        ("code-assistant.yaml", #"""
        # A minimal-risk internal tool, run on a small local model.
        id: code-assistant
        name: Internal code assistant
        purpose: Suggest code completions in the IDE for internal developers
        owner: developer-productivity
        contact: devprod@example.com
        status: production
        tags: [genai, internal]
        eu_ai_act:
          role: deployer
          tier: minimal
          gpai: true
          rationale: Internal productivity tool; no decisions about people.
        impact:
          decisions: None; suggestions are accepted or ignored by the developer
          affected_groups: [internal developers]
          explanation: Suggestions are marked as AI-generated in the editor.
        review:
          last_reviewed: 2026-10-01
          interval_days: 365
          reviewer: engineering-director
        models:
          - name: coder-7b-q4
            provider: OpenWeights Collective
            version: 2.5-q4_k_m
            license: Apache-2.0
            hosting: on-device
            role: primary
            rationale: A 7B quantized model runs on laptops, keeps source code on the machine and meets the acceptance bar.
            alternatives: [hosted frontier code model]
        fallbacks:
          - trigger: model-failure
            strategy: disable
            uses_ai: false
            target: developers work without suggestions
            rto_minutes: 0
            owner: developer-productivity
            runbook: https://wiki.example.com/runbooks/code-assistant-off
            last_tested: 2026-06-10
        evidence:
          - kind: model-card
            title: coder-7b model card and internal evaluation
            uri: https://wiki.example.com/devprod/coder-7b-model-card
            date: 2026-03-05
          - kind: literacy-training
            title: Using AI code suggestions safely (mandatory for developers)
            uri: https://learning.example.com/courses/ai-code-suggestions
            date: 2026-01-20
        """#),
        ("invoice-ocr.yaml", #"""
        # A new proposal that nobody has classified yet.
        id: invoice-ocr
        name: Invoice data extraction
        purpose: Read supplier invoices and fill the accounts-payable form
        owner: finance-ops
        status: proposed
        models:
          - name: doc-vision
            provider: CloudVision Inc
            hosting: api
            role: primary
        """#),
        ("workplace-mood.yaml", #"""
        # A proposal that must never ship: emotion recognition at work is prohibited (Art. 5(1)(f)).
        id: workplace-mood
        name: Call-centre mood monitor
        purpose: Infer agents' emotions from their voice to schedule breaks
        owner: contact-centre-ops
        status: development
        eu_ai_act:
          role: deployer
          tier: prohibited
          emotion_or_biometric_categorisation: true
          rationale: Emotion recognition in the workplace.
        models:
          - name: voice-affect
            provider: AffectCo
            version: 4.1
            license: proprietary
            hosting: api
            role: primary
        classification:
          questionnaire: "2026-07"
          assessed: 2026-11-02
          assessor: works-council-liaison@example.com
          answers:
            ai_system: yes
            prohibited: [5-1-f]
          notes: Infers the mood of employees from webcam images during meetings; no medical or safety purpose.
        """#),
        ("housing-benefit-precheck.yaml", #"""
        # A public-body deployer of a high-risk Annex III system with FRIA and EU database entry: few gaps.
        id: housing-benefit-precheck
        name: Wohngeld-Vorprüfung
        purpose: Pre-check housing benefit (Wohngeld) applications for completeness and likely eligibility so that caseworkers can prioritise their queue
        owner: sozialamt-digital
        contact: ki-register@stadt-musterstadt.example.org
        status: production
        status_since: 2026-03-01
        tags: [public-sector, benefits, social-services]
        legal_basis: Wohngeldgesetz (WoGG) §§ 3–20 and § 24; social data processing under SGB I § 35 and SGB X §§ 67–85a
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: essential-services
          annex_i_product: false
          art6_3_exemption: false
          profiling: true
          gpai: false
          interacts_with_people: false
          synthetic_content: false
          deepfake: false
          emotion_or_biometric_categorisation: false
          public_body: true
          rationale: Used by a public authority to evaluate eligibility for a public assistance benefit (Annex III, point 5(a)).
          eu_database_id: EU-AIDB-DEP-2026-0004711
          conformity: not-required
        impact:
          decisions: Ranks applications and proposes an eligibility outcome; every grant or refusal is decided and signed by a caseworker
          affected_groups: [housing benefit applicants, household members, applicants with limited German, applicants with disabilities]
          stakeholders_consulted: [Personalrat, Datenschutzbeauftragte, Sozialverband Ortsverband, Beirat für Menschen mit Behinderungen]
          explanation: The notice names the income, rent and household factors the caseworker relied on; the pre-check score is never the only reason given.
          appeal: Applicants may lodge a Widerspruch within one month of the notice (§ 70 VwGO); a caseworker of the Widerspruchsstelle who did not handle the application re-examines it in full, and the Bürgerbüro helps with the form.
        fria:
          performed: 2026-02-05
          process: Intake of housing benefit (Wohngeld) applications in the Fachverfahren; the pre-check orders the caseworkers' queue and proposes an eligibility outcome that the caseworker confirms or overrides
          period_and_frequency: In use from March 2026 for at least three years, on every new or renewed application (about 1,400 a month) during office hours
          notified: 2026-02-12
          authority: Bundesnetzagentur (KI-Marktüberwachung)
          dpia_reference: Datenschutz-Folgenabschätzung Wohngeld-Vorprüfung of 2026-01-28
          next_review: 2027-02-05
        registration:
          organisation: Stadt Musterstadt, Sozialamt
          address: Rathausplatz 1, 12345 Musterstadt, Germany
          submitted_by: Amt für Digitalisierung der Stadt Musterstadt, ki-register@stadt-musterstadt.example.org
          provider_entry_url: https://eu-ai-database.example.eu/entries/EU-AIDB-PRV-2025-0001288
        review:
          last_reviewed: 2026-06-15
          interval_days: 365
          reviewer: Amtsleitung Sozialamt
        models:
          - name: eligibility-gbm
            provider: Kommunal-IT Rheinland eG
            technique: machine-learning
            version: 2.4.0
            license: proprietary
            hosting: self-hosted
            role: primary
            rationale: A gradient-boosted model over 40 tabular features meets the agreement target with caseworkers and can be explained factor by factor; no language model is needed.
            alternatives: [rule-only pre-check, logistic regression]
            end_of_life: 2028-12-31
            parameters: 250 trees
          - name: wogg-rules
            provider: Kommunal-IT Rheinland eG
            technique: rule-based
            version: 2026.1
            license: proprietary
            hosting: self-hosted
            role: fallback
            rationale: Deterministic completeness and income-limit checks taken from the statute tables.
        datasets:
          - name: antraege-2019-2024
            source: Fachverfahren Wohngeld, anonymised extract prepared by Kommunal-IT Rheinland
            license: data processing agreement
            purpose: [training, validation]
            personal_data: true
            special_category: true
            lawful_basis: public-task
            collected: 2019-01-01..2024-12-31
            known_limitations: Few applications from students and from households of more than six people; disability allowances coded inconsistently before 2021.
            retention: until model retirement, at most 10 years
          - name: antraege-testset-2025
            source: Fachverfahren Wohngeld, anonymised extract
            license: data processing agreement
            purpose: testing
            personal_data: true
            special_category: true
            lawful_basis: public-task
            collected: 2025-01-01..2025-06-30
            derived_from: [antraege-2019-2024]
            retention: 2 years
          - name: laufende-antraege
            source: Fachverfahren Wohngeld, live interface
            license: internal
            purpose: inference
            personal_data: true
            special_category: true
            lawful_basis: public-task
            retention: with the case file, 6 years after the last payment
        oversight:
          - type: human-in-the-loop
            mechanism: The caseworker sees the proposal next to the file, decides the case and records a reason when deviating; the system cannot issue a notice.
            who: Sachbearbeitung Wohngeld
            can_stop: false
            response_minutes: 0
            last_tested: 2026-09-10
          - type: human-in-command
            mechanism: The head of department switches the pre-check off in the Fachverfahren; cases then go to the plain queue by date of receipt.
            who: Amtsleitung Sozialamt
            can_stop: true
            response_minutes: 30
            last_tested: 2026-09-10
        fallbacks:
          - trigger: model-failure
            strategy: rule-based
            uses_ai: false
            model: wogg-rules
            target: statutory completeness and income-limit checks only
            rto_minutes: 15
            owner: sozialamt-digital
            runbook: https://intranet.example.org/sozialamt/runbooks/wohngeld-regelpruefung
            last_tested: 2026-09-10
          - trigger: quality-regression
            strategy: manual-process
            uses_ai: false
            target: queue by date of receipt, full manual examination
            rto_minutes: 60
            owner: Amtsleitung Sozialamt
            runbook: https://intranet.example.org/sozialamt/runbooks/wohngeld-manuell
            last_tested: 2026-05-20
        risks:
          - description: Applicants with disabilities are ranked lower because allowances were coded inconsistently in older data
            severity: high
            mitigation: Disability allowance flag removed from the features; caseworkers check allowances manually; quarterly parity report to the Beirat
          - description: Caseworkers follow the proposal without reading the file (automation bias)
            severity: medium
            mitigation: Proposal is hidden until the caseworker has opened the income section; monthly sample of 50 cases re-examined by the team lead
        metrics:
          - name: agreement with final caseworker decision
            target: ">= 0.90"
            value: "0.93"
            measured: 2026-10-01
          - name: agreement with final caseworker decision
            group: applicants with disability allowance
            target: ">= 0.90"
            value: "0.88"
            measured: 2026-10-01
          - name: share of cases where the caseworker deviated
            group: applicants with limited German
            target: "<= 0.10"
            value: "0.07"
            measured: 2026-10-01
        evidence:
          - kind: fria
            title: Grundrechte-Folgenabschätzung Wohngeld-Vorprüfung
            uri: https://intranet.example.org/sozialamt/ki/fria-wohngeld-v1.pdf
            sha256: cca748865f7920f4dee013782d74c3d93f436e05df2dc0c2c896ab3e65719d3c
            date: 2026-02-05
          - kind: dpia
            title: Datenschutz-Folgenabschätzung (Art. 35 DSGVO)
            uri: https://intranet.example.org/sozialamt/ki/dsfa-wohngeld.pdf
            date: 2026-01-28
          - kind: instructions-for-use
            title: Gebrauchsanweisung des Anbieters, Version 2.4
            uri: https://kommunal-it.example.com/produkte/wohngeld-vorpruefung/ifu-2.4.pdf
            date: 2025-12-01
          - kind: logging-policy
            title: Protokollierung und Aufbewahrung (12 Monate)
            uri: https://intranet.example.org/sozialamt/ki/protokollierung.pdf
            date: 2026-02-01
          - kind: register-entry
            title: Registration of use in the EU database (Art. 49(3))
            uri: https://eu-ai-database.example.eu/entries/EU-AIDB-DEP-2026-0004711
            date: 2026-02-20
          - kind: worker-information
            title: Dienstvereinbarung mit dem Personalrat über KI-gestützte Vorprüfung
            uri: https://intranet.example.org/personalrat/dv-ki-vorpruefung.pdf
            date: 2026-01-15
          - kind: public-page
            title: "KI in der Verwaltung: Wohngeld-Vorprüfung (public transparency page)"
            uri: https://www.stadt-musterstadt.example.org/ki-register/wohngeld
            date: 2026-03-01
        suppliers:
          - name: Kommunal-IT Rheinland eG
            role: developer
          - name: Rechenzentrum der Stadt Musterstadt
            role: operator
        classification:
          questionnaire: "2026-07"
          assessed: 2026-10-01
          assessor: privacy-officer@gemeente-example.nl
          role: deployer
          answers:
            ai_system: yes
            annex_iii: [5a]
            profiling: true
            transparency: []
            gpai: false
            public_authority: true
            public_service: false
          notes: Municipality evaluates eligibility for housing benefit; fundamental rights impact assessment and a Section C entry are due.
        """#),
        ("citizen-assistant.yaml", #"""
        # A public chatbot with a second vendor on standby; its main model reaches end of life within 90 days.
        id: citizen-assistant
        name: Bürgerservice-Assistent
        purpose: Answer residents' questions about municipal services, opening hours, required documents and appointment booking on the city website
        owner: buergerservice-digital
        contact: digital@stadt-musterstadt.example.org
        status: pilot
        status_since: 2026-07-01
        tags: [public-sector, genai, customer-facing]
        legal_basis: Onlinezugangsgesetz (OZG) § 1; Satzung über digitale Bürgerdienste der Stadt Musterstadt
        eu_ai_act:
          role: deployer
          tier: limited
          gpai: true
          profiling: false
          interacts_with_people: true
          synthetic_content: true
          public_body: true
          rationale: Chatbot for general information; it does not decide on applications or benefits, so no Annex III use; Art. 50(1) disclosure applies.
        impact:
          decisions: None; gives information and links to the online forms and the appointment calendar
          affected_groups: [residents, visitors, residents with limited German]
          stakeholders_consulted: [Seniorenbeirat, Integrationsrat, Datenschutzbeauftragte]
          explanation: Every answer links to the page it was taken from.
          appeal: Residents who get a wrong answer can reach the Bürgerbüro by phone (115) or at the counter.
        fria:
          performed: 2026-06-25
          process: Answers residents' questions on the city website before they contact the Bürgerbüro; a voluntary assessment, as the chatbot serves every resident
          period_and_frequency: Pilot from July 2026 to June 2027, available around the clock
          next_review: 2027-06-25
        review:
          last_reviewed: 2026-09-01
          interval_days: 180
          reviewer: Digitalisierungsbeirat
        models:
          - name: frontier-chat
            provider: BigLab AI
            technique: generative
            version: 2026-08-15
            license: proprietary
            hosting: api
            role: primary
            rationale: Best answer quality in German, Turkish, Arabic and Ukrainian in our test set; a 7B model failed the multilingual bar.
            alternatives: [aurora-chat-eu, self-hosted open-weights model]
            end_of_life: 2027-01-31
          - name: aurora-chat-eu
            provider: Aurora Models
            technique: generative
            version: 3.2-eu-2026-05
            license: proprietary
            hosting: api
            role: fallback
            rationale: EU-hosted second vendor, slightly weaker in Arabic, contracted as standby.
            end_of_life: 2028-03-31
        datasets:
          - name: leistungskatalog
            source: Zuständigkeitsfinder and city website CMS export
            license: DL-DE-BY-2.0
            purpose: retrieval
            personal_data: false
          - name: chat-transcripts
            source: chat widget on the city website
            license: internal
            purpose: inference
            personal_data: true
            special_category: false
            lawful_basis: public-task
            known_limitations: Residents sometimes type health or residence details despite the warning.
            retention: 30 days, then deleted
        oversight:
          - type: human-on-the-loop
            mechanism: The Bürgerbüro team reviews flagged conversations daily and can switch the widget to the contact form.
            who: Teamleitung Bürgerbüro
            can_stop: true
            response_minutes: 15
            last_tested: 2026-10-12
        fallbacks:
          - trigger: provider-outage
            strategy: alternate-vendor
            uses_ai: true
            model: aurora-chat-eu
            target: Aurora Models standby deployment
            rto_minutes: 10
            owner: buergerservice-digital
            runbook: https://intranet.example.org/digital/runbooks/chat-vendor-switch
            last_tested: 2026-10-12
          - trigger: security-incident
            strategy: manual-process
            uses_ai: false
            target: contact form and the 115 hotline
            rto_minutes: 5
            owner: Teamleitung Bürgerbüro
            runbook: https://intranet.example.org/digital/runbooks/chat-off
            last_tested: 2026-10-12
        risks:
          - description: Wrong information about deadlines leads residents to miss them
            severity: medium
            mitigation: Answers about deadlines always quote the linked page; weekly sample of 100 answers checked by the Bürgerbüro
          - description: Residents enter sensitive personal data in the chat
            severity: medium
            mitigation: Input filter masks ID numbers and dates of birth before the text leaves the city network
        metrics:
          - name: answers rated correct in weekly sample
            target: ">= 0.95"
            value: "0.96"
            measured: 2026-11-16
          - name: answers rated correct in weekly sample
            group: questions asked in Arabic or Ukrainian
            target: ">= 0.90"
            value: "0.91"
            measured: 2026-11-16
        evidence:
          - kind: ai-disclosure
            title: "Chat banner: Sie schreiben mit einem KI-Assistenten"
            uri: https://www.stadt-musterstadt.example.org/chat/hinweis
            date: 2026-07-01
          - kind: public-page
            title: KI-Register der Stadt — Bürgerservice-Assistent
            uri: https://www.stadt-musterstadt.example.org/ki-register/buergerservice-assistent
            date: 2026-07-01
          - kind: dpia
            title: DSFA Chat-Assistent
            uri: https://intranet.example.org/digital/dsfa-chat.pdf
            date: 2026-06-10
          - kind: risk-assessment
            title: Pilot risk assessment and test results
            uri: https://intranet.example.org/digital/chat-risk-assessment.pdf
            date: 2026-06-20
        suppliers:
          - name: Stadtwerke IT Services GmbH
            role: operator
        """#),
        ("residence-counter-translation.yaml", #"""
        # An Annex III area (migration) where the provider documents the Art. 6(3) derogation: a preparatory task, no profiling.
        id: residence-counter-translation
        name: Übersetzungshilfe Ausländerbehörde
        purpose: Translate spoken conversations at the residence-permit counter between staff and applicants when no interpreter is booked
        owner: auslaenderbehoerde-it
        contact: it-abh@stadt-musterstadt.example.org
        status: pilot
        status_since: 2026-05-04
        tags: [public-sector, migration, translation, speech]
        legal_basis: Aufenthaltsgesetz (AufenthG) § 71 (competence of the Ausländerbehörde); VwVfG § 23 (official language)
        eu_ai_act:
          role: provider
          tier: limited
          annex_iii: migration
          annex_i_product: false
          art6_3_exemption: true
          art6_3_reason: "Art. 6(3)(d): the tool only translates what both sides say; it makes no assessment of the application, keeps no profile and the officer decides on the full file."
          profiling: false
          gpai: false
          interacts_with_people: true
          synthetic_content: true
          public_body: true
          rationale: Built in-house, so the city is the provider; migration area but a preparatory task under Art. 6(3)(d); transparency duties of Art. 50(1) and (2) apply.
        impact:
          decisions: None directly; the translation informs the conversation in which an officer collects information for a residence-permit decision
          affected_groups: [residence-permit applicants, family members, counter staff]
          stakeholders_consulted: [Integrationsrat, Flüchtlingsrat, Personalrat, Datenschutzbeauftragte]
          explanation: Applicants are told at the start that a machine translates, and receive the bilingual transcript with the appointment letter.
          appeal: Applicants may ask for a human interpreter at any time; objections to the resulting decision follow the ordinary Widerspruch or court route.
        review:
          last_reviewed: 2026-04-28
          interval_days: 180
          reviewer: Fachbereichsleitung Bürgerdienste
        models:
          - name: speech-asr-medium
            provider: OpenWeights Collective
            technique: deep-learning
            version: v3-medium-2025-09
            license: MIT
            hosting: self-hosted
            role: component
            parameters: 769M
          - name: polyglot-mt-1.3b
            provider: OpenWeights Collective
            technique: deep-learning
            version: 1.3b-2025-11
            license: Apache-2.0
            hosting: self-hosted
            role: primary
            rationale: A 1.3B translation model covers the twelve most frequent languages at the counter and runs on the city's own GPU server; a hosted LLM was rejected for data protection.
            alternatives: [hosted frontier model, telephone interpreting only]
            end_of_life: 2027-12-31
            parameters: 1.3B
        datasets:
          - name: counter-audio
            source: microphones at counters 3 to 7
            license: internal
            purpose: inference
            personal_data: true
            special_category: false
            lawful_basis: public-task
            retention: audio discarded after the appointment; transcript kept with the case file
          - name: mt-eval-set
            source: 600 sentences from anonymised counter scripts, translated by sworn interpreters
            license: internal
            purpose: testing
            personal_data: false
            collected: 2026-01-15..2026-03-31
            known_limitations: Dari and Tigrinya covered by only 40 sentences each.
        oversight:
          - type: human-in-the-loop
            mechanism: The officer reads the live transcript on screen, can mark a passage as doubtful and switch to the telephone interpreting service at once.
            who: Sachbearbeitung Ausländerbehörde
            can_stop: true
            response_minutes: 1
            last_tested: 2026-10-02
        fallbacks:
          - trigger: quality-regression
            strategy: manual-process
            uses_ai: false
            target: telephone interpreting service, booked within 15 minutes
            rto_minutes: 15
            owner: auslaenderbehoerde-it
            runbook: https://intranet.example.org/abh/runbooks/telefondolmetscher
            last_tested: 2026-10-02
        risks:
          - description: A mistranslation changes what the applicant said about residence history or family
            severity: high
            mitigation: Bilingual transcript handed to the applicant; passages marked doubtful are re-asked through a human interpreter
          - description: Lower quality for Dari and Tigrinya
            severity: medium
            mitigation: Human interpreter booked by default for these languages
        metrics:
          - name: BLEU on evaluation set
            target: ">= 35"
            value: "38.2"
            measured: 2026-04-15
          - name: BLEU on evaluation set
            group: Dari and Tigrinya
            target: ">= 30"
            value: "27.9"
            measured: 2026-04-15
        evidence:
          - kind: risk-assessment
            title: Art. 6(3) assessment and risk analysis (Art. 6(4) documentation)
            uri: https://intranet.example.org/abh/ki/art6-3-bewertung.pdf
            sha256: 131ac8e381a2792534a9bb301d65896e53176fe5c8fa9f4d2300fd96a9755e49
            date: 2026-03-30
          - kind: technical-documentation
            title: Systembeschreibung Übersetzungshilfe
            uri: https://intranet.example.org/abh/ki/systembeschreibung.pdf
            date: 2026-04-10
          - kind: ai-disclosure
            title: Multilingual notice at each counter and spoken announcement at the start
            uri: https://intranet.example.org/abh/ki/hinweis-mehrsprachig.pdf
            date: 2026-05-04
          - kind: content-marking
            title: Transcripts carry a machine-readable "machine-translated" tag (C2PA manifest on the PDF)
            uri: https://intranet.example.org/abh/ki/kennzeichnung.pdf
            date: 2026-05-04
          - kind: post-market-plan
            title: Monitoring of doubtful-passage rates per language
            uri: https://intranet.example.org/abh/ki/monitoring.pdf
            date: 2026-05-04
          - kind: source-code
            title: Repository of the counter application
            uri: https://git.example.org/stadt/abh-uebersetzung
        suppliers:
          - name: Dolmetscherdienst Rhein-Ruhr
            role: operator
          - name: Sworn interpreters' pool of the Landgericht
            role: reviewer
        classification:
          questionnaire: "2026-07"
          assessed: 2026-09-10
          assessor: privacy-officer@gemeente-example.nl
          role: provider
          answers:
            ai_system: yes
            annex_iii: [7c]
            profiling: false
            art6_3: [d]
            transparency: [interacts, synthetic-content]
            gpai: false
            public_authority: true
            law_enforcement_or_migration: false
          notes: Translates at the residence-permit counter; the officer examines the application on the full file.
        """#),
        ("grid-overload-warning.yaml", #"""
        # A high-risk provider in critical infrastructure: solid engineering, paperwork half done, review and oversight test overdue.
        id: grid-overload-warning
        name: Feeder overload early warning
        purpose: Forecast overloads on medium-voltage feeders 15 to 120 minutes ahead and propose switching actions to the control room
        owner: netzleitstelle-analytics
        contact: grid-ai@stadtwerke.example.com
        status: production
        status_since: 2025-11-03
        tags: [energy, critical-infrastructure, forecasting]
        eu_ai_act:
          role: provider
          tier: high
          annex_iii: critical-infrastructure
          annex_i_product: false
          art6_3_exemption: false
          profiling: false
          gpai: false
          public_body: false
          rationale: Safety component in the operation of the electricity distribution network (Annex III, point 2).
          conformity: in-progress
        impact:
          decisions: Proposes load transfers and feeder switching; the operator executes them
          affected_groups: [electricity customers in the supply area, control-room operators, field crews]
          stakeholders_consulted: [control-room shift leads, transmission system operator, works council]
          explanation: Each warning shows the forecast curve, the feeders involved and the three inputs that drove it.
          appeal: Customers affected by a planned disconnection contact the grid hotline; the duty engineer reviews the decision.
        review:
          last_reviewed: 2025-10-01
          interval_days: 365
          reviewer: technical-safety-board
        models:
          - name: feeder-lstm
            provider: internal
            technique: deep-learning
            version: 1.7.2
            license: proprietary
            hosting: self-hosted
            role: primary
            rationale: A small LSTM beat gradient boosting on ramp events; it runs on the SCADA-side servers without external calls.
            alternatives: [gradient-boosted forecast, persistence forecast]
            parameters: 1.1M
          - name: persistence-baseline
            provider: internal
            technique: statistical
            version: 1.0.0
            license: proprietary
            hosting: self-hosted
            role: fallback
            rationale: Same-weekday persistence forecast used before the LSTM.
        datasets:
          - name: scada-telemetry-2019-2025
            source: SCADA historian, 10-second feeder measurements
            license: internal
            purpose: [training, validation]
            personal_data: false
            collected: 2019-01-01..2025-06-30
            known_limitations: Few heat-pump-heavy winter peaks before 2023; two substations missing in 2020.
          - name: dwd-weather
            source: Deutscher Wetterdienst open data, ICON-D2 forecasts
            license: DL-DE-BY-2.0
            purpose: [training, inference]
            personal_data: false
          - name: scada-live
            source: SCADA live interface
            license: internal
            purpose: inference
            personal_data: false
            derived_from: [scada-telemetry-2019-2025]
        oversight:
          - type: human-on-the-loop
            mechanism: The control-room operator accepts or rejects each proposed switching action; no action is executed automatically.
            who: control-room operator
            can_stop: true
            response_minutes: 2
            last_tested: 2026-02-10
          - type: human-in-command
            mechanism: The shift lead disables the forecast module in the SCADA front end.
            who: control-room shift lead
            can_stop: true
            response_minutes: 5
            last_tested: 2026-02-10
        fallbacks:
          - trigger: model-failure
            strategy: alternate-model
            uses_ai: false
            model: persistence-baseline
            target: persistence forecast
            rto_minutes: 1
            owner: netzleitstelle-analytics
            runbook: https://wiki.stadtwerke.example.com/leitstelle/runbooks/forecast-fallback
            last_tested: 2026-08-14
          - trigger: security-incident
            strategy: rule-based
            uses_ai: false
            target: static SCADA thermal limits and alarms
            rto_minutes: 0
            owner: control-room shift lead
            runbook: https://wiki.stadtwerke.example.com/leitstelle/runbooks/static-limits
            last_tested: 2025-09-30
        risks:
          - description: Missed overload during an unusual heat-pump peak
            severity: high
            mitigation: Static thermal-limit alarms stay active independently of the model
          - description: Manipulated weather feed causes false warnings
            severity: medium
        metrics:
          - name: recall of overload events
            target: ">= 0.95"
            value: "0.97"
            measured: 2026-09-30
          - name: recall of overload events
            group: rural feeders
            target: ">= 0.95"
            value: "0.91"
            measured: 2026-09-30
          - name: false alarms per week
            target: "<= 3"
            value: "2.4"
            measured: 2026-09-30
        evidence:
          - kind: risk-assessment
            title: Hazard and risk analysis (IEC 61508 style)
            uri: https://docs.stadtwerke.example.com/grid-ai/hara-v3.pdf
            date: 2025-08-20
          - kind: technical-documentation
            title: Annex IV technical documentation, draft 0.8
            uri: https://docs.stadtwerke.example.com/grid-ai/annex-iv-draft.pdf
            date: 2026-06-01
          - kind: qms
            title: ISO 9001 quality manual with AI addendum
            uri: https://docs.stadtwerke.example.com/qms/ai-addendum.pdf
            date: 2026-03-15
          - kind: test-report
            title: Back-test 2024–2025 and robustness tests
            uri: https://docs.stadtwerke.example.com/grid-ai/backtest-2025.pdf
            sha256: a54bd8bb87bba9ff585f43745aa101d1f4d5f403b63c8396a25fc9fff7a2b3a2
            date: 2025-10-20
          - kind: logging-policy
            title: Forecast and operator decision logging (24 months)
            uri: https://docs.stadtwerke.example.com/grid-ai/logging.pdf
            date: 2025-10-20
          - kind: incident-procedure
            title: Serious incident reporting (Art. 73, 2-day route for critical infrastructure)
            uri: https://docs.stadtwerke.example.com/grid-ai/incident-procedure.pdf
            date: 2026-04-02
        suppliers:
          - name: Deutscher Wetterdienst
            role: data-supplier
          - name: Leitsystem Technik GmbH
            role: operator
        classification:
          questionnaire: "2026-07"
          assessed: 2026-07-30
          assessor: grid-safety@example.com
          role: provider
          answers:
            ai_system: yes
            annex_iii: ["2"]
            profiling: false
            gpai: false
            public_authority: false
            public_service: false
        """#),
        ("press-brake-guard.yaml", #"""
        # High-risk through Annex I: an AI safety component of a machine. Rules v3: machinery is in
        # Annex I Section B since Regulation (EU) 2026/1744, so the Machinery Regulation carries the
        # requirements and the AI Act's Chapter III rules stay silent (INV-014).
        id: press-brake-guard
        name: Press brake hand detection
        purpose: Detect an operator's hands or fingers in the danger zone of a CNC press brake and stop the ram before it closes
        owner: machine-safety-engineering
        contact: safety-eng@maschinenbau.example.com
        status: development
        status_since: 2026-02-01
        tags: [machinery, safety-component, computer-vision, product]
        eu_ai_act:
          role: product-manufacturer
          tier: high
          annex_iii: null
          annex_i_product: true
          annex_i_section: B
          art6_3_exemption: false
          profiling: false
          gpai: false
          rationale: Safety component of machinery under Regulation (EU) 2023/1230 (Annex I, Section B since Regulation (EU) 2026/1744), which requires third-party conformity assessment for this function (Art. 6(1)).
          conformity: in-progress
        impact:
          decisions: Stops the press ram when a hand is detected in the protected zone
          affected_groups: [press brake operators, maintenance technicians]
          stakeholders_consulted: [customer pilot plants, occupational safety specialists, notified body]
          explanation: The machine display shows which camera zone triggered the stop and stores the frame for the shift supervisor.
          appeal: Operators report false stops or missed detections to the shift supervisor; every report is reviewed by machine-safety engineering within two working days.
        review:
          last_reviewed: 2026-09-30
          interval_days: 180
          reviewer: product-safety-officer
        models:
          - name: hand-detector-cnn
            provider: internal
            technique: deep-learning
            version: 0.9.3
            license: proprietary
            hosting: on-device
            role: primary
            rationale: A 4M-parameter detector runs in 8 ms on the safety controller's accelerator; larger models missed the latency budget.
            alternatives: [light curtain only, laser scanner]
            parameters: 4.2M
        datasets:
          - name: workshop-video-frames
            source: recordings in three customer pilot plants, with operators' written agreement
            license: customer data agreements
            purpose: [training, validation]
            personal_data: true
            special_category: false
            lawful_basis: consent
            collected: 2025-03-01..2026-05-31
            known_limitations: Few frames with dark or patterned gloves; no left-handed operators in plant 2.
            retention: 10 years (technical file of the machine)
          - name: synthetic-hands
            source: rendered with the internal 3D hand generator
            license: internal
            purpose: training
            personal_data: false
            known_limitations: Rendered skin tones and gloves do not cover the full real-world range.
          - name: safety-test-set
            source: held-out recordings from pilot plant 3
            license: customer data agreements
            purpose: testing
            personal_data: true
            lawful_basis: consent
            derived_from: [workshop-video-frames]
        oversight:
          - type: human-in-command
            mechanism: Emergency stop on the machine and the key switch that returns the press to light-curtain-only mode.
            who: press brake operator
            can_stop: true
            response_minutes: 0
            last_tested: 2026-10-15
        fallbacks:
          - trigger: model-failure
            strategy: degrade
            uses_ai: false
            target: category 4 light curtain with reduced closing speed
            rto_minutes: 0
            owner: machine-safety-engineering
            runbook: https://docs.maschinenbau.example.com/safety/runbooks/light-curtain-mode
            last_tested: 2026-10-15
        risks:
          - description: Missed detection of a gloved hand leads to a crush injury
            severity: high
            mitigation: Light curtain stays active as an independent channel; closing speed limited to 10 mm/s near the die
          - description: Frequent false stops push operators to bypass the guard
            severity: medium
            mitigation: Bypass requires a key held by the shift supervisor and is logged
        metrics:
          - name: detection rate, hands in danger zone
            target: ">= 0.9999"
            value: "0.99987"
            measured: 2026-10-01
          - name: detection rate, hands in danger zone
            group: dark or patterned gloves
            target: ">= 0.9999"
            value: "0.9991"
            measured: 2026-10-01
        evidence:
          - kind: risk-assessment
            title: Risk assessment to EN ISO 12100 including the AI channel
            uri: https://docs.maschinenbau.example.com/safety/press-brake/iso12100-ra.pdf
            date: 2026-04-22
          - kind: technical-documentation
            title: Technical file, AI channel (draft for the notified body)
            uri: https://docs.maschinenbau.example.com/safety/press-brake/technical-file-ai.pdf
            sha256: 9749e64d568843900f2a8c33efd41d0d4792e659101181ba5b280e46e821837d
            date: 2026-09-12
          - kind: test-report
            title: Detection test campaign, 1.2 million frames
            uri: https://docs.maschinenbau.example.com/safety/press-brake/test-campaign-2026.pdf
            date: 2026-10-01
          - kind: conformity-declaration
            title: EC declaration of conformity of the base press brake (without the AI channel)
            uri: https://docs.maschinenbau.example.com/safety/press-brake/ec-doc-base.pdf
            date: 2024-11-05
        suppliers:
          - name: Organisme notifié Sécurité Machines SAS
            role: reviewer
          - name: Kamera & Optik Vertriebs GmbH
            role: other
        classification:
          questionnaire: "2026-07"
          assessed: 2026-10-05
          assessor: product-safety@example.com
          role: product-manufacturer
          answers:
            ai_system: yes
            annex_i:
              legislation: [machinery]
              safety_component: true
              third_party_assessment: true
            annex_iii: []
            profiling: false
            gpai: false
        """#),
        ("exam-proctoring.yaml", #"""
        # A proposal in education that needs its GDPR basics settled before anyone signs a contract.
        id: exam-proctoring
        name: Remote exam proctoring for the training academy
        purpose: Flag possible cheating in online certification exams taken at home by apprentices and external participants
        owner: training-academy
        contact: academy@example.com
        status: proposed
        status_since: 2026-10-20
        tags: [education, proctoring, vendor-evaluation]
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: education
          profiling: true
          gpai: false
          emotion_or_biometric_categorisation: false
          rationale: Monitors and detects prohibited behaviour of students during tests (Annex III, point 3(d)).
        impact:
          decisions: Flags exam sessions for review; an examiner decides whether to annul the result
          affected_groups: [apprentices, external course participants, participants with disabilities]
        models:
          - name: proctor-vision
            provider: ProctorWise BV
            technique: deep-learning
            version: latest
            license: proprietary
            hosting: api
            role: primary
        datasets:
          - name: exam-session-recordings
            source: webcam, microphone and screen capture of the candidate's computer
            purpose: inference
            personal_data: true
            special_category: true
            retention: to be decided
        risks:
          - description: Candidates with tics, visual impairments or assistive software are flagged more often
            severity: high
        """#),
        ("footfall-demographics.yaml", #"""
        # A biometric categorisation pilot with many gaps, no fallback and an expired waiver. Rules v3:
        # put into service in February 2026, before the high-risk date, and unchanged since, it is a
        # legacy system (Art. 111(2)): the high-risk duties wait for a significant change (INV-013).
        id: footfall-demographics
        name: Store footfall demographics
        purpose: Estimate age band and gender of shoppers from in-store cameras to plan staffing and product placement
        owner: retail-insights
        contact: retail-insights@example.com
        status: pilot
        status_since: 2026-02-15
        tags: [retail, computer-vision, biometrics]
        eu_ai_act:
          role: deployer
          tier: high
          annex_iii: biometrics
          on_market_since: 2026-02-15
          profiling: false
          gpai: false
          emotion_or_biometric_categorisation: true
          rationale: Biometric categorisation of natural persons by sensitive or protected attributes (Annex III, point 1(b)).
          conformity: not-required
        impact:
          decisions: Staffing rosters and shelf layout in six pilot stores
          affected_groups: [shoppers, store staff]
        models:
          - name: sv-demographics
            provider: Sécurité Vision SA
            technique: deep-learning
            version: latest
            license: unknown
            hosting: on-device
            role: primary
            end_of_life: 2027-09-30
        datasets:
          - name: camera-streams
            source: ceiling cameras in six pilot stores
            license: internal
            purpose: inference
            personal_data: true
            special_category: true
            lawful_basis: legitimate-interests
            known_limitations: Vendor reports lower accuracy for people over 70 and for headscarves and hats.
            retention: frames processed on the camera; counts kept 2 years
        oversight:
          - type: human-on-the-loop
            mechanism: Store managers can switch the analytics off in the vendor portal.
            can_stop: true
        risks:
          - description: Shoppers are not aware that cameras categorise them
            severity: high
          - description: Gender estimation misclassifies trans and non-binary shoppers
            severity: medium
            mitigation: Gender figures are only reported as aggregates above 50 people per hour
        evidence:
          - kind: other
            title: Vendor sales brochure
            uri: https://securite-vision.example.fr/brochure-demographie.pdf
        suppliers:
          - name: Sécurité Vision SA
            role: developer
          - name: StoreTech Installations GmbH
            role: operator
        """#),
        ("seller-listing-writer.yaml", #"""
        # A generative feature we provide to marketplace sellers: retired model still in use, no content marking, one vendor.
        id: seller-listing-writer
        name: Marketplace listing writer
        purpose: Draft product titles and descriptions for marketplace sellers from their attribute sheets and photos
        owner: marketplace-growth
        status: production
        status_since: 2025-04-01
        tags: [genai, marketplace, customer-facing]
        eu_ai_act:
          role: provider
          tier: limited
          gpai: true
          profiling: false
          interacts_with_people: false
          synthetic_content: true
          rationale: Generates text that sellers publish; the feature is offered under our name, so we are its provider.
        impact:
          decisions: None; sellers edit or discard the draft
          affected_groups: [marketplace sellers, buyers reading listings]
        models:
          - name: frontier-chat
            provider: BigLab AI
            technique: generative
            version: 2025-03-01
            license: proprietary
            hosting: api
            role: primary
            end_of_life: 2026-09-30
          - name: frontier-chat-mini
            provider: BigLab AI
            technique: generative
            version: 2026-06-01
            license: proprietary
            hosting: api
            role: fallback
            end_of_life: 2026-10-31
        datasets:
          - name: seller-attribute-sheets
            source: seller upload portal
            license: marketplace terms of service
            purpose: inference
            personal_data: false
          - name: style-examples
            source: best-performing listings selected by category managers
            purpose: fine-tuning
            personal_data: false
        fallbacks:
          - trigger: provider-outage
            strategy: alternate-model
            uses_ai: true
            model: frontier-chat-mini
            target: smaller model from the same vendor
            rto_minutes: 5
        risks:
          - description: Drafts invent product properties (hallucinated materials or certifications)
            severity: high
            mitigation: Claims about certifications are stripped unless present in the attribute sheet
          - description: Copyrighted text reproduced from competitors' listings
            severity: low
        classification:
          questionnaire: "2026-07"
          assessed: 2026-09-01
          assessor: marketplace-legal@example.com
          role: provider
          answers:
            ai_system: yes
            profiling: false
            transparency: [synthetic-content]
            gpai: true
        """#),
        ("shift-planner.yaml", #"""
        # Misclassified: an Art. 6(3) derogation is claimed for an employment system that profiles workers.
        id: shift-planner
        name: Warehouse shift and task planner
        purpose: Allocate warehouse shifts and picking zones to staff based on forecast volume, skills and individual pick rates
        owner: logistics-operations
        contact: logistics-ops@example.com
        status: pilot
        status_since: 2026-09-15
        tags: [hr, logistics, scheduling]
        eu_ai_act:
          role: deployer
          tier: limited
          annex_iii: employment
          art6_3_exemption: true
          profiling: true
          gpai: false
          rationale: Vendor states the planner only prepares schedules that team leads approve.
        impact:
          decisions: Shift rosters and zone assignments for 240 warehouse workers
          affected_groups: [warehouse workers, temporary agency workers, team leads]
          explanation: Workers see their roster but not why they were assigned to a zone.
        models:
          - name: nordlicht-planner
            provider: Nordlicht KI GmbH
            technique: machine-learning
            version: 5.2
            license: proprietary
            hosting: api
            role: primary
            end_of_life: 2027-02-15
          - name: pick-rate-estimator
            provider: unknown
            technique: statistical
            license: unknown
            hosting: api
            role: component
        datasets:
          - name: pick-rates
            source: warehouse management system scanner logs
            license: internal
            purpose: [training, inference]
            personal_data: true
            lawful_basis: legitimate-interests
            collected: 2025-01-01..2026-08-31
          - name: absence-records
            source: HR system, sickness absences
            license: internal
            purpose: inference
            personal_data: true
            special_category: true
            known_limitations: Part-time workers' absences are recorded in days, not hours.
        oversight:
          - type: human-in-the-loop
            mechanism: Team leads approve the weekly roster and can move people between zones.
            who: warehouse team lead
            can_stop: false
        fallbacks:
          - trigger: provider-outage
            strategy: manual-process
            uses_ai: false
            target: team leads plan in the spreadsheet template
            rto_minutes: 480
            owner: logistics-operations
        risks:
          - description: Workers with health-related absences get fewer preferred shifts
            severity: high
          - description: Pick-rate targets raise injury risk
            severity: medium
            mitigation: Pick rates are capped at the ergonomic limit agreed with the works council
        suppliers:
          - name: Nordlicht KI GmbH
            role: developer
          - name: Zeitarbeit Partner Süd GmbH
            role: data-supplier
        classification:
          questionnaire: "2026-07"
          assessed: 2026-11-18
          assessor: hr-compliance@example.com
          role: deployer
          answers:
            ai_system: yes
            annex_iii: [4b]
            profiling: true
            art6_3: [d]
            gpai: false
          notes: Allocates shifts from attendance and performance history, so it profiles workers; the recorded tier predates these answers.
        """#),
        ("contract-review.yaml", #"""
        # A minimal-risk tool in development, built on one vendor with an exit to a second one already tested.
        id: contract-review
        name: Vertragsprüfung – clause extraction
        purpose: Extract liability, termination and data-protection clauses from supplier contracts and compare them with the legal playbook
        owner: legal-ops
        contact: legal-ops@example.com
        status: development
        status_since: 2026-09-01
        tags: [genai, legal, internal]
        eu_ai_act:
          role: deployer
          tier: minimal
          gpai: true
          profiling: false
          interacts_with_people: false
          synthetic_content: true
          rationale: Internal drafting aid for lawyers; no decisions about natural persons and no output published.
        impact:
          decisions: None; lawyers review every extracted clause
          affected_groups: [legal department]
        review:
          last_reviewed: 2026-09-01
          interval_days: 365
          reviewer: general-counsel
        models:
          - name: frontier-chat-long
            provider: BigLab AI
            technique: generative
            version: 2026-07-10
            license: proprietary
            hosting: api
            role: primary
            rationale: Contracts run to 200 pages; only the long-context tier kept clause recall above 0.95 in our test.
            alternatives: [aurora-long, open-weights 70B self-hosted]
            end_of_life: 2027-07-31
          - name: aurora-long
            provider: Aurora Models
            technique: generative
            version: 3.2-long-2026-05
            license: proprietary
            hosting: api
            role: fallback
            end_of_life: 2028-03-31
        datasets:
          - name: contract-archive
            source: contract management system, supplier contracts 2018–2026
            license: internal
            purpose: [retrieval, testing]
            personal_data: true
            special_category: false
            lawful_basis: legitimate-interests
            known_limitations: French and Polish contracts are under-represented.
            retention: as the source contracts
          - name: playbook
            source: legal department playbook, version 7
            license: internal
            purpose: retrieval
            personal_data: false
        fallbacks:
          - trigger: provider-outage
            strategy: alternate-vendor
            uses_ai: true
            model: aurora-long
            target: Aurora Models long-context tier
            rto_minutes: 60
            owner: legal-ops
            runbook: https://wiki.example.com/legal/runbooks/contract-review-vendor-switch
            last_tested: 2026-10-05
          - trigger: legal-change
            strategy: disable
            uses_ai: false
            target: manual review with the playbook checklist
            rto_minutes: 0
            owner: general-counsel
            runbook: https://wiki.example.com/legal/runbooks/contract-review-off
        metrics:
          - name: clause recall
            target: ">= 0.95"
            value: "0.96"
            measured: 2026-10-01
          - name: clause recall
            group: French-language contracts
            target: ">= 0.95"
            value: "0.89"
            measured: 2026-10-01
        evidence:
          - kind: model-card
            title: BigLab AI frontier-chat-long system card
            uri: https://biglab-ai.example.com/docs/frontier-chat-long/system-card
            date: 2026-07-10
          - kind: test-report
            title: Clause extraction evaluation on 300 annotated contracts
            uri: https://wiki.example.com/legal/contract-review-eval
            date: 2026-10-01
          - kind: literacy-training
            title: Working with AI drafts — module for the legal department
            uri: https://learning.example.com/courses/legal-ai
            date: 2026-09-15
        """#),
        ("expense-policy-check.yaml", #"""
        # Not an AI system at all: fixed rules written by finance, recorded so that the question is settled.
        id: expense-policy-check
        name: Travel expense policy check
        purpose: Check submitted travel expense claims against the travel policy and route exceptions to the approver
        owner: finance-ops
        contact: finance-ops@example.com
        status: production
        status_since: 2023-05-01
        tags: [finance, rules, not-ai]
        eu_ai_act:
          tier: out-of-scope
          rationale: "Fixed if-then rules written and maintained by finance; no inference from data (Art. 3(1) and Commission guidelines on the AI system definition)."
        impact:
          decisions: Flags claims for the approver; nothing is rejected automatically
          affected_groups: [employees submitting expense claims]
        review:
          last_reviewed: 2026-05-12
          interval_days: 365
          reviewer: head-of-finance
        models:
          - name: travel-policy-rules
            provider: internal
            technique: rule-based
            version: "2026.10"
            license: proprietary
            hosting: self-hosted
            role: primary
            rationale: 42 rules mirror the travel policy line by line; no model is needed.
        fallbacks:
          - trigger: model-failure
            strategy: manual-process
            uses_ai: false
            target: approvers check claims against the policy PDF
            rto_minutes: 1440
            owner: finance-ops
            runbook: https://wiki.example.com/finance/runbooks/expense-manual-check
            last_tested: 2026-03-03
        evidence:
          - kind: source-code
            title: Rule definitions
            uri: https://git.example.com/finance/expense-rules
          - kind: other
            title: Travel policy 2026
            uri: https://intranet.example.com/policies/travel-2026.pdf
            date: 2026-01-01
        classification:
          questionnaire: "2026-07"
          assessed: 2026-06-12
          assessor: finance-controls@example.com
          answers:
            ai_system: no
          notes: Fixed if-then rules maintained by finance.
        """#),
        ("churn-propensity.yaml", #"""
        # A retired system: kept for the record, yields no findings although its model is long past end of life.
        id: churn-propensity
        name: Subscription churn propensity (v1)
        purpose: Score subscribers by likelihood of cancelling so that retention offers could be targeted
        owner: customer-analytics
        contact: cust-analytics@example.com
        status: retired
        status_since: 2025-12-31
        tags: [marketing, scoring, retired]
        eu_ai_act:
          role: provider
          tier: minimal
          profiling: true
          rationale: Marketing propensity score; no Annex III use and no legal or similarly significant effect.
        impact:
          decisions: Which subscribers received a retention discount
          affected_groups: [subscribers]
          explanation: Not provided while in use; one reason the system was retired.
        models:
          - name: churn-xgb
            provider: internal
            technique: machine-learning
            version: 1.4.2
            license: proprietary
            hosting: self-hosted
            role: primary
            end_of_life: 2025-12-31
        datasets:
          - name: subscriber-activity-2021-2024
            source: billing and app usage warehouse
            license: internal
            purpose: training
            personal_data: true
            lawful_basis: legitimate-interests
            collected: 2021-01-01..2024-06-30
            retention: deleted 2026-06-30
        evidence:
          - kind: other
            title: Decommissioning record and data deletion certificate
            uri: https://wiki.example.com/analytics/churn-v1-decommissioning
            sha256: 64d335ffffc5349316a6c0f8c5e5606ea506d2ccb1cab487e1919e5986437621
            date: 2026-07-01
        """#),
        ("waiver-support-chatbot-fbk-002.yaml", #"""
        # Waiver: vendor concentration accepted while a second vendor is onboarded.
        kind: waiver
        system: support-chatbot
        rule: FBK-002
        reason: Contract with a second model vendor signed; switch-over planned for Q1 2027
        approved_by: head-of-risk
        expires: 2027-03-31
        """#),
        ("waiver-citizen-assistant-mod-003.yaml", #"""
        # Waiver: model end of life within 90 days, migration scheduled before the date.
        kind: waiver
        system: citizen-assistant
        rule: MOD-003
        reason: Successor model passed the multilingual test set; switch scheduled for 2027-01-15, before end of life
        approved_by: CDO Stadt Musterstadt
        expires: 2027-01-31
        """#),
        ("waiver-footfall-demographics-fbk-001.yaml", #"""
        # An expired waiver: the pilot ran past the date it was granted until, so the finding is open again.
        kind: waiver
        system: footfall-demographics
        rule: FBK-001
        reason: Pilot in six stores without a fallback; analytics are not needed to run a store
        approved_by: head-of-retail-operations
        expires: 2026-06-30
        """#),
        ("incident-cv-screening-age.yaml", #"""
        # An open serious incident past its deadline (on 2026-11-24): aware on 2 November, so the first
        # report to the authority was due on the 17th and none is recorded (INC-001, critical).
        kind: incident
        id: inc-2026-014
        system: cv-screening
        title: Qualified applicants over 50 ranked below the shortlist threshold
        class: fundamental-rights
        widespread: false
        occurred: 2026-10-28
        aware: 2026-11-02
        member_states: [NL, DE]
        description: An audit of three vacancies found applicants over 50 with matching qualifications ranked systematically lower; the ranking model weighs years since graduation.
        status: open
        """#),
        ("incident-grid-overload-warning-missed-alarm.yaml", #"""
        # An open serious incident within its deadline: harm to a person's health must be reported
        # within 15 days of awareness, by 8 December 2026 (INC-003 counts down until then).
        kind: incident
        id: inc-2026-017
        system: grid-overload-warning
        title: Overload warning came 40 minutes late; a household on home dialysis lost power for three hours
        class: health
        occurred: 2026-11-22
        aware: 2026-11-23
        member_states: [DE]
        description: Stale weather input delayed the overload forecast; protection tripped feeder 12 before the dispatcher could shed load, and a patient's home dialysis had to be moved to hospital.
        corrective_action: Forecast input freshness is now checked every 5 minutes; dispatchers fall back to static limits when it is stale.
        status: open
        """#),
        ("incident-loan-scoring-misrouted.yaml", #"""
        # A closed serious incident: the deployer told the provider the same day, reports followed, and
        # the corrective action was taken before it was closed. Closed incidents yield no findings.
        kind: incident
        id: inc-2026-009
        system: loan-scoring
        title: Applications from one postcode area declined by a stale fraud flag
        class: fundamental-rights
        occurred: 2026-08-30
        aware: 2026-09-03
        member_states: [NL]
        description: A fraud flag from the data supplier was not cleared after its source was withdrawn; 214 applications were declined automatically.
        corrective_action: Flags older than 30 days are ignored; the 214 applicants were re-assessed by an underwriter and offered a new decision.
        provider_informed: 2026-09-03
        reports:
          - {kind: initial, date: 2026-09-10, authority: Autoriteit Financiële Markten, reference: AFM-2026-0412}
          - {kind: final, date: 2026-10-15, authority: Autoriteit Financiële Markten, reference: AFM-2026-0412}
        status: closed
        closed: 2026-10-20
        """#),
    ]
}
