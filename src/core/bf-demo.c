/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-agreement.h"
#include "bf-date.h"
#include "bf-demo.h"

/*
 * Synthetic data only. Every person in these agreements is made up: names
 * are random combinations of common Norwegian first names and surnames, so
 * any likeness to a real person is coincidence and no name is tied to real
 * facts. Street names are invented words ("Eksempelveien") on real
 * municipalities' postcodes, so no address is anyone's home. Phone numbers
 * begin with 01, a prefix that no Norwegian number of any length uses, so
 * none can reach anybody. Birth dates are dates only: no national ID number
 * is ever produced, nor any run of eleven digits.
 */

struct _BfDemo
{
  GObject  parent_instance;

  /* Owned */
  guint32  seed;
  GDate    today;
  guint    block;          /* the block whose slots are cached, or G_MAXUINT */

  /* Borrowed */
  BfDemoVersionFunc version_func;
  gpointer          version_data;
  guint8   slots[BF_DEMO_BLOCK_SIZE];
};

G_DEFINE_FINAL_TYPE (BfDemo, bf_demo, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-demo-error-quark, bf_demo_error)

/* ------------------------------------------------------------------------ */
/* Vocabulary                                                                */

static const char * const first_names[] = {
  "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid",
  "Bjørg", "Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina",
  "Maria", "Elisabeth", "Kristin", "Tone", "Silje", "Camilla", "Hanne",
  "Ragnhild", "Sara", "Emma", "Nora", "Sofie", "Fatima", "Amina", "Aisha",
  "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein",
  "Thomas", "Hans", "Geir", "Tor", "Morten", "Terje", "Odd", "Erik",
  "Martin", "Andreas", "John", "Anders", "Rune", "Trond", "Tore", "Jonas",
  "Stian", "Espen", "Kristian", "Øyvind", "Håkon", "Mohammed", "Ali",
  "Ahmed", "Daniel", "Marius", "Sindre", "Tobias", "Mathias",
};

static const char * const surnames[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
  "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen",
  "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
  "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen",
  "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
  "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen",
  "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Ahmed", "Hussain",
  "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Aas", "Ødegård",
};

/* Invented words, so that no generated address is a real home. */
static const char * const streets[] = {
  "Eksempelveien", "Prøvegata", "Modellvegen", "Skisseveien", "Mønsterbakken",
  "Utkastlia", "Malstien", "Øvingsveien", "Tenkestien", "Attrappveien",
  "Fiktivgata", "Diktervegen", "Fabelbakken", "Drømmeløkka", "Tankestien",
  "Påfunnveien", "Skyggegata", "Speilvegen", "Gåtebakken", "Eventyrlia",
};

typedef struct
{
  const char *name;
  const char *postcodes[3];
  const char *units[4];
  const char *office_format;   /* the municipal office, from the unit */
} Municipality;

static const Municipality municipalities[] = {
  { "Trondheim", { "7030", "7045", "7080" },
    { "Lerkendal", "Heimdal", "Midtbyen", "Østbyen" }, "Helse- og velferdskontor %s" },
  { "Oslo", { "0560", "0976", "1283" },
    { "Bydel Gamle Oslo", "Bydel Grünerløkka", "Bydel Alna", "Bydel Søndre Nordstrand" }, "%s, boligkontoret" },
  { "Bergen", { "5003", "5063", "5221" },
    { "Bergenhus", "Årstad", "Fana", "Laksevåg" }, "Bolig og oppfølging %s" },
  { "Rælingen", { "2005", "2008", "2013" },
    { "Fjerdingby", "Løvenstad", NULL, NULL }, "Rælingen kommune, enhet for bolig (%s)" },
  { "Stavanger", { "4006", "4014", "4032" },
    { "Hillevåg", "Madla", "Tasta", NULL }, "Boligkontoret %s" },
  { "Tromsø", { "9008", "9019", "9024" },
    { "Sentrum", "Kroken", NULL, NULL }, "Helse- og omsorgstjenesten %s" },
  { "Drammen", { "3015", "3024", "3036" },
    { "Strømsø", "Fjell", NULL, NULL }, "Boligtjenesten %s" },
  { "Bodø", { "8006", "8013", "8028" },
    { "Sentrum", "Rønvik", NULL, NULL }, "Tildelingskontoret %s" },
};

static const char * const backgrounds[] = {
  "Leietaker har tidligere bodd i kommunalt botiltak og mistet botilbudet på grunn av omfattende bomiljøproblemer. Har de siste månedene vært i behandlingsinstitusjon og er nå rusfri.",
  "Leietaker skrives ut fra døgnbehandling i psykisk helsevern og har behov for å prøve ut om hen mestrer å bo i egen bolig med oppfølging.",
  "Leietaker har hatt husleierestanse i to tidligere leieforhold, både privat og kommunalt, og ønsker hjelp til å holde orden på økonomien.",
  "Leietaker ble innlagt etter et fall i hjemmet. Ved utskriving ble det avdekket at leiligheten var overfylt med gjenstander og vanskelig å ferdes i, med bekymring for brannfare.",
  "Leietaker flytter ut fra bemannet bolig og vurderes av kontoret som aktuell for ordinær kommunal utleiebolig med tett oppfølging i starten.",
  "Leietaker har rusproblemer og en psykisk lidelse (ROP) og har hatt flere klager fra naboer på støy og besøk på natta.",
  "Leietaker har vært bostedsløs i lengre perioder og har bodd på hospits. Ønsker nå et stabilt sted å bo og hjelp til å etablere seg.",
  "Leietaker bytter bolig etter gjentatte konflikter med naboer. Ønsker en ny start og hjelp til å bli kjent i nærmiljøet.",
  "Leietaker har en kognitiv funksjonsnedsettelse og trenger hjelp til praktiske oppgaver i hjemmet og til å følge opp post og regninger.",
};

static const char * const background_minor =
  "Leietaker er enslig mindreårig flyktning som skal bo i egen bolig for første gang, med oppfølging fra barneverntjenesten og booppfølger.";

static const char * const main_goals[] = {
  "Leietaker skal mestre å bo i egen bolig og beholde leieforholdet.",
  "Et stabilt og trygt boforhold der leietaker betaler husleie og har et godt forhold til naboene.",
  "Leietaker skal bli i stand til å bo selvstendig med mindre oppfølging over tid.",
  "Forebygge utkastelse og sikre at leietaker får hjelp tidlig når det blir vanskelig.",
  "Leietaker skal ha en bolig som er trygg med tanke på brann, helse og hygiene.",
};

static const char * const goals_short[] = {
  "Husleia betales til forfall de neste tre månedene.",
  "Leiligheten er ryddet slik at rømningsveier er frie.",
  "Leietaker har fått på plass strøm, forsikring og internett.",
  "Fast ukentlig kontakt med booppfølger er etablert.",
  "Leietaker har søkt om bostøtte og økonomisk rådgivning.",
  "Leietaker har fått fastlege og time hos tannlege.",
  "Ingen nye klager fra naboer den første måneden.",
  "Leietaker handler mat og lager enkle måltider selv.",
};

static const char * const goals_long[] = {
  "Leietaker beholder leieforholdet og får forlenget kontrakten.",
  "Leietaker har en stabil økonomi uten husleierestanse.",
  "Leietaker deltar i arbeid, skole eller annen meningsfull aktivitet.",
  "Leietaker trenger mindre oppfølging og kan på sikt klare seg uten avtale.",
  "Leietaker har et godt forhold til naboene og føler seg trygg i bomiljøet.",
  "Leietaker er i stabil behandling og har et nettverk rundt seg.",
};

static const char * const tenant_goals[] = {
  "Jeg vil ha et sted som er mitt eget, og slippe å flytte igjen.",
  "Jeg ønsker å få orden på økonomien og betale ned gjelda.",
  "Jeg vil få tilbake kontakten med barna mine.",
  "Jeg vil komme meg i jobb eller på kurs.",
  "Jeg vil at leiligheten skal være et sted jeg kan ha besøk av familien.",
  "Jeg vil klare meg selv, men trenger hjelp i starten.",
};

static const char * const difficult_wishes[] = {
  "Hvis jeg ikke svarer på telefonen, vil jeg at booppfølger ringer søsteren min før de kommer på døra.",
  "Når det går dårlig, vil jeg at dere tar kontakt med behandleren min i rustjenesten.",
  "Jeg vil at dere kommer innom selv om jeg sier at alt er greit. Det er da jeg trenger det mest.",
  "Hvis husleia ikke blir betalt, vil jeg at NAV kontaktes med en gang, før det blir en restanse.",
  "Jeg vil at dere snakker med meg først, ikke med naboene.",
  "Gi meg litt tid og ikke kom uanmeldt, men send en melding dagen før.",
};

typedef struct
{
  BfMeasureCategory  category;
  BfPartyRole        responsible;   /* BF_PARTY_ROLE_NONE: the follow-up worker */
  const char        *description;
  const char        *frequency;
  const char        *commitment;
} MeasureTemplate;

