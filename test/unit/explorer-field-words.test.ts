/**
 * The edit forms in the reader's language (field-words.ts, problem-words.ts): every field any form shows has
 * a label and a hint in Finnish and Swedish beside the record model's English, every status and relationship
 * type its meaning, and every problem code words of its own.
 */
import { describe, expect, it } from "vitest";
import { PROBLEM_CODES } from "../../src/graph-data/problems.js";
import { RELATIONSHIP_TYPES, STATUSES, STATUS_RULES, RELATIONSHIP_RULES } from "../../src/graph-data/vocabulary.js";
import {
  fieldHintIn,
  fieldLabelIn,
  problemFieldIn,
  recordFieldIn,
  statusMeaningIn,
  typeMeaningIn,
} from "../../src/web/explorer/field-words.js";
import { problemCodeWords, refusalWords, requestErrorWords } from "../../src/web/explorer/problem-words.js";
import {
  ENTITY_ID_FIELD,
  ENTITY_KINDS,
  type FormField,
  SOURCE_ID_FIELD,
  entityFormFields,
  relationshipFormFields,
  sourceFormFields,
} from "../../src/web/explorer/record-fields.js";

/** Every field a form shows: each kind's (as staff, who see them all), a source's, a relationship's, the ids. */
const everyField: FormField[] = [
  ENTITY_ID_FIELD,
  SOURCE_ID_FIELD,
  ...ENTITY_KINDS.flatMap((kind) => entityFormFields(kind, true)),
  ...sourceFormFields(),
  ...relationshipFormFields(),
];

/** Labels rightly the same word in English and the language: Swedish says "Status" too. */
const SAME_WORD: ReadonlySet<string> = new Set(["relationship.status sv"]);

describe("the edit forms' fields in Finnish and Swedish", () => {
  it("label and explain every field a form shows, in words of their own", () => {
    const missing = everyField.flatMap((field) =>
      (["fi", "sv"] as const).flatMap((lang) => {
        const where = `${field.kind ?? field.owner}.${field.name} ${lang}`;
        const problems: string[] = [];
        if (fieldLabelIn(field, lang, false) === field.label && !SAME_WORD.has(where))
          problems.push(`${where}: label untranslated`);
        if (fieldHintIn(field, lang) === field.spec.description) problems.push(`${where}: hint untranslated`);
        return problems;
      }),
    );
    expect(missing).toEqual([]);
  });

  it("keep the record model's English: its labels and its descriptions", () => {
    for (const field of everyField) {
      expect(fieldLabelIn(field, "en", false)).toBe(field.label);
      expect(fieldHintIn(field, "en")).toBe(field.spec.description);
    }
  });

  it("say which fields are required, in each language", () => {
    const title = sourceFormFields().find((field) => field.name === "title")!;
    expect(fieldLabelIn(title, "en")).toBe("Title (required)");
    expect(fieldLabelIn(title, "fi")).toBe("Otsikko (pakollinen)");
    expect(fieldLabelIn(title, "sv")).toBe("Titel (obligatorisk)");
    const validTo = relationshipFormFields().find((field) => field.name === "validTo")!;
    expect(fieldLabelIn(validTo, "en")).toBe("Valid to (exclusive)");
  });

  it("tell a kind's own field from another kind's of the same name", () => {
    const category = (kind: "Organization" | "Event") =>
      entityFormFields(kind, false).find((field) => field.name === "category")!;
    expect(fieldHintIn(category("Organization"), "fi")).toContain("organisaatio");
    expect(fieldHintIn(category("Event"), "fi")).toContain("tapahtuma");
  });

  it("give every status and relationship type its meaning", () => {
    for (const status of STATUSES) {
      expect(statusMeaningIn(status, "en")).toBe(STATUS_RULES[status].meaning);
      expect(statusMeaningIn(status, "fi")).not.toBe(STATUS_RULES[status].meaning);
    }
    for (const type of RELATIONSHIP_TYPES) {
      expect(typeMeaningIn(type, "en")).toBe(RELATIONSHIP_RULES[type].meaning);
      expect(typeMeaningIn(type, "sv")).not.toBe(RELATIONSHIP_RULES[type].meaning);
    }
    expect(typeMeaningIn("NOT_A_TYPE", "fi")).toBeNull();
  });
});

describe("a write report's fields", () => {
  it("are named in the reader's language, by the record's kind, a kind's own field too", () => {
    expect(recordFieldIn("relationship", "validFrom", "fi")).toBe("Voimassa alkaen");
    expect(recordFieldIn("source", "url", "sv")).toBe("Webbadress");
    expect(recordFieldIn("entity", "nameFi", "en")).toBe("Name in Finnish");
    expect(recordFieldIn("entity", "staffCount", "fi")).toBe("Henkilöstön määrä");
    expect(recordFieldIn("entity", "unheardOf", "fi")).toBe("unheardOf");
    expect(recordFieldIn("file", "name", "fi")).toBe("name");
  });
});

describe("the API's problems in the reader's words", () => {
  const relationship = relationshipFormFields();

  it("name the field each concerns", () => {
    const field = (item: string, path: string | null, lang: "en" | "fi" | "sv") =>
      problemFieldIn({ item, field: path }, relationship, lang);
    expect(field("relationship", "validTo", "fi")).toBe("Voimassa asti (päivä ei sisälly)");
    expect(field("relationship", "citations.1.excerpt", "sv")).toBe("Källhänvisning 2, utdrag");
    expect(field("relationship", "from", "fi")).toBe("Mistä");
    expect(field("relationship", "date", "en")).toBe("From");
    expect(field("source", "title", "fi")).toBe("Otsikko");
    expect(field("entity", "sources.0", "sv")).toBe("Källa 1");
    expect(field("relationship", "unheardOf.part", "fi")).toBe("unheardOf.part");
    expect(field("relationship", null, "fi")).toBeNull();
  });

  it("say what every problem code means, and what a failed request's code means", () => {
    for (const code of PROBLEM_CODES) {
      expect(problemCodeWords(code, "fi"), code).not.toBe(code);
      expect(problemCodeWords(code, "fi"), code).not.toBe(problemCodeWords(code, "en"));
    }
    expect(problemCodeWords("DATE_ORDER", "sv")).toBe("Datumen är i fel ordning");
    expect(problemCodeWords("SOMETHING_NEW", "fi")).toBe("SOMETHING_NEW");
    expect(requestErrorWords("NETWORK_ERROR", "fi")).toBe("Rajapintaan ei saada yhteyttä.");
    expect(requestErrorWords("FORBIDDEN", "sv")).toBe("Din roll får inte göra den här ändringen.");
    expect(requestErrorWords(undefined, "en")).toBe("The API refused it.");
  });

  it("says why an undo was refused by what its code means, not the code", () => {
    expect(refusalWords("CHANGED_SINCE", "fi")).toBe("Myöhempi muutos on muuttanut sitä");
    expect(refusalWords("CHANGED_SINCE", "sv")).toBe("En senare ändring har ändrat den");
    expect(refusalWords("FORBIDDEN", "fi")).toBe("Roolisi ei salli tätä muutosta.");
    expect(refusalWords("NETWORK_ERROR", "sv")).toBe("Det går inte att nå API:t.");
  });
});
