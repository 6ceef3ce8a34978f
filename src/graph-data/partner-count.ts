/**
 * A city's partners counted by country, from its neighbourhood two steps out along `PARTNER_OF` and
 * `IN_COUNTRY` (pure). Partners are counted once each, however many relationships tie them to the city: the
 * 2020 page's undated partnership with Tallinn and the dated agreement of 2018 are two relationships with one
 * partner, so in 2019 Helsinki has 6 partner cities but 9 partnership relationships (what the per-year
 * chart counts). Both numbers are kept so the dashboard can say why they differ. Partners that are not cities
 * (a design week, a network) are listed apart, not counted by country. As in the per-year chart, only ties
 * in force count: a denial (Copenhagen's "no sister city"), a suspension or an application does not.
 */
import { IN_FORCE_STATUSES } from "./vocabulary.js";

interface PartnerNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
}

interface PartnerEdge {
  readonly type: string;
  readonly fromId: string;
  readonly toId: string;
  readonly status?: string | null;
}

const inForce = (edge: PartnerEdge) =>
  edge.status == null || (IN_FORCE_STATUSES as readonly string[]).includes(edge.status);

export interface PartnerCount {
  /** Partner cities by country, the most first; "" (last) for cities whose country is not recorded. */
  readonly byCountry: readonly { readonly key: string; readonly count: number }[];
  /** Distinct partner cities. */
  readonly cities: number;
  /** `PARTNER_OF` relationships between the city and those partners (either direction). */
  readonly relationships: number;
  /** Partner cities tied by more than one relationship, by name, the most first. */
  readonly repeated: readonly { readonly name: string; readonly relationships: number }[];
  /** Partners of another kind, left out of the count, by name. */
  readonly notCities: readonly string[];
}

/** The key of partners whose country is not recorded; the view puts it in words. */
export const NO_COUNTRY = "";

export function countPartners(
  graph: { readonly nodes: readonly PartnerNode[]; readonly edges: readonly PartnerEdge[] },
  cityId: string,
): PartnerCount {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const ties = new Map<string, number>();
  for (const edge of graph.edges) {
    if (edge.type !== "PARTNER_OF" || (edge.fromId !== cityId && edge.toId !== cityId) || !inForce(edge)) continue;
    const partner = edge.fromId === cityId ? edge.toId : edge.fromId;
    if (partner === cityId) continue;
    ties.set(partner, (ties.get(partner) ?? 0) + 1);
  }
  const nameOf = (id: string) => nodes.get(id)?.name ?? id;
  // A partner the answer does not describe is taken for a city: only a known other kind is left out.
  const isCity = (id: string) => (nodes.get(id)?.kind ?? "City") === "City";
  const cities = [...ties.keys()].filter(isCity);
  const counts = new Map<string, number>();
  for (const partner of cities) {
    const country = graph.edges.find((edge) => edge.type === "IN_COUNTRY" && edge.fromId === partner);
    const key = country ? nameOf(country.toId) : NO_COUNTRY;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    byCountry: [...counts]
      .map(([key, count]) => ({ key, count }))
      // Countries the most first; the partners without one last, as they are not a country.
      .sort(
        (a, b) =>
          Number(a.key === NO_COUNTRY) - Number(b.key === NO_COUNTRY) ||
          b.count - a.count ||
          a.key.localeCompare(b.key),
      ),
    cities: cities.length,
    relationships: cities.reduce((sum, id) => sum + (ties.get(id) ?? 0), 0),
    repeated: cities
      .filter((id) => (ties.get(id) ?? 0) > 1)
      .map((id) => ({ name: nameOf(id), relationships: ties.get(id) ?? 0 }))
      .sort((a, b) => b.relationships - a.relationships || a.name.localeCompare(b.name)),
    notCities: [...ties.keys()]
      .filter((id) => !isCity(id))
      .map(nameOf)
      .sort((a, b) => a.localeCompare(b)),
  };
}
