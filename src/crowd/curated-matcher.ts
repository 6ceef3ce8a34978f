/**
 * Curated entities meet crowd items: which Wikidata item of the twin-city dataset each curated City (or
 * Place) is,
 * decided from the curated files and the dataset alone (no database), so the rules are unit-tested.
 *
 * Rules (docs/data-model.md → "The crowd layer"):
 * - Names are compared as search, reconciliation and the place matcher compare them: every name the entity
 *   has (`entityNames`: display name, Finnish, Swedish, English, aliases) folded to a key (`nameKey`), against
 *   the key of each item's one label. The labels are German first, so Stockholm and St Petersburg (by its
 *   Swedish name "Sankt Petersburg") are found, Kyiv ("Kiew") and Moscow ("Moskau") are not.
 * - An entity that already has a Wikidata id keeps it and is not matched; its item anchors the others.
 * - One candidate is a match only when the dataset's own edges corroborate it: it is twinned with an item a
 *   curated entity holds (given by the curated files or matched in an earlier round). A lone label is not
 *   enough: "Varna" is also a village in South Tyrol (the Bulgarian city is "Warna"), "Milán" a town in
 *   Colombia; such a candidate is reported UNCONFIRMED. Several (246 labels name more than one item) are
 *   told apart by the same edges: the one candidate twinned with the item of a curated partner of this entity (its PARTNER_OF
 *   relationships, either direction, with items known or matched in an earlier round); failing that, the one
 *   twinned with an item the curated files establish themselves (Helsinki, Q1757). Anything else is
 *   AMBIGUOUS, with the candidates; nothing is guessed.
 * - One item for one entity: an item that fits two curated entities, or that a curated entity already holds,
 *   is given to neither, and both are reported AMBIGUOUS.
 * - No candidate is NOT_FOUND; its report lists, as hints for a person, the items twinned with its curated
 *   partners' items that no curated entity holds ("Kiew" for Kyiv).
 * Matching runs in rounds until nothing changes, since a match can anchor a partner's choice.
 */
import { nameSimilarity } from "../reconcile/scoring.js";
import {
  type EntityKind,
  type EntityRecord,
  type GraphData,
  type SourceRecord,
  entityNames,
  nameKey,
} from "../graph-data/index.js";
import { type TwinnedDataset, qidNumber } from "./twinned-dataset.js";

/** The kinds of curated entity the dataset's items can be. */
export const MATCHED_KINDS: readonly EntityKind[] = ["City", "Place"];

export type CuratedOutcome = "MATCHED" | "UNCONFIRMED" | "AMBIGUOUS" | "NOT_FOUND";

export interface CuratedMatchReport {
  readonly kind: EntityKind;
  readonly id: string;
  readonly name: string;
  readonly outcome: CuratedOutcome;
  /** The item matched (MATCHED), the candidates (AMBIGUOUS) or hints (NOT_FOUND), each described. */
  readonly candidates: readonly string[];
  readonly message: string;
}

export interface CuratedMatching {
  /** The dataset's Source record, when any entity cites it. */
  readonly sources: readonly SourceRecord[];
  /** Per matched entity, its Wikidata id citing the dataset (an overlay for seed/enrichment/). */
  readonly entities: readonly EntityRecord[];
  /** Every curated entity of a matched kind without a Wikidata id, by id. */
  readonly report: readonly CuratedMatchReport[];
}

/** How alike a label must be to one of an entity's names (1 − edit distance / length) to be taken as it. */
const SIMILAR_NAME = 0.6;
/** …and how far ahead of the next item's. */
const SIMILAR_MARGIN = 0.2;

/** How many hints a NOT_FOUND lists. */
const MAX_HINTS = 12;

const wikidataOf = (entity: EntityRecord) => entity.externalIds?.find((id) => id.scheme === "wikidata")?.value;

const byQid = (a: string, b: string) => qidNumber(a) - qidNumber(b);

