/// Generates synthetic but realistic inventories of v1 system declarations: one file per
/// system, one folder per organisation, varied content (most facts declared, some missing or
/// stale, as in a real city), integrations between systems, roughly 2–3 KB per declaration.
///
/// Deterministic: the same seed and count give byte-identical files.
public struct InventoryGenerator: Sendable {
    /// One generated declaration.
    public struct File: Sendable {
        /// The path relative to the inventory root: `<organisation-folder>/<id>.yaml`.
        public var path: String
        /// The YAML text.
        public var text: String
    }

    /// The organisations (nämnder and bolag) systems are spread over, with their folder names.
    public static let organisations: [(folder: String, name: String, domain: String)] = [
        ("forskoleforvaltningen", "Förskoleförvaltningen", "forskola"),
        ("grundskoleforvaltningen", "Grundskoleförvaltningen", "grundskola"),
        ("aldre-samt-vard-och-omsorgsforvaltningen", "Äldre samt vård- och omsorgsförvaltningen", "aldrevard"),
        ("stadsbyggnadsforvaltningen", "Stadsbyggnadsförvaltningen", "sbk"),
        ("kretslopp-och-vatten", "Kretslopp och vatten", "kretsloppochvatten"),
        ("intraservice", "Intraservice", "intraservice"),
        ("socialforvaltningen-centrum", "Socialförvaltningen Centrum", "socialcentrum"),
        ("trafikkontoret", "Trafikkontoret", "trafikkontoret"),
        ("kulturforvaltningen", "Kulturförvaltningen", "kultur"),
        ("forvaltnings-ab-framtiden", "Förvaltnings AB Framtiden", "framtiden"),
        ("goteborg-energi", "Göteborg Energi AB", "goteborgenergi"),
        ("miljoforvaltningen", "Miljöförvaltningen", "miljo"),
    ]

    static let kinds = [
        ("e-tjanst", "E-tjänst"), ("register", "Verksamhetssystem"), ("portal", "Portal"), ("plattform", "Plattform"),
        ("app", "App"), ("arende", "Ärendehantering"), ("analys", "Analysplattform"), ("bokning", "Bokningssystem"),
    ]
    static let subjects = [
        ("bygglov", "bygglov"), ("skolval", "skolval"), ("hemtjanst", "hemtjänst"), ("parkering", "parkeringstillstånd"),
        ("bibliotek", "bibliotekslån"), ("vatten", "vattenmätning"), ("avfall", "avfallshämtning"), ("lokal", "lokalbokning"),
        ("elev", "elevdokumentation"), ("bistand", "ekonomiskt bistånd"), ("tillsyn", "miljötillsyn"), ("hyra", "hyresavier"),
        ("trafik", "trafikdata"), ("kultur", "kulturstöd"), ("larm", "trygghetslarm"), ("lon", "lönehantering"),
    ]
    static let statuses = ["planned", "procurement", "development", "production", "production", "production", "retiring"]
    static let hostings = ["city-datacenter", "city-datacenter", "saas", "saas", "paas", "iaas", "on-premises"]
    static let jurisdictions = ["SE", "SE", "SE", "EU", "US"]
    static let people = ["Anna Lindqvist", "Erik Svensson", "Karin Nyström", "Jonas Ek", "Maria Holm", "Ali Hassan", "Sara Berg"]

    /// The seed.
    public var seed: UInt64

    /// Creates a generator.
    public init(seed: UInt64 = 2026) {
        self.seed = seed
    }

    /// The id of the system with an index: stable, unique, `[a-z0-9-]`.
    public static func id(_ index: Int) -> String {
        let subject = subjects[index % subjects.count].0
        let kind = kinds[(index / subjects.count) % kinds.count].0
        return "\(subject)-\(kind)-\(index)"
    }

    /// The `count` declarations, in index order.
    public func files(count: Int) -> [File] {
        (0..<count).map { file(index: $0, count: count) }
    }

