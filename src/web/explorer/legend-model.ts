/**
 * What the graph's legend shows (pure): it follows the colouring. Coloured by kind, each kind's colour and
 * shape; coloured by community, each community's colour with its first members ("Community 1: Helsinki,
 * Tampere, Turku and 46 more"), and the kinds' shapes in grey, as the shapes still tell kinds apart.
 */
import type { Community } from "./api.js";
import { communityRows } from "./centrality-words.js";
import { type Lang, format, messages } from "./i18n-core.js";
import { KIND_STYLES, type KindStyle } from "./kinds.js";

const M = messages({
  byKind: { en: "Colour: kind of entity", fi: "Väri: kohteen laji", sv: "Färg: typ av entitet" },
  byCommunity: {
    en: "Colour: community (past 20, the colours come closer together)",
    fi: "Väri: yhteisö (yli 20 yhteisön värit ovat lähempänä toisiaan)",
    sv: "Färg: gemenskap (efter 20 ligger färgerna närmare varandra)",
  },
  shapes: { en: "Shape: kind of entity", fi: "Muoto: kohteen laji", sv: "Form: typ av entitet" },
  members: { en: "{label}: {names}", fi: "{label}: {names}", sv: "{label}: {names}" },
  more: { en: "{names} and {count} more", fi: "{names} ja {count} muuta", sv: "{names} och {count} till" },
});

/** Grey for shapes shown without their kind's colour. */
export const SHAPE_ONLY = "#8a8a8a";

export interface LegendSwatch {
  readonly key: string;
  readonly colour: string;
  readonly shape: KindStyle["shape"];
  readonly label: string;
}

export interface LegendGroup {
  readonly heading: string;
  readonly swatches: readonly LegendSwatch[];
}

/** The legend's groups: kinds by colour, or communities by colour and kinds by shape. */
export function legendGroups(
  lang: Lang,
  communities: readonly Community[] | null,
  focus: string | null,
  named = 3,
): LegendGroup[] {
  const kinds = Object.entries(KIND_STYLES);
  if (!communities) {
    return [
      {
        heading: format(lang, M.byKind),
        swatches: kinds.map(([kind, style]) => ({
          key: kind,
          colour: style.color,
          shape: style.shape,
          label: style.label,
        })),
      },
    ];
  }
  return [
    {
      heading: format(lang, M.byCommunity),
      swatches: communityRows(lang, communities, focus, named).map((row) => {
        const names = row.shown.map((member) => member.name).join(", ");
        return {
          key: `community-${row.id}`,
          colour: row.colour,
          shape: "ellipse" as const,
          label: format(lang, M.members, {
            label: row.label,
            names: row.more > 0 ? format(lang, M.more, { names, count: row.more }) : names,
          }),
        };
      }),
    },
    {
      heading: format(lang, M.shapes),
      swatches: kinds.map(([kind, style]) => ({
        key: kind,
        colour: SHAPE_ONLY,
        shape: style.shape,
        label: style.label,
      })),
    },
  ];
}
