/// The JSON Schema (draft 2020-12) of a v1 declaration (design §3), with descriptions in Swedish
/// and English, so editors can complete and check declarations.
///
/// The envelope is closed (its keys are fixed); the sections of `spec` are open, because v1
/// lets teams add fields freely. `policykoll schema` prints it; `schema/declaration.schema.json`
/// is a committed copy.
public enum DeclarationSchema {
    /// The schema's `$id`.
    public static let id = "urn:policykoll:schema:declaration:v1"

    /// The sections of a `System`'s `spec`, in the order of the design.
    public static let specSections = [
        "lifecycle", "roles", "governance", "service", "information", "architecture", "security", "personalData",
        "procurement",
    ]

    /// The schema as a JSON value.
    public static var json: JSONValue {
        typealias S = SchemaBuilder
        let envelope = S.object(
            "En systemdeklaration för policykoll: ett system i Göteborgs Stad beskrivet så att reglerna kan kontrollera det",
            "A policykoll system declaration: a system of the City of Gothenburg described so that the rules can check it",
            [
                (
                    "apiVersion",
                    S.string(
                        "Formatets version; alltid policykoll/v1", "The format version; always policykoll/v1",
                        enum: ["policykoll/v1"])
                ),
                (
                    "kind",
                    S.string(
                        "Dokumentets typ; System för ett system", "The document's kind; System for a system", examples: ["System"]
                    )
                ),
                ("metadata", metadata),
                ("spec", spec),
            ],
            required: ["apiVersion", "kind", "metadata", "spec"], additionalProperties: false)
        guard case .object(let members) = envelope else { return envelope }
        let head: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("policykoll v1 – systemdeklaration / system declaration")),
        ]
        return .object(head + members)
    }

    // MARK: - Envelope

    static var metadata: JSONValue {
        typealias S = SchemaBuilder
        let exception = S.object(
            "Ett undantag från en regel för den här deklarationen", "An exception to a rule for this declaration",
            [
                ("rule", S.string("Regelns id, t.ex. GBG-ARK-004", "The rule's id, e.g. GBG-ARK-004")),
                (
                    "path",
                    S.string(
                        "Begränsar undantaget till findings på eller under sökvägen",
                        "Narrows the exception to findings at or below this path")
                ),
                ("reason", S.text("Varför undantaget behövs", "Why the exception is needed")),
                ("approvedBy", S.text("Vem som har godkänt undantaget", "Who approved the exception")),
                ("decision", S.text("Beslutets diarienummer", "The decision's reference number (diarienummer)")),
                ("expires", S.date("Sista dag undantaget gäller", "The last day the exception applies")),
            ],
            required: ["rule", "reason", "approvedBy", "expires"])
        return S.object(
            "Deklarationens identitet och ägare", "The declaration's identity and owner",
            [
                (
                    "id",
                    S.string(
                        "Unikt id: små bokstäver, siffror och bindestreck; andra deklarationer hänvisar till det",
                        "Unique id: lowercase letters, digits and hyphens; other declarations refer to it",
                        pattern: "^[a-z0-9][a-z0-9-]*$", examples: ["forskoleplats"])
                ),
                ("name", S.text("Systemets namn", "The system's name")),
                (
                    "organisation",
                    S.text(
                        "Nämnden/förvaltningen eller bolaget som äger systemet",
                        "The board, department or company that owns the system")
                ),
                ("description", S.text("Vad systemet gör", "What the system does")),
                ("labels", S.described("Fria nyckel/värde-par", "Free key/value pairs", [("type", .string("object"))])),
                ("exceptions", S.array("Undantag direkt i deklarationen", "Inline exceptions", of: exception)),
            ],
            required: ["id", "name", "organisation"], additionalProperties: false)
    }

    static var spec: JSONValue {
        SchemaBuilder.object(
            "Systemets beskrivning, i sektioner; fält kan läggas till fritt i v1",
            "The system's description, in sections; fields may be added freely in v1",
            [
                ("lifecycle", lifecycle), ("roles", roles), ("governance", governance), ("service", service),
                ("information", information), ("architecture", architecture), ("security", security),
                ("personalData", personalData), ("procurement", procurement),
            ])
    }

    // MARK: - Sections

    static func person(_ sv: String, _ en: String) -> JSONValue {
        SchemaBuilder.object(
            sv, en,
            [
                ("name", SchemaBuilder.text("Namn eller funktion", "Name or role")),
                (
                    "email",
                    SchemaBuilder.described(
                        "E-postadress", "E-mail address", [("type", .string("string")), ("format", .string("email"))])
                ),
            ])
    }

    static var lifecycle: JSONValue {
        typealias S = SchemaBuilder
        return S.object(
            "Livscykel (STY-1)", "Lifecycle (STY-1)",
            [
                (
                    "status",
                    S.string(
                        "Var i livscykeln systemet är; avgör vilka regler som gäller",
                        "Where the system is in its lifecycle; decides which rules apply",
                        enum: ["planned", "procurement", "development", "production", "retiring", "retired"])
                ),
                ("since", S.date("Sedan när systemet har den statusen", "Since when the system has that status")),
                ("endOfLife", S.date("Planerat datum för avveckling", "Planned retirement date")),
            ])
    }

    static var roles: JSONValue {
        SchemaBuilder.object(
            "Ägar- och förvaltningsroller (STY-1)", "Ownership and management roles (STY-1)",
            [
                (
                    "systemOwner",
                    person("Systemägare: chef i verksamheten som äger systemet", "System owner: a manager in the owning business")
                ),
                (
                    "informationOwner",
                    person(
                        "Informationsägare: ansvarar för informationen och dess klassning",
                        "Information owner: responsible for the information and its classification")
                ),
                ("systemAdministrator", person("Systemförvaltare", "System administrator (business side)")),
                ("technicalAdministrator", person("Teknisk förvaltare", "Technical administrator")),
            ])
    }

    static var governance: JSONValue {
        typealias S = SchemaBuilder
        return S.object(
            "Styrning och förvaltning (STY-1, STY-2)", "Governance and management (STY-1, STY-2)",
            [
                (
                    "managementObject",
                    S.text("Förvaltningsobjektet systemet ingår i", "The management object the system belongs to")
                ),
                (
                    "managementPlan",
                    S.object(
                        "Förvaltningsplanen", "The management plan",
                        [
                            ("reference", S.text("Planens namn eller diarienummer", "The plan's name or reference")),
                            ("date", S.date("När planen beslutades", "When the plan was decided")),
                        ])
                ),
                (
                    "benefits",
                    S.object(
                        "Nyttorealisering (STY-2)", "Benefits realisation (STY-2)",
                        [
                            ("plan", S.text("Nyttoplanen", "The benefits plan")),
                            ("followUp", S.date("Senaste uppföljning av nyttan", "Latest follow-up of the benefits")),
                        ])
                ),
                (
                    "portfolioRegistered",
                    S.boolean(
                        "Registrerat i stadens portfölj/systemförteckning", "Registered in the city's portfolio/system register")
                ),
            ])
    }

    static var service: JSONValue {
        typealias S = SchemaBuilder
        return S.object(
            "Digital service till användarna (SDS)", "Digital service to users (SDS)",
            [
                (
                    "audience",
                    S.strings(
                        "Vilka tjänsten riktar sig till; boende, besökare och näringsliv gör DOS-lagen tillämplig",
                        "Who the service is for; residents, visitors and business bring it under the Swedish web accessibility act",
                        enum: ["residents", "visitors", "business", "employees"])
                ),
                ("channels", S.strings("Kanaler", "Channels", enum: ["web", "app", "eservice", "phone", "office"])),
                (
                    "accessibility",
                    S.object(
                        "Tillgänglighet enligt DOS-lagen (SDS-2)",
                        "Accessibility under the Swedish web accessibility act (SDS-2)",
                        [
                            (
                                "standard",
                                S.string(
                                    "Kravnivå, t.ex. EN 301 549 eller WCAG 2.1 AA", "Standard, e.g. EN 301 549 or WCAG 2.1 AA",
                                    examples: ["EN 301 549 V3.2.1", "WCAG 2.1 AA"])
                            ),
                            (
                                "statementUrl",
                                S.described(
                                    "Adress till tillgänglighetsredogörelsen (https)",
                                    "Address of the accessibility statement (https)",
                                    [("type", .string("string")), ("format", .string("uri"))])
                            ),
                            (
                                "lastReview",
                                S.date(
                                    "Senaste granskning av tjänsten och redogörelsen",
                                    "Latest review of the service and the statement")
                            ),
                            ("feedbackMechanism", S.boolean("Användare kan rapportera brister", "Users can report problems")),
                        ])
                ),
                (
                    "identification",
                    S.object(
                        "E-legitimering (SDS-3)", "E-identification (SDS-3)",
                        [
                            (
                                "methods",
                                S.strings("Godkända e-legitimationer", "Accepted eIDs", examples: ["BankID", "Freja", "SITHS"])
                            ),
                            (
                                "assuranceLevel",
                                S.integer("Tillitsnivå enligt DIGG (2–4)", "DIGG assurance level (2–4)", enum: [2, 3, 4])
                            ),
                            (
                                "eidas",
                                S.boolean("Tar emot utländska e-legitimationer via eIDAS", "Accepts foreign eIDs through eIDAS")
                            ),
                        ])
                ),
                (
                    "languages",
                    S.strings(
                        "Språk tjänsten finns på (språkkoder)", "Languages the service is offered in (language codes)",
                        examples: ["sv", "en"])
                ),
                ("channelRegister", S.boolean("Registrerad i stadens kanalregister", "Listed in the city's channel register")),
            ])
    }

    static var information: JSONValue {
        typealias S = SchemaBuilder
        let dataset = S.object(
            "En datamängd", "A dataset",
            [
                ("id", S.text("Datamängdens id", "The dataset's id")),
                ("name", S.text("Namn", "Name")),
                ("informationOwner", S.text("Informationsägare", "Information owner")),
                ("openData", S.boolean("Publiceras som öppna data (INF-1)", "Published as open data (INF-1)")),
                ("reasonNotOpen", S.text("Varför datamängden inte är öppen", "Why the dataset is not open")),
                ("license", S.string("Licens som SPDX-id", "Licence as an SPDX id", examples: ["CC0-1.0", "CC-BY-4.0"])),
                ("formats", S.strings("Format", "Formats", examples: ["CSV", "JSON", "GeoJSON"])),
                (
                    "api",
                    S.object(
                        "API för datamängden", "An API for the dataset",
                        [
                            (
                                "url",
                                S.described(
                                    "API:ets adress", "The API's address",
                                    [("type", .string("string")), ("format", .string("uri"))])
                            ),
                            ("spec", S.text("Specifikation, t.ex. OpenAPI 3.1", "Specification, e.g. OpenAPI 3.1")),
                        ])
                ),
                (
                    "metadataPublished",
                    S.boolean("Metadata publicerad (DCAT-AP-SE, dataportal.se)", "Metadata published (DCAT-AP-SE, dataportal.se)")
                ),
                (
                    "highValue",
                    S.boolean(
                        "Värdefull datamängd enligt EU:s genomförandeförordning",
                        "A high-value dataset under the EU implementing regulation")
                ),
            ])
        return S.object(
            "Information, arkiv och export (INF)", "Information, records and export (INF)",
            [
                ("datasets", S.array("Datamängder", "Datasets", of: dataset)),
                (
                    "records",
                    S.object(
                        "Allmänna handlingar och arkiv (INF-3)", "Public records and archiving (INF-3)",
                        [
                            (
                                "publicRecords",
                                S.boolean("Systemet innehåller allmänna handlingar", "The system holds public records")
                            ),
                            ("managementPlan", S.text("Informationshanteringsplan", "Information management plan")),
                            ("disposalDecision", S.text("Gallringsbeslut", "Disposal decision")),
                            (
                                "eArchive",
                                S.object(
                                    "Leverans till e-arkiv", "Delivery to the e-archive",
                                    [
                                        (
                                            "delivery",
                                            S.string(
                                                "Leveransens läge", "State of the delivery", enum: ["planned", "done", "none"])
                                        ),
                                        (
                                            "format",
                                            S.string(
                                                "Format, t.ex. FGS eller E-ARK", "Format, e.g. FGS or E-ARK",
                                                examples: ["FGS 1.2", "E-ARK SIP"])
                                        ),
                                    ])
                            ),
                        ])
                ),
                (
                    "export",
                    S.object(
                        "Export av informationen (INF-4)", "Export of the information (INF-4)",
                        [
                            ("formats", S.strings("Exportformat", "Export formats", examples: ["CSV", "JSON", "XML"])),
                            ("documented", S.boolean("Exporten är dokumenterad", "The export is documented")),
                        ])
                ),
            ])
    }

    static var architecture: JSONValue {
        typealias S = SchemaBuilder
        let integration = S.object(
            "En integration", "An integration",
            [
                ("name", S.text("Vad integrationen gör", "What the integration does")),
                (
                    "target",
                    S.string("Målsystemets metadata.id", "The target system's metadata.id", pattern: "^[a-z0-9][a-z0-9-]*$")
                ),
                ("protocol", S.string("Protokoll", "Protocol", examples: ["REST", "SOAP", "SFTP", "MQTT", "AMQP"])),
                ("via", S.text("Via, t.ex. stadens integrationsplattform", "Through, e.g. the city's integration platform")),
                ("apiSpec", S.string("Öppen specifikation", "Open specification", examples: ["OpenAPI 3.1", "AsyncAPI 2.6"])),
                ("personalData", S.boolean("Integrationen för över personuppgifter", "The integration carries personal data")),
            ],
            required: ["target"])
        return S.object(
            "Arkitektur (ARK, STY-3, INF-4)", "Architecture (ARK, STY-3, INF-4)",
            [
                (
                    "hosting",
                    S.object(
                        "Drift och jurisdiktion (ARK-4)", "Hosting and jurisdiction (ARK-4)",
                        [
                            (
                                "model",
                                S.string(
                                    "Driftform", "Hosting model",
                                    enum: ["city-datacenter", "on-premises", "saas", "paas", "iaas"])
                            ),
                            ("provider", S.text("Leverantör", "Provider")),
                            (
                                "providerJurisdiction",
                                S.string(
                                    "Land (ISO 3166) vars lag leverantören lyder under",
                                    "Country (ISO 3166) whose law the provider is under", examples: ["SE", "US"])
                            ),
                            (
                                "dataLocation",
                                S.strings("Länder där data lagras", "Countries where data are stored", examples: ["SE", "IE"])
                            ),
                            (
                                "legalAssessment",
                                S.text("Rättslig bedömning av utländsk jurisdiktion", "Legal assessment of foreign jurisdiction")
                            ),
                        ])
                ),
                (
                    "commonServices",
                    S.object(
                        "Stadens bastjänster (STY-3)", "The city's base services (STY-3)",
                        [
                            (
                                "uses",
                                S.strings(
                                    "Bastjänster som används", "Base services used",
                                    examples: ["identitetstjanst", "integrationsplattform"])
                            ),
                            (
                                "deviation",
                                S.object(
                                    "Beslutat avsteg", "A decided deviation",
                                    [
                                        ("decision", S.text("Beslutets diarienummer", "The decision's reference number")),
                                        ("reason", S.text("Skäl", "Reason")),
                                    ])
                            ),
                        ])
                ),
                ("integrations", S.array("Integrationer (ARK-5)", "Integrations (ARK-5)", of: integration)),
                (
                    "openStandards",
                    S.strings("Öppna standarder som används", "Open standards used", examples: ["OpenAPI", "OIDC", "SAML 2.0"])
                ),
                (
                    "openSource",
                    S.object(
                        "Öppen källkod", "Open source",
                        [
                            ("considered", S.boolean("Öppen källkod har övervägts", "Open source was considered")),
                            ("used", S.boolean("Öppen källkod används", "Open source is used")),
                        ])
                ),
                (
                    "exit",
                    S.object(
                        "Exit (INF-4)", "Exit (INF-4)",
                        [
                            ("plan", S.text("Exitplan", "Exit plan")),
                            (
                                "dataPortability",
                                S.boolean("Data kan flyttas till en annan lösning", "Data can be moved to another solution")
                            ),
                        ])
                ),
                (
                    "identity",
                    S.object(
                        "Inloggning för medarbetare", "Staff sign-in",
                        [
                            ("sso", S.boolean("Stadens gemensamma inloggning (SSO)", "The city's single sign-on")),
                            ("mfa", S.boolean("Multifaktorautentisering", "Multi-factor authentication")),
                        ])
                ),
            ])
    }

    static var security: JSONValue {
        typealias S = SchemaBuilder
        func level(_ sv: String, _ en: String) -> JSONValue { S.integer(sv, en, minimum: 0, maximum: 4) }
        return S.object(
            "Informationssäkerhet (ARK-1, ARK-2)", "Information security (ARK-1, ARK-2)",
            [
                (
                    "classification",
                    S.object(
                        "Informationsklassning enligt KLASSA (ARK-1)", "Information classification with KLASSA (ARK-1)",
                        [
                            ("confidentiality", level("Konfidentialitet 0–4", "Confidentiality 0–4")),
                            ("integrity", level("Riktighet 0–4", "Integrity 0–4")),
                            ("availability", level("Tillgänglighet 0–4", "Availability 0–4")),
                            (
                                "traceability",
                                level("Spårbarhet 0–4 (för personuppgifter)", "Traceability 0–4 (for personal data)")
                            ),
                            ("method", S.string("Metod", "Method", examples: ["KLASSA"])),
                            ("date", S.date("När klassningen gjordes", "When the classification was made")),
                            ("actionPlan", S.text("Handlingsplan för åtgärder", "Action plan for the safeguards")),
                            (
                                "protectionAnalysis",
                                S.text("Särskild skyddsanalys (nivå 4)", "Separate protection analysis (level 4)")
                            ),
                        ])
                ),
                (
                    "riskAssessment",
                    S.object(
                        "Riskbedömning (ARK-2)", "Risk assessment (ARK-2)",
                        [
                            ("date", S.date("Datum", "Date")),
                            ("reference", S.text("Diarienummer eller dokument", "Reference or document")),
                        ])
                ),
                (
                    "continuity",
                    S.object(
                        "Kontinuitet (ARK-2)", "Continuity (ARK-2)",
                        [
                            ("rto", S.string("Längsta tillåtna avbrott", "Recovery time objective", examples: ["8h", "24h"])),
                            ("rpo", S.string("Längsta tillåtna dataförlust", "Recovery point objective", examples: ["1h"])),
                            ("plan", S.text("Kontinuitetsplan", "Continuity plan")),
                            ("lastRestoreTest", S.date("Senaste test av återläsning", "Latest restore test")),
                        ])
                ),
                (
                    "encryption",
                    S.object(
                        "Kryptering", "Encryption",
                        [
                            (
                                "inTransit",
                                S.textOrBoolean(
                                    "Kryptering under överföring, t.ex. TLS 1.3", "Encryption in transit, e.g. TLS 1.3")
                            ),
                            ("atRest", S.boolean("Kryptering i vila", "Encryption at rest")),
                        ])
                ),
                (
                    "logging",
                    S.object(
                        "Loggning", "Logging",
                        [
                            ("enabled", S.boolean("Säkerhetsloggning är på", "Security logging is on")),
                            (
                                "retentionDays",
                                S.integer("Hur länge loggar sparas (dagar)", "How long logs are kept (days)", minimum: 0)
                            ),
                        ])
                ),
                (
                    "vulnerabilityManagement",
                    S.textOrBoolean("Process för sårbarhetshantering", "Vulnerability management process")
                ),
                ("incidentResponse", S.textOrBoolean("Process för incidenthantering", "Incident response process")),
                ("nis2InScope", S.boolean("Omfattas av cybersäkerhetslagen (NIS 2)", "Covered by the Cybersecurity Act (NIS 2)")),
                ("supplierRequirements", S.textOrBoolean("Säkerhetskrav på leverantörer", "Security requirements on suppliers")),
            ])
    }

    static var personalData: JSONValue {
        typealias S = SchemaBuilder
        return S.object(
            "Personuppgifter (ARK-3, ARK-4)", "Personal data (ARK-3, ARK-4)",
            [
                ("processed", S.boolean("Systemet behandlar personuppgifter", "The system processes personal data")),
                ("categories", S.strings("Kategorier av personuppgifter", "Categories of personal data")),
                ("specialCategories", S.boolean("Känsliga personuppgifter (art. 9)", "Special categories (Art. 9)")),
                (
                    "ropa",
                    S.text("Hänvisning till registerförteckningen (art. 30)", "Reference to the record of processing (Art. 30)")
                ),
                (
                    "dpia",
                    S.object(
                        "Konsekvensbedömning (art. 35)", "Data protection impact assessment (Art. 35)",
                        [
                            ("reference", S.text("Diarienummer eller dokument", "Reference or document")),
                            ("date", S.date("Datum", "Date")),
                        ])
                ),
                ("dpiaNotRequiredReason", S.text("Varför ingen konsekvensbedömning behövs", "Why no DPIA is needed")),
                ("processorAgreement", S.text("Personuppgiftsbiträdesavtal (art. 28)", "Processor agreement (Art. 28)")),
                (
                    "thirdCountryTransfer",
                    S.object(
                        "Överföring till tredje land (kapitel V)", "Transfer to third countries (Chapter V)",
                        [
                            ("countries", S.strings("Länder", "Countries", examples: ["US"])),
                            (
                                "mechanism",
                                S.string("Överföringsgrund", "Transfer mechanism", enum: ["adequacy", "DPF", "SCC", "BCR"])
                            ),
                            ("tia", S.textOrBoolean("Överföringskonsekvensbedömning", "Transfer impact assessment")),
                        ])
                ),
            ])
    }

    static var procurement: JSONValue {
        typealias S = SchemaBuilder
        return S.object(
            "Upphandling och avtal (STY)", "Procurement and contract (STY)",
            [
                ("reference", S.text("Upphandlingens eller avtalets diarienummer", "Reference of the procurement or contract")),
                ("supplier", S.text("Leverantör", "Supplier")),
                ("contractEnd", S.date("Avtalets slutdatum", "Contract end date")),
                ("securityRequirements", S.textOrBoolean("Säkerhetskrav i avtalet", "Security requirements in the contract")),
                (
                    "accessibilityRequirement",
                    S.boolean("Tillgänglighetskrav i avtalet", "Accessibility requirement in the contract")
                ),
                ("exitClause", S.boolean("Exitklausul i avtalet", "Exit clause in the contract")),
            ])
    }
}