    /// The declaration with an index in an inventory of `count`.
    public func file(index: Int, count: Int) -> File {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x1_0000_0001)
        let organisation = Self.organisations[index % Self.organisations.count]
        let subject = Self.subjects[index % Self.subjects.count]
        let kind = Self.kinds[(index / Self.subjects.count) % Self.kinds.count]
        let id = Self.id(index)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func date(from year: Int, to lastYear: Int) -> String {
            let year = year + Int(random.next() % UInt64(lastYear - year + 1))
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        func person(_ role: String) -> String {
            let name = pick(Self.people)
            let email = name.lowercased().replacingSwedish().split(separator: " ").joined(separator: ".")
            return "    \(role): {name: \(name), email: \(email)@\(organisation.domain).goteborg.se}\n"
        }
        let status = pick(Self.statuses)
        let hosting = pick(Self.hostings)
        let jurisdiction = hosting == "city-datacenter" ? "SE" : pick(Self.jurisdictions)
        let personal = chance(70)
        let confidentiality = Int(random.next() % 5)
        let external = chance(50)

        var text = """
            apiVersion: policykoll/v1
            kind: System
            metadata:
              id: \(id)
              name: \(kind.1) för \(subject.1) \(index)
              organisation: \(organisation.name)
              description: Syntetisk deklaration \(index) för prestandamätning och tester.
              labels: {generated: "true"}
            spec:
              lifecycle: {status: \(status), since: \(date(from: 2015, to: 2025))}

            """
        text += "  roles:\n" + person("systemOwner")
        if chance(85) { text += person("informationOwner") }
        if chance(80) { text += person("systemAdministrator") }
        if chance(70) { text += person("technicalAdministrator") }
        text += "  governance:\n"
        if chance(85) { text += "    managementObject: Förvaltningsobjekt \(subject.1)\n" }
        if chance(80) {
            text += "    managementPlan: {reference: Förvaltningsplan \(subject.1), date: \(date(from: 2024, to: 2026))}\n"
        }
        if chance(60) { text += "    benefits: {plan: Nyttoplan \(subject.1), followUp: \(date(from: 2024, to: 2026))}\n" }
        text += "    portfolioRegistered: \(chance(80))\n"
        if external {
            text += """
                  service:
                    audience: [\(pick(["residents", "business", "visitors"]))]
                    channels: [\(pick(["eservice", "web", "app"]))]
                    accessibility:
                      standard: \(pick(["EN 301 549 V3.2.1", "WCAG 2.1 AA", "WCAG 2.0 AA"]))
                      statementUrl: https://goteborg.se/tillganglighet/\(id)
                      lastReview: \(date(from: 2024, to: 2026))
                      feedbackMechanism: \(chance(85))
                    identification: {methods: [BankID, Freja], assuranceLevel: \(pick([2, 3, 3, 4])), eidas: \(chance(70))}
                    languages: [sv, en]

                """
        } else {
            text += "  service:\n    audience: [employees]\n    channels: [web]\n"
        }
        let open = chance(30)
        text += """
              information:
                datasets:
                  - id: \(subject.0)-data
                    name: Data om \(subject.1)
                    informationOwner: \(organisation.name)
                    openData: \(open)

            """
        if open {
            text += "        license: \(pick(["CC0-1.0", "CC-BY-4.0", "Egna villkor"]))\n"
            text += "        formats: [\(pick(["CSV, JSON", "JSON", "XLSX"]))]\n        metadataPublished: \(chance(75))\n"
        } else {
            text += "        reasonNotOpen: Personuppgifter och sekretess\n"
        }
        text += """
                records:
                  publicRecords: true
                  managementPlan: Informationshanteringsplan \(organisation.name)
                  eArchive: {delivery: \(pick(["planned", "done", "none"])), format: \(pick(["FGS", "E-ARK", "PDF"]))}
                export: {formats: [\(pick(["CSV", "XML", "XLSX"]))], documented: \(chance(70))}
              architecture:
                hosting:
                  model: \(hosting)
                  provider: \(hosting == "city-datacenter" ? "Intraservice" : pick(["Leverantör Nord AB", "Global Cloud Inc", "EU Cloud GmbH"]))
                  providerJurisdiction: \(jurisdiction)
                  dataLocation: [\(jurisdiction == "US" ? pick(["SE", "EU", "US"]) : "SE")]

            """
        if jurisdiction == "US", chance(50) { text += "      legalAssessment: Rättslig bedömning CLOUD Act \(index)\n" }
        text += "    commonServices:\n"
        text += chance(80) ? "      uses: [identitetstjanst, integrationsplattform]\n" : "      uses: []\n"
        text += "    integrations:\n"
        let integrationCount = count > 1 ? Int(random.next() % 4) : 0
        for number in 0..<integrationCount {
            // Mostly to other systems of the inventory; now and then to one that is not declared.
            let target = chance(92) ? Self.id(Int(random.next() % UInt64(count))) : "okant-system-\(index)-\(number)"
            text += """
                      - name: Integration \(number + 1)
                        target: \(target)
                        protocol: \(pick(["REST", "REST", "SOAP", "SFTP"]))
                        via: integrationsplattform
                        apiSpec: \(pick(["OpenAPI 3.1", "OpenAPI 3.0", "WSDL"]))
                        personalData: \(personal && chance(50))

                """
        }
        if integrationCount == 0 { text.removeLast("    integrations:\n".count) }
        text += """
                openStandards: [OpenAPI, OIDC]
                openSource: {considered: \(chance(60)), used: \(chance(20))}
                exit: {plan: Exitplan \(subject.1), dataPortability: \(chance(75))}
                identity: {sso: \(chance(85)), mfa: \(chance(75))}
              security:
                classification:
                  confidentiality: \(confidentiality)
                  integrity: \(Int(random.next() % 5))
                  availability: \(Int(random.next() % 5))

            """
        if personal { text += "      traceability: \(Int(random.next() % 5))\n" }
        text += """
                  method: KLASSA
                  date: \(date(from: 2023, to: 2026))
                  actionPlan: Handlingsplan \(subject.1)
                riskAssessment: {date: \(date(from: 2023, to: 2026)), reference: RA-\(index)}
                continuity: {rto: 24h, rpo: 4h, plan: Kontinuitetsplan \(subject.1), lastRestoreTest: \(date(from: 2023, to: 2026))}
                encryption: {inTransit: TLS 1.3, atRest: \(chance(85))}
                logging: {enabled: \(chance(90)), retentionDays: \(pick([90, 180, 365]))}
                vulnerabilityManagement: Månatlig skanning
                incidentResponse: Stadens incidentprocess
                nis2InScope: \(chance(40))
                supplierRequirements: Säkerhetsbilaga

            """
        text += "  personalData:\n    processed: \(personal)\n"
        if personal {
            text += "    categories: [namn, personnummer]\n    specialCategories: \(chance(15))\n"
            if chance(85) { text += "    ropa: Registerförteckning \(organisation.name), behandling \(index)\n" }
            if chance(60) {
                text += "    dpia: {reference: KB-\(index), date: \(date(from: 2023, to: 2026))}\n"
            } else if chance(50) {
                text += "    dpiaNotRequiredReason: Låg risk enligt bedömning \(index)\n"
            }
            if hosting != "city-datacenter" { text += "    processorAgreement: PUB-avtal \(index)\n" }
        }
        text += """
              procurement:
                reference: UPH-\(index)
                supplier: \(hosting == "city-datacenter" ? "Intraservice" : "Leverantör \(index % 17) AB")
                contractEnd: \(date(from: 2026, to: 2031))
                securityRequirements: \(chance(85))
                accessibilityRequirement: \(chance(80))
                exitClause: \(chance(75))

            """
        return File(path: "\(organisation.folder)/\(id).yaml", text: text)
    }
}

extension String {
    /// ASCII for e-mail addresses: å, ä → a; ö → o.
    fileprivate func replacingSwedish() -> String {
        String(
            unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "å", "ä": "a"
                case "ö": "o"
                case "é": "e"
                default: Character(scalar)
                }
            })
    }
}
