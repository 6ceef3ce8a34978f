/// <reference types="vite/client" />
/**
 * The explorer in Finnish, Swedish and English: every declared word present and translated, the reader's
 * language chosen as the address, the earlier choice and the browser say, entities named in it, and the pure
 * text functions speaking it.
 */
import { describe, expect, it } from "vitest";
import { RELATIONSHIP_STATES, RELATIONSHIP_STATE_WORDS_BY_LANG } from "../../src/graph-data/relationship-state.js";
import { STATEMENT_WORDS, renderStatement, statementLang } from "../../src/server/accessibility-statement.js";
import type { ChangeEntry } from "../../src/web/explorer/edit-api.js";
import { graphInLang, inLang, nameIn } from "../../src/web/explorer/entity-names.js";
import { partialDateIn, validityIn } from "../../src/web/explorer/date-words.js";
import { changeSubject, operationWords, originWords } from "../../src/web/explorer/history-words.js";
import { LANGS, type Message, type PluralMessage, declaredMessages } from "../../src/web/explorer/i18n-core.js";
import {
  INVERSE_LABELS,
  RELATIONSHIP_TYPES,
  inverseRelationshipLabel,
  kindLabel,
  lineLegend,
  relationshipLabelFrom,
  stateWords,
  typeLabel,
} from "../../src/web/explorer/kinds.js";
import { browserLang, chooseLang } from "../../src/web/explorer/language-choice.js";
import { peerTypeLabel, sinceText } from "../../src/web/explorer/peers-model.js";
import { peersActivityTitle } from "../../src/web/explorer/analysis-scope.js";
import { classWords, partyLabel, publisherKindLabel } from "../../src/web/explorer/whose-word.js";
import { EMPTY_GRAPH } from "../../src/web/explorer/graph-model.js";
import type { GraphNode } from "../../src/web/explorer/api.js";

// Load every explorer module, so each table it declares with `messages` is registered.
const modules = import.meta.glob(
  ["../../src/web/explorer/*.ts", "../../src/web/explorer/*.tsx", "!../../src/web/explorer/main.tsx"],
  { eager: true },
);

/**
 * Text that is rightly the same in all three languages although it has a few words: names of things, codes.
 * Keep this short; anything else the same in en, fi and sv is an untranslated copy.
 */
const SAME_IN_EVERY_LANGUAGE: ReadonlySet<string> = new Set([]);

/** Words in a message, placeholders and punctuation left out: "Show {day}" has one. */
function wordCount(text: string): number {
  return text
    .replace(/\{\w+\}/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean).length;
}

function problemsOf(where: string, message: Message): string[] {
  const problems = LANGS.filter((lang) => message[lang].trim().length === 0).map((lang) => `${where}: empty ${lang}`);
  if (
    message.en === message.fi &&
    message.en === message.sv &&
    wordCount(message.en) > 2 &&
    !SAME_IN_EVERY_LANGUAGE.has(message.en)
  ) {
    problems.push(`${where}: untranslated “${message.en}”`);
  }
  return problems;
}

function isPlural(message: Message | PluralMessage): message is PluralMessage {
  return "one" in message;
}