static const MeasureTemplate measure_templates[] = {
  { BF_MEASURE_CATEGORY_BO_OPPFOLGING, BF_PARTY_ROLE_BOOPPFOLGER,
    "Hjemmebesøk med samtale om hvordan det går å bo, og hjelp til det leietaker trenger i hverdagen.",
    "Hver 14. dag", "Være hjemme til avtalt tid eller gi beskjed hvis jeg må flytte besøket." },
  { BF_MEASURE_CATEGORY_PRAKTISK_BISTAND, BF_PARTY_ROLE_HJEMMETJENESTE,
    "Bistand til rydding og renhold, og til å kaste det som ikke skal være i leiligheten.",
    "Ukentlig", "Delta i ryddingen og ikke samle nye ting i gangen." },
  { BF_MEASURE_CATEGORY_OKONOMI, BF_PARTY_ROLE_NAV,
    "Husleieplan med trekk av husleie fra ytelsen, og søknad om bostøtte.",
    "Månedlig gjennomgang", "Gi beskjed til NAV hvis inntekten endrer seg." },
  { BF_MEASURE_CATEGORY_OKONOMI, BF_PARTY_ROLE_NAV,
    "Økonomisk rådgivning og avtale om nedbetaling av gammel husleierestanse.",
    "Hver måned de første seks månedene", "Møte til avtalte timer hos NAV." },
  { BF_MEASURE_CATEGORY_JURIDISK, BF_PARTY_ROLE_KOMMUNALT_KONTOR,
    "Gjennomgang av leiekontrakten og husordensreglene, og informasjon om rettigheter etter husleieloven.",
    "Ved innflytting og ved evaluering", "Spørre hvis noe i kontrakten er uklart." },
  { BF_MEASURE_CATEGORY_KOORDINERING, BF_PARTY_ROLE_KOMMUNALT_KONTOR,
    "Koordinering av tjenestene og innkalling til ansvarsgruppemøter.",
    "Hver tredje måned", "Delta på ansvarsgruppemøtene." },
  { BF_MEASURE_CATEGORY_BOMILJO, BF_PARTY_ROLE_BOMILJOTEAM,
    "Oppfølging av bomiljøet og hjelp til å løse konflikter med naboer.",
    "Ved behov, og minst hver måned", "Ta kontakt med bomiljøteamet i stedet for å gå til naboen når det er konflikt." },
  { BF_MEASURE_CATEGORY_HELSE, BF_PARTY_ROLE_RUSTJENESTE,
    "Samtaler og behandling i rustjenesten, og hjelp til å holde avtaler med fastlege.",
    "Ukentlig", "Møte til samtalene eller melde avbud i god tid." },
  { BF_MEASURE_CATEGORY_HELSE, BF_PARTY_ROLE_PSYKISK_HELSE,
    "Oppfølging fra psykisk helse med samtaler og hjelp til medisiner.",
    "Hver uke", "Ta medisinene som avtalt med legen." },
  { BF_MEASURE_CATEGORY_HMS_TILSYN, BF_PARTY_ROLE_BOOPPFOLGER,
    "Tilsyn med brannsikkerhet: røykvarsler, komfyrvakt og frie rømningsveier.",
    "Hver måned", "Ikke koble fra røykvarsleren og holde gangen fri." },
  { BF_MEASURE_CATEGORY_ADL_TRENING, BF_PARTY_ROLE_HJEMMETJENESTE,
    "ADL-trening: handle, lage mat, vaske klær og holde orden på post og avtaler.",
    "To ganger i uka", "Lage handleliste sammen med hjemmetjenesten." },
  { BF_MEASURE_CATEGORY_ANNET, BF_PARTY_ROLE_BOOPPFOLGER,
    "Hjelp til å finne en aktivitet på dagtid, som arbeidstrening eller frivillig arbeid.",
    "Etter avtale", "Prøve minst én aktivitet i løpet av de første tre månedene." },
};

/* Conditions that R11 calls legally uncertain: some caseworkers write them. */
static const char * const intrusive_commitments[] = {
  "Leietaker skal ikke ha besøk etter klokka 22, og maks to gjester av gangen.",
  "Alkoholforbud i boligen så lenge avtalen gjelder.",
  "Leietaker gir booppfølger fullmakt til å åpne og håndtere posten.",
  "Obligatorisk deltakelse i dagaktivitetstilbudet tre dager i uka.",
};

static const char * const meeting_templates[][3] = {
  { "Hjemmebesøk", "Hver 14. dag", "Booppfølger og leietaker" },
  { "Ansvarsgruppemøte", "Hver tredje måned", "Alle parter" },
  { "Telefonkontakt", "Ukentlig", "Booppfølger og leietaker" },
  { "Møte på kontoret om husleie og økonomi", "Månedlig", "NAV, kontoret og leietaker" },
  { "Felles hjemmebesøk med hjemmetjenesten", "Hver måned", "Booppfølger, hjemmetjenesten og leietaker" },
};

static const char * const justifications[] = {
  "Leietaker har tidligere vært utsatt for overdoser i boligen og ønsker selv at booppfølger kan komme inn ved fare for liv og helse.",
  "Det har vært bekymring for brannfare i tidligere bolig. Nøkkel gjør det mulig å sikre boligen raskt hvis det oppstår fare.",
  "Leietaker har perioder der hen ikke åpner døra. Leietaker samtykker til at booppfølger kan låse seg inn når det ikke har vært kontakt på flere døgn.",
  "Leietaker har epilepsi og bor alene, og ønsker at noen kan komme inn hvis hen ikke svarer.",
};

static const char * const justification_intrusive =
  "Booppfølger kan låse seg inn for å kontrollere at det ikke er besøk, og bortvisning av gjester kan skje ved behov.";

static const char * const notice_details[] = {
  "Varsel sendes leietaker på SMS dagen før, og pårørende varsles hvis leietaker ønsker det.",
  "Leietaker varsles ett døgn i forkant. Uten varsel bare ved akutt fare for liv eller helse.",
  "Varsles per telefon og ved lapp i postkassen dagen før.",
};

static const char * const breach_consequences_ok[] = {
  "Brudd på avtalen følges opp med en samtale mellom leietaker og booppfølger, og tiltakene vurderes på nytt sammen med leietaker.",
  "Ved brudd innkalles partene til møte for å finne ut hva som gikk galt og om avtalen må endres. Brudd på denne avtalen alene gir ikke grunnlag for oppsigelse.",
  "Konsekvenser ved brudd vurderes ut fra formålet med avtalen. Gjentatte brudd kan få betydning når en søknad om ny leiekontrakt skal behandles.",
};

/* R07: the tenancy threatened for breach of the agreement alone. */
static const char * const breach_consequences_r07[] = {
  "Brudd på denne avtalen kan føre til oppsigelse av leiekontrakten.",
  "Ved gjentatte brudd på oppfølgingsavtalen vil leieforholdet bli avsluttet.",
};

static const char * const evaluation_scopes[] = {
  "Om tiltakene fungerer, om målene er nådd, husleiebetaling og bomiljø. Leietakers egen vurdering tas med.",
  "Status for hvert tiltak, økonomi og restanse, brannsikkerhet og om nøkkeltilgangen fortsatt trengs.",
  "Måloppnåelse, samarbeidet mellom tjenestene og behovet for videre oppfølging.",
};

static const char * const responsibility_texts[] = {
  "Kontoret koordinerer og kaller inn til møter. Booppfølger har den daglige kontakten. NAV har ansvar for økonomi og husleieplan. Helsetjenestene har ansvar for behandling.",
  "Booppfølger er kontaktperson for leietaker og for de andre tjenestene. Hver tjeneste følger opp sine tiltak og melder fra til booppfølger ved bekymring.",
  "Ansvaret for hvert tiltak står under tiltaket. Kontoret har det samlede ansvaret så lenge avtalen varer.",
};

static const char * const alternatives[] = {
  "Tilbud om ordinær kommunal bolig uten vilkår i en annen bydel.",
  "Tilbud om plass i bemannet botiltak.",
  "Tilbud om midlertidig bolig med oppfølging fra bomiljøteamet.",
};

static const char * const proposed_changes[] = {
  "Leietaker ønsket at hjemmebesøkene avtales på SMS i stedet for brev.",
  "Leietaker ba om at søsteren får være med på ansvarsgruppemøtene.",
  "Leietaker ønsket kortere tid mellom evalueringene.",
};

static const char * const observations_home[] = {
  "Leiligheten er ryddig. Leietaker virker i godt humør og forteller om en ny aktivitet på dagtid.",
  "Mye søppel i gangen og på kjøkkenet. Avtalte rydding neste uke sammen med hjemmetjenesten.",
  "Leietaker var sliten og hadde ikke spist på en stund. Handlet sammen og laget en plan for uka.",
  "Røykvarsleren var koblet fra. Koblet den til igjen og snakket om brannsikkerhet.",
  "Gikk gjennom post og regninger sammen. En purring på strøm er sendt videre til NAV.",
  "Leietaker hadde besøk av en venn. Kort besøk, avtalte ny tid.",
  "Ingen åpnet døra. Lapp i postkassen med nytt tidspunkt.",
};

static const char * const observations_phone[] = {
  "Kort samtale. Leietaker sier at det går greit og bekrefter neste besøk.",
  "Leietaker ringte selv og var bekymret for en regning. Avtalte å se på den ved neste besøk.",
  "Samtale om klage fra nabo på støy i helga. Leietaker tar det til etterretning.",
};

static const char * const observations_meeting[] = {
  "Ansvarsgruppemøte. Status for tiltakene gjennomgått; husleieplanen fungerer.",
  "Møte på NAV om nedbetalingsplan. Leietaker møtte og signerte planen.",
  "Møte med bomiljøteamet og leietaker etter klage fra nabo.",
};

