/**
 * `GET /accessibility`: the explorer's accessibility statement (saavutettavuusseloste, tillgänglighetsutlåtande),
 * which the Act on the Provision of Digital Services (306/2019, § 15) asks a public-sector web service to
 * publish: the standard measured against, how it was assessed, what does not comply and why, where to send
 * feedback (ACCESSIBILITY_CONTACT) and how to take a complaint further.
 *
 * A plain HTML page rendered here, with no script, so it reads in any browser and with JavaScript off. Its
 * language is `?lang=` (the explorer's link passes the reader's choice), else the browser's Accept-Language,
 * else English. What it says about the explorer is kept true by reading the code and the browser tests
 * (test/browser/explorer-states.test.ts): change one, change the other.
 */
import type { RequestHandler } from "express";

export const STATEMENT_LANGS = ["fi", "sv", "en"] as const;
export type StatementLang = (typeof STATEMENT_LANGS)[number];
type Words = Readonly<Record<StatementLang, string>>;

/** The day the statement was drawn up (and last reviewed). */
export const STATEMENT_DATE = "2026-12-08";

const LOCALES: Readonly<Record<StatementLang, string>> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };
const LANG_NAMES: Readonly<Record<StatementLang, string>> = { fi: "Suomi", sv: "Svenska", en: "English" };

