/**
 * The preview service's page (Reconciliation API 0.2 §5): a small self-contained HTML summary of one entity
 * that OpenRefine shows in an iframe. Every value is escaped; the page has no script and loads nothing (its
 * Content-Security-Policy, set by the route, allows inline style only). Pure: unit-tested.
 */
import { externalIdUrl, parseExternalId } from "../graph-data/index.js";
import type { CandidateEntity } from "./scoring.js";

/** Text safe in HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The width and height the manifest asks OpenRefine to give the preview's iframe. */
export const PREVIEW_SIZE = { width: 420, height: 220 } as const;

export const PREVIEW_STYLE =
  "body{font:13px/1.4 system-ui,sans-serif;margin:8px;color:#222}h1{font-size:15px;margin:0 0 4px}" +
  ".kind{color:#666;font-size:12px}dl{margin:6px 0 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 8px}" +
  "dt{color:#666}dd{margin:0}a{color:#0b5cad}";

export function previewHtml(
  entity: CandidateEntity & { lat: number | null; lon: number | null },
  explorerUrl: string,
): string {
  const rows: [string, string][] = [];
  const names = [
    ["fi", entity.nameFi],
    ["sv", entity.nameSv],
    ["en", entity.nameEn],
  ].filter((pair): pair is [string, string] => typeof pair[1] === "string" && pair[1].length > 0);
  if (names.length > 0) rows.push(["Names", names.map(([lang, name]) => `${escapeHtml(name)} (${lang})`).join(", ")]);
  if (entity.aliases.length > 0) rows.push(["Also", entity.aliases.map(escapeHtml).join(", ")]);
  if (entity.countries.length > 0) rows.push(["Country", entity.countries.map((c) => escapeHtml(c.name)).join(", ")]);
  const ids = [...entity.externalIds.flatMap((text) => parseExternalId(text) ?? [])];
  if (entity.isoCode) ids.push({ scheme: "iso3166", value: entity.isoCode });
  if (ids.length > 0) {
    rows.push([
      "Ids",
      ids
        .map((id) => {
          const url = externalIdUrl(id);
          const label = `${escapeHtml(id.scheme)}: ${escapeHtml(id.value)}`;
          return url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
        })
        .join(", "),
    ]);
  }
  if (entity.lat !== null && entity.lon !== null) rows.push(["Location", `${entity.lat}, ${entity.lon}`]);
  rows.push(["Id", escapeHtml(entity.id)]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entity.name)}</title><style>${PREVIEW_STYLE}</style></head>
<body><h1><a href="${escapeHtml(explorerUrl)}" target="_blank" rel="noopener noreferrer">${escapeHtml(entity.name)}</a></h1>
<div class="kind">${escapeHtml(entity.kind)}</div>
${entity.description ? `<p>${escapeHtml(entity.description)}</p>` : ""}
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>
</body></html>
`;
}