describe("every word of the explorer", () => {
  it("is declared in English, Finnish and Swedish, and translated", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(30);
    const tables = declaredMessages();
    expect(tables.length).toBeGreaterThan(25);
    const problems = tables.flatMap((table, index) =>
      Object.entries(table).flatMap(([key, message]) =>
        isPlural(message)
          ? [...problemsOf(`#${index}.${key}.one`, message.one), ...problemsOf(`#${index}.${key}.other`, message.other)]
          : problemsOf(`#${index}.${key}`, message),
      ),
    );
    expect(problems).toEqual([]);
    // The edit forms' tables are among them: the record model's words (fields, statuses, types), the codes.
    const keys = new Set(tables.flatMap((table) => Object.keys(table)));
    for (const key of ["relationship.label.validTo", "Organization.hint.category", "status.denied", "type.FUNDS"]) {
      expect(keys, key).toContain(key);
    }
    expect(keys).toContain("DATE_ORDER");
  });

  it("names every relationship type from both ends, and every state, in Finnish and Swedish", () => {
    for (const type of RELATIONSHIP_TYPES) {
      for (const lang of ["fi", "sv"] as const) {
        expect(typeLabel(type, lang), `${type} ${lang}`).not.toBe(typeLabel(type, "en"));
        expect(inverseRelationshipLabel(type, lang), `${type} ${lang}`).not.toMatch(/\(/);
      }
    }
    expect(Object.keys(INVERSE_LABELS).sort()).toEqual([...RELATIONSHIP_TYPES].sort());
    for (const state of RELATIONSHIP_STATES) {
      expect(RELATIONSHIP_STATE_WORDS_BY_LANG.fi[state]).not.toBe(RELATIONSHIP_STATE_WORDS_BY_LANG.en[state]);
      expect(RELATIONSHIP_STATE_WORDS_BY_LANG.sv[state]).not.toBe(RELATIONSHIP_STATE_WORDS_BY_LANG.en[state]);
    }
  });

  it("has the accessibility statement in all three languages", () => {
    const problems = Object.entries(STATEMENT_WORDS).flatMap(([key, message]) => problemsOf(key, message));
    expect(problems).toEqual([]);
  });
});

describe("the reader's language", () => {
  it("is the address's, else the one chosen before, else the browser's first of fi/sv/en, else English", () => {
    expect(chooseLang({ address: "sv", stored: "fi", browser: ["fi-FI"] })).toBe("sv");
    expect(chooseLang({ address: null, stored: "fi", browser: ["sv-FI"] })).toBe("fi");
    expect(chooseLang({ address: null, stored: "de", browser: ["de-DE", "sv-FI", "fi"] })).toBe("sv");
    expect(chooseLang({ address: null, stored: null, browser: ["de-DE", "ja"] })).toBe("en");
    expect(browserLang(["en-US"])).toBe("en");
    expect(browserLang([])).toBeNull();
  });

  it("names an entity in it where the entity has a name in it, else by its display name", () => {
    const centre: GraphNode = {
      id: "helsinki-centre-st-petersburg",
      kind: "Office",
      name: "Helsinki Centre",
      description: null,
      names: [
        { lang: "fi", value: "Helsinki-keskus" },
        { lang: "sv", value: "Helsingforscentret" },
      ],
      aliases: [],
      location: null,
    };
    expect(nameIn(centre, "fi")).toBe("Helsinki-keskus");
    expect(nameIn(centre, "sv")).toBe("Helsingforscentret");
    expect(nameIn(centre, "en")).toBe("Helsinki Centre");
    expect(nameIn({ name: "ECHA", names: [] }, "fi")).toBe("ECHA");
    expect(inLang(centre, "en")).toBe(centre);
    const graph = graphInLang({ ...EMPTY_GRAPH, nodes: new Map([[centre.id, centre]]) }, "sv");
    expect(graph.nodes.get(centre.id)?.name).toBe("Helsingforscentret");
  });
});