/** Every piece of text on the page, in Finnish, Swedish and English (test/unit checks none is missing). */
export const STATEMENT_WORDS = {
  title: {
    fi: "Saavutettavuusseloste",
    sv: "Tillgänglighetsutlåtande",
    en: "Accessibility statement",
  },
  service: {
    fi: "Helsingin kansainväliset suhteet – tutkimusnäkymä",
    sv: "Helsingfors internationella relationer – utforskaren",
    en: "Helsinki international relations – the explorer",
  },
  languages: { fi: "Kieli", sv: "Språk", en: "Language" },
  back: { fi: "Takaisin tutkimusnäkymään", sv: "Tillbaka till utforskaren", en: "Back to the explorer" },
  intro: {
    fi: "Tämä seloste koskee tutkimusnäkymää osoitteessa /explorer: hakua, graafia, karttaa, koontinäkymää, aikajanaa, vertailuja, historiaa ja muokkauslomakkeita. Se ei koske GraphiQL-sivua (/graphiql), joka on ohjelmoijien työkalu, eikä ulkopuolisia lähdesivustoja, joihin tiedot viittaavat.",
    sv: "Detta utlåtande gäller utforskaren på adressen /explorer: sökningen, grafen, kartan, översikten, tidslinjen, jämförelserna, historiken och redigeringsformulären. Det gäller inte sidan GraphiQL (/graphiql), som är ett verktyg för programmerare, och inte de externa källwebbplatser som uppgifterna hänvisar till.",
    en: "This statement covers the explorer at /explorer: search, the graph, the map, the dashboard, the timeline, the comparisons, the history and the editing forms. It does not cover the GraphiQL page (/graphiql), a tool for programmers, nor the outside websites the sources link to.",
  },
  standardTitle: { fi: "Vaatimukset", sv: "Krav", en: "The standard" },
  standard: {
    fi: "Palvelua arvioidaan WCAG 2.1 -ohjeiston A- ja AA-tason vaatimuksia vasten, kuten digitaalisten palvelujen tarjoamisesta annettu laki (306/2019) edellyttää.",
    sv: "Tjänsten bedöms mot kraven på nivå A och AA i riktlinjerna WCAG 2.1, så som lagen om tillhandahållande av digitala tjänster (306/2019) förutsätter.",
    en: "The service is measured against the level A and AA success criteria of WCAG 2.1, as the Act on the Provision of Digital Services (306/2019) requires.",
  },
  statusTitle: { fi: "Saavutettavuuden tila", sv: "Tillgänglighetsstatus", en: "Compliance status" },
  status: {
    fi: "Palvelu täyttää saavutettavuusvaatimukset osittain. Alla luetellut puutteet ovat tiedossa.",
    sv: "Tjänsten uppfyller tillgänglighetskraven delvis. Bristerna nedan är kända.",
    en: "The service partially complies with these requirements. The shortcomings listed below are known.",
  },
  assessedTitle: {
    fi: "Miten saavutettavuus arvioitiin",
    sv: "Hur tillgängligheten bedömdes",
    en: "How it was assessed",
  },
  assessed: {
    fi: "Arvio on palvelun kehittäjien tekemä itsearviointi. Automaattiset selaintestit ajavat axe-core-työkalun WCAG 2.1 A- ja AA-tarkistukset graafi-, kartta-, koontinäkymä- ja historianäkymissä sekä suomenkielisessä näkymässä jokaisen muutoksen yhteydessä. Samat testit tarkistavat, että kartan kohteet ja graafin osat saa valittua näppäimistöllä, että näkymä mahtuu 390 pikselin levyiselle puhelimen näytölle ilman vaakavieritystä ja että tyhjät tilat kertovat, mitä tapahtui. Ulkopuolista auditointia ei ole tehty.",
    sv: "Bedömningen är en självbedömning gjord av tjänstens utvecklare. Automatiska webbläsartester kör verktyget axe-core med kontrollerna för WCAG 2.1 A och AA i graf-, kart-, översikts- och historikvyerna samt i den finska vyn vid varje ändring. Samma tester kontrollerar att kartans objekt och grafens element kan väljas med tangentbordet, att vyn ryms på en 390 pixlar bred telefonskärm utan vågrät rullning och att tomma lägen berättar vad som hände. Ingen extern granskning har gjorts.",
    en: "The assessment is a self-assessment by the service's developers. Automated browser tests run axe-core's WCAG 2.1 A and AA checks on the graph, map, dashboard and history views, and on the Finnish view, with every change. The same tests check that the map's places and relationships and the graph's elements can be chosen from the keyboard, that the page fits a 390-pixel-wide phone screen without sideways scrolling, and that empty states say what happened. No outside audit has been made.",
  },
  gapsTitle: {
    fi: "Sisältö, joka ei ole saavutettavaa",
    sv: "Innehåll som inte är tillgängligt",
    en: "Content that is not accessible",
  },
  gapsIntro: {
    fi: "Seuraavat kohdat eivät täytä vaatimuksia, ja syyt on kerrottu niiden yhteydessä.",
    sv: "Följande delar uppfyller inte kraven; skälen anges vid varje del.",
    en: "The following do not meet the requirements; the reasons are given with each.",
  },
  gapGraph: {
    fi: "Graafi on piirros (canvas). Ruudunlukija ei pysty lukemaan sen solmuja ja viivoja, eikä niitä voi käydä läpi näppäimistöllä yksi kerrallaan (WCAG 1.1.1, 1.3.1, 2.1.1). Korvaavana sisältönä sivupaneelin luettelo ”Näkymässä” sisältää kaikki piirretyt kohteet ja suhteet painikkeina, ja aikajana kertoo valitun kohteen suhteet. Yhteisöjen värit näkyvät vain piirroksessa.",
    sv: "Grafen är en ritning (canvas). En skärmläsare kan inte läsa dess noder och linjer, och de kan inte gås igenom en i taget med tangentbordet (WCAG 1.1.1, 1.3.1, 2.1.1). Som alternativ innehåller sidopanelens lista ”I vyn” alla ritade entiteter och relationer som knappar, och tidslinjen visar den valda entitetens relationer. Gemenskapernas färger syns bara i ritningen.",
    en: "The graph is a drawing (a canvas). A screen reader cannot read its nodes and lines, and they cannot be stepped through one by one from the keyboard (WCAG 1.1.1, 1.3.1, 2.1.1). As an alternative, the side panel's “In view” list holds every drawn entity and relationship as a button, and the timeline lists the chosen entity's relationships. Community colours are shown only in the drawing.",
  },
  gapMap: {
    fi: "Kartan paikat ja suhteet saa valittua näppäimistöllä ja niillä on nimet, mutta sijainnit ja etäisyydet välittyvät vain kuvana. Karttaa siirretään vetämällä; lähentämiseen ja loitontamiseen on painikkeet, siirtämiseen ei (WCAG 2.1.1, 2.5.1). Paikattomat kohteet (maat, verkostot, teemat) luetellaan sivupaneelissa.",
    sv: "Kartans platser och relationer kan väljas med tangentbordet och har namn, men lägen och avstånd förmedlas bara som bild. Kartan flyttas genom att dra; för att zooma finns knappar, för att flytta finns inga (WCAG 2.1.1, 2.5.1). Entiteter utan plats (länder, nätverk, teman) listas i sidopanelen.",
    en: "The map's places and relationships can be chosen from the keyboard and have names, but positions and distances come across only as a picture. The map is moved by dragging; there are buttons to zoom, but none to pan (WCAG 2.1.1, 2.5.1). Entities without a place (countries, networks, themes) are listed in the side panel.",
  },
  gapCharts: {
    fi: "Koontinäkymän kaaviot ovat piirroksia, joiden tarkat arvot näkyvät hiirellä osoitettaessa. Jokaisen kaavion luvut ovat myös taulukkona kaavion alla (avattava ”Taulukko”).",
    sv: "Översiktens diagram är ritningar vars exakta värden visas när man pekar med musen. Varje diagrams siffror finns också som tabell under diagrammet (”Tabell” som kan fällas ut).",
    en: "The dashboard's charts are drawings whose exact values show when pointed at with a mouse. Each chart's figures are also given as a table below it (the “Table” that opens).",
  },
  gapLanguage: {
    fi: "Käyttöliittymä on suomeksi, ruotsiksi ja englanniksi. Rajapinnan omat selitykset (muokkauslomakkeiden ongelmat ja hylätyt peruutukset) ovat englanniksi, ja ne on merkitty englanninkielisiksi sen rinnalla, mitä ongelma tarkoittaa valitulla kielellä. Kohteiden kuvaukset, lähteiden otsikot ja lainaukset näytetään lähteen kielellä ilman kielimerkintää (WCAG 3.1.2), koska lähteen kieltä ei ole aina kirjattu.",
    sv: "Gränssnittet finns på finska, svenska och engelska. API:ts egna förklaringar (problem i redigeringsformulären och avvisade ångringar) är på engelska och märkta som engelska, bredvid vad problemet betyder på det valda språket. Entiteternas beskrivningar, källornas titlar och citat visas på källans språk utan språkmärkning (WCAG 3.1.2), eftersom källans språk inte alltid har registrerats.",
    en: "The interface is in Finnish, Swedish and English. The API's own explanations (problems in the editing forms, refused undos) are in English, marked as English, beside what the problem means in the chosen language. Entity descriptions, source titles and quotations are shown in the source's language without a language mark (WCAG 3.1.2), as the source's language is not always recorded.",
  },
  gapUntested: {
    fi: "Muokkauslomakkeita sekä avattuja vertailu- ja lähdepaneeleja ei ole vielä tarkistettu axe-core-työkalulla, eikä palvelua ole testattu ruudunlukijalla, joten niissä voi olla puutteita, joita ei ole tässä lueteltu.",
    sv: "Redigeringsformulären och de öppnade jämförelse- och källpanelerna har ännu inte kontrollerats med axe-core, och tjänsten har inte testats med en skärmläsare, så de kan ha brister som inte räknas upp här.",
    en: "The editing forms, and the comparison and source panels once opened, have not yet been checked with axe-core, and the service has not been tried with a screen reader, so there may be shortcomings not listed here.",
  },
  feedbackTitle: { fi: "Palaute", sv: "Respons", en: "Feedback" },
  feedback: {
    fi: "Huomasitko saavutettavuuspuutteen, jota ei ole mainittu tässä, tai tarvitsetko sisältöä toisessa muodossa? Kerro siitä meille. Vastaamme viimeistään 14 päivän kuluessa.",
    sv: "Upptäckte du en tillgänglighetsbrist som inte nämns här, eller behöver du innehåll i en annan form? Berätta det för oss. Vi svarar inom 14 dagar.",
    en: "Found an accessibility problem not mentioned here, or need some content in another form? Tell us. We answer within 14 days.",
  },
  contactEmail: { fi: "Sähköposti:", sv: "E-post:", en: "E-mail:" },
  contactForm: { fi: "Palautelomake:", sv: "Responsformulär:", en: "Feedback form:" },
  noContact: {
    fi: "Tämän palvelun ylläpitäjä ei ole vielä ilmoittanut palauteosoitetta. Ota yhteyttä palvelun ylläpitävään organisaatioon.",
    sv: "Den som driver denna tjänst har ännu inte angett någon adress för respons. Kontakta organisationen som driver tjänsten.",
    en: "Whoever runs this service has not yet given a feedback address. Contact the organisation that runs it.",
  },
  enforcementTitle: { fi: "Valvontaviranomainen", sv: "Tillsynsmyndighet", en: "Enforcement procedure" },
  enforcement: {
    fi: "Jos et saa meiltä vastausta kahden viikon kuluessa tai vastaus ei tyydytä sinua, voit tehdä ilmoituksen Etelä-Suomen aluehallintovirastolle. Se valvoo saavutettavuusvaatimusten noudattamista koko Suomessa, ja sen sivuilla kerrotaan, miten ilmoitus tehdään.",
    sv: "Om du inte får svar av oss inom två veckor, eller om du inte är nöjd med svaret, kan du anmäla saken till Regionförvaltningsverket i Södra Finland. Det övervakar att tillgänglighetskraven följs i hela Finland, och på dess webbplats berättas hur en anmälan görs.",
    en: "If we do not answer within two weeks, or you are not satisfied with the answer, you can report the matter to the Regional State Administrative Agency for Southern Finland. It monitors compliance with the accessibility requirements throughout Finland, and its website explains how to make a report.",
  },
  agency: {
    fi: "Etelä-Suomen aluehallintovirasto, saavutettavuuden valvonnan yksikkö",
    sv: "Regionförvaltningsverket i Södra Finland, enheten för tillsyn över tillgänglighet",
    en: "Regional State Administrative Agency for Southern Finland, accessibility monitoring unit",
  },
  agencySite: { fi: "Verkkosivusto:", sv: "Webbplats:", en: "Website:" },
  dateTitle: { fi: "Selosteen päiväys", sv: "Utlåtandets datum", en: "Date of this statement" },
  date: {
    fi: "Seloste on laadittu {date}, ja se tarkistetaan, kun palvelu muuttuu olennaisesti.",
    sv: "Utlåtandet upprättades den {date} och ses över när tjänsten ändras väsentligt.",
    en: "This statement was drawn up on {date}, and is reviewed whenever the service changes significantly.",
  },
} as const satisfies Readonly<Record<string, Words>>;

