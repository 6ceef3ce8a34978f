/**
 * The one mapping between records and Neo4j properties (src/graph-data/properties.ts), field type by field
 * type and kind by kind: what is stored exactly, what comes back, and that a stored record reads back as a
 * record that passes the checker unchanged — so writing the same record again is "unchanged", not a change.
 */
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { toPlain } from "../../src/database/index.js";
import {
  AUDIT_FIELDS,
  ENTITY_KINDS,
  type EntityKind,
  type EntityRecord,
  type RelationshipRecord,
  type SourceRecord,
  checkRecord,
  entityFromProperties,
  entityToProperties,
  relationshipFromProperties,
  relationshipToProperties,
  sourceFromProperties,
  sourceToProperties,
  withoutAudit,
} from "../../src/graph-data/index.js";

const COMMON = {
  name: "Thing",
  nameFi: "Asia",
  nameSv: "Sak",
  nameEn: "Thing",
  aliases: ["T", "Th"],
  description: "A thing.",
  externalIds: [
    { scheme: "wikidata", value: "Q1757" },
    { scheme: "geonames", value: "658225" },
    { scheme: "url", value: "https://www.hel.fi/" },
  ],
  sources: ["report", "page"],
};

/** Each kind with every field it has, and what Neo4j stores for its own fields. */
const KINDS: Record<EntityKind, { fields: Record<string, unknown>; stored: Record<string, unknown> }> = {
  City: {
    fields: { location: { lat: 60.16952, lon: 24.93545 } },
    stored: { location: new neo4j.types.Point(4326, 24.93545, 60.16952) },
  },
  Country: { fields: { isoCode: "FI" }, stored: { isoCode: "FI" } },
  Organization: {
    fields: { category: "EU agency", founded: "1995-03", staffCount: 0 },
    stored: { category: "EU agency", founded: "1995-03", staffCount: 0 },
  },
  Office: {
    fields: { location: { lat: 0, lon: 0 } },
    stored: { location: new neo4j.types.Point(4326, 0, 0) },
  },
  Theme: { fields: {}, stored: {} },
  Network: { fields: {}, stored: {} },
  Place: {
    fields: { location: { lat: 59.33, lon: 18.07 } },
    stored: { location: new neo4j.types.Point(4326, 18.07, 59.33) },
  },
  Person: {
    fields: { email: "someone@example.org", phone: "+358 9 310 1641" },
    stored: { email: "someone@example.org", phone: "+358 9 310 1641" },
  },
  Event: {
    fields: { category: "conference", startDate: "2019-06", endDate: "2019-06-14" },
    stored: { category: "conference", startDate: "2019-06", endDate: "2019-06-14" },
  },
};

function checked(value: Record<string, unknown>): EntityRecord {
  const result = checkRecord("entities", value);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record;
}

describe("entities, kind by kind", () => {
  it.each(ENTITY_KINDS)("a %s with every field: stored exactly, read back as the same record", (kind) => {
    const record = checked({ kind, id: "test-thing", ...COMMON, ...KINDS[kind].fields });
    const props = entityToProperties(record);
    expect(props).toEqual({
      id: "test-thing",
      ...COMMON,
      sources: undefined,
      sourceIds: ["report", "page"],
      externalIds: ["wikidata:Q1757", "geonames:658225", "url:https://www.hel.fi/"],
      ...KINDS[kind].stored,
    });
    expect(Object.keys(props)).not.toContain("kind");
    // A place is a real WGS 84 point (spatial indexes and distance() need one), not a map that looks like it.
    expect(neo4j.isPoint(props.location)).toBe("location" in KINDS[kind].fields);
    const back = entityFromProperties(kind, props);
    expect(back).toEqual(record);
    expect(checkRecord("entities", back as unknown as Record<string, unknown>)).toEqual({ ok: true, record });
  });

  it("a bare entity: empty aliases stored as an empty list, no external ids stored, and neither read back", () => {
    const record = checked({ kind: "Theme", id: "climate", name: "Climate", sources: ["page"] });
    const props = entityToProperties(record);
    expect(props).toEqual({ id: "climate", name: "Climate", aliases: [], sourceIds: ["page"] });
    expect(entityFromProperties("Theme", props)).toEqual({
      kind: "Theme",
      id: "climate",
      name: "Climate",
      sources: ["page"],
    });
  });

  it("a stored place as the driver returns it (srid an Integer) or made plain: the same latitude and longitude", () => {
    const driverPoint = new neo4j.types.Point(neo4j.int(4326), 24.93545, 60.16952);
    for (const location of [driverPoint, toPlain(driverPoint)]) {
      expect(entityFromProperties("City", { id: "h", name: "H", sourceIds: ["s"], location }).location).toEqual({
        lat: 60.16952,
        lon: 24.93545,
      });
    }
  });

  it("stored external ids that are not of a known scheme and form are left out when read", () => {
    const props = {
      id: "h",
      name: "H",
      sourceIds: ["s"],
      externalIds: ["wikidata:Q1757", "facebook:helsinki", "geonames:0", "no-scheme"],
    };
    expect(entityFromProperties("City", props).externalIds).toEqual([{ scheme: "wikidata", value: "Q1757" }]);
    expect(entityFromProperties("City", { ...props, externalIds: ["facebook:helsinki"] })).not.toHaveProperty(
      "externalIds",
    );
  });

  it("reads only the fields of the kind asked for, and no stamps", () => {
    const props = {
      id: "h",
      name: "H",
      sourceIds: ["s"],
      isoCode: "FI",
      staffCount: 3,
      createdAt: "2026-01-01T00:00:00Z",
      updatedBy: "alice",
    };
    expect(entityFromProperties("City", props)).toEqual({ kind: "City", id: "h", name: "H", sources: ["s"] });
    expect(entityFromProperties("Country", props)).toEqual({
      kind: "Country",
      id: "h",
      name: "H",
      sources: ["s"],
      isoCode: "FI",
    });
  });

  it("an entity stored without sources reads back with an empty list (for the checker to refuse, not a crash)", () => {
    expect(entityFromProperties("City", { id: "h", name: "H" })).toEqual({
      kind: "City",
      id: "h",
      name: "H",
      sources: [],
    });
  });
});

