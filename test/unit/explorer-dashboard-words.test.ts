/**
 * The dashboard's charts say whose, as of when and what they count (issue 20): a researcher saw 8 "partner
 * of" relationships for 2019 beside 6 partner cities, unexplained. Partners are counted once each and the
 * caption says how many relationships tie them, and why that differs.
 */
import { describe, expect, it } from "vitest";
import {
  activityChart,
  fundersChart,
  kindsChart,
  partnerRows,
  partnersChart,
  typesChart,
} from "../../src/web/explorer/dashboard-words.js";
import { LANGS } from "../../src/web/explorer/i18n-core.js";
import { countPartners } from "../../src/graph-data/partner-count.js";

const city = (id: string, name = id, kind = "City") => ({ id, name, kind });
const tie = (type: string, fromId: string, toId: string, status: string | null = null) => ({
  type,
  fromId,
  toId,
  status,
});

// Helsinki's partnerships in force in 2019 as the curated graph holds them: the 2020 page's undated records
// beside the dated agreements (Tallinn 2018, Beijing's twinning of 2006), and St Petersburg's own record of
// its agreement with Helsinki, pointing the other way. Ties not in force (denied, suspended) do not count.
const helsinki2019 = {
  nodes: [
    city("helsinki", "Helsinki"),
    city("tallinn", "Tallinn"),
    city("stockholm", "Stockholm"),
    city("st-petersburg", "St Petersburg"),
    city("moscow", "Moscow"),
    city("beijing", "Beijing"),
    city("kyiv", "Kyiv"),
    city("design-week", "Helsinki Design Week", "Event"),
    city("estonia", "Estonia", "Country"),
    city("russia", "Russia", "Country"),
  ],
  edges: [
    tie("PARTNER_OF", "helsinki", "tallinn"),
    tie("PARTNER_OF", "helsinki", "tallinn"),
    tie("PARTNER_OF", "helsinki", "stockholm"),
    tie("PARTNER_OF", "helsinki", "st-petersburg"),
    tie("PARTNER_OF", "st-petersburg", "helsinki"),
    tie("PARTNER_OF", "helsinki", "moscow"),
    tie("PARTNER_OF", "helsinki", "beijing"),
    tie("PARTNER_OF", "helsinki", "beijing"),
    tie("PARTNER_OF", "helsinki", "kyiv"),
    tie("PARTNER_OF", "design-week", "helsinki"),
    tie("PARTNER_OF", "tallinn", "stockholm"),
    // Copenhagen's denial of a twinning, and a suspension: no partnership in force.
    tie("PARTNER_OF", "copenhagen", "helsinki", "denied"),
    tie("PARTNER_OF", "helsinki", "moscow", "suspended"),
    tie("IN_COUNTRY", "tallinn", "estonia"),
    tie("IN_COUNTRY", "st-petersburg", "russia"),
    tie("IN_COUNTRY", "moscow", "russia"),
  ],
};

describe("counting a city's partners", () => {
  it("counts each partner city once, and keeps how many relationships tie them", () => {
    expect(countPartners(helsinki2019, "helsinki")).toEqual({
      byCountry: [
        { key: "Russia", count: 2 },
        { key: "Estonia", count: 1 },
        { key: "", count: 3 },
      ],
      cities: 6,
      relationships: 9,
      repeated: [
        { name: "Beijing", relationships: 2 },
        { name: "St Petersburg", relationships: 2 },
        { name: "Tallinn", relationships: 2 },
      ],
      notCities: ["Helsinki Design Week"],
    });
  });

  it("counts nothing for a city without partners", () => {
    expect(countPartners({ nodes: [], edges: [] }, "helsinki")).toEqual({
      byCountry: [],
      cities: 0,
      relationships: 0,
      repeated: [],
      notCities: [],
    });
  });
});

describe("the dashboard's captions", () => {
  const partners = countPartners(helsinki2019, "helsinki");

  it("say whose partners, as of when, that each counts once, and why the relationships are more", () => {
    expect(partnersChart("en", "Helsinki", "2019-12-31", "INCLUDE", partners)).toEqual({
      title: "Partner cities of Helsinki by country",
      caption: [
        "6 partner cities of Helsinki, in force on 2019-12-31 (undated claims counted as in force), by the country each lies in (cities only). Each partner counts once, however many relationships tie it to Helsinki.",
        "They are 9 partnership relationships, as some partners have several periods or claims (Beijing 2, St Petersburg 2, Tallinn 2): the per-year chart below counts relationships.",
        "Left out as not cities: Helsinki Design Week.",
      ],
    });
    expect(partnerRows("en", partners).at(-1)).toEqual({ key: "Country not recorded", count: 3 });
  });

  it("say All dates as such, and leave out what does not apply", () => {
    const one = countPartners(
      { nodes: [city("tallinn", "Tallinn")], edges: [tie("PARTNER_OF", "espoo", "tallinn")] },
      "espoo",
    );
    expect(partnersChart("en", "Espoo", null, "EXCLUDE", one).caption).toEqual([
      "1 partner city of Espoo, across all dates (All dates: ended ones too), by the country it lies in (cities only). Each partner counts once, however many relationships tie it to Espoo.",
    ]);
    expect(fundersChart("en", null, "INCLUDE").caption[0]).toContain("across all dates");
    expect(fundersChart("en", "2019-12-31", "EXCLUDE").caption[0]).toBe(
      "Funding relationships of each office, in force on 2019-12-31 (undated claims left out). A funder with several periods or claims counts once for each.",
    );
  });

  it("say the per-year chart counts relationships on 1 July, each period or claim once", () => {
    expect(activityChart("en", "Helsinki", "ATTESTED", 1990, 2026)).toEqual({
      title: "Relationships of Helsinki in force per year, by type",
      caption: [
        "Relationships of Helsinki in force on 1 July of each year, 1990–2026, by type (undated claims counted from when a source first states them). A relationship with several periods or claims counts once for each, so one partner may count twice. Every year is shown whatever the date control says.",
      ],
    });
  });

  it("say the whole-graph counts ignore the date control", () => {
    expect(kindsChart("en").caption[0]).toMatch(/whatever its dates.*does not apply/);
    expect(typesChart("en").caption[0]).toMatch(/ended, suspended and denied.*does not apply/);
  });

  it("speak every language, naming the focus and the day in each", () => {
    for (const lang of LANGS) {
      const words = partnersChart(lang, "Helsinki", "2019-12-31", "INCLUDE", partners);
      expect(words.title).toContain("Helsinki");
      expect(words.caption[0]).toContain("2019-12-31");
      expect(words.caption[1]).toContain("9");
      expect(activityChart(lang, "Tampere", "INCLUDE", 1990, 2026).caption[0]).toContain("Tampere");
    }
    expect(partnersChart("fi", "Helsinki", null, "INCLUDE", partners).caption[0]).toBe(
      "Helsinki: 6 kumppanikaupunkia, kaikilta ajoilta (Kaikki päivät: myös päättyneet), maittain (vain kaupungit). Kukin kumppani lasketaan kerran, vaikka suhteita olisi useita.",
    );
  });
});