/** The monitoring agency's site in each language. */
const AGENCY_SITES: Words = {
  fi: "https://www.saavutettavuusvaatimukset.fi",
  sv: "https://www.tillganglighetskrav.fi",
  en: "https://www.webaccessibility.fi",
};
const AGENCY_EMAIL = "saavutettavuus@avi.fi";

export function isStatementLang(value: unknown): value is StatementLang {
  return typeof value === "string" && (STATEMENT_LANGS as readonly string[]).includes(value);
}

/** `?lang=` when it names one of the three, else the first of Accept-Language's that does, else English. */
export function statementLang(query: unknown, acceptLanguage: string | undefined): StatementLang {
  if (isStatementLang(query)) return query;
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { primary: tag.toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return tags.map((entry) => entry.primary).find(isStatementLang) ?? "en";
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function dateIn(lang: StatementLang, day: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

function contactLine(lang: StatementLang, contact: string | undefined): string {
  const w = (key: keyof typeof STATEMENT_WORDS) => escapeHtml(STATEMENT_WORDS[key][lang]);
  if (!contact) return `<p>${w("noContact")}</p>`;
  const isUrl = /^https?:\/\//.test(contact);
  const href = escapeHtml(isUrl ? contact : `mailto:${contact}`);
  return `<p>${w(isUrl ? "contactForm" : "contactEmail")} <a href="${href}">${escapeHtml(contact)}</a></p>`;
}

/** The whole page in `lang`; `contact` is ACCESSIBILITY_CONTACT (an e-mail address or a form's address). */
export function renderStatement(lang: StatementLang, contact: string | undefined): string {
  const w = (key: keyof typeof STATEMENT_WORDS) => escapeHtml(STATEMENT_WORDS[key][lang]);
  const chooser = STATEMENT_LANGS.map((option) =>
    option === lang
      ? `<li><a href="?lang=${option}" lang="${option}" hreflang="${option}" aria-current="page">${LANG_NAMES[option]}</a></li>`
      : `<li><a href="?lang=${option}" lang="${option}" hreflang="${option}">${LANG_NAMES[option]}</a></li>`,
  ).join("");
  const gaps = (["gapGraph", "gapMap", "gapCharts", "gapLanguage", "gapUntested"] as const)
    .map((key) => `<li>${w(key)}</li>`)
    .join("\n        ");
  const date = escapeHtml(STATEMENT_WORDS.date[lang].replace("{date}", dateIn(lang, STATEMENT_DATE)));
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${w("title")} · ${w("service")}</title>
    <style>
      body { font: 1rem/1.55 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
      header, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
      header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; padding-top: 0.75rem; }
      nav ul { display: flex; gap: 0.75rem; list-style: none; margin: 0; padding: 0; }
      a { color: #0b5394; }
      a[aria-current="page"] { font-weight: 700; color: #1a1a1a; }
      h1 { font-size: 1.6rem; margin-top: 1.5rem; }
      h2 { font-size: 1.2rem; margin-top: 1.75rem; }
      li { margin-bottom: 0.6rem; }
    </style>
  </head>
  <body>
    <header>
      <a href="/explorer?lang=${lang}">${w("back")}</a>
      <nav aria-label="${w("languages")}"><ul>${chooser}</ul></nav>
    </header>
    <main>
      <h1>${w("title")}: ${w("service")}</h1>
      <p>${w("intro")}</p>
      <h2>${w("standardTitle")}</h2>
      <p>${w("standard")}</p>
      <h2>${w("statusTitle")}</h2>
      <p>${w("status")}</p>
      <h2>${w("gapsTitle")}</h2>
      <p>${w("gapsIntro")}</p>
      <ul data-testid="non-compliant">
        ${gaps}
      </ul>
      <h2>${w("assessedTitle")}</h2>
      <p>${w("assessed")}</p>
      <h2>${w("feedbackTitle")}</h2>
      <p>${w("feedback")}</p>
      ${contactLine(lang, contact)}
      <h2>${w("enforcementTitle")}</h2>
      <p>${w("enforcement")}</p>
      <p>${w("agency")}<br />
        ${w("agencySite")} <a href="${AGENCY_SITES[lang]}">${AGENCY_SITES[lang].replace("https://", "")}</a><br />
        ${w("contactEmail")} <a href="mailto:${AGENCY_EMAIL}">${AGENCY_EMAIL}</a></p>
      <h2>${w("dateTitle")}</h2>
      <p>${date}</p>
    </main>
  </body>
</html>
`;
}

/** The handler: the page in the asked (or the browser's) language, revalidated on every load. */
export function accessibilityStatement(contact: string | undefined): RequestHandler {
  return (req, res) => {
    const lang = statementLang(req.query["lang"], req.headers["accept-language"]);
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("Content-Language", lang);
    res.setHeader("Vary", "Accept-Language");
    res.type("html").send(renderStatement(lang, contact));
  };
}
