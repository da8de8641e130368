/**
 * The labels of every code the API uses (docs/reference-data.md, docs/adr/0027): nl-BE as a Flemish social worker
 * reads it, and English. Grouped by vocabulary, because one code can mean different things in two of them. The codes
 * are other capabilities' stable values, written out here rather than imported (partners knows no other capability,
 * docs/adr/0005); `test/e2e/labels.test.ts` compares them with every enum of the OpenAPI document, both ways.
 */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

type Label = Readonly<Record<Language, string>>;
type Vocabulary = Readonly<Record<string, Label>>;

const label = (nl: string, en: string): Label => ({ nl, en });
const OTHER = label('Andere', 'Other');
const NOT_ELIGIBLE = label('Niet rechthebbend', 'Not eligible');
const STOPPED_BY_PERSON = label('Gestopt op vraag van de persoon', 'Stopped by the person');
const MOVED_AWAY = label('Verhuisd', 'Moved away');
const WAITING_LIST = label('Wachtlijst', 'Waiting list');
const NO_INCOME = label('Geen inkomen', 'No income');
const COUNT = label('Aantal', 'Count');
const SHARE = label('Aandeel', 'Share');
const PER_1000 = label('Per 1.000 inwoners', 'Per 1,000 inhabitants');
const OPEN = label('Lopend', 'Open');
const CLOSED = label('Afgesloten', 'Closed');
const REGISTERED = label('Geregistreerd', 'Registered');
const ERASED = label('Persoonsgegevens gewist', 'Personal data erased');
const SHARE_WITH_ORGANISATION = label('Delen met een organisatie', 'Share with an organisation');
const SHARE_FOR_REFERRALS = label('Delen voor doorverwijzingen', 'Share for referrals');