static const char * const observations_escort[] = {
  "Fulgte leietaker til fastlegen. Ny time om fire uker.",
  "Fulgte leietaker til inntakssamtale i rustjenesten.",
  "Fulgte leietaker til tannlegen og til apoteket etterpå.",
};

static const char * const key_use_found[] = {
  "Banket på og ropte. Ingen svar. Låste oss inn og fant leietaker sovende; leietaker var i live og ble tilsett. Ringte legevakt for råd.",
  "Banket på og ropte uten svar. Leiligheten var tom. Ingen tegn til fare. Lapp lagt igjen og pårørende kontaktet.",
  "Lukt av røyk fra leiligheten. Låste oss inn, fant en gryte på komfyren uten tilsyn. Slo av og luftet ut.",
  "Bekymringsmelding fra rustjenesten. Fant leietaker i dårlig forfatning og ringte ambulanse.",
  "Vannlekkasje meldt fra naboen under. Låste oss inn sammen med vaktmester og stengte vannet.",
};

static const char * const goal_attainments[] = {
  "Husleia er betalt hver måned og det har ikke kommet klager. Delmålene er i hovedsak nådd.",
  "Delvis nådd. Økonomien er bedre, men det har vært to perioder uten kontakt.",
  "Ikke nådd. Det har vært gjentatte klager og ny restanse.",
  "Målene er nådd. Leietaker klarer seg godt og ønsker mindre oppfølging.",
};

static const char * const tenant_views[] = {
  "Leietaker synes oppfølgingen har hjulpet og vil fortsette.",
  "Leietaker synes det er for mange besøk og ønsker færre.",
  "Leietaker er fornøyd med boligen, men vil ha mer hjelp med økonomien.",
  "Leietaker ønsker å avslutte avtalen og klare seg selv.",
};

static const char * const breach_descriptions[] = {
  "Leietaker har ikke vært hjemme ved fire avtalte besøk på rad og har ikke svart på telefon.",
  "Leietaker har ikke møtt til avtalte timer hos NAV om husleieplanen.",
  "Ny klage fra naboer på bråk og festing om natta, som også er brudd på husordensreglene.",
  "Husleia er ikke betalt de to siste månedene, og det er sendt varsel om restanse.",
  "Leietaker har tatt inn en person som bor fast i leiligheten uten at det er avtalt med utleier.",
};

static const char * const breach_assessments[] = {
  "Bruddet vurderes opp mot formålet med avtalen. Leietaker er i en vanskelig periode og trenger tettere oppfølging, ikke sanksjoner.",
  "Bruddet er alvorlig fordi det truer leieforholdet. Det må settes inn tiltak raskt.",
  "Enkeltstående brudd. Vurderes som lite alvorlig så lenge kontakten gjenopprettes.",
};

static const char * const breach_consequences_done[] = {
  "Samtale med leietaker; avtalt tettere oppfølging de neste fire ukene.",
  "Skriftlig advarsel fra utleier for brudd på husordensreglene. Oppfølgingsavtalen videreføres.",
  "Ansvarsgruppemøte innkalt. Tiltakene revideres.",
  "Ingen ytterligere konsekvens. Kontakten er gjenopprettet.",
};

static const char * const postpone_notes[] = {
  "Signering utsatt til verge er oppnevnt.",
  "Leietaker ønsket å lese avtalen sammen med søsteren før signering.",
  "Utsatt: leietaker var for dårlig til å ta stilling til avtalen i dag.",
};

static const char * const decline_notes[] = {
  "Leietaker vil ikke ha oppfølging og takker nei til avtalen.",
  "Leietaker godtar ikke nøkkeltilgang og ønsker ikke å signere.",
  "Leietaker har flyttet til familie og trenger ikke boligen likevel.",
};

static const char * const return_comments[] = {
  "Begrunnelsen for nøkkeltilgang må skrives tydeligere.",
  "Evalueringstidspunktet må ligge innenfor avtaleperioden.",
  "Skriv hvem som har ansvar for husleieplanen.",
};

/* ------------------------------------------------------------------------ */
/* The mix of states in each block of 100                                    */

typedef struct
{
  BfAgreementState state;
  guint            count;
} StateShare;

static const StateShare shares[] = {
  { BF_AGREEMENT_STATE_UTKAST, 10 },
  { BF_AGREEMENT_STATE_TIL_SIGNERING, 7 },
  { BF_AGREEMENT_STATE_AKTIV, 48 },
  { BF_AGREEMENT_STATE_TIL_EVALUERING, 10 },
  { BF_AGREEMENT_STATE_FORLENGET, 8 },
  { BF_AGREEMENT_STATE_AVSLUTTET, 12 },
  { BF_AGREEMENT_STATE_AVSLATT, 5 },
};

G_STATIC_ASSERT (10 + 7 + 48 + 10 + 8 + 12 + 5 == BF_DEMO_BLOCK_SIZE);

/* A slot number 0–99 names a state and a variant within it. */
static void
slot_to_scenario (guint             slot,
                  BfAgreementState *state,
                  guint            *variant)
{
  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      if (slot < shares[i].count)
        {
          *state = shares[i].state;
          *variant = slot;
          return;
        }
      slot -= shares[i].count;
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

typedef struct
{
  BfDemo             *demo;
  GRand              *rand;
  BfAgreement        *agreement;
  const Municipality *municipality;
  const char         *unit;
  guint               unit_index;
  GDate               today;
  GPtrArray          *signers;      /* of BfParty*, borrowed */
  char               *worker;       /* the follow-up worker's name */
  char               *tenant_id;
  GError             *error;        /* the first refusal; later steps do nothing */
} Gen;

#define PICK(g, array) ((array)[g_rand_int_range ((g)->rand, 0, G_N_ELEMENTS (array))])

static gboolean
chance (Gen  *g,
        guint percent)
{
  return (guint) g_rand_int_range (g->rand, 0, 100) < percent;
}

static int
between (Gen *g,
         int  low,
         int  high)
{
  return g_rand_int_range (g->rand, low, high + 1);
}

/* A version 4 UUID from the generator's stream, so that ids are as
 * reproducible as the rest. */
static char *
random_uuid (GRand *rand)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 v = g_rand_int (rand);

      memcpy (b + i, &v, 4);
    }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
replace_id (Gen   *g,
            char **id)
{
  g_free (*id);
  *id = random_uuid (g->rand);
}

/* Arguments are evaluated in no fixed order, so each draw from the random
 * stream gets its own statement: the output must not depend on the
 * compiler. */
static char *
person_name (GRand *rand)
{
  const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))];

  return g_strdup_printf ("%s %s", first, last);
}

/* 01 begins no Norwegian number of any length: see the comment at the top. */
static char *
phone_number (Gen *g)
{
  int a = between (g, 10, 99);
  int b = between (g, 0, 99);
  int c = between (g, 0, 99);

  return g_strdup_printf ("01 %02d %02d %02d", a, b, c);
}

/* Staff are stable per unit, so that the same worker follows several
 * tenants, as in a real unit. */
static char *
staff_name (Gen  *g,
            guint kind,
            guint which)
{
  guint32 seed[4] = { g->demo->seed, (guint32) (g->municipality - municipalities),
                      g->unit_index, kind * 16 + which };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));

  return person_name (rand);
}

static GDate
day_offset (const GDate *base,
            int          days)
{
  GDate d = *base;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return d;
}

static GDate
month_offset (const GDate *base,
              int          months)
{
  GDate d = *base;

  if (months >= 0)
    g_date_add_months (&d, months);
  else
    g_date_subtract_months (&d, -months);
  return d;
}

static char *
date_string (const GDate *d)
{
  return bf_date_format (d);
}

static GDateTime *
date_time (const GDate *d,
           int          hour,
           int          minute)
{
  return g_date_time_new_utc (g_date_get_year (d), g_date_get_month (d), g_date_get_day (d),
                              hour, minute, 0);
}

static char *
timestamp_string (const GDate *d,
                  int          hour,
                  int          minute)
{
  g_autoptr(GDateTime) t = date_time (d, hour, minute);

  return bf_timestamp_format (t);
}

