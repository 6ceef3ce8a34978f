/**
 * What the edit forms send (edit-write.ts): each form's draft as its write — a new record whole (REPLACE), an
 * edit as what changed (PATCH) — the new sources a draft cites, citations both ways, the dry-run check's
 * state, and which control each of the API's problems belongs to.
 */
import { describe, expect, it } from "vitest";
import { ApiError, type WriteProblem } from "../../src/web/shared/graphql-client.js";
import {
  type CitationDraft,
  EMPTY_CITATION,
  NO_SOURCE,
  type SourceRef,
  citationsFromEdge,
  endFormProblems,
  endWrite,
  entityBaseline,
  entityWrite,
  newSources,
  problemInput,
  problemsOf,
  refusedCheck,
  relationshipBaseline,
  relationshipWrite,
  shownProblems,
  sourceIdOf,
} from "../../src/web/explorer/edit-write.js";
import { entityFormFields, relationshipFormFields } from "../../src/web/explorer/record-fields.js";

const report = { writeId: null, dryRun: true, items: [], truncated: false } as never;
const tampereReport: SourceRef = {
  mode: "new",
  values: { title: "Tampere City Report 2024", publisher: "City of Tampere" },
  idTouched: false,
};
const existing: SourceRef = {
  mode: "existing",
  source: { id: "hel-2023", title: "Helsinki 2023", publisher: null, published: null, url: null },
};

describe("the sources a draft cites", () => {
  it("names a picked source by its id, a new one by its id or else a slug of its title, none by nothing", () => {
    expect(sourceIdOf(existing)).toBe("hel-2023");
    expect(sourceIdOf(tampereReport)).toBe("tampere-city-report-2024");
    expect(sourceIdOf({ mode: "new", values: { id: " own-id ", title: "X" }, idTouched: true })).toBe("own-id");
    expect(sourceIdOf(NO_SOURCE)).toBe("");
  });

  it("sends each new source once, in order, and knows where each went", () => {
    const { records, indexOf } = newSources([existing, tampereReport, NO_SOURCE]);
    expect(records).toEqual([
      { title: "Tampere City Report 2024", publisher: "City of Tampere", id: "tampere-city-report-2024" },
    ]);
    expect(indexOf.get(tampereReport)).toBe(0);
    expect(indexOf.has(existing)).toBe(false);
  });

  it("turns a stored relationship's citations into drafts, each source named as the drawing knows it", () => {
    const edge = {
      sources: [{ sourceId: "hel-2023", title: "Helsinki 2023", publisher: "City", published: "2023", url: null }],
    } as never;
    const drafts = citationsFromEdge(edge, {
      citations: [
        { source: "hel-2023", excerpt: "agreed" },
        { source: "unknown", excerpt: "said" },
      ],
    });
    expect(drafts.map((draft) => [sourceIdOf(draft.ref), draft.excerpt])).toEqual([
      ["hel-2023", "agreed"],
      ["unknown", "said"],
    ]);
    expect(drafts[0]?.ref).toMatchObject({ source: { title: "Helsinki 2023", publisher: "City" } });
    expect(drafts[1]?.ref).toMatchObject({ source: { title: "unknown", publisher: null } });
    expect(citationsFromEdge(edge, null)).toEqual([]);
  });
});

