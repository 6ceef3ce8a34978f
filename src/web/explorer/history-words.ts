/**
 * The history in plain words: who changed what, named as a reader knows it ("Helsinki funds Helsinki Centre",
 * "the curated seed file seed/relationships.yaml"), not as the store keys it.
 */
import type { ChangeEntry } from "./edit-api.js";
import { type Lang, type Message, format, messages } from "./i18n-core.js";
import { knownKindLabel, typeLabel } from "./kinds.js";

const OPERATIONS: Readonly<Record<string, Message>> = messages({
  create: { en: "Added", fi: "Lisätty", sv: "Tillagd" },
  update: { en: "Changed", fi: "Muutettu", sv: "Ändrad" },
  delete: { en: "Deleted", fi: "Poistettu", sv: "Borttagen" },
  erase: { en: "Erased personal data of", fi: "Henkilötiedot poistettu:", sv: "Personuppgifter raderade för" },
});

const M = messages({
  merging: {
    en: "{origin}, merging {from} into {to}",
    fi: "{origin}, yhdistäen {from} kohteeseen {to}",
    sv: "{origin}, där {from} slogs ihop med {to}",
  },
  seedFile: {
    en: "the curated seed file {file}",
    fi: "kuratoitu lähtötiedosto {file}",
    sv: "den kurerade grundfilen {file}",
  },
  importedFile: { en: "the imported file {file}", fi: "tuotu tiedosto {file}", sv: "den importerade filen {file}" },
  edit: {
    en: "an edit through the API or the explorer",
    fi: "muokkaus rajapinnan tai tutkimusnäkymän kautta",
    sv: "en ändring via API:t eller utforskaren",
  },
  revert: { en: "undoing an earlier change", fi: "aiemman muutoksen peruminen", sv: "ångrande av en tidigare ändring" },
  dataset: { en: "the dataset {name}", fi: "aineisto {name}", sv: "datamängden {name}" },
  enrich: { en: "enrichment from {sources}", fi: "täydennys lähteistä {sources}", sv: "berikning från {sources}" },
  relationship: { en: "relationship", fi: "suhde", sv: "relation" },
  entity: { en: "entity", fi: "kohde", sv: "entitet" },
  source: { en: "source", fi: "lähde", sv: "källa" },
});

/** Whether a write can be undone from the history: every write but an erasure (the API refuses that one). */
export function undoable(changes: readonly { readonly operation: string }[]): boolean {
  return !changes.some((change) => change.operation === "erase");
}

/** "create" → "Added" ("Lisätty" in Finnish). */
export function operationWords(operation: string, lang: Lang = "en"): string {
  return OPERATIONS[operation]?.[lang] ?? operation;
}

/** `City` → "city" ("kaupunki"), `NetworkOrganization` → "network organization". */
function kindWords(kind: string, lang: Lang): string {
  if (lang !== "en") {
    const known = knownKindLabel(kind, lang);
    if (known) return known.toLowerCase();
  }
  return kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** What kind of record a change is about, in words ("relationship", "suhde"); other types as they are. */
function itemTypeWords(itemType: string, lang: Lang): string {
  return itemType === "relationship" || itemType === "entity" || itemType === "source"
    ? format(lang, M[itemType])
    : itemType;
}

/** Where a write came from, in words: `file:seed/x.yaml` → "the curated seed file seed/x.yaml". */
export function originWords(origin: string, lang: Lang = "en"): string {
  const merge = /^(.*):merge:([^>]+)>(.+)$/.exec(origin);
  if (merge) {
    return format(lang, M.merging, {
      origin: originWords(merge[1] ?? "", lang),
      from: merge[2] ?? "",
      to: merge[3] ?? "",
    });
  }
  const colon = origin.indexOf(":");
  const scheme = colon < 0 ? origin : origin.slice(0, colon);
  const rest = colon < 0 ? "" : origin.slice(colon + 1);
  switch (scheme) {
    case "file":
      return format(lang, /(^|\/)seed\//.test(rest) || rest.startsWith("seed") ? M.seedFile : M.importedFile, {
        file: rest,
      });
    case "graphql":
      return format(lang, M.edit);
    case "revert":
      return format(lang, M.revert);
    case "dataset":
      return format(lang, M.dataset, { name: rest });
    case "enrich":
      return format(lang, M.enrich, { sources: rest.split(",").join(", ") });
    default:
      return origin;
  }
}

/** The record's name as the change recorded it (before it, or after it). */
function recordedName(change: Pick<ChangeEntry, "before" | "after">): string | null {
  for (const json of [change.after, change.before]) {
    if (!json) continue;
    try {
      const record = JSON.parse(json) as { name?: unknown; title?: unknown };
      if (typeof record.name === "string") return record.name;
      if (typeof record.title === "string") return record.title;
    } catch {
      // not a record: named by its id
    }
  }
  return null;
}

/**
 * What changed, in words: "Helsinki funds Helsinki Centre" for a relationship, "city Helsinki" for an
 * entity, "source Helsinki city strategy" for a source. `nameOf` names an entity id when it is known.
 */
export function changeSubject(
  change: ChangeEntry,
  nameOf: (id: string) => string | undefined,
  lang: Lang = "en",
): string {
  if (change.itemType === "relationship" && change.fromId && change.toId) {
    const type = change.itemKind ?? "";
    return `${nameOf(change.fromId) ?? change.fromId} ${typeLabel(type, lang)} ${nameOf(change.toId) ?? change.toId}`;
  }
  const name = (change.itemType === "entity" ? nameOf(change.itemId) : undefined) ?? recordedName(change);
  const kind = change.itemKind ? kindWords(change.itemKind, lang) : itemTypeWords(change.itemType, lang);
  return `${kind} ${name ?? change.itemId}`;
}

/** A field's value in a recorded state, as text (absent: "—"). */
function fieldText(json: string | null, field: string): string {
  if (!json) return "—";
  try {
    const value = (JSON.parse(json) as Record<string, unknown>)[field];
    if (value === undefined || value === null) return "—";
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return "—";
  }
}

/** The fields a change touched, each before and after (a new record: every field it was given). */
export function changedFields(change: ChangeEntry): { field: string; before: string; after: string }[] {
  let fields = change.fields;
  if (fields.length === 0) {
    try {
      fields = Object.keys(JSON.parse(change.after ?? change.before ?? "{}") as object);
    } catch {
      fields = [];
    }
  }
  return fields.map((field) => ({
    field,
    before: fieldText(change.before, field),
    after: fieldText(change.after, field),
  }));
}
