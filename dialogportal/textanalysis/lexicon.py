"""A small Danish concept lexicon for municipal policy texts (hand-written, no download).

Each concept is a semantic field: words that point to the same policy topic even when they
share no letters ("lejlighed", "husleje" and "udlejer" all point to housing). Inputs and focus
areas are both mapped to concepts, so an input can match an area whose description never uses
its words. Written by topic from the areas a Danish municipality works with, not from the
evaluation errors; extend it here (lemmas, lower case; simplemma lemmatises them at start).

Words of 5+ letters also match as the head or the modifier of a compound
("boligselskab" → bolig, "sygedagpengeopfølgning" → syg…); shorter words only match whole,
and so do words written `=word`: generic heads that made wrong compounds ("kunstudstilling"
is not a job, "vækstmiljø" not nature, "oversvømme" not exercise). Generic heads such as
"plads", "center", "hus", "liv", "grund" and "mester" are left out altogether.
"""

from __future__ import annotations

from functools import lru_cache

from dialogportal.textanalysis.danish import lemma

CONCEPTS: dict[str, str] = {
    "beskæftigelse": """
        job arbejde arbejdsløs arbejdsløshed ledig ledighed langtidsledig jobcenter jobcentret
        kontanthjælp kontanthjælpsmodtager dagpenge ydelse aktivering jobsøgning ansøgning
        ansættelse ansætte ansat løntilskud virksomhedspraktik =praktik jobkonsulent
        sagsbehandler forsørgelse overførselsindkomst beskæftigelse beskæftiget arbejdsmarked
        =stilling fuldtid deltid opkvalificering omskoling efteruddannelse jobmesse seniorjob
        fyring fyret afskedigelse arbejdsgiver lønmodtager uddannelseshjælp jobparat
        kontanthjælpsloft jobrettet virksomhedsrettet jobtræning
    """,
    "arbejdsevne": """
        sygemeldt sygemelding sygemelde sygedagpenge fleksjob skånejob førtidspension
        ressourceforløb rehabilitering rehabiliteringsteam arbejdsevne revalidering
        arbejdsprøvning nedsat kronisk handicap nedslidt skånehensyn afklaring jobafklaring
        sygefravær raskmelding
    """,
    "uddannelse": """
        uddannelse ungdomsuddannelse erhvervsuddannelse gymnasium gymnasie læreplads elevplads
        lærling =lære læremester fgu egu produktionsskole vejledning uddannelsesvejledning
        studerende erhvervsskole uddannelsespålæg brobygning frafald droppe studie =kursus
        efterskole højskole erhvervsakademi universitet
    """,
    "erhverv": """
        virksomhed firma erhverv erhvervsliv iværksætter iværksætteri startup selvstændig
        investor kapital erhvervsservice erhvervskontor erhvervsgrund erhvervsområde
        erhvervspark erhvervsjord industri industrikvarter fabrik produktion producent
        logistik håndværker håndværksvirksomhed entreprenør udbud indkøb leverandør eksport
        vækst investering investere klynge inkubator forretning omsætning rekruttering
        arbejdskraft arbejdsplads privat erhvervsdrivende direktør erhvervsfremme
        erhvervschef landbrug landmand datacenter mikrolån enkeltmandsvirksomhed
        forretningsplan etablere udvide
    """,
    "infrastruktur": """
        motorvej motorvejsafkørsel omfartsvej vejnet tog togforbindelse jernbane station bus
        busforbindelse kollektiv trafik bredbånd fiber mobildækning internet havn lufthavn
        infrastruktur pendle pendling transport lastbil
    """,
    "planlægning": """
        lokalplan kommuneplan byggetilladelse tilladelse miljøgodkendelse planlægning
        byggefelt udstykning byggegrund areal byggemodning dispensation
    """,
    "integration": """
        flygtning indvandrer nydansker nytilkommen efterkommer etnisk minoritet udlænding asyl
        asylansøger ukrainer syrer somalier afghaner eritreaner iraker arabisk tigrinya tolk
        fremmed diskrimination racisme hjemland integration familiesammenføring igu
        statsborgerskab kulturmøde indvandrerkvinde flygtningefamilie integrationsydelse
        anerkendelse anerkende moské
    """,
    "sprog": """
        dansk danskundervisning danskuddannelse sprogskole sprogcenter sprog danskprøve
        sprogpraktik sprogmakker sprogcafé tosproget modersmål danskkursus sprogundervisning
        grammatik udtale
    """,
    "fællesskab": """
        forening foreningsliv fællesskab frivillig netværk venskab venskabsfamilie klub
        idrætsforening idrætsklub spejder lokalsamfund beboerhus fællesspisning kontingent
        medlem mødested sammenhold nabo forsamlingshus civilsamfund ildsjæl frivillighed
        borgerforening lokalråd
    """,
    "familie": """
        barn forældre familie mor far søn datter baby spædbarn dagtilbud vuggestue børnehave
        dagpleje pædagog sundhedsplejerske anbringelse anbragt plejefamilie underretning
        socialrådgiver  udsat sårbar mistrivsel mistrives omsorgssvigt efterværn
        familiebehandling forældrekursus skilsmisse børnefamilie forældreevne
    """,
    "skole": """
        skole folkeskole elev lærer klasse undervisning skolegang fravær skolefravær mobning
        mobbe drille inklusion specialklasse specialskole lektie lektiecafé skolepsykolog ppr
        diagnose adhd autisme udredning frikvarter skolegård lejrskole skolebørn
        skoledag matematik læsning
    """,
    "ungdom": """
        ung teenager ungdom ungdomsklub fritidsklub fritidsjob fritid fritidstilbud
        fritidspas skatepark multibane kriminalitet bande gadeplan sssp rollemodel
        ungdomsskole drenge pige
    """,
    "livsstil": """
        sundhed sund usund rygning ryge rygestop røgfri tobak cigaret snus alkohol druk
        misbrug kost mad overvægt overvægtig diabetes vægt livsstil læge sundhedstjek
        middellevetid levetid dødelighed ulighed hjerte kræft blodprop fastfood energidrik
        sundhedsfremme forebygge forebyggelse folkesundhed alkoholbehandling spise
    """,
    "motion": """
        motion bevægelse idræt sport træning træne fitness svømmehal idrætshal løb løbeklub
        cykle cykelsti fysisk aktivitet genoptræning =svømme fodbold gåtur vandre
    """,
    "mental": """
        psykisk psykiatri psykolog psykologhjælp mental angst depression stress ensomhed ensom
        selvmord trivsel sorg sorggruppe krise rådgivning psykiater spiseforstyrrelse
        selvskade pårørende
    """,
    "ældre": """
        ældre senior pensionist plejehjem plejecenter hjemmepleje ældrepleje demens
        ældrebolig seniorbofællesskab
    """,
    "bolig": """
        bolig lejlighed husleje leje lejemål lejebolig udlejer lejer beboer boligforening
        boligselskab almen andelsbolig ejerbolig ejerlejlighed rækkehus parcelhus villa
        etagebolig boligblok opgang bebyggelse venteliste boligområde ghetto parallelsamfund
        hjemløs hjemløshed værelse kollegium bofællesskab byggefællesskab anvisning
        udlejning boligsocial beboerdemokrati familiebolig studiebolig ungdomsbolig
        boligpris boligmarked indflytning fraflytning nybyggeri
    """,
    "renovering": """
        renovering renovere istandsættelse istandsætte skimmel skimmelsvamp fugt fugtig
        isolering isolere vindue facade energirenovering varmeregning elevator nedrivning
        nedrive forfald forfalde faldefærdig byfornyelse vedligeholdelse nedslidt træk
        trækfuld utæt kælder indeklima oversvømmelse
    """,
    "handel": """
        bymidte centrum midtby gågade butik butiksliv detailhandel handel handelsliv
        handelsstandsforening kæde storcenter indkøbscenter torv torvehal marked café
        restaurant udeservering åbningstid butikslokale handlende kunde parkering
    """,
    "byliv": """
        kultur kulturliv bibliotek teater biograf koncert musik festival event arrangement
        julemarked kunst museum byliv byrum bænk park grøn springvand turist gadekunst
        legeplads streetfood vandleg
    """,
    "tryghed": """
        tryghed tryg utryg kriminalitet politi betjent hærværk graffiti narko narkohandel
        vold røveri indbrud overvågning videoovervågning kamera belysning natteravn beruset
        uro chikane chikanere tryghedsvandring
    """,
    "økonomi": """
        fattig fattigdom indkomst løn økonomi penge gæld lavindkomst skattetryk
    """,
    "klima": """
        klima klimaplan udledning co2 omstilling bæredygtig bæredygtighed grøn
    """,
    "energi": """
        energi vindmølle solcelle solcellepark biogas brint varmepumpe fjernvarme elbil
        ladestander strøm elforbrug energiforbrug
    """,
    "natur": """
        natur =miljø skov skovrejsning fjord vandløb biodiversitet grønne åer sø strand
        naturområde vådområde forurening spildevand grundvand
    """,
    "transport": """
        trafik transport kollektiv bus busrute rute samkørsel bil bilist cyklist cykel
        cykelsti vej vejnet fortov fodgænger mobilitet trafiksikkerhed hastighed letbane
    """,
    "forvaltning": """
        forvaltning administration sagsbehandling sagsbehandlingstid borgerservice
        selvbetjening digitalisering digital hjemmeside indgang bureaukrati dokumentation
        kerneopgave =medarbejder ledelse leder afdeling organisation effektivisering
        arbejdsgang it-system data ventetid kvalitet =service
    """,
    "styring": """
        plan strategi mål målsætning budget =opfølgning fremdrift politiker byråd
        udvalg samarbejdspartner partnerskab tværgående koordinering koordinere evaluering
        prioritering prioritere handleplan indsatsplan inddragelse
    """,
}