describe("sources", () => {
  it("every field stored as it is, and read back", () => {
    const record: SourceRecord = {
      id: "report",
      title: "Kansainvälisen toiminnan raportti",
      titleEn: "International activities report",
      publisher: "City of Helsinki",
      published: "2021-03",
      url: "https://www.hel.fi/report.pdf",
      language: "fi",
      note: "Printed copy in the city archive.",
    };
    expect(sourceToProperties(record)).toEqual(record);
    expect(sourceFromProperties(sourceToProperties(record))).toEqual(record);
  });

  it("absent and null fields are not stored, and null properties are not read", () => {
    const record = { id: "s", title: "T", note: undefined } as unknown as SourceRecord;
    expect(sourceToProperties(record)).toEqual({ id: "s", title: "T" });
    expect(sourceFromProperties({ id: "s", title: "T", url: null, language: undefined })).toEqual({
      id: "s",
      title: "T",
    });
  });
});

describe("relationships", () => {
  const FULL: RelationshipRecord = {
    type: "MEMBER_OF",
    id: "helsinki--MEMBER_OF--eurocities--2022",
    from: "helsinki",
    to: "eurocities",
    kind: "full member",
    status: "ended",
    validFrom: "1989",
    validTo: "2022-03-01",
    premises: "Square de Meeûs 1",
    citations: [
      { source: "report", excerpt: "a founding member" },
      { source: "page", excerpt: "left in March 2022" },
    ],
  };

  it("every field stored, the type and ends left to the relationship itself, citations as two parallel lists", () => {
    expect(relationshipToProperties(FULL)).toEqual({
      id: "helsinki--MEMBER_OF--eurocities--2022",
      kind: "full member",
      status: "ended",
      validFrom: "1989",
      validTo: "2022-03-01",
      premises: "Square de Meeûs 1",
      sourceIds: ["report", "page"],
      excerpts: ["a founding member", "left in March 2022"],
    });
  });

  it("read back with its type and ends: the same record, which checks unchanged", () => {
    const back = relationshipFromProperties("MEMBER_OF", "helsinki", "eurocities", relationshipToProperties(FULL));
    expect(back).toEqual(FULL);
    expect(checkRecord("relationships", back as unknown as Record<string, unknown>)).toEqual({
      ok: true,
      record: FULL,
    });
  });

  it("stored citations missing excerpts read back without them, which the checker then refuses", () => {
    const back = relationshipFromProperties("FUNDS", "a", "b", { id: "a--FUNDS--b", sourceIds: ["s", "t"] });
    expect(back.citations).toEqual([{ source: "s" }, { source: "t" }]);
    const check = checkRecord("relationships", back as unknown as Record<string, unknown>);
    expect(check.ok ? [] : check.problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "citations.0.excerpt", code: "REQUIRED" },
      { field: "citations.1.excerpt", code: "REQUIRED" },
    ]);
  });
});

describe("who-and-when stamps", () => {
  it("are exactly createdAt, createdBy, updatedAt and updatedBy, and withoutAudit takes only those off", () => {
    expect([...AUDIT_FIELDS].sort()).toEqual(["createdAt", "createdBy", "updatedAt", "updatedBy"]);
    expect(
      withoutAudit({
        id: "s",
        title: "T",
        createdAt: "2026-01-01",
        createdBy: "seed",
        updatedAt: "2026-02-01",
        updatedBy: "alice",
        custom: 1,
      }),
    ).toEqual({ id: "s", title: "T", custom: 1 });
  });
});