static int
days_between (const GDate *a,
              const GDate *b)
{
  return g_date_days_between (a, b);
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                  */

typedef struct
{
  /* What the scenario asks for. */
  BfAgreementState state;
  guint            variant;
  gboolean         incomplete;      /* a draft that R01 stops */
  gboolean         key_access;
  gboolean         key_missing_consent;
  gboolean         key_missing_justification;
  gboolean         minor;
  gboolean         guardian;
  gboolean         capacity_in_doubt;
  gboolean         red_lamp;
  gboolean         lease_expiring;

  /* The timeline. */
  GDate            decided;
  GDate            created;
  GDate            signed_on;
  GDate            from;
  GDate            to;
  GDate            evaluation;
} Plan;

static void
fill_header (Gen  *g,
             Plan *p)
{
  BfHeader *h = bf_agreement_get_header (g->agreement);
  const Municipality *m = g->municipality;
  const char *street, *letter, *postcode;
  int age, number, case_number, part;
  GDate birth, lease_start, lease_expiry, lease_signed;

  h->type = chance (g, 80) ? BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE : BF_AGREEMENT_TYPE_TILLEGGSAVTALE;
  h->tenant_name = person_name (g->rand);

  age = p->minor ? between (g, 16, 17) : between (g, 19, 78);
  birth = month_offset (&g->today, -12 * age - between (g, 1, 11));
  birth = day_offset (&birth, -between (g, 0, 27));
  if (p->minor || chance (g, 70))
    h->tenant_birth_date = date_string (&birth);

  h->household_with_children = !p->minor && chance (g, 18);
  h->consent_capacity_in_doubt = p->capacity_in_doubt;
  street = PICK (g, streets);
  number = between (g, 1, 140);
  letter = chance (g, 15) ? "B" : "";
  postcode = m->postcodes[g_rand_int_range (g->rand, 0, 3)];
  h->address = g_strdup_printf ("%s %d%s, %s %s", street, number, letter, postcode, m->name);
  switch (between (g, 0, 9))
    {
    case 0: case 1: case 2: case 3: case 4:
      h->housing_type = BF_HOUSING_TYPE_ORDINAER;
      break;
    case 5: case 6:
      h->housing_type = BF_HOUSING_TYPE_BOLIG_MED_TJENESTER;
      break;
    case 7:
      h->housing_type = BF_HOUSING_TYPE_BEMANNET;
      break;
    case 8:
      h->housing_type = BF_HOUSING_TYPE_BOFELLESSKAP;
      break;
    default:
      h->housing_type = BF_HOUSING_TYPE_ANNET;
    }
  h->unit = g_strdup (g->unit);
  case_number = between (g, 100, 99999);
  part = between (g, 1, 12);
  h->decision_reference = g_strdup_printf ("%02d/%05d-%d", g_date_get_year (&p->decided) % 100,
                                           case_number, part);
  h->decision_date = date_string (&p->decided);
  h->condition_for_allocation = chance (g, 30);
  if (h->condition_for_allocation && chance (g, 70))
    h->alternative_offered = g_strdup (PICK (g, alternatives));

  h->case_type = chance (g, 65) ? BF_CASE_TYPE_NY_TILDELING
                 : chance (g, 50) ? BF_CASE_TYPE_BYTTE : BF_CASE_TYPE_FORLENGELSE;

  lease_start = day_offset (&p->from, -between (g, 0, 3));
  lease_expiry = month_offset (&lease_start, chance (g, 70) ? 36 : 12 * between (g, 1, 5));
  if (p->lease_expiring)
    {
      /* A lease that runs out soon: R15 reminds 6 months ahead (a year
       * for families with children). */
      lease_expiry = day_offset (&g->today, between (g, 10, 170));
      if (g_date_compare (&lease_expiry, &lease_start) <= 0)
        lease_expiry = month_offset (&lease_start, 12);
      h->case_type = BF_CASE_TYPE_FORLENGELSE;
    }
  h->lease_start = date_string (&lease_start);
  h->lease_expiry = date_string (&lease_expiry);
  if (h->case_type == BF_CASE_TYPE_NY_TILDELING && chance (g, 40))
    {
      GDate trial = month_offset (&lease_start, 6);

      h->trial_period_until = date_string (&trial);
    }

  /* The lease is signed after every party signed the agreement (002:788),
   * except in a few cases that R10 is there to catch. */
  if (p->state == BF_AGREEMENT_STATE_UTKAST || p->state == BF_AGREEMENT_STATE_AVSLATT)
    return;
  if (p->state == BF_AGREEMENT_STATE_TIL_SIGNERING)
    {
      if (p->variant != 3)
        return;
      lease_signed = day_offset (&p->created, 1);
    }
  else
    lease_signed = day_offset (&p->signed_on, chance (g, 4) ? -between (g, 1, 5) : between (g, 0, 3));
  h->lease_signed = date_string (&lease_signed);
}

static BfParty *
add_party (Gen         *g,
           BfPartyRole  role,
           const char  *organisation,
           char        *contact_person)
{
  BfParty *party = bf_party_new (role);

  replace_id (g, &party->id);
  party->organisation = g_strdup (organisation);
  party->contact_person = contact_person;
  party->phone = phone_number (g);
  bf_agreement_add_party (g->agreement, party);
  g_ptr_array_add (g->signers, party);
  return party;
}

static void
fill_parties (Gen  *g,
              Plan *p)
{
  BfHeader *h = bf_agreement_get_header (g->agreement);
  const char *municipality = g->municipality->name;
  g_autofree char *office = g_strdup_printf (g->municipality->office_format, g->unit);
  g_autofree char *worker_org = g_strdup_printf ("Booppfølgingstjenesten, %s", g->unit);
  static const BfPartyRole partner_roles[] = {
    BF_PARTY_ROLE_NAV, BF_PARTY_ROLE_RUSTJENESTE, BF_PARTY_ROLE_PSYKISK_HELSE,
    BF_PARTY_ROLE_HJEMMETJENESTE, BF_PARTY_ROLE_BOMILJOTEAM, BF_PARTY_ROLE_ANNEN,
  };
  guint n_partners;
  BfParty *tenant;

  tenant = add_party (g, BF_PARTY_ROLE_LEIETAKER, NULL, g_strdup (h->tenant_name));
  g->tenant_id = g_strdup (tenant->id);

  if (p->incomplete && g_rand_boolean (g->rand))
    return;   /* only the tenant: R01 */

  if (p->guardian)
    {
      const char *org = chance (g, 50) ? "Oppnevnt verge" : NULL;

      add_party (g, BF_PARTY_ROLE_VERGE, org, person_name (g->rand));
    }
  add_party (g, BF_PARTY_ROLE_KOMMUNALT_KONTOR, office, staff_name (g, 1, between (g, 0, 2)));
  g->worker = staff_name (g, 2, between (g, 0, 3));
  add_party (g, BF_PARTY_ROLE_BOOPPFOLGER, worker_org, g_strdup (g->worker));

  n_partners = between (g, 0, 3);
  for (guint i = 0, start = between (g, 0, 5); i < n_partners; i++)
    {
      BfPartyRole role = partner_roles[(start + i * 2) % G_N_ELEMENTS (partner_roles)];
      g_autofree char *org = NULL;

      switch ((int) role)
        {
        case BF_PARTY_ROLE_NAV:
          org = g_strdup_printf ("NAV %s", g->unit);
          break;
        case BF_PARTY_ROLE_RUSTJENESTE:
          org = g_strdup_printf ("Rustjenesten i %s kommune", municipality);
          break;
        case BF_PARTY_ROLE_PSYKISK_HELSE:
          org = g_strdup_printf ("Psykisk helse og rus, %s", g->unit);
          break;
        case BF_PARTY_ROLE_HJEMMETJENESTE:
          org = g_strdup_printf ("Hjemmetjenesten %s", g->unit);
          break;
        case BF_PARTY_ROLE_BOMILJOTEAM:
          org = g_strdup_printf ("Bomiljøteamet i %s", municipality);
          break;
        default:
          org = g_strdup_printf ("FACT-teamet i %s", municipality);
        }
      add_party (g, role, org, staff_name (g, 3 + role, between (g, 0, 1)));
    }
}

static char *
string_or_null (Gen        *g,
                guint       percent,
                const char *text)
{
  return chance (g, percent) ? g_strdup (text) : NULL;
}

static void
fill_background (Gen  *g,
                 Plan *p)
{
  BfBackground *b = bf_agreement_get_background (g->agreement);
  guint n;

  b->background = g_strdup (p->minor ? background_minor : PICK (g, backgrounds));
  b->main_goal = g_strdup (PICK (g, main_goals));
  if (p->incomplete && chance (g, 50))
    g_clear_pointer (&b->background, g_free);
  if (p->incomplete && chance (g, 40))
    g_clear_pointer (&b->main_goal, g_free);

  n = between (g, 0, 3);
  for (guint i = 0, k = between (g, 0, G_N_ELEMENTS (goals_short) - 1); i < n; i++)
    g_ptr_array_add (b->goals_short_term, g_strdup (goals_short[(k + i * 3) % G_N_ELEMENTS (goals_short)]));
  n = between (g, 0, 2);
  for (guint i = 0, k = between (g, 0, G_N_ELEMENTS (goals_long) - 1); i < n; i++)
    g_ptr_array_add (b->goals_long_term, g_strdup (goals_long[(k + i * 5) % G_N_ELEMENTS (goals_long)]));
  b->tenant_goals = string_or_null (g, 75, PICK (g, tenant_goals));
  b->difficult_period_wishes = string_or_null (g, 60, PICK (g, difficult_wishes));
}

static const char *
party_for_role (Gen         *g,
                BfPartyRole  role)
{
  BfParty *party = bf_agreement_find_party_by_role (g->agreement, role);

  if (party == NULL)
    party = bf_agreement_find_party_by_role (g->agreement, BF_PARTY_ROLE_BOOPPFOLGER);
  /* A draft that so far names only the tenant. */
  if (party == NULL)
    party = bf_agreement_find_party_by_role (g->agreement, BF_PARTY_ROLE_LEIETAKER);
  return party->id;
}

static void
fill_measures (Gen  *g,
               Plan *p)
{
  g_autofree char *start = date_string (&p->from);
  guint n = between (g, 2, 5);
  guint k = between (g, 0, G_N_ELEMENTS (measure_templates) - 1);
  gboolean intrusive = chance (g, 8);

  /* Only measures that a party of this agreement can be responsible for:
   * no treatment in the rustjeneste unless the rustjeneste takes part. */
  for (guint i = 0, added = 0; i < G_N_ELEMENTS (measure_templates) && added < n; i++)
    {
      const MeasureTemplate *t = &measure_templates[(k + i * 5) % G_N_ELEMENTS (measure_templates)];
      BfMeasure *m;

      if (t->responsible != BF_PARTY_ROLE_BOOPPFOLGER &&
          t->responsible != BF_PARTY_ROLE_KOMMUNALT_KONTOR &&
          bf_agreement_find_party_by_role (g->agreement, t->responsible) == NULL)
        continue;
      added++;
      m = bf_measure_new (t->category, party_for_role (g, t->responsible));

      replace_id (g, &m->id);
      m->description = g_strdup (t->description);
      m->frequency = g_strdup (t->frequency);
      m->start = chance (g, 70) ? g_strdup (start) : NULL;
      if (chance (g, 20))
        m->end = date_string (&p->to);
      m->tenant_commitment = string_or_null (g, 70, t->commitment);
      if (intrusive && added == 1)
        bf_set_str (&m->tenant_commitment, PICK (g, intrusive_commitments));
      bf_agreement_add_measure (g->agreement, m);
    }
}

static void
fill_meetings (Gen *g)
{
  guint n = between (g, 1, 3);
  guint k = between (g, 0, G_N_ELEMENTS (meeting_templates) - 1);

  for (guint i = 0; i < n; i++)
    {
      const char * const *t = meeting_templates[(k + i * 2) % G_N_ELEMENTS (meeting_templates)];
      BfMeeting *m = bf_meeting_new ();

      replace_id (g, &m->id);
      m->description = g_strdup (t[0]);
      m->frequency = g_strdup (t[1]);
      m->participants = g_strdup (t[2]);
      g_ptr_array_add (bf_agreement_get_meetings (g->agreement), m);
    }
}

static void
fill_key_access (Gen  *g,
                 Plan *p)
{
  BfKeyAccess *k = bf_agreement_get_key_access (g->agreement);
  BfEntryConditions *c = &k->conditions;
  g_autofree char *worker_org = NULL;

  k->agreed = p->key_access;
  if (!k->agreed)
    return;

  k->consent_recorded = !p->key_missing_consent;
  if (k->consent_recorded)
    {
      k->consent_date = date_string (&p->created);
      k->consent_form = chance (g, 85) ? BF_CONSENT_FORM_SKRIFTLIG : BF_CONSENT_FORM_MUNTLIG;
    }
  if (!p->key_missing_justification)
    k->justification = g_strdup (chance (g, 4) ? justification_intrusive : PICK (g, justifications));

  c->danger_to_life_or_health = chance (g, 85);
  c->no_contact_hours = chance (g, 55) ? 24 * between (g, 1, 3) : 0;
  c->partner_concern = chance (g, 40);
  c->suspected_house_rule_breach = chance (g, 15);
  c->fire_or_hms_risk = chance (g, 45);
  c->any_time = chance (g, 3);
  if (chance (g, 10))
    c->other = g_strdup ("Vannlekkasje eller annen akutt skade på boligen.");
  c->inspection = chance (g, 2);
  if (!c->danger_to_life_or_health && c->no_contact_hours == 0 && !c->partner_concern &&
      !c->suspected_house_rule_breach && !c->fire_or_hms_risk && chance (g, 70))
    c->danger_to_life_or_health = TRUE;

  switch (between (g, 0, 99))
    {
    case 0: case 1: case 2:
      k->notice_rule = BF_NOTICE_RULE_UTEN_VARSEL;
      break;
    default:
      k->notice_rule = chance (g, 75) ? BF_NOTICE_RULE_ETT_DOGN : BF_NOTICE_RULE_UTEN_VARSEL_AKUTT;
    }
  k->notice_details = string_or_null (g, 70, PICK (g, notice_details));
  k->staff_count = chance (g, 82) ? 2 : 1;
  if (k->staff_count == 2)
    k->who_may_enter = g_strdup (chance (g, 60) ? "Booppfølger sammen med en kollega"
                                 : "Ansatte i booppfølgingstjenesten, alltid to sammen");
  else
    k->who_may_enter = g_strdup ("Booppfølger");
  k->procedure.knock_first = chance (g, 92);
  k->procedure.call_out = chance (g, 80);
  k->procedure.leave_on_signs_of_life = chance (g, 75);
  worker_org = g_strdup_printf ("Booppfølgingstjenesten, %s", g->unit);
  k->key_holder = g_strdup_printf ("%s (nøkkelskap på kontoret)", worker_org);
  k->key_return = g_strdup ("Nøkkelen leveres tilbake til leietaker når avtalen avsluttes eller samtykket trekkes.");
}

static void
fill_rest (Gen  *g,
           Plan *p)
{
  BfAgreement *a = g->agreement;
  BfEvaluationPlan *e = bf_agreement_get_evaluation_plan (a);
  BfDuration *d = bf_agreement_get_duration (a);
  BfConsent *c = bf_agreement_get_consent (a);
  GPtrArray *parties = bf_agreement_get_parties (a);
  guint partners = 0;

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *party = g_ptr_array_index (parties, i);

      if (party->role >= BF_PARTY_ROLE_NAV)
        partners++;
    }
  if (partners > 0 && !(p->incomplete && chance (g, 30)))
    bf_agreement_set_responsibility (a, PICK (g, responsibility_texts));

  if (chance (g, 6))
    bf_agreement_set_breach_consequences (a, PICK (g, breach_consequences_r07));
  else
    bf_agreement_set_breach_consequences (a, PICK (g, breach_consequences_ok));
  if (p->incomplete && chance (g, 40))
    bf_agreement_set_breach_consequences (a, NULL);

  e->date = date_string (&p->evaluation);
  e->scope = g_strdup (PICK (g, evaluation_scopes));
  d->from = date_string (&p->from);
  d->to = date_string (&p->to);
  if (p->incomplete && chance (g, 40))
    g_clear_pointer (&e->scope, g_free);
  if (p->incomplete && chance (g, 30))
    g_clear_pointer (&e->date, g_free);
  if (p->incomplete && chance (g, 30))
    g_clear_pointer (&d->to, g_free);

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *party = g_ptr_array_index (parties, i);
      BfSharingConsent *s;

      if (party->role < BF_PARTY_ROLE_NAV || chance (g, 15))
        continue;
      s = bf_sharing_consent_new (party->organisation);
      replace_id (g, &s->id);
      s->party = g_strdup (party->id);
      s->form = chance (g, 80) ? BF_CONSENT_FORM_SKRIFTLIG : BF_CONSENT_FORM_MUNTLIG;
      s->given = date_string (&p->created);
      g_ptr_array_add (c->sharing, s);
    }
  c->reviewed_orally = chance (g, 85);
  c->informed_of_rights = chance (g, 80);
  c->tenant_proposed_changes = string_or_null (g, 20, PICK (g, proposed_changes));
  if (p->state == BF_AGREEMENT_STATE_AVSLATT && p->variant >= 3)
    {
      /* Declined while still a draft, before anything went out for
       * signing: the reason is recorded with the tenant's comments. */
      g_free (c->tenant_proposed_changes);
      c->tenant_proposed_changes = g_strdup_printf ("Takket nei før signering. %s", PICK (g, decline_notes));
    }
  if (p->state != BF_AGREEMENT_STATE_UTKAST && p->state != BF_AGREEMENT_STATE_TIL_SIGNERING && chance (g, 85))
    {
      c->copy_given = TRUE;
      c->copy_given_date = date_string (&p->signed_on);
    }
  bf_agreement_changed (a);
}