/** Matches the curated graph's cities to the dataset's items; `source` is the dataset's Source record. */
export function matchCurated(curated: GraphData, dataset: TwinnedDataset, source: SourceRecord): CuratedMatching {
  const describe = (qid: string, anchors: ReadonlySet<string> = new Set()) => {
    const partners = dataset.partnersOf(qid);
    const twinned = [...anchors].filter((anchor) => partners.has(anchor)).sort(byQid);
    const via = twinned.map((anchor) => `${anchor} ${dataset.labels.get(anchor) ?? ""}`.trim()).join(", ");
    return `${qid} ${dataset.labels.get(qid) ?? "(no label)"} (${partners.size} partners${via ? `; twinned with ${via}` : ""})`;
  };

  /** Items the curated files give their entities themselves: never matched again, anchors for all. */
  const established = new Map<string, string>();
  for (const entity of curated.entities) {
    const qid = wikidataOf(entity);
    if (qid) established.set(qid, entity.id);
  }
  const establishedItems = new Set(established.keys());
  const curatedPartners = new Map<string, Set<string>>();
  for (const relationship of curated.relationships) {
    if (relationship.type !== "PARTNER_OF") continue;
    for (const [from, to] of [
      [relationship.from, relationship.to],
      [relationship.to, relationship.from],
    ] as const) {
      curatedPartners.set(from, (curatedPartners.get(from) ?? new Set()).add(to));
    }
  }
  const pending = curated.entities
    .filter((entity) => MATCHED_KINDS.includes(entity.kind) && !wikidataOf(entity))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidatesOf = new Map(
    pending.map((entity) => {
      const found = new Set(entityNames(entity).flatMap((name) => dataset.byLabel(nameKey(name))));
      return [entity.id, [...found].sort(byQid)] as const;
    }),
  );

  /** Entity id → its item, as the curated files give it or as matched so far. */
  const itemOf = new Map<string, string>([...established].map(([qid, id]) => [id, qid]));
  const matchedHow = new Map<string, string>();
  const refused = new Map<string, string>();
  const partnerItems = (id: string) =>
    new Set([...(curatedPartners.get(id) ?? [])].flatMap((partner) => itemOf.get(partner) ?? []));

  /**
   * No item carries any of an entity's names: the dataset labels places in German first ("Kiew", "Moskau",
   * "Kopenhagen"). Among the items twinned with its curated partners' items that nobody holds, the one named
   * alike (the reconciliation's name similarity, at least SIMILAR_NAME and clearly ahead of the next) is it;
   * a name alike with no such twin is never taken.
   */
  const similarlyNamedTwin = (entity: EntityRecord): { qid: string; how: string } | undefined => {
    const held = new Set(itemOf.values());
    const names = entityNames(entity).map(nameKey);
    const scored = [...partnerItems(entity.id)]
      .flatMap((anchor) => [...dataset.partnersOf(anchor)])
      .filter((qid, index, all) => !held.has(qid) && !established.has(qid) && all.indexOf(qid) === index)
      .map((qid) => {
        const label = nameKey(dataset.labels.get(qid) ?? "");
        return { qid, score: Math.max(...names.map((name) => nameSimilarity(name, label))) };
      })
      .sort((a, b) => b.score - a.score || byQid(a.qid, b.qid));
    const [best, next] = scored;
    if (!best || best.score < SIMILAR_NAME || (next && best.score - next.score < SIMILAR_MARGIN)) return undefined;
    return {
      qid: best.qid,
      how: `no item has its names; of the items twinned with a curated partner's item, the one named alike (${dataset.labels.get(best.qid)}, similarity ${best.score.toFixed(2)})`,
    };
  };

  /** The item's label as an alias of the entity matched to it, unless it is already one of its names. */
  const labelAlias = (entity: EntityRecord, qid: string): string[] => {
    const label = dataset.labels.get(qid);
    if (!label) return [];
    const names = new Set(entityNames(entity).map(nameKey));
    return names.has(nameKey(label)) ? [] : [label];
  };

  /** The one candidate an entity's evidence points to, with why; undefined when there is none. */
  const choose = (entity: EntityRecord): { qid: string; how: string } | undefined => {
    const candidates = candidatesOf.get(entity.id) ?? [];
    if (candidates.length === 1) {
      const qid = candidates[0]!;
      const held = new Set(itemOf.values());
      // An item another entity holds is proposed all the same: the refusal below names the holder.
      if (held.has(qid)) return { qid, how: "the only item with its name" };
      const twin = [...dataset.partnersOf(qid)].filter((partner) => held.has(partner)).sort(byQid)[0];
      return twin === undefined
        ? undefined
        : { qid, how: `the only item with its name, twinned with ${twin}, which a curated entity holds` };
    }
    if (candidates.length === 0) return similarlyNamedTwin(entity);
    for (const [anchors, what] of [
      [partnerItems(entity.id), "a curated partner's item"],
      [establishedItems, "an item the curated files establish"],
    ] as const) {
      const twinned = candidates.filter((qid) => [...anchors].some((anchor) => dataset.partnersOf(qid).has(anchor)));
      if (twinned.length === 1)
        return { qid: twinned[0]!, how: `of ${candidates.length} named so, the one twinned with ${what}` };
    }
    return undefined;
  };

  for (let changed = true; changed;) {
    changed = false;
    const proposals = new Map<string, { entity: EntityRecord; how: string }[]>();
    for (const entity of pending) {
      if (itemOf.has(entity.id) || refused.has(entity.id)) continue;
      const choice = choose(entity);
      if (choice) proposals.set(choice.qid, [...(proposals.get(choice.qid) ?? []), { entity, how: choice.how }]);
    }
    for (const [qid, claimants] of proposals) {
      const holder = established.get(qid) ?? [...itemOf].find(([, item]) => item === qid)?.[0];
      if (claimants.length === 1 && holder === undefined) {
        itemOf.set(claimants[0]!.entity.id, qid);
        matchedHow.set(claimants[0]!.entity.id, claimants[0]!.how);
        changed = true;
        continue;
      }
      const others = [...claimants.map((claimant) => claimant.entity.id), ...(holder ? [holder] : [])];
      for (const { entity } of claimants) {
        refused.set(
          entity.id,
          `${qid} fits ${others.filter((id) => id !== entity.id).join(", ")} too: one item, one entity`,
        );
      }
    }
  }

  const report: CuratedMatchReport[] = [];
  const matched: EntityRecord[] = [];
  for (const entity of pending) {
    const base = { kind: entity.kind, id: entity.id, name: entity.name };
    const candidates = candidatesOf.get(entity.id) ?? [];
    const anchors = new Set([...partnerItems(entity.id), ...establishedItems]);
    const qid = itemOf.get(entity.id);
    if (qid) {
      matched.push({
        kind: entity.kind,
        id: entity.id,
        name: entity.name,
        // The dataset's label, when it is none of the entity's names ("Kiew" for Kyiv), so search finds it.
        aliases: labelAlias(entity, qid),
        externalIds: [{ scheme: "wikidata", value: qid }],
        sources: [source.id],
      });
      report.push({
        ...base,
        outcome: "MATCHED",
        candidates: [describe(qid, anchors)],
        message: matchedHow.get(entity.id)!,
      });
    } else if (candidates.length === 1 && !refused.has(entity.id)) {
      report.push({
        ...base,
        outcome: "UNCONFIRMED",
        candidates: candidates.map((candidate) => describe(candidate, anchors)),
        message:
          "one item has its names, but the dataset twins it with no item a curated entity holds: not confident; add the wikidata id if it is right",
      });
    } else if (candidates.length > 0) {
      report.push({
        ...base,
        outcome: "AMBIGUOUS",
        candidates: candidates.map((candidate) => describe(candidate, anchors)),
        message:
          refused.get(entity.id) ??
          `${candidates.length} items have its names and the dataset's edges do not tell them apart: add the right wikidata id to choose`,
      });
    } else {
      const held = new Set(itemOf.values());
      const hints = [...partnerItems(entity.id)]
        .flatMap((anchor) => [...dataset.partnersOf(anchor)])
        .filter((hint, index, all) => !held.has(hint) && all.indexOf(hint) === index)
        .sort(byQid);
      report.push({
        ...base,
        outcome: "NOT_FOUND",
        candidates: hints.slice(0, MAX_HINTS).map((hint) => describe(hint, anchors)),
        message: `no item is labelled with any of its names (${entityNames(entity).join(", ")})${
          hints.length > 0 ? `; items twinned with its curated partners that no curated entity holds are listed` : ""
        }`,
      });
    }
  }
  return { sources: matched.length > 0 ? [source] : [], entities: matched, report };
}

/** One line per entity (and its candidates), for the command line and the overlay file's header. */
export function formatCuratedReport(report: readonly CuratedMatchReport[]): string {
  if (report.length === 0) return "No curated city lacks a Wikidata id.";
  const lines = report.map((item) => {
    const head = `${item.outcome.padEnd(10)} ${item.kind} ${item.id} (${item.name})`;
    if (item.outcome === "MATCHED") return `${head}: wikidata ${item.candidates[0]} — ${item.message}`;
    const candidates = item.candidates.map((candidate) => `\n             ${candidate}`).join("");
    return `${head}: ${item.message}${candidates}`;
  });
  const counts = new Map<string, number>();
  for (const item of report) counts.set(item.outcome, (counts.get(item.outcome) ?? 0) + 1);
  return `${lines.join("\n")}\n\n${[...counts].map(([outcome, count]) => `${count} ${outcome.toLowerCase()}`).join(", ")}`;
}
