import { describe, expect, it } from "vitest";
import { format, formatNumber, isLang, messages } from "../../src/web/explorer/i18n-core.js";

const M = messages({
  noMatch: { en: "No match for “{q}”", fi: "Ei osumia haulle ”{q}”", sv: "Inga träffar för ”{q}”" },
  entities: {
    one: { en: "{count} entity", fi: "{count} kohde", sv: "{count} entitet" },
    other: { en: "{count} entities", fi: "{count} kohdetta", sv: "{count} entiteter" },
  },
});

describe("the explorer's languages", () => {
  it("puts values into the chosen language's text", () => {
    expect(format("fi", M.noMatch, { q: "Helsinky" })).toBe("Ei osumia haulle ”Helsinky”");
    expect(format("en", M.noMatch)).toBe("No match for “{q}”");
  });
  it("chooses the plural form and formats the count for the language", () => {
    expect(format("en", M.entities, { count: 1 })).toBe("1 entity");
    expect(format("sv", M.entities, { count: 1506 })).toMatch(/^1\s506 entiteter$/);
    expect(format("en", M.entities, { count: 1506 })).toBe("1,506 entities");
    expect(formatNumber("fi", 0.5)).toBe("0,5");
  });
  it("knows its three languages", () => {
    expect(["en", "fi", "sv"].every(isLang)).toBe(true);
    expect(isLang("de")).toBe(false);
  });
});