/* ------------------------------------------------------------------------ */
/* Versions, signatures and transitions                                      */

/* The generator drives the model's own API, so a refusal means that the
 * model's rules have moved on from what the generator knows (rules are
 * still being added). Keep the first one and let the caller report it,
 * rather than hand back an agreement that is not what it claims to be. */
static void
must (Gen        *g,
      gboolean    ok,
      GError     *error,
      guint       index,
      const char *what)
{
  if (ok || g->error != NULL)
    return;
  g_set_error (&g->error, BF_DEMO_ERROR, BF_DEMO_ERROR_REFUSED,
               /* Translators: an agreement number, a step such as "sign", and why. */
               _("Demo agreement %u could not be made, because the model refused “%s”: %s"),
               index, what, error != NULL ? error->message : "");
}

static GPtrArray *
synthetic_strokes (Gen *g)
{
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint n = between (g, 1, 3);
  int x = between (g, 40, 120);

  for (guint s = 0; s < n; s++)
    {
      GArray *stroke = bf_stroke_new ();
      guint points = between (g, 8, 20);
      int y = between (g, 120, 220);
      int t = 0;

      /* A zigzag around a baseline, as a quick scrawl looks. */
      for (guint i = 0; i < points; i++)
        {
          int dy = between (g, 10, 60);
          int pressure = between (g, 300, 900);

          bf_stroke_add_point (stroke, x, i % 2 == 0 ? y - dy : y + dy, pressure, t);
          x += between (g, 8, 30);
          t += between (g, 12, 40);
        }
      x += between (g, 20, 60);
      g_ptr_array_add (strokes, stroke);
    }
  return strokes;
}

