/**
 * Whose word backs a tie, in plain words for a reader: what kind of publisher each source is, whether it is a
 * party to the relationship, which relationships only the crowd states (drawn apart in the graph), what each
 * corroboration class means, and the corroboration table as CSV a researcher can cite. Pure: no React, no
 * fetch, so test/unit checks it without a browser. The classes themselves are decided by the API
 * (src/resolvers/research/corroboration.query.ts); this module only names them.
 */
import type { Citation, Corroboration, CorroborationClass, GraphEdge, PublisherKind, TieCorroboration } from "./api.js";
import { CORROBORATION_CLASSES } from "./api.js";

const PUBLISHER_KINDS: Readonly<Record<string, string>> & Readonly<Record<Exclude<PublisherKind, "crowd">, string>> = {
  city: "city",
  organisation: "organisation",
  government: "government",
  media: "news media",
};

/**
 * The publisher's kind in words: "city", "news media", "Wikidata (crowd)". The crowd is named by its
 * publisher, since "crowd" alone does not say which crowd.
 */
export function publisherKindLabel(citation: Pick<Citation, "publisherKind" | "publisher">): string {
  const kind = citation.publisherKind;
  if (kind === "crowd") return `${citation.publisher ?? "a crowd-sourced dataset"} (crowd)`;
  if (kind === null) return "kind of publisher not recorded";
  return PUBLISHER_KINDS[kind] ?? kind;
}

/** "party to this tie" when the publisher is one of the relationship's ends, else "third party". */
export function partyLabel(citation: Pick<Citation, "party">): string {
  return citation.party ? "party to this tie" : "third party";
}

/** What a citation quotes: a dataset's locator instead of an excerpt, or the excerpt; null when neither. */
export function citedWords(
  citation: Pick<Citation, "excerpt" | "locator">,
): { kind: "locator" | "excerpt"; text: string } | null {
  if (citation.locator) return { kind: "locator", text: citation.locator };
  if (citation.excerpt) return { kind: "excerpt", text: citation.excerpt };
  return null;
}

/**
 * True when every source of the relationship is the crowd's (and it has one): the API's own rule for a
 * crowd claim. Such relationships are drawn lighter and dotted apart in the graph.
 */
export function isCrowdOnly(edge: Pick<GraphEdge, "sources">): boolean {
  return edge.sources.length > 0 && edge.sources.every((source) => source.publisherKind === "crowd");
}

export interface ClassWords {
  /** A heading a reader understands without the API's vocabulary. */
  readonly label: string;
  /** One sentence: when a tie is in this class. */
  readonly explanation: string;
}

/** Each corroboration class in words, in the API's verdict order. */
export const CLASS_WORDS: Readonly<Record<CorroborationClass, ClassWords>> = {
  CONTRADICTED: {
    label: "Denied by a party",
    explanation: "A party to the tie or an official source denies the kind of tie that others claim.",
  },
  OUTDATED: {
    label: "Ended since Wikidata's snapshot",
    explanation:
      "Wikidata states it; an official source says it ended or was suspended after Wikidata's data was taken, and nothing official holds today.",
  },
  BACKED: {
    label: "Backed by an official source",
    explanation: "Wikidata states it, and an official source states the same kind of tie.",
  },
  BACKED_AS_OTHER_KIND: {
    label: "Backed as another kind of tie",
    explanation: "An official source states a tie between the two, but of another kind than Wikidata says.",
  },
  CROWD_ONLY: {
    label: "Only Wikidata says so",
    explanation: "Only the crowd (Wikidata's editors) states it: no official source has a word on it.",
  },
  THIRD_PARTY_ONLY: {
    label: "Only news media say so",
    explanation: "Only third parties (news media, copies) state it; neither an official source nor Wikidata.",
  },
  OFFICIAL_ONLY: {
    label: "Official sources only",
    explanation: "Official sources state it; Wikidata does not.",
  },
  DENIED: {
    label: "Only a denial on record",
    explanation: "The only word on this tie is a denial.",
  },
};

export function classLabel(name: CorroborationClass): string {
  return CLASS_WORDS[name].label;
}

/** Every class in verdict order with its count (zero where the answer has none). */
export function classCounts(answer: Pick<Corroboration, "counts">): { class: CorroborationClass; ties: number }[] {
  const counts = new Map(answer.counts.map((count) => [count.class, count.ties]));
  return CORROBORATION_CLASSES.map((name) => ({ class: name, ties: counts.get(name) ?? 0 }));
}

/** The ties grouped by verdict, in verdict order, leaving out verdicts no tie has; ties keep the API's order. */
export function tiesByVerdict(
  ties: readonly TieCorroboration[],
): { verdict: CorroborationClass; ties: TieCorroboration[] }[] {
  return CORROBORATION_CLASSES.map((verdict) => ({
    verdict,
    ties: ties.filter((tie) => tie.verdict === verdict),
  })).filter((group) => group.ties.length > 0);
}

/** The classes a claim (by relationship id) is behind, in the tie's order. */
export function classesOfClaim(tie: Pick<TieCorroboration, "classes">, claimId: string): CorroborationClass[] {
  return tie.classes.filter((found) => found.relationshipIds.includes(claimId)).map((found) => found.class);
}

export const CSV_COLUMNS = [
  "from_id",
  "from_name",
  "to_id",
  "to_name",
  "verdict",
  "claim_classes",
  "claim_id",
  "claim_kind",
  "claim_status",
  "valid_from",
  "valid_to",
  "source_id",
  "source_title",
  "publisher",
  "publisher_kind",
  "party",
  "published",
  "url",
  "excerpt",
  "locator",
] as const;

/**
 * The corroboration table, one row per tie × claim × source (a claim without sources still gets a row), with
 * the tie's verdict and the classes the claim is behind, as the API's names so the rows can be matched
 * against its documentation. The first row is the header.
 */
export function corroborationRows(ties: readonly TieCorroboration[]): string[][] {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const tie of ties) {
    for (const claim of tie.claims) {
      const claimCells = [
        tie.fromId,
        tie.fromName,
        tie.toId,
        tie.toName,
        tie.verdict,
        classesOfClaim(tie, claim.id).join("; "),
        claim.id,
        claim.kind ?? "",
        claim.status ?? "",
        claim.validFrom ?? "",
        claim.validTo ?? "",
      ];
      const sources: (Citation | null)[] = claim.sources.length > 0 ? claim.sources : [null];
      for (const source of sources) {
        rows.push([
          ...claimCells,
          source?.sourceId ?? "",
          source?.title ?? "",
          source?.publisher ?? "",
          source?.publisherKind ?? "",
          source ? (source.party ? "party" : "third party") : "",
          source?.published ?? "",
          source?.url ?? "",
          source?.excerpt ?? "",
          source?.locator ?? "",
        ]);
      }
    }
  }
  return rows;
}

/**
 * Rows as CSV by RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180#section-2): CRLF between records, a field
 * quoted when it holds a comma, a double quote, CR or LF, its quotes doubled.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

/** A file name for an entity's table: `corroboration-helsinki.csv`. */
export function corroborationFileName(entityId: string): string {
  return `corroboration-${entityId}.csv`;
}