describe("each form's draft as its write", () => {
  const cityFields = entityFormFields("City", false);
  const relationshipFields = relationshipFormFields();

  it("sends a new entity whole (REPLACE), with its sources and the new ones it cites", () => {
    const write = entityWrite({
      kind: "City",
      id: " tampere ",
      fields: cityFields,
      values: { name: "Tampere", "location.lat": "61.5", "location.lon": "23.8" },
      sources: [existing, tampereReport],
      baseline: null,
    });
    expect(write.mode).toBe("REPLACE");
    expect(write.input).toEqual({
      sources: [{ title: "Tampere City Report 2024", publisher: "City of Tampere", id: "tampere-city-report-2024" }],
      entities: [
        {
          kind: "City",
          id: "tampere",
          name: "Tampere",
          location: { lat: 61.5, lon: 23.8 },
          sources: ["hel-2023", "tampere-city-report-2024"],
        },
      ],
    });
  });

  it("sends an edit of a stored entity as what changed (PATCH), an emptied field as null", () => {
    const values = { name: "Tampere", description: "A city" };
    const baseline = entityBaseline(cityFields, values, ["hel-2023"]);
    const write = entityWrite({
      kind: "City",
      id: "tampere",
      fields: cityFields,
      values: { name: "Tampere", nameFi: "Tampere" },
      sources: [existing],
      baseline,
    });
    expect(write.mode).toBe("PATCH");
    expect(write.input.entities).toEqual([{ kind: "City", id: "tampere", nameFi: "Tampere", description: null }]);
  });

  it("sends a relationship with its ends, type and citations; an edit keeps its id and sends what changed", () => {
    const citations: CitationDraft[] = [{ ref: tampereReport, excerpt: " agreed to cooperate " }];
    const fresh = relationshipWrite({
      type: "PARTNER_OF",
      id: null,
      from: "helsinki",
      to: null,
      fields: relationshipFields,
      values: { kind: "twin-city" },
      citations,
      baseline: null,
    });
    expect(fresh.mode).toBe("REPLACE");
    expect(fresh.input.relationships).toEqual([
      {
        type: "PARTNER_OF",
        from: "helsinki",
        to: "",
        kind: "twin-city",
        citations: [{ source: "tampere-city-report-2024", excerpt: "agreed to cooperate" }],
      },
    ]);
    expect(fresh.input.sources).toHaveLength(1);
    const baseline = relationshipBaseline(relationshipFields, { kind: "twin-city" }, citations);
    const edit = relationshipWrite({
      type: "PARTNER_OF",
      id: "helsinki--PARTNER_OF--tampere",
      from: "helsinki",
      to: "tampere",
      fields: relationshipFields,
      values: { kind: "twin-city", validFrom: "2024" },
      citations,
      baseline,
    });
    expect(edit.mode).toBe("PATCH");
    expect(edit.input.relationships).toEqual([
      { type: "PARTNER_OF", id: "helsinki--PARTNER_OF--tampere", from: "helsinki", to: "tampere", validFrom: "2024" },
    ]);
    expect(edit.key).not.toBe(fresh.key);
  });

  it("ends or suspends a relationship with a trimmed date and its one citation", () => {
    const { input, key } = endWrite({
      id: "helsinki--PARTNER_OF--moscow",
      date: " 2022-03 ",
      status: "suspended",
      citation: { ref: existing, excerpt: " suspended " },
    });
    expect(input).toEqual({
      id: "helsinki--PARTNER_OF--moscow",
      date: "2022-03",
      status: "suspended",
      citation: { source: "hel-2023", excerpt: "suspended" },
      sources: [],
    });
    expect(key).toBe(JSON.stringify(input));
    expect(endWrite({ id: "x--T--y", date: "", status: "ended", citation: EMPTY_CITATION }).input.citation).toEqual({
      source: "",
      excerpt: "",
    });
  });
});

describe("the API's check and its problems", () => {
  const problems: WriteProblem[] = [
    { item: "relationship", index: 0, field: "validTo", code: "DATE_ORDER", message: "must be after validFrom" },
    { item: "relationship", index: 0, field: "citations.2.excerpt", code: "REQUIRED", message: "must not be empty" },
    { item: "relationship", index: 0, field: "location.lat", code: "INVALID_VALUE", message: "must be a number" },
    { item: "source", index: 0, field: "title", code: "REQUIRED", message: "must not be empty" },
  ];

  it("is the problems of a refused write, else the request's error with its code", () => {
    expect(refusedCheck(new ApiError("refused", "BAD_USER_INPUT", problems))).toEqual({
      status: "problems",
      problems,
      message: "refused",
    });
    expect(refusedCheck(new ApiError("no", "FORBIDDEN"))).toEqual({
      status: "error",
      code: "FORBIDDEN",
      message: "no",
    });
    expect(refusedCheck(new TypeError("boom"))).toMatchObject({ status: "error", code: "NETWORK_ERROR" });
  });

  it("keeps the last problems shown while the next check runs", () => {
    const refused = { status: "problems" as const, problems, message: "" };
    expect(shownProblems(refused)).toBe(problems);
    expect(shownProblems({ status: "checking", previous: refused })).toBe(problems);
    expect(shownProblems({ status: "checking", previous: { status: "ok", report } })).toEqual([]);
  });

  it("groups a record's problems by field, to the depth asked", () => {
    expect(problemsOf(problems, "relationship", 0)).toEqual(
      new Map([
        ["validTo", ["must be after validFrom"]],
        ["citations", ["must not be empty"]],
        ["location", ["must be a number"]],
      ]),
    );
    expect(problemsOf(problems, "relationship", 0, 3).get("citations.2.excerpt")).toEqual(["must not be empty"]);
    expect(problemsOf(problems, "source", 1).size).toBe(0);
  });

  it("names the input a problem concerns: a field, a compound field whole, a citation's part", () => {
    expect(problems.map((problem) => problemInput(problem, "relationship"))).toEqual([
      "validTo",
      "citations.2.excerpt",
      "location",
      null,
    ]);
  });

  it("shows an ending's citation problems on its one citation", () => {
    expect(endFormProblems(problems).map((problem) => problem.field)).toEqual([
      "validTo",
      "citations.0.excerpt",
      "location.lat",
      "title",
    ]);
  });
});