describe("the explorer's text functions in Finnish and Swedish", () => {
  const change = (over: Partial<ChangeEntry>): ChangeEntry => ({
    id: "c1",
    writeId: "w1",
    at: "2024-01-01T00:00:00Z",
    actor: "editor",
    origin: "graphql:abc",
    operation: "create",
    itemType: "relationship",
    itemId: "r1",
    itemKind: "FUNDS",
    fromId: "helsinki",
    toId: "helsinki-centre-st-petersburg",
    fields: [],
    before: null,
    after: null,
    reverts: null,
    ...over,
  });
  const names = new Map([
    ["helsinki", "Helsinki"],
    ["helsinki-centre-st-petersburg", "Helsinki-keskus"],
  ]);

  it("tells the history", () => {
    expect(operationWords("create", "fi")).toBe("Lisätty");
    expect(operationWords("delete", "sv")).toBe("Borttagen");
    expect(changeSubject(change({}), (id) => names.get(id), "fi")).toBe("Helsinki rahoittaa Helsinki-keskus");
    expect(
      changeSubject(change({ itemType: "entity", itemId: "helsinki", itemKind: "City" }), (id) => names.get(id), "sv"),
    ).toBe("stad Helsinki");
    expect(originWords("file:seed/helsinki.yaml", "fi")).toBe("kuratoitu lähtötiedosto seed/helsinki.yaml");
    expect(originWords("revert:w1", "sv")).toBe("ångrande av en tidigare ändring");
    expect(originWords("graphql:abc", "en")).toBe("an edit through the API or the explorer");
  });

  it("reads relationships from either end, and names kinds, states and legend lines", () => {
    const funds = { type: "FUNDS", fromId: "tampere" };
    expect(relationshipLabelFrom(funds, "tampere", "fi")).toBe("rahoittaa");
    expect(relationshipLabelFrom(funds, "helsinki-centre-st-petersburg", "sv")).toBe("finansieras av");
    expect(relationshipLabelFrom(funds, "helsinki-centre-st-petersburg")).toBe("funded by");
    expect(inverseRelationshipLabel("KNOWS", "fi")).toBe("knows (toisesta päästä)");
    expect(kindLabel("Office", "fi")).toBe("Toimisto");
    expect(kindLabel("Unknown", "sv")).toBe("Annan");
    expect(stateWords("PAST", "sv")).toBe("avslutad");
    expect(lineLegend("fi").map((entry) => entry.line)).toEqual(lineLegend("en").map((entry) => entry.line));
  });

  it("writes dates as each language does", () => {
    expect(partialDateIn("2016-05", "fi")).toBe("toukokuu 2016");
    expect(partialDateIn("2016-05", "sv")).toBe("maj 2016");
    expect(partialDateIn("2016-05", "en")).toBe("May 2016");
    expect(partialDateIn("2022-02-28/..", "sv")).toBe("28 februari 2022 eller senare");
    expect(validityIn({ validFrom: "2007", validTo: null }, "fi")).toBe("2007 alkaen");
    expect(validityIn({ validFrom: null, validTo: "2022-03" }, "sv")).toBe("till mars 2022");
  });

  it("says whose word backs a tie, and how peers compare", () => {
    expect(publisherKindLabel({ publisherKind: "media", publisher: null }, "fi")).toBe("uutismedia");
    expect(publisherKindLabel({ publisherKind: "crowd", publisher: "Wikidata" }, "sv")).toBe("Wikidata (crowdsourcat)");
    expect(partyLabel({ party: true }, "fi")).toBe("suhteen osapuoli");
    expect(classWords("CROWD_ONLY", "sv").label).toBe("Bara Wikidata säger så");
    expect(peerTypeLabel("FUNDS", "fi")).toBe("Toimistot (rahoittaa)");
    expect(sinceText({ since: "2016-05-01", relationships: [{ validFrom: "2016-05" } as never] }, "sv")).toBe(
      "sedan maj 2016",
    );
    expect(sinceText({ since: null, relationships: [] }, "fi")).toBe("päivämäärää ei ole kirjattu");
    expect(peersActivityTitle(["Helsinki", "Tukholma"], null, "EXCLUDE", "fi")).toBe(
      "Voimassa 1. heinäkuuta, vuosittain: Helsinki, Tukholma (kaikki suhteet; päiväämättömät väitteet jätetty pois)",
    );
  });
});

describe("the accessibility statement", () => {
  it("follows ?lang=, else Accept-Language by preference, else English", () => {
    expect(statementLang("sv", "fi")).toBe("sv");
    expect(statementLang(undefined, "de-DE, fi;q=0.4, sv;q=0.9")).toBe("sv");
    expect(statementLang(["fi"], "en")).toBe("en");
    expect(statementLang(undefined, undefined)).toBe("en");
  });

  it("gives the feedback address as a link, or says none is set", () => {
    const mail = renderStatement("fi", "saavutettavuus@example.fi");
    expect(mail).toContain('<a href="mailto:saavutettavuus@example.fi">saavutettavuus@example.fi</a>');
    const form = renderStatement("sv", "https://example.fi/palaute?x=1&y=2");
    expect(form).toContain('href="https://example.fi/palaute?x=1&#38;y=2"');
    expect(renderStatement("en", undefined)).toContain(STATEMENT_WORDS.noContact.en.replaceAll("’", "’"));
    expect(renderStatement("en", '"><script>x</script>@a.b')).not.toContain("<script>x");
  });
});