static void
save (Gen         *g,
      guint        index,
      const GDate *on)
{
  g_autoptr(GError) error = NULL;
  int hour = between (g, 8, 15);
  int minute = between (g, 0, 59);
  g_autoptr(GDateTime) at = date_time (on, hour, minute);

  if (g->error == NULL)
    must (g, bf_agreement_save_version (g->agreement, at, &error), error, index, "save");
}

static void
transition (Gen              *g,
            guint             index,
            BfAgreementState  to,
            BfEndReason       reason,
            const GDate      *on)
{
  g_autoptr(GError) error = NULL;

  if (g->error == NULL)
    must (g, bf_agreement_transition (g->agreement, to, reason, on, &error), error, index,
          bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, to));
}

static void
sign (Gen               *g,
      guint              index,
      BfParty           *party,
      BfSignatureStatus  status,
      const GDate       *on,
      const char        *note)
{
  g_autoptr(GError) error = NULL;
  int hour = between (g, 9, 15);
  int minute = between (g, 0, 59);
  g_autoptr(GDateTime) at = date_time (on, hour, minute);
  GPtrArray *strokes = status == BF_SIGNATURE_STATUS_SIGNERT ? synthetic_strokes (g) : NULL;

  if (g->error != NULL)
    {
      g_clear_pointer (&strokes, g_ptr_array_unref);
      return;
    }
  must (g, bf_agreement_sign (g->agreement, party->id, status, at, strokes, note, &error),
        error, index, "sign");
}

static void
sign_all (Gen         *g,
          guint        index,
          const GDate *on)
{
  for (guint i = 0; i < g->signers->len; i++)
    sign (g, index, g_ptr_array_index (g->signers, i), BF_SIGNATURE_STATUS_SIGNERT, on, NULL);
}