CONCEPT_NAMES: tuple[str, ...] = tuple(CONCEPTS)
_MIN_COMPOUND_PART = 5  # a lexicon word must be this long to match inside a compound
_MIN_REST = 3  # ... and leave at least this many letters for the other part
_MODIFIER_WEIGHT = 0.5  # "boligselskab" is about housing; "sundhedsplejerske" only partly health


def _build(whole_only: bool) -> dict[str, frozenset[int]]:
    entries: dict[str, set[int]] = {}
    for number, name in enumerate(CONCEPT_NAMES):
        for word in CONCEPTS[name].split():
            exact = word.startswith("=")
            if exact and not whole_only:
                continue
            word = word.lstrip("=")
            for form in {word, lemma(word)}:
                entries.setdefault(form, set()).add(number)
    return {form: frozenset(ids) for form, ids in entries.items()}


@lru_cache(maxsize=1)
def _entries() -> dict[str, frozenset[int]]:
    """Every lexicon word (and its lemma) → concepts, for whole-word matches."""
    return _build(whole_only=True)


@lru_cache(maxsize=1)
def _compound_entries() -> dict[str, frozenset[int]]:
    """The words that may also match as a head or modifier of a compound."""
    return _build(whole_only=False)


@lru_cache(maxsize=500_000)
def concepts_of(lem: str, surface: str = "") -> tuple[tuple[int, float], ...]:
    """(concept number, weight) of one content word, given its lemma and written form.

    A whole-word match wins; otherwise the longest lexicon word that ends the compound (its
    head, weight 1) and the longest that starts it (modifier, weight 0.5; a linking -s/-e is
    dropped: "ungdoms-", "skole-").
    """
    found: dict[int, float] = {}
    for form in (lem, surface):
        for concept in _entries().get(form, ()):
            found[concept] = 1.0
    if found:
        return tuple(sorted(found.items()))
    entries = _compound_entries()
    for i in range(_MIN_REST, len(lem) - _MIN_COMPOUND_PART + 1):
        head = lem[i:]
        if head in entries:
            for concept in entries[head]:
                found[concept] = 1.0
            break
    for i in range(len(lem) - _MIN_REST, _MIN_COMPOUND_PART - 1, -1):
        prefix = lem[:i]
        options = (prefix, prefix[:-1]) if prefix.endswith(("s", "e")) else (prefix,)
        hit = next((p for p in options if len(p) >= _MIN_COMPOUND_PART and p in entries), None)
        if hit is not None:
            for concept in entries[hit]:
                found[concept] = max(found.get(concept, 0.0), _MODIFIER_WEIGHT)
            break
    return tuple(sorted(found.items()))
