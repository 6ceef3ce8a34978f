/**
 * "Did you mean …?" for a search that found nothing. The API's `search` matches whole words and prefixes, so a
 * typo ("Helsinky") finds nothing; asking it again for the head of each word ("helsi") finds the names that
 * start alike, and those within a few typing slips of what was typed are offered.
 */

/** What a candidate needs for it: its names (api.ts's GraphNode has them; not imported, as api.ts imports this). */
export interface NamedNode {
  readonly name: string;
  readonly names: readonly { readonly value: string }[];
  readonly aliases: readonly string[];
}

/** Lower case, accents dropped, runs of anything but letters and digits as one space. */
export function foldForMatch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * What to ask `search` for when `text` found nothing: each word cut to its first 60 % (at least three letters),
 * or null when no word is long enough for a slip to be told from a different word.
 */
export function suggestionQuery(text: string): string | null {
  const words = foldForMatch(text)
    .split(" ")
    .filter((word) => word.length >= 4);
  if (words.length === 0) return null;
  return words.map((word) => word.slice(0, Math.max(3, Math.ceil(word.length * 0.6)))).join(" ");
}

/** The edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Slips allowed in typed text of this length: one per four letters, at least one. */
function allowedSlips(length: number): number {
  return Math.max(1, Math.floor(length / 4));
}

/**
 * The candidates one of whose names (in any language, or an alias) is within a few slips of `text`, either whole
 * or in its first words ("Helsinky" → "Helsinki"); the closest first, at most `max`.
 */
export function closeNames<T extends NamedNode>(text: string, candidates: readonly T[], max = 3): T[] {
  const typed = foldForMatch(text);
  if (typed.length < 4) return [];
  const wordCount = typed.split(" ").length;
  const scored: { node: T; distance: number }[] = [];
  for (const node of candidates) {
    const names = [node.name, ...node.names.map((name) => name.value), ...node.aliases].map(foldForMatch);
    const distance = Math.min(
      ...names.flatMap((name) => [
        editDistance(typed, name),
        editDistance(typed, name.split(" ").slice(0, wordCount).join(" ")) + 1,
      ]),
    );
    if (distance <= allowedSlips(typed.length)) scored.push({ node, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.node.name.localeCompare(b.node.name))
    .slice(0, max)
    .map((entry) => entry.node);
}
