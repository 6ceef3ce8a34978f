/**
 * The crowd dataset as data: Wikidata's P190 ("twinned administrative body") statements and one label per
 * item, read from the two TSV files of `seed/datasets/wikidata-twinned-2016/` (see its README). Pure once
 * read: the pairs, the labels and the index by folded label are what the loader (crowd-records.ts) and the
 * matcher of curated entities (curated-matcher.ts) work from, so both are unit-tested on a small slice.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../config/index.js";
import { nameKey } from "../graph-data/index.js";

/** Where the vendored dataset lives (`npm run kg -- crowd` reads it unless given `--dir`). */
export const TWINNED_DATASET_DIR = path.join(PROJECT_ROOT, "seed", "datasets", "wikidata-twinned-2016");

/** One unordered pair of items, with every statement (either direction) that joins them. */
export interface TwinnedPair {
  /** The item with the smaller QID number. */
  readonly a: string;
  /** The item with the larger QID number. */
  readonly b: string;
  /** `Q<s> P190 Q<o>`, each distinct statement once, the one from `a` first. */
  readonly statements: readonly string[];
}

export interface TwinnedDataset {
  /** Each item's one label (QID → label). */
  readonly labels: ReadonlyMap<string, string>;
  /** Every unordered pair, by `a` then `b` (QID numbers ascending). */
  readonly pairs: readonly TwinnedPair[];
  /** The items a P190 statement joins to this one, in either direction. */
  partnersOf(qid: string): ReadonlySet<string>;
  /** The items whose label has this key (`nameKey`): usually one, several for 246 labels. */
  byLabel(key: string): readonly string[];
}

/** A problem in the files themselves (not a claim we disagree with): the loader refuses the dataset. */
export class DatasetFileError extends Error {
  override readonly name = "DatasetFileError";
}

const QID = /^Q[1-9]\d*$/;

/** The number of a QID, for ordering (`Q1757` → 1757). */
export const qidNumber = (qid: string): number => Number(qid.slice(1));

function rows(text: string, file: string): [string, string][] {
  return text
    .split("\n")
    .map((line, index) => ({ line: line.replace(/\r$/, ""), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const tab = line.indexOf("\t");
      if (tab < 0) throw new DatasetFileError(`${file}:${number}: expected two columns separated by a tab`);
      return [line.slice(0, tab), line.slice(tab + 1)];
    });
}

/** The dataset from the two files' text. */
export function parseTwinnedDataset(relationsText: string, namesText: string): TwinnedDataset {
  const labels = new Map<string, string>();
  for (const [qid, label] of rows(namesText, "names.tsv")) {
    if (!QID.test(qid)) throw new DatasetFileError(`names.tsv: ${qid} is not a QID`);
    labels.set(qid, label);
  }
  const statements = new Map<string, Set<string>>();
  const partners = new Map<string, Set<string>>();
  const link = (from: string, to: string) => partners.set(from, (partners.get(from) ?? new Set()).add(to));
  for (const [subject, object] of rows(relationsText, "relations.tsv")) {
    if (!QID.test(subject) || !QID.test(object) || subject === object)
      throw new DatasetFileError(`relations.tsv: ${subject} ${object} is not a statement between two items`);
    const [a, b] = qidNumber(subject) < qidNumber(object) ? [subject, object] : [object, subject];
    const key = `${a} ${b}`;
    statements.set(key, (statements.get(key) ?? new Set()).add(`${subject} P190 ${object}`));
    link(subject, object);
    link(object, subject);
  }
  const pairs = [...statements].map(([key, stated]): TwinnedPair => {
    const [a, b] = key.split(" ") as [string, string];
    // The statement from the smaller QID first: one locator whatever order the rows came in.
    const ordered = [...stated].sort((x, y) => (x.startsWith(`${a} `) ? -1 : y.startsWith(`${a} `) ? 1 : 0));
    return { a, b, statements: ordered };
  });
  pairs.sort((x, y) => qidNumber(x.a) - qidNumber(y.a) || qidNumber(x.b) - qidNumber(y.b));
  const byKey = new Map<string, string[]>();
  for (const [qid, label] of labels) {
    const key = nameKey(label);
    byKey.set(key, [...(byKey.get(key) ?? []), qid]);
  }
  for (const list of byKey.values()) list.sort((x, y) => qidNumber(x) - qidNumber(y));
  const none: ReadonlySet<string> = new Set();
  return {
    labels,
    pairs,
    partnersOf: (qid) => partners.get(qid) ?? none,
    byLabel: (key) => byKey.get(key) ?? [],
  };
}

/** Reads `relations.tsv` and `names.tsv` from a folder (the vendored dataset by default). */
export async function readTwinnedDataset(dir = TWINNED_DATASET_DIR): Promise<TwinnedDataset> {
  const [relations, names] = await Promise.all([
    readFile(path.join(dir, "relations.tsv"), "utf8"),
    readFile(path.join(dir, "names.tsv"), "utf8"),
  ]);
  const dataset = parseTwinnedDataset(relations, names);
  const unlabelled = dataset.pairs.flatMap((pair) => [pair.a, pair.b]).find((qid) => !dataset.labels.has(qid));
  if (unlabelled) throw new DatasetFileError(`${dir}: ${unlabelled} is in relations.tsv but has no label in names.tsv`);
  return dataset;
}
