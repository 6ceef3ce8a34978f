/**
 * The history in plain words: who changed what, named as a reader knows it ("Helsinki funds Helsinki Centre",
 * "the curated seed file seed/relationships.yaml"), not as the store keys it.
 */
import type { ChangeEntry } from "./edit-api.js";
import { relationshipLabel } from "./kinds.js";

const OPERATIONS: Readonly<Record<string, string>> = {
  create: "Added",
  update: "Changed",
  delete: "Deleted",
  erase: "Erased personal data of",
};

/** Whether a write can be undone from the history: every write but an erasure (the API refuses that one). */
export function undoable(changes: readonly { readonly operation: string }[]): boolean {
  return !changes.some((change) => change.operation === "erase");
}

/** "create" → "Added". */
export function operationWords(operation: string): string {
  return OPERATIONS[operation] ?? operation;
}

/** `City` → "city", `NetworkOrganization` → "network organization". */
function kindWords(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Where a write came from, in words: `file:seed/x.yaml` → "the curated seed file seed/x.yaml". */
export function originWords(origin: string): string {
  const merge = /^(.*):merge:([^>]+)>(.+)$/.exec(origin);
  if (merge) return `${originWords(merge[1] ?? "")}, merging ${merge[2]} into ${merge[3]}`;
  const colon = origin.indexOf(":");
  const scheme = colon < 0 ? origin : origin.slice(0, colon);
  const rest = colon < 0 ? "" : origin.slice(colon + 1);
  switch (scheme) {
    case "file":
      return /(^|\/)seed\//.test(rest) || rest.startsWith("seed")
        ? `the curated seed file ${rest}`
        : `the imported file ${rest}`;
    case "graphql":
      return "an edit through the API or the explorer";
    case "revert":
      return "undoing an earlier change";
    case "dataset":
      return `the dataset ${rest}`;
    case "enrich":
      return `enrichment from ${rest.split(",").join(", ")}`;
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
export function changeSubject(change: ChangeEntry, nameOf: (id: string) => string | undefined): string {
  if (change.itemType === "relationship" && change.fromId && change.toId) {
    const type = change.itemKind ?? "";
    return `${nameOf(change.fromId) ?? change.fromId} ${relationshipLabel(type)} ${nameOf(change.toId) ?? change.toId}`;
  }
  const name = (change.itemType === "entity" ? nameOf(change.itemId) : undefined) ?? recordedName(change);
  const kind = change.itemKind ? kindWords(change.itemKind) : change.itemType;
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
