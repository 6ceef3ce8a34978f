/**
 * External identifiers: how an entity is known outside this graph, so researchers can join it with other
 * data (Wikidata, GeoNames, spreadsheets keyed by country codes). Each is a scheme and a value; a record
 * holds at most one per scheme, stored in Neo4j as `scheme:value` strings (`wikidata:Q1757`), which is also
 * how an import file may name an entity instead of by our id (`from: "wikidata:Q1757"`).
 *
 * A country's ISO 3166-1 code is its `isoCode` field, shown among its external ids as scheme `iso3166`:
 * one place for it, not two.
 */

export interface ExternalIdScheme {
  /** What the value looks like. */
  readonly pattern: RegExp;
  /** An example, for messages and documentation. */
  readonly example: string;
  /** Where the identifier leads. */
  url(value: string): string;
}

export const EXTERNAL_ID_SCHEMES = {
  wikidata: {
    pattern: /^Q[1-9]\d{0,11}$/,
    example: "Q1757",
    url: (value: string) => `https://www.wikidata.org/wiki/${value}`,
  },
  geonames: {
    pattern: /^[1-9]\d{0,11}$/,
    example: "658225",
    url: (value: string) => `https://www.geonames.org/${value}`,
  },
  url: {
    pattern: /^https?:\/\/[^\s]{1,2000}$/,
    example: "https://www.hel.fi/",
    url: (value: string) => value,
  },
  iso3166: {
    pattern: /^[A-Z]{2}$/,
    example: "FI",
    url: (value: string) => `https://www.iso.org/obp/ui/#iso:code:3166:${value}`,
  },
} as const satisfies Record<string, ExternalIdScheme>;

export type ExternalIdSchemeName = keyof typeof EXTERNAL_ID_SCHEMES;
export const EXTERNAL_ID_SCHEME_NAMES = Object.keys(EXTERNAL_ID_SCHEMES) as ExternalIdSchemeName[];
/** Schemes a record lists in `externalIds` (`iso3166` is a country's `isoCode`). */
export const LISTED_SCHEMES: readonly ExternalIdSchemeName[] = ["wikidata", "geonames", "url"];

export interface ExternalId {
  readonly scheme: string;
  readonly value: string;
}

export function isExternalIdScheme(value: string): value is ExternalIdSchemeName {
  return Object.hasOwn(EXTERNAL_ID_SCHEMES, value);
}

/** `wikidata:Q1757` → { scheme, value }; undefined when it is not a known scheme followed by a value of its form. */
export function parseExternalId(text: string): ExternalId | undefined {
  const colon = text.indexOf(":");
  if (colon <= 0) return undefined;
  const scheme = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (!isExternalIdScheme(scheme) || !EXTERNAL_ID_SCHEMES[scheme].pattern.test(value)) return undefined;
  return { scheme, value };
}

export function formatExternalId(id: ExternalId): string {
  return `${id.scheme}:${id.value}`;
}

/** Where an external id leads (null for a scheme this project does not know). */
export function externalIdUrl(id: ExternalId): string | null {
  return isExternalIdScheme(id.scheme) ? EXTERNAL_ID_SCHEMES[id.scheme].url(id.value) : null;
}