static void
review (Gen *g)
{
  BfAgreement *a = g->agreement;
  int r = between (g, 0, 9);

  if (r < 2)
    return;
  bf_agreement_set_review (a, BF_REVIEW_STATUS_INNSENDT, NULL, NULL);
  if (r < 4)
    return;
  if (r == 4)
    bf_agreement_set_review (a, BF_REVIEW_STATUS_RETURNERT, PICK (g, return_comments), NULL);
  else
    bf_agreement_set_review (a, BF_REVIEW_STATUS_GODKJENT, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Logs                                                                      */

static void
add_visit (Gen         *g,
           const GDate *on,
           gboolean     contact)
{
  BfVisitType type;
  BfVisit *v;
  GDate next;
  int r = between (g, 0, 99);

  type = r < 55 ? BF_VISIT_TYPE_HJEMMEBESOK : r < 80 ? BF_VISIT_TYPE_TELEFON
         : r < 92 ? BF_VISIT_TYPE_MOTE : BF_VISIT_TYPE_FOLGE_TIL_AVTALE;
  v = bf_visit_new (NULL, type);
  replace_id (g, &v->id);
  v->date = date_string (on);
  v->no_access = !contact;
  switch ((int) type)
    {
    case BF_VISIT_TYPE_HJEMMEBESOK:
      v->observations = g_strdup (contact ? observations_home[between (g, 0, G_N_ELEMENTS (observations_home) - 2)]
                                  : observations_home[G_N_ELEMENTS (observations_home) - 1]);
      v->fire_risk = contact && chance (g, 6);
      break;
    case BF_VISIT_TYPE_TELEFON:
      v->observations = g_strdup (contact ? PICK (g, observations_phone) : "Leietaker tok ikke telefonen. Sendte SMS.");
      break;
    case BF_VISIT_TYPE_MOTE:
      v->observations = g_strdup (PICK (g, observations_meeting));
      break;
    default:
      v->observations = g_strdup (PICK (g, observations_escort));
    }
  if (!contact && type != BF_VISIT_TYPE_HJEMMEBESOK && type != BF_VISIT_TYPE_TELEFON)
    bf_set_str (&v->observations, "Leietaker møtte ikke som avtalt.");
  v->concern = chance (g, contact ? 8 : 40);
  next = day_offset (on, between (g, 5, 21));
  v->next_contact = chance (g, 80) ? date_string (&next) : NULL;
  v->author = g_strdup (g->worker);
  bf_agreement_add_visit (g->agreement, v);
}

/* Contacts from @from to @last, roughly every one to three weeks, with no
 * more than about 25 per agreement so that 10,000 stay quick to insert. */
static void
add_visits (Gen         *g,
            const GDate *from,
            const GDate *last)
{
  int span = days_between (from, last);
  int step = MAX (7, span / 24);
  GDate d = day_offset (from, between (g, 1, 7));

  if (span < 0)
    return;
  while (g_date_compare (&d, last) < 0)
    {
      add_visit (g, &d, !chance (g, 6));
      d = day_offset (&d, between (g, step / 2 + 1, step + step / 2));
    }
  add_visit (g, last, TRUE);
}

static void
add_key_uses (Gen         *g,
              const GDate *from,
              const GDate *last)
{
  BfKeyAccess *k = bf_agreement_get_key_access (g->agreement);
  int span = days_between (from, last);
  BfEntryCondition allowed[6];
  guint n_allowed = 0;
  guint n;

  if (!k->agreed || span < 10 || !chance (g, 35))
    return;

  /* The key is used only in the situations the agreement allows. */
  if (k->conditions.danger_to_life_or_health)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE;
  if (k->conditions.no_contact_hours > 0)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_INGEN_KONTAKT;
  if (k->conditions.partner_concern)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_BEKYMRING;
  if (k->conditions.suspected_house_rule_breach)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_BRUDD_HUSORDEN;
  if (k->conditions.fire_or_hms_risk)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_BRANN_HMS;
  if (k->conditions.other != NULL)
    allowed[n_allowed++] = BF_ENTRY_CONDITION_ANNET;
  if (n_allowed == 0)
    return;

  n = between (g, 1, 3);
  for (guint i = 0; i < n; i++)
    {
      BfEntryCondition cond = allowed[between (g, 0, n_allowed - 1)];
      GDate on = day_offset (from, between (g, 5, span));
      BfKeyUse *u = bf_key_use_new (NULL, cond);
      int hour = between (g, 8, 20);

      replace_id (g, &u->id);
      u->time = timestamp_string (&on, hour, between (g, 0, 59));
      u->notice_given = cond == BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE ? chance (g, 15) : chance (g, 85);
      if (u->notice_given)
        {
          GDate before = day_offset (&on, cond == BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE ? 0 : -1);

          u->notice_to = g_strdup (chance (g, 70) ? "Leietaker (SMS)" : "Leietaker og pårørende");
          u->notice_at = timestamp_string (&before, cond == BF_ENTRY_CONDITION_FARE_FOR_LIV_HELSE ? hour - 1 : 14, 0);
        }
      g_ptr_array_add (u->staff_present, g_strdup (g->worker));
      if (chance (g, 80))
        g_ptr_array_add (u->staff_present, staff_name (g, 2, 4 + between (g, 0, 2)));
      switch ((int) cond)
        {
        case BF_ENTRY_CONDITION_BRANN_HMS:
          u->found_and_done = g_strdup (key_use_found[2]);
          break;
        case BF_ENTRY_CONDITION_BEKYMRING:
          u->found_and_done = g_strdup (key_use_found[3]);
          break;
        case BF_ENTRY_CONDITION_ANNET:
          u->found_and_done = g_strdup (key_use_found[4]);
          break;
        default:
          u->found_and_done = g_strdup (key_use_found[between (g, 0, 1)]);
        }
      bf_agreement_add_key_use (g->agreement, u);
    }
}

static void
add_breaches (Gen         *g,
              const GDate *from,
              const GDate *last,
              gboolean     force)
{
  int span = days_between (from, last);
  guint n;

  if (span < 14 || !(force || chance (g, 14)))
    return;

  n = between (g, 1, 2);
  for (guint i = 0; i < n; i++)
    {
      GDate on = day_offset (from, between (g, 7, span));
      guint which = between (g, 0, G_N_ELEMENTS (breach_descriptions) - 1);
      g_autofree char *date = date_string (&on);
      BfBreach *b = bf_breach_new (date, breach_descriptions[which]);

      replace_id (g, &b->id);
      /* Noise at night and an unauthorised lodger break the house rules or
       * the lease as well; missed meetings break only the agreement. */
      b->lease_also_breached = which >= 2 && chance (g, 80);
      b->assessment = g_strdup (PICK (g, breach_assessments));
      b->consequence = g_strdup (b->lease_also_breached ? breach_consequences_done[1]
                                 : PICK (g, breach_consequences_done));
      if (!b->lease_also_breached && g_str_equal (b->consequence, breach_consequences_done[1]))
        bf_set_str (&b->consequence, breach_consequences_done[0]);
      bf_agreement_add_breach (g->agreement, b);
    }
}

static void
add_evaluation (Gen                  *g,
                guint                 index,
                const GDate          *on,
                BfEvaluationDecision  decision,
                gboolean              home_visit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = date_string (on);
  GPtrArray *measures = bf_agreement_get_measures (g->agreement);
  BfEvaluation *e = bf_evaluation_new (date);
  GDate next = month_offset (on, decision == BF_EVALUATION_DECISION_FORLENGE ? 12 : 6);

  replace_id (g, &e->id);
  e->home_visit_done = home_visit;
  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      int r = between (g, 0, 9);
      BfMeasureReview *mr = bf_measure_review_new (m->id, r < 5 ? BF_MEASURE_STATUS_FUNGERER
                                                   : r < 8 ? BF_MEASURE_STATUS_DELVIS
                                                   : BF_MEASURE_STATUS_IKKE);

      if (mr->status != BF_MEASURE_STATUS_FUNGERER && chance (g, 60))
        mr->comment = g_strdup (mr->status == BF_MEASURE_STATUS_DELVIS
                                ? "Fungerer i perioder, men må følges tettere."
                                : "Har ikke kommet i gang. Ansvarlig tjeneste følger opp.");
      g_ptr_array_add (e->measures, mr);
    }
  switch ((int) decision)
    {
    case BF_EVALUATION_DECISION_AVSLUTTE:
      e->goal_attainment = g_strdup (goal_attainments[3]);
      e->tenant_view = g_strdup (tenant_views[3]);
      break;
    case BF_EVALUATION_DECISION_REVIDERE:
      e->goal_attainment = g_strdup (goal_attainments[between (g, 1, 2)]);
      e->tenant_view = g_strdup (PICK (g, tenant_views));
      break;
    default:
      e->goal_attainment = g_strdup (goal_attainments[between (g, 0, 1)]);
      e->tenant_view = g_strdup (tenant_views[between (g, 0, 2)]);
    }
  e->decision = decision;
  if (decision != BF_EVALUATION_DECISION_AVSLUTTE)
    e->next_date = date_string (&next);
  must (g, bf_agreement_add_evaluation (g->agreement, e, &error), error, index, "evaluation");
}

/* ------------------------------------------------------------------------ */
/* Scenarios                                                                 */

static void
plan_scenario (Gen  *g,
               Plan *p)
{
  const GDate *today = &g->today;
  int age;

  /* A guardian takes part for most minors and for some adults whose
   * capacity to consent is in doubt; R12 warns about the others. */
  p->minor = chance (g, 4);
  p->capacity_in_doubt = !p->minor && chance (g, 5);
  p->guardian = p->minor ? chance (g, 60) : p->capacity_in_doubt ? chance (g, 50) : chance (g, 1);
  p->key_access = chance (g, 55);
  p->incomplete = p->state == BF_AGREEMENT_STATE_UTKAST && p->variant < 4;
  if (p->state == BF_AGREEMENT_STATE_UTKAST && p->variant == 0)
    p->key_access = p->key_missing_justification = TRUE;
  if (p->state == BF_AGREEMENT_STATE_UTKAST && p->variant == 1)
    p->key_access = p->key_missing_consent = TRUE;
  if (p->state == BF_AGREEMENT_STATE_TIL_SIGNERING && p->variant == 0)
    {
      /* A 17-year-old without a guardian: R12 offers to postpone. */
      p->minor = TRUE;
      p->guardian = FALSE;
    }

  switch ((int) p->state)
    {
    case BF_AGREEMENT_STATE_UTKAST:
    case BF_AGREEMENT_STATE_TIL_SIGNERING:
      p->created = day_offset (today, -between (g, 1, 40));
      p->from = day_offset (today, between (g, 7, 60));
      break;
    case BF_AGREEMENT_STATE_AVSLATT:
      p->created = day_offset (today, -between (g, 15, 500));
      p->from = day_offset (&p->created, between (g, 10, 40));
      break;
    case BF_AGREEMENT_STATE_AKTIV:
      age = between (g, 5, 700);
      p->from = day_offset (today, -age);
      break;
    case BF_AGREEMENT_STATE_TIL_EVALUERING:
      p->from = month_offset (today, -6);
      p->from = day_offset (&p->from, -between (g, 0, 40));
      break;
    case BF_AGREEMENT_STATE_FORLENGET:
      p->from = month_offset (today, -between (g, 12, 20));
      break;
    case BF_AGREEMENT_STATE_AVSLUTTET:
      p->from = day_offset (today, -between (g, 200, 1400));
      break;
    default:
      g_assert_not_reached ();
    }

  if (p->state != BF_AGREEMENT_STATE_UTKAST && p->state != BF_AGREEMENT_STATE_TIL_SIGNERING &&
      p->state != BF_AGREEMENT_STATE_AVSLATT)
    {
      p->signed_on = day_offset (&p->from, -between (g, 1, 10));
      p->created = day_offset (&p->signed_on, -between (g, 3, 20));
    }
  else
    p->signed_on = p->created;
  p->decided = day_offset (&p->created, -between (g, 5, 30));

  /* Twelve or 24 months, long enough that a running agreement has not yet
   * run out. The first evaluation after six (sometimes three) months. */
  p->to = month_offset (&p->from, chance (g, 60) ? 12 : 24);
  while (bf_lifecycle_is_running (p->state) && g_date_compare (&p->to, today) <= 0)
    p->to = month_offset (&p->to, 12);
  if (p->state == BF_AGREEMENT_STATE_AVSLUTTET)
    p->to = month_offset (&p->from, 12);
  p->evaluation = month_offset (&p->from, chance (g, 80) ? 6 : 3);
  if (p->state == BF_AGREEMENT_STATE_TIL_EVALUERING)
    {
      p->evaluation = month_offset (&p->from, 6);
      if (g_date_compare (&p->evaluation, today) > 0)
        p->evaluation = *today;
    }

  p->red_lamp = bf_lifecycle_is_running (p->state) && chance (g, 12);
  p->lease_expiring = bf_lifecycle_is_running (p->state) && chance (g, 12);
}

/* The date of the last contact of a running agreement: recent, or three
 * weeks and more ago for a red lamp (R14). */
static GDate
last_contact (Gen         *g,
              const Plan  *p,
              const GDate *not_before)
{
  GDate last = day_offset (&g->today, p->red_lamp ? -between (g, 21, 60) : -between (g, 0, 13));

  if (g_date_compare (&last, not_before) < 0)
    last = *not_before;
  return last;
}

static void
run_active (Gen   *g,
            guint  index,
            Plan  *p)
{
  const GDate *today = &g->today;
  GDate last = last_contact (g, p, &p->from);
  BfAgreementState state = p->state;
  guint v = p->variant;

  /* The agreement has been running since it was signed. */
  add_visits (g, &p->from, &last);
  if (p->red_lamp && chance (g, 60))
    {
      /* Tried since, but nobody answered: an attempt is not a contact. */
      GDate tried = day_offset (&g->today, -between (g, 1, 10));

      add_visit (g, &tried, FALSE);
    }
  add_key_uses (g, &p->from, &last);
  add_breaches (g, &p->from, &last, state == BF_AGREEMENT_STATE_AKTIV && v < 3);

  if (state == BF_AGREEMENT_STATE_AKTIV)
    {
      GDate due = p->evaluation;
      gboolean revised = FALSE;

      /* Evaluated every six months, mostly on time. One in five is
       * overdue now (R15); a few were revised into a new version that
       * everyone signed again. */
      while (g_date_compare (&due, today) < 0)
        {
          GDate next = month_offset (&due, 6);
          gboolean last = g_date_compare (&next, today) >= 0;

          if (last && chance (g, 20))
            break;
          transition (g, index, BF_AGREEMENT_STATE_TIL_EVALUERING, BF_END_REASON_NONE, &due);
          if (!revised && (v < 2 || chance (g, 8)))
            {
              GDate resigned = day_offset (&due, between (g, 3, 14));
              BfBackground *b = bf_agreement_get_background (g->agreement);

              revised = TRUE;
              add_evaluation (g, index, &due, BF_EVALUATION_DECISION_REVIDERE, TRUE);
              if (g->demo->version_func != NULL)
                g->demo->version_func (g->demo, g->agreement, g->demo->version_data);
              transition (g, index, BF_AGREEMENT_STATE_UTKAST, BF_END_REASON_NONE, &due);
              g_ptr_array_add (b->goals_short_term, g_strdup ("Tettere oppfølging av husleia etter evalueringen."));
              bf_agreement_changed (g->agreement);
              if (g_date_compare (&resigned, today) > 0)
                resigned = *today;
              save (g, index, &due);
              transition (g, index, BF_AGREEMENT_STATE_TIL_SIGNERING, BF_END_REASON_NONE, &resigned);
              sign_all (g, index, &resigned);
            }
          else
            add_evaluation (g, index, &due, BF_EVALUATION_DECISION_VIDEREFORE, chance (g, 70));
          transition (g, index, BF_AGREEMENT_STATE_AKTIV, BF_END_REASON_NONE, &due);
          due = next;
        }
    }
  else if (state == BF_AGREEMENT_STATE_TIL_EVALUERING)
    {
      transition (g, index, BF_AGREEMENT_STATE_TIL_EVALUERING, BF_END_REASON_NONE, &p->evaluation);
      if (v < 3)
        {
          /* Decided to extend without a home visit: the model refuses the
           * extension (R09), so the agreement waits for the visit. */
          g_autoptr(GError) error = NULL;

          add_evaluation (g, index, &p->evaluation, BF_EVALUATION_DECISION_FORLENGE, FALSE);
          if (g->error == NULL &&
              bf_agreement_transition (g->agreement, BF_AGREEMENT_STATE_FORLENGET,
                                       BF_END_REASON_NONE, today, &error))
            g_set_error (&g->error, BF_DEMO_ERROR, BF_DEMO_ERROR_REFUSED,
                         _("Demo agreement %u could not be made, because the model allowed an extension without a home visit"),
                         index);
        }
    }
  else if (state == BF_AGREEMENT_STATE_FORLENGET)
    {
      GDate at = p->evaluation;

      transition (g, index, BF_AGREEMENT_STATE_TIL_EVALUERING, BF_END_REASON_NONE, &at);
      add_evaluation (g, index, &at, BF_EVALUATION_DECISION_FORLENGE, TRUE);
      transition (g, index, BF_AGREEMENT_STATE_FORLENGET, BF_END_REASON_NONE, &at);
    }
}

static void
run_ended (Gen   *g,
           guint  index,
           Plan  *p)
{
  static const BfEndReason reasons[] = {
    BF_END_REASON_UTLOPT, BF_END_REASON_MAL_NADD, BF_END_REASON_SAMTYKKE_TRUKKET,
    BF_END_REASON_FLYTTET, BF_END_REASON_OVERFORT, BF_END_REASON_LEIEFORHOLD_AVSLUTTET,
  };
  BfEndReason reason = reasons[p->variant % G_N_ELEMENTS (reasons)];
  GDate end;

  if (reason == BF_END_REASON_UTLOPT || reason == BF_END_REASON_MAL_NADD)
    end = reason == BF_END_REASON_UTLOPT ? p->to : p->evaluation;
  else
    end = day_offset (&p->from, between (g, 30, days_between (&p->from, &p->to) - 1));
  if (g_date_compare (&end, &g->today) >= 0)
    end = day_offset (&g->today, -1);

  add_visits (g, &p->from, &end);
  add_key_uses (g, &p->from, &end);
  add_breaches (g, &p->from, &end, reason == BF_END_REASON_LEIEFORHOLD_AVSLUTTET);

  if (reason == BF_END_REASON_UTLOPT || reason == BF_END_REASON_MAL_NADD)
    {
      transition (g, index, BF_AGREEMENT_STATE_TIL_EVALUERING, BF_END_REASON_NONE, &end);
      add_evaluation (g, index, &end, BF_EVALUATION_DECISION_AVSLUTTE, TRUE);
    }
  transition (g, index, BF_AGREEMENT_STATE_AVSLUTTET, reason, &end);
}

static void
generate (Gen   *g,
          guint  index,
          Plan  *p)
{
  BfAgreement *a = g->agreement;

  fill_header (g, p);
  fill_parties (g, p);
  fill_background (g, p);
  fill_measures (g, p);
  fill_meetings (g);
  fill_key_access (g, p);
  fill_rest (g, p);
  save (g, index, &p->created);

  switch ((int) p->state)
    {
    case BF_AGREEMENT_STATE_UTKAST:
      if (p->variant == 9)
        {
          bf_agreement_set_review (a, BF_REVIEW_STATUS_INNSENDT, NULL, NULL);
          bf_agreement_set_review (a, BF_REVIEW_STATUS_RETURNERT, PICK (g, return_comments), NULL);
        }
      else if (!p->incomplete)
        review (g);
      return;

    case BF_AGREEMENT_STATE_TIL_SIGNERING:
      transition (g, index, BF_AGREEMENT_STATE_TIL_SIGNERING, BF_END_REASON_NONE, &p->created);
      review (g);
      if (p->variant < 2)
        sign (g, index, g_ptr_array_index (g->signers, 0), BF_SIGNATURE_STATUS_UTSATT,
              &g->today, postpone_notes[p->variant == 0 ? 0 : between (g, 1, 2)]);
      if (p->variant < 4)
        for (guint i = 1; i < g->signers->len; i++)
          if (chance (g, 60))
            sign (g, index, g_ptr_array_index (g->signers, i), BF_SIGNATURE_STATUS_SIGNERT, &g->today, NULL);
      return;

    case BF_AGREEMENT_STATE_AVSLATT:
      if (p->variant < 3)
        {
          GDate on = day_offset (&p->created, between (g, 2, 10));

          transition (g, index, BF_AGREEMENT_STATE_TIL_SIGNERING, BF_END_REASON_NONE, &p->created);
          for (guint i = 1; i < g->signers->len; i++)
            sign (g, index, g_ptr_array_index (g->signers, i), BF_SIGNATURE_STATUS_SIGNERT, &on, NULL);
          sign (g, index, g_ptr_array_index (g->signers, 0), BF_SIGNATURE_STATUS_AVSLATT, &on,
                PICK (g, decline_notes));
          transition (g, index, BF_AGREEMENT_STATE_AVSLATT, BF_END_REASON_NONE, &on);
        }
      else
        transition (g, index, BF_AGREEMENT_STATE_AVSLATT, BF_END_REASON_NONE, &p->created);
      return;

    default:
      break;
    }

  /* Everything else was signed by every party and became active. */
  transition (g, index, BF_AGREEMENT_STATE_TIL_SIGNERING, BF_END_REASON_NONE, &p->created);
  sign_all (g, index, &p->signed_on);
  transition (g, index, BF_AGREEMENT_STATE_AKTIV, BF_END_REASON_NONE, &p->signed_on);

  if (p->state == BF_AGREEMENT_STATE_AVSLUTTET)
    run_ended (g, index, p);
  else
    run_active (g, index, p);
  review (g);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */

static void
bf_demo_class_init (BfDemoClass *klass)
{
}

static void
bf_demo_init (BfDemo *self)
{
  self->block = G_MAXUINT;
}

static void
ensure_block (BfDemo *self,
              guint   block)
{
  guint32 seed[3] = { self->seed, block, 0x626c6b };
  g_autoptr(GRand) rand = NULL;

  if (self->block == block)
    return;

  /* A shuffle of the 100 slots, so that each block has exactly the mix of
   * states in shares[] but in an order that depends on the seed. */
  rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  for (guint i = 0; i < BF_DEMO_BLOCK_SIZE; i++)
    self->slots[i] = i;
  for (guint i = BF_DEMO_BLOCK_SIZE - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint8 t = self->slots[i];

      self->slots[i] = self->slots[j];
      self->slots[j] = t;
    }
  self->block = block;
}

/**
 * bf_demo_new:
 * @seed: the seed; the same seed gives the same agreements
 * @today: the date the data is relative to
 *
 * Returns: (transfer full): a generator
 */
BfDemo *
bf_demo_new (guint32      seed,
             const GDate *today)
{
  BfDemo *self;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (BF_TYPE_DEMO, NULL);
  self->seed = seed;
  self->today = *today;
  return self;
}

/**
 * bf_demo_set_version_func:
 * @func: (nullable): called with each version that is about to be revised
 *
 * The callback must not change the agreement.
 */
void
bf_demo_set_version_func (BfDemo            *self,
                          BfDemoVersionFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (BF_IS_DEMO (self));

  self->version_func = func;
  self->version_data = user_data;
}

guint32
bf_demo_get_seed (BfDemo *self)
{
  g_return_val_if_fail (BF_IS_DEMO (self), 0);
  return self->seed;
}

void
bf_demo_get_today (BfDemo *self,
                   GDate  *today)
{
  g_return_if_fail (BF_IS_DEMO (self));
  g_return_if_fail (today != NULL);
  *today = self->today;
}

/**
 * bf_demo_generate_agreement:
 * @index: which agreement, from 0
 *
 * Builds agreement number @index through the model's public API: sections
 * filled in, versions saved, parties signing, lifecycle transitions and the
 * four logs, all dated relative to the generator's today. Each index has its
 * own random stream, so agreements can be made in any order.
 *
 * Returns: (transfer full): a new agreement, or %NULL with @error set
 *   (%BF_DEMO_ERROR_REFUSED) if the model refused a step
 */
BfAgreement *
bf_demo_generate_agreement (BfDemo  *self,
                            guint    index,
                            GError **error)
{
  guint32 seed[4] = { self->seed, index, 0, 0x61677265 };
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) signers = NULL;
  g_autofree char *id = NULL;
  BfAgreement *a;
  Plan plan = { 0, };
  Gen g = { 0, };
  guint n_units = 0;

  g_return_val_if_fail (BF_IS_DEMO (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_block (self, index / BF_DEMO_BLOCK_SIZE);
  slot_to_scenario (self->slots[index % BF_DEMO_BLOCK_SIZE], &plan.state, &plan.variant);

  /* Today is part of the seed because every id comes from this stream:
   * a run on another day into the same profile adds new agreements and
   * log entries instead of colliding with the ones already there. */
  seed[2] = g_date_get_julian (&self->today);
  rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
  signers = g_ptr_array_new ();
  id = random_uuid (rand);
  a = bf_agreement_new_with_id (id);

  g.demo = self;
  g.rand = rand;
  g.agreement = a;
  g.today = self->today;
  g.signers = signers;
  g.municipality = &municipalities[g_rand_int_range (rand, 0, G_N_ELEMENTS (municipalities))];
  while (n_units < G_N_ELEMENTS (g.municipality->units) && g.municipality->units[n_units] != NULL)
    n_units++;
  g.unit_index = g_rand_int_range (rand, 0, n_units);
  g.unit = g.municipality->units[g.unit_index];

  plan_scenario (&g, &plan);
  generate (&g, index, &plan);

  g_free (g.worker);
  g_free (g.tenant_id);
  if (g.error != NULL)
    {
      g_propagate_error (error, g.error);
      g_object_unref (a);
      return NULL;
    }
  return a;
}
