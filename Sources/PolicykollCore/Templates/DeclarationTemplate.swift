/// The commented declaration template that `policykoll init` writes: every section of a v1
/// `System` (design §3), each field explained, with the principle that needs it.
///
/// The template is a valid declaration whose evidence is left empty: `policykoll check` on it,
/// unedited, gives a finding for each thing to fill in (never input errors), so that a template
/// nobody filled in cannot pass a gate.
public enum DeclarationTemplate {
    /// The template with comments in one language.
    public static func text(_ language: Language) -> String {
        let tag = language == .sv ? "#sv:" : "#en:"
        var output = ""
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#sv:") || trimmed.hasPrefix("#en:") {
                guard trimmed.hasPrefix(tag) else { continue }
                let indent = line.prefix { $0 == " " }
                output += indent + "#" + trimmed.dropFirst(4) + "\n"
            } else {
                output += line + "\n"
            }
        }
        while output.hasSuffix("\n\n") { output.removeLast() }
        return output
    }

    // Lines starting with `#sv:` or `#en:` are kept for that language only.
    static let source = """
        #sv: policykoll – systemdeklaration (policykoll/v1). Fyll i, ta bort det som inte gäller och kör:
        #sv:   policykoll check <fil>
        #sv: Redigeringsstöd: spara schemat med `policykoll schema > declaration.schema.json` och lägg
        #sv: raden  # yaml-language-server: $schema=declaration.schema.json  först i filen.
        #sv: Principerna (STY-1, ARK-3, …) är regelpaketets formuleringar; se `policykoll rules`.
        #en: policykoll – system declaration (policykoll/v1). Fill it in, remove what does not apply and run:
        #en:   policykoll check <file>
        #en: Editor support: save the schema with `policykoll schema > declaration.schema.json` and put
        #en: the line  # yaml-language-server: $schema=declaration.schema.json  first in the file.
        #en: The principles (STY-1, ARK-3, …) are the rule pack's formulations; see `policykoll rules`.
        apiVersion: policykoll/v1
        kind: System
        metadata:
          #sv: Unikt id: små bokstäver, siffror och bindestreck. Integrationer i andra system pekar hit.
          #en: Unique id: lowercase letters, digits and hyphens. Integrations in other systems point here.
          id: mitt-system
          #sv: Systemets namn och nämnden/förvaltningen eller bolaget som äger det.
          #en: The system's name and the board, department or company that owns it.
          name: Mitt system
          organisation: Min förvaltning
          description: Vad systemet gör och för vem.
        spec:
          #sv: Livscykel. status avgör vilka regler som gäller: planned, procurement, development,
          #sv: production, retiring eller retired.
          #en: Lifecycle. status decides which rules apply: planned, procurement, development,
          #en: production, retiring or retired.
          lifecycle:
            status:
            since:
          #sv: STY-1: utsedda ägare. Systemägare med e-post och informationsägare krävs.
          #en: STY-1: named owners. A system owner with e-mail and an information owner are required.
          roles:
            systemOwner: {name: , email: }
            informationOwner: {name: }
            systemAdministrator: {name: }
            technicalAdministrator: {name: }
          #sv: STY-1: förvaltningsobjekt och förvaltningsplan (förnyas årligen).
          #sv: STY-2: nyttoplan, och i drift en uppföljning det senaste året.
          #en: STY-1: management object and management plan (renewed yearly).
          #en: STY-2: benefits plan and, in production, a follow-up within the last year.
          governance:
            managementObject:
            managementPlan: {reference: , date: }
            benefits: {plan: , followUp: }
            portfolioRegistered:
          #sv: SDS: digital service. Målgrupp residents/visitors/business med kanal web/app/eservice gör
          #sv: DOS-lagen tillämplig (SDS-2: EN 301 549, tillgänglighetsredogörelse, granskning varje år).
          #sv: SDS-3: e-legitimering på tillitsnivå 3 med eIDAS när informationen är skyddsvärd.
          #en: SDS: digital service. Audience residents/visitors/business with channel web/app/eservice brings
          #en: the service under the web accessibility act (SDS-2: EN 301 549, statement, yearly review).
          #en: SDS-3: e-identification at assurance level 3 with eIDAS when the information needs protection.
          service:
            audience: []
            channels: []
            accessibility:
              standard:
              statementUrl:
              lastReview:
              feedbackMechanism:
            identification: {methods: [], assuranceLevel: , eidas: }
            languages: []
            #sv: SDS-1: en e-tjänst finns i stadens kanalregister.
            #en: SDS-1: an e-service is listed in the city's channel register.
            #channelRegister: true
          #sv: INF: information. INF-1/INF-2: öppna datamängder med licens (CC0-1.0), ägare, metadata och
          #sv: öppna format. INF-3: allmänna handlingar med informationshanteringsplan och e-arkivleverans.
          #sv: INF-4: dokumenterad export i öppna format.
          #en: INF: information. INF-1/INF-2: open datasets with a licence (CC0-1.0), owner, metadata and
          #en: open formats. INF-3: public records with a management plan and e-archive delivery.
          #en: INF-4: a documented export in open formats.
          information:
            datasets:
              - id: min-datamangd
                name: Min datamängd
                informationOwner:
                openData:
                reasonNotOpen:
                #sv: INF-1: en värdefull datamängd (EU 2023/138) ska vara öppen.
                #en: INF-1: a high-value dataset (EU 2023/138) is to be open.
                #highValue: true
            records:
              publicRecords:
              managementPlan:
              disposalDecision:
              eArchive: {delivery: , format: }
            export: {formats: [], documented: }
          #sv: ARK och STY-3: arkitektur. Driftform och jurisdiktion (ARK-4), stadens bastjänster eller
          #sv: beslutat avsteg (STY-3), integrationer mot deklarerade system (ARK-5), exitplan (INF-4).
          #en: ARK and STY-3: architecture. Hosting and jurisdiction (ARK-4), the city's base services or a
          #en: decided deviation (STY-3), integrations to declared systems (ARK-5), exit plan (INF-4).
          architecture:
            hosting:
              model:
              provider:
              providerJurisdiction:
              dataLocation: []
            commonServices:
              uses: []
              #sv: STY-3: ett beslutat avsteg från bastjänsterna.
              #en: STY-3: a decided deviation from the base services.
              #deviation: {decision: Beslut om avsteg, reason: Skäl}
            integrations: []
            openStandards: []
            openSource: {considered: , used: }
            exit: {plan: , dataPortability: }
            identity: {sso: , mfa: }
          #sv: ARK-1: KLASSA-klassning 0–4 (spårbarhet när personuppgifter behandlas), högst 24 månader gammal.
          #sv: ARK-2: riskbedömning inom 12 månader; kontinuitet och återläsningstest; NIS 2-åtgärder.
          #en: ARK-1: KLASSA classification 0–4 (traceability when personal data are processed), at most 24 months old.
          #en: ARK-2: risk assessment within 12 months; continuity and restore tests; NIS 2 measures.
          security:
            classification:
              confidentiality:
              integrity:
              availability:
              traceability:
              method:
              date:
              actionPlan:
              #sv: ARK-1: en särskild skyddsanalys krävs vid nivå 4.
              #en: ARK-1: a separate protection analysis is needed at level 4.
              #protectionAnalysis: Särskild skyddsanalys
            riskAssessment: {date: , reference: }
            continuity: {rto: , rpo: , plan: , lastRestoreTest: }
            encryption: {inTransit: , atRest: }
            logging: {enabled: , retentionDays: }
            vulnerabilityManagement:
            incidentResponse:
            nis2InScope:
            supplierRequirements:
          #sv: ARK-3: personuppgifter kräver registerförteckning och konsekvensbedömning (eller skäl).
          #sv: ARK-4: överföring till tredje land kräver överföringsgrund (adequacy, DPF, SCC, BCR).
          #en: ARK-3: personal data need a record of processing and a DPIA (or the reason it is not needed).
          #en: ARK-4: transfers to third countries need a mechanism (adequacy, DPF, SCC, BCR).
          personalData:
            processed:
            categories: []
            specialCategories:
            ropa:
            dpia: {reference: , date: }
            processorAgreement:
            #sv: ARK-4: bara när uppgifterna förs över till tredje land (tia: överföringskonsekvensbedömning).
            #en: ARK-4: only when the data go to a third country (tia: transfer impact assessment).
            #thirdCountryTransfer: {countries: [US], mechanism: SCC, tia: Överföringskonsekvensbedömning}
          #sv: STY: upphandling och avtal: slutdatum, säkerhets- och tillgänglighetskrav, exitklausul.
          #en: STY: procurement and contract: end date, security and accessibility requirements, exit clause.
          procurement:
            reference:
            supplier:
            contractEnd:
            securityRequirements:
            accessibilityRequirement:
            exitClause:

        """
}
