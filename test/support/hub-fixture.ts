/**
 * A hub for tests of large neighbourhoods: a city with many partners only the crowd states (a dataset cited by
 * locators, like Wikidata's twin-city claims), a few the city's own page states, and memberships of a network
 * an organisation's page lists (with one more member, two hops out). Every id starts with `test-`, so
 * removeTestData removes it; written through the one write path (writeGraph).
 */
import type { Database } from "../../src/database/index.js";
import { recordsReader } from "../../src/graph-data/index.js";
import { writeGraph } from "../../src/write/index.js";

export interface HubFixture {
  /** The hub's id and name. */
  readonly id: string;
  readonly name: string;
  /** Partners only the crowd states (`<id>-crowd-0000` …). */
  readonly crowdPartners: number;
  /** Partners the hub's own page states (`<id>-official-0000` …). */
  readonly officialPartners: number;
}

/** The network the hub is a member of, and its other member (two hops from the hub). */
export const networkOf = (hubId: string) => `${hubId}-network`;
export const otherMemberOf = (hubId: string) => `${hubId}-network-member`;

export async function writeHub(db: Database, hub: HubFixture): Promise<void> {
  const city = (id: string, name: string, source: string) => ({ kind: "City", id, name, sources: [source] });
  const pad = (index: number) => String(index).padStart(4, "0");
  const crowd = Array.from({ length: hub.crowdPartners }, (_, index) => `${hub.id}-crowd-${pad(index)}`);
  const official = Array.from({ length: hub.officialPartners }, (_, index) => `${hub.id}-official-${pad(index)}`);
  await writeGraph(
    db,
    {
      reader: recordsReader({
        sources: [
          {
            id: `${hub.id}-crowd-source`,
            title: "Twin-city statements",
            form: "dataset",
            publisherKind: "crowd",
            published: "2016-09-12",
          },
          {
            id: `${hub.id}-page`,
            title: "Our partner cities",
            publisherKind: "city",
            publisherId: hub.id,
            published: "2020",
          },
          { id: `${hub.id}-network-page`, title: "Our members", publisherKind: "organisation", published: "2021" },
        ],
        entities: [
          city(hub.id, hub.name, `${hub.id}-page`),
          ...crowd.map((id, index) => city(id, `Crowd partner ${pad(index)}`, `${hub.id}-crowd-source`)),
          ...official.map((id, index) => city(id, `Official partner ${pad(index)}`, `${hub.id}-page`)),
          {
            kind: "Network",
            id: networkOf(hub.id),
            name: `Network of ${hub.name}`,
            sources: [`${hub.id}-network-page`],
          },
          city(otherMemberOf(hub.id), "Another member", `${hub.id}-network-page`),
        ],
        relationships: [
          ...crowd.map((id, index) => ({
            type: "PARTNER_OF",
            from: hub.id,
            to: id,
            kind: "twin-city",
            citations: [{ source: `${hub.id}-crowd-source`, locator: `Q1 P190 Q${index + 2}` }],
          })),
          ...official.map((id) => ({
            type: "PARTNER_OF",
            from: hub.id,
            to: id,
            kind: "bilateral",
            citations: [{ source: `${hub.id}-page`, excerpt: "our partner city" }],
          })),
          ...[hub.id, otherMemberOf(hub.id)].map((member) => ({
            type: "MEMBER_OF",
            from: member,
            to: networkOf(hub.id),
            citations: [{ source: `${hub.id}-network-page`, excerpt: "a member" }],
          })),
        ],
      }),
    },
    { dryRun: false, actor: "test-importer", origin: "file:test", staff: true, batched: true },
  );
}
