/**
 * How names compare: the one folding rule shared by search, reconciliation and the place matcher, so that
 * "Hämeen", "HAMEEN" and "hameen" are one name everywhere (the full-text index folds the same way with its
 * `standard-folding` analyzer).
 */

const ASCII = /^[ -~]*$/;

/** Lower case, accents removed: "Hämeen" → "hameen". */
export function foldText(text: string): string {
  // Printable ASCII has no accents to take off: most names, and a search folds 200 candidates' names.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * A name as a comparison key: folded, every run of characters that are not letters or digits made one
 * space ("St. Petersburg" and "st petersburg" → "st petersburg"; "Helsinki-keskus" → "helsinki keskus").
 */
export function nameKey(text: string): string {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .join(" ");
}

/** Every name an entity is known by: its display name, its names in each language and its aliases. */
export function entityNames(entity: {
  readonly name: string;
  readonly nameFi?: string | null | undefined;
  readonly nameSv?: string | null | undefined;
  readonly nameEn?: string | null | undefined;
  readonly aliases?: readonly string[] | null | undefined;
}): string[] {
  const names = [entity.name, entity.nameFi, entity.nameSv, entity.nameEn, ...(entity.aliases ?? [])];
  return [...new Set(names.filter((name): name is string => typeof name === "string" && name.length > 0))];
}