export const LABELS = {
  language: { nl: label('Nederlands', 'Dutch'), en: label('Engels', 'English') },
  role: {
    social_worker: label('Maatschappelijk werker', 'Social worker'),
    coordinator: label('Coördinator', 'Coordinator'),
    analyst: label('Analist', 'Analyst'),
    member_analyst: label('Analist van een lidbestuur', "Member's analyst"),
    volunteer: label('Vrijwilliger', 'Volunteer'),
    dpo: label('Functionaris voor gegevensbescherming', 'Data-protection officer'),
    admin: label('Beheerder', 'Administrator'),
  },
  accessAction: { read: label('Inzage', 'Read'), write: label('Wijziging', 'Write') },
  accessOutcome: {
    allowed: label('Toegestaan', 'Allowed'),
    denied: label('Geweigerd', 'Denied'),
    failed: label('Mislukt', 'Failed'),
    pending: label('Nog niet afgerond', 'Pending'),
  },
  organisationType: {
    ocmw: label('OCMW', 'OCMW (public centre for social welfare)'),
    caw: label('CAW', 'CAW (centre for general welfare work)'),
    dmw: label('Dienst maatschappelijk werk van het ziekenfonds', "Health-insurance fund's social service"),
    w13_service: label('Dienst van W13', 'W13 service'),
    external: label('Externe partner', 'External partner'),
  },
  rightLevel: {
    local: label('Lokaal', 'Local'),
    flemish: label('Vlaams', 'Flemish'),
    federal: label('Federaal', 'Federal'),
  },
  lifeDomain: {
    finances: label('Financiën', 'Finances'),
    debts: label('Schulden', 'Debts'),
    housing: label('Wonen', 'Housing'),
    energy: label('Energie', 'Energy'),
    work_and_education: label('Werk en opleiding', 'Work and education'),
    health: label('Gezondheid', 'Health'),
    mental_health: label('Psychisch welzijn', 'Mental health'),
    social_network: label('Sociaal netwerk', 'Social network'),
    mobility: label('Mobiliteit', 'Mobility'),
    leisure: label('Vrije tijd', 'Leisure'),
    administration: label('Administratie', 'Administration'),
    family: label('Gezin', 'Family'),
  },
  incomeSource: {
    employment: label('Loon uit werk', 'Employment'),
    self_employment: label('Inkomen als zelfstandige', 'Self-employment'),
    unemployment_benefit: label('Werkloosheidsuitkering', 'Unemployment benefit'),
    sickness_or_disability_benefit: label('Ziekte- of invaliditeitsuitkering', 'Sickness or disability benefit'),
    pension: label('Pensioen', 'Pension'),
    social_integration_income: label('Leefloon', 'Social integration income (leefloon)'),
    equivalent_social_assistance: label('Equivalent leefloon', 'Equivalent social assistance'),
    other_benefit: label('Andere uitkering', 'Other benefit'),
    no_income: NO_INCOME,
    unknown: label('Onbekend', 'Unknown'),
  },
  registrationOutcome: {
    registered: REGISTERED,
    already_registered: label('Was al geregistreerd', 'Already registered'),
  },
  clientStatus: { registered: REGISTERED, erased: ERASED },
  consentScope: {
    share_with_organisation: SHARE_WITH_ORGANISATION,
    share_for_referrals: SHARE_FOR_REFERRALS,
    reporting: label('Meetellen in de impactmeting', 'Count in impact measurement'),
  },
  caseloadStatus: { open: OPEN, closed: CLOSED, all: label('Alle', 'All') },
  trajectoryStatus: { open: OPEN, closed: CLOSED },
  asOfAxis: {
    occurred: label('Volgens de datum van de feiten', 'By the date it happened'),
    recorded: label('Volgens de datum van registratie', 'By the date it was recorded'),
  },
  intakeOrigin: {
    came_in_themselves: label('Kwam zelf langs', 'Came in themselves'),
    referred_by_partner: label('Doorverwezen door een partner', 'Referred by a partner'),
    proactive_signal: label('Proactief signaal', 'Proactive signal'),
    eviction_notice: label('Aangekondigde uithuiszetting', 'Eviction notice'),
    other: OTHER,
  },
  signalSource: {
    energy_supplier: label('Energieleverancier', 'Energy supplier'),
    water_company: label('Watermaatschappij', 'Water company'),
    social_landlord: label('Sociale huisvestingsmaatschappij', 'Social landlord'),
    school: label('School', 'School'),
    health_insurance_fund: label('Ziekenfonds', 'Health-insurance fund'),
    general_practitioner: label('Huisarts', 'General practitioner'),
    municipal_service: label('Gemeentelijke dienst', 'Municipal service'),
    police: label('Politie', 'Police'),
    neighbourhood_outreach: label('Buurtwerk en outreach', 'Neighbourhood outreach'),
    data_matching: label('Datakoppeling', 'Data matching'),
    other: OTHER,
  },
  problemFlag: {
    acute_crisis: label('Acute crisis', 'Acute crisis'),
    no_income: NO_INCOME,
    homelessness: label('Dakloos', 'Homelessness'),
    eviction_threat: label('Dreigende uithuiszetting', 'Threat of eviction'),
    energy_cut_off: label('Afgesloten van energie', 'Energy cut off'),
    debt_collection: label('Invordering van schulden (deurwaarder)', 'Debt collection'),
    domestic_violence: label('Intrafamiliaal geweld', 'Domestic violence'),
    child_at_risk: label('Kind in een verontrustende situatie', 'Child at risk'),
    no_health_insurance: label('Niet in orde met het ziekenfonds', 'No health insurance'),
    residence_status_issue: label('Probleem met het verblijfsstatuut', 'Residence status issue'),
  },
  rightStatus: {
    explored: label('Onderzocht', 'Explored'),
    applied: label('Aangevraagd', 'Applied for'),
    granted: label('Toegekend', 'Granted'),
    refused: label('Geweigerd', 'Refused'),
  },
  rightRefusalReason: {
    not_eligible: NOT_ELIGIBLE,
    incomplete_application: label('Onvolledige aanvraag', 'Incomplete application'),
    income_too_high: label('Inkomen te hoog', 'Income too high'),
    other: OTHER,
  },
  unmetNeedReason: {
    no_suitable_offer: label('Geen passend aanbod', 'No suitable offer'),
    waiting_list: WAITING_LIST,
    not_eligible: NOT_ELIGIBLE,
    cost_threshold: label('Financiële drempel', 'Cost threshold'),
    mobility_threshold: label('Mobiliteitsdrempel', 'Mobility threshold'),
    language_threshold: label('Taaldrempel', 'Language threshold'),
    digital_threshold: label('Digitale drempel', 'Digital threshold'),
    other: OTHER,
  },
  intakeEventType: {
    IntakeOpened: label('Intake geopend', 'Intake opened'),
    LifeDomainsAssessed: label('Levensdomeinen in kaart gebracht', 'Life domains assessed'),
    NeedRecorded: label('Hulpvraag genoteerd', 'Need recorded'),
    RightExplored: label('Recht onderzocht', 'Right explored'),
    RightApplied: label('Recht aangevraagd', 'Right applied for'),
    RightGranted: label('Recht toegekend', 'Right granted'),
    RightRefused: label('Recht geweigerd', 'Right refused'),
    UnmetNeedSignalled: label('Onbeantwoorde nood gesignaleerd', 'Unmet need signalled'),
    CaseworkerAssigned: label('Dossierbeheerder toegewezen', 'Caseworker assigned'),
    ResponsibilityTransferred: label('Dossier overgedragen', 'Responsibility transferred'),
    IntakeClosed: label('Intake afgesloten', 'Intake closed'),
    IntakeReopened: label('Intake heropend', 'Intake reopened'),
  },
  intakeOutcome: {
    question_answered: label('Vraag beantwoord', 'Question answered'),
    referred_on: label('Doorverwezen', 'Referred on'),
    rights_realised: label('Rechten gerealiseerd', 'Rights realised'),
    stopped_by_person: STOPPED_BY_PERSON,
    no_contact: label('Geen contact meer', 'No contact'),
    moved_away: MOVED_AWAY,
  },
  transferReason: {
    moved_municipality: label('Verhuisd naar een andere gemeente', 'Moved to another municipality'),
    kracht_wonen: label('Verhuisd naar een woning van kracht.wonen', 'Moved into a kracht.wonen house'),
    better_placed_partner: label('Een partner is beter geplaatst', 'A partner is better placed'),
    other: OTHER,
  },
  referralStatus: {
    sent: label('Verstuurd', 'Sent'),
    accepted: label('Aanvaard', 'Accepted'),
    declined: label('Geweigerd', 'Declined'),
    first_contact_made: label('Eerste contact gelegd', 'First contact made'),
    service_started: label('Hulpverlening gestart', 'Service started'),
    completed: label('Afgerond', 'Completed'),
    dropped: label('Afgehaakt', 'Dropped'),
    revoked: label('Ingetrokken', 'Revoked'),
  },
  referralConsentBasis: {
    share_for_referrals: SHARE_FOR_REFERRALS,
    share_with_organisation: SHARE_WITH_ORGANISATION,
    none: label('Zonder toestemming: geen persoonsgegevens', 'No consent: no personal data'),
  },
  declineReason: {
    outside_mandate: label('Valt buiten onze opdracht', 'Outside our mandate'),
    not_eligible: NOT_ELIGIBLE,
    no_capacity: label('Geen plaats', 'No capacity'),
    waiting_list: WAITING_LIST,
    already_known_elsewhere: label('Al gekend bij een andere dienst', 'Already known elsewhere'),
    person_unreachable: label('Persoon niet bereikbaar', 'Person unreachable'),
    other: OTHER,
  },
  dropReason: {
    no_show: label('Niet komen opdagen', 'Did not show up'),
    stopped_by_person: STOPPED_BY_PERSON,
    moved_away: MOVED_AWAY,
    not_eligible_after_all: label('Toch niet rechthebbend', 'Not eligible after all'),
    service_ended: label('Hulpverlening beëindigd', 'Service ended'),
    other: OTHER,
  },
  completionOutcome: {
    need_answered: label('Hulpvraag beantwoord', 'Need answered'),
    partly_answered: label('Gedeeltelijk beantwoord', 'Partly answered'),
    not_answered: label('Niet beantwoord', 'Not answered'),
  },
  droppedBy: { person: label('De persoon', 'The person'), service: label('De dienst', 'The service') },
  revocationReason: {
    sent_in_error: label('Per vergissing verstuurd', 'Sent in error'),
    need_resolved: label('Hulpvraag intussen opgelost', 'Need resolved'),
    consent_withdrawn: label('Toestemming ingetrokken', 'Consent withdrawn'),
    other: OTHER,
  },
  periodGranularity: {
    month: label('Maand', 'Month'),
    quarter: label('Kwartaal', 'Quarter'),
    year: label('Jaar', 'Year'),
  },
  breakdownCategories: { dynamic: label('Volgens de gegevens', 'From the data') },
  indicatorUnit: {
    per_1000_inhabitants: PER_1000,
    share: SHARE,
    count: COUNT,
    days: label('Dagen', 'Days'),
    rights_per_intake: label('Rechten per intake', 'Rights per intake'),
    score_points: label('Scorepunten', 'Score points'),
  },
  indicatorAggregate: {
    per_1000_inhabitants: PER_1000,
    share: SHARE,
    count: COUNT,
    mean: label('Gemiddelde', 'Mean'),
    median_p90: label('Mediaan en 90e percentiel', 'Median and 90th percentile'),
  },
  openReferrals: { keep: label('Openstaande doorverwijzingen behouden', 'Keep open referrals') },
  overdueKind: {
    response: label('Antwoordtermijn overschreden', 'Response overdue'),
    service_start: label('Opstarttermijn overschreden', 'Service start overdue'),
  },
  messageAuthor: {
    sender: label('Verwijzer', 'Referring organisation'),
    receiver: label('Ontvanger', 'Receiving organisation'),
  },
  taskKind: {
    reassessment: label('Herevaluatie', 'Re-assessment'),
    call_back: label('Terugbellen', 'Call back'),
    check_right_decision: label('Beslissing over recht nagaan', "Check a right's decision"),
    follow_up_referral: label('Doorverwijzing opvolgen', 'Follow up a referral'),
    other: label('Andere', 'Other'),
  },
  taskStatus: {
    open: OPEN,
    completed: label('Afgerond', 'Completed'),
    cancelled: label('Geannuleerd', 'Cancelled'),
  },
  notificationKind: {
    referral_received: label('Doorverwijzing ontvangen', 'Referral received'),
    referral_accepted: label('Doorverwijzing aanvaard', 'Referral accepted'),
    referral_declined: label('Doorverwijzing geweigerd', 'Referral declined'),
    referral_message: label('Nieuw bericht bij een doorverwijzing', 'New message on a referral'),
    referral_completed: label('Doorverwijzing afgerond', 'Referral completed'),
    referral_overdue: label('Antwoordtermijn verstreken', 'Referral overdue'),
    responsibility_transferred: label('Verantwoordelijkheid overgedragen', 'Responsibility transferred'),
    task_due: label('Taak te doen', 'Task due'),
  },
} as const satisfies Readonly<Record<string, Vocabulary>>;

/** Every vocabulary's labels in one language: vocabulary → code → label. */
export function labelsIn(language: Language): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(LABELS).map(([vocabulary, codes]) => [
      vocabulary,
      Object.fromEntries(Object.entries(codes as Vocabulary).map(([code, labels]) => [code, labels[language]])),
    ]),
  );
}
