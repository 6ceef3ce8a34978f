/** Pick two entities and see a shortest path between them, highlighted in the graph and listed step by step. */
import type { GraphEdge, GraphNode } from "./api.js";
import { nameIn } from "./entity-names.js";
import { messages, useLang, useT } from "./i18n.js";
import { typeLabel } from "./kinds.js";
import { SearchBox } from "./search-box.js";

export type PathResult =
  | { readonly status: "idle" }
  | { readonly status: "loading" }
  | { readonly status: "none" }
  | { readonly status: "error"; readonly message: string }
  | {
      readonly status: "found";
      readonly nodes: readonly GraphNode[];
      readonly edges: readonly GraphEdge[];
    };

interface PathFinderProps {
  readonly fromName: string;
  readonly toName: string;
  readonly result: PathResult;
  readonly onFrom: (node: GraphNode) => void;
  readonly onTo: (node: GraphNode) => void;
  readonly onClear: () => void;
  readonly onSelectEdge: (id: string) => void;
  /** The day the path is looked for as of (null: all dates), and a way to look over all dates instead. */
  readonly asOf?: string | null;
  readonly onAllDates?: () => void;
}

const M = messages({
  title: { en: "Path finder", fi: "Reitinhaku", sv: "Vägsökning" },
  from: { en: "From", fi: "Mistä", sv: "Från" },
  to: { en: "To", fi: "Mihin", sv: "Till" },
  fromExample: { en: "e.g. Tampere", fi: "esim. Tampere", sv: "t.ex. Tammerfors" },
  toExample: { en: "e.g. Brussels", fi: "esim. Bryssel", sv: "t.ex. Bryssel" },
  finding: { en: "Finding a path…", fi: "Etsitään reittiä…", sv: "Söker en väg…" },
  noneOnDay: {
    en: "No path within 6 steps as of {day}: only relationships in force on that day are followed.",
    fi: "Reittiä ei löydy 6 askeleen sisällä {day}: vain sinä päivänä voimassa olevia suhteita seurataan.",
    sv: "Ingen väg inom 6 steg per {day}: bara relationer som gäller den dagen följs.",
  },
  tryAllDates: { en: "Try all dates", fi: "Kokeile kaikkia päiviä", sv: "Prova alla datum" },
  none: {
    en: "No path within 6 steps, over all dates.",
    fi: "Reittiä ei löydy 6 askeleen sisällä, kaikki päivät huomioiden.",
    sv: "Ingen väg inom 6 steg, över alla datum.",
  },
  clear: { en: "Clear path", fi: "Tyhjennä reitti", sv: "Rensa vägen" },
});

export function PathFinder({
  fromName,
  toName,
  result,
  onFrom,
  onTo,
  onClear,
  onSelectEdge,
  asOf = null,
  onAllDates,
}: PathFinderProps) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="path-finder" aria-labelledby="path-title" data-testid="path-finder">
      <h2 id="path-title">{t(M.title)}</h2>
      <SearchBox label={t(M.from)} placeholder={t(M.fromExample)} value={fromName} onPick={onFrom} testId="path-from" />
      <SearchBox label={t(M.to)} placeholder={t(M.toExample)} value={toName} onPick={onTo} testId="path-to" />
      <div aria-live="polite" data-testid="path-result">
        {result.status === "loading" && <p className="muted">{t(M.finding)}</p>}
        {result.status === "none" && (
          <p>
            {asOf ? (
              <>
                {t(M.noneOnDay, { day: asOf })}{" "}
                {onAllDates && (
                  <button type="button" className="link" onClick={onAllDates}>
                    {t(M.tryAllDates)}
                  </button>
                )}
              </>
            ) : (
              t(M.none)
            )}
          </p>
        )}
        {result.status === "error" && (
          <p className="error" role="alert">
            {result.message}
          </p>
        )}
        {result.status === "found" && (
          <ol className="path-steps">
            {result.edges.map((edge, index) => {
              const from = result.nodes[index];
              const to = result.nodes[index + 1];
              const forward = edge.fromId === from?.id;
              return (
                <li key={edge.id}>
                  <button type="button" className="link" onClick={() => onSelectEdge(edge.id)}>
                    {from && nameIn(from, lang)} {forward ? "→" : "←"} {typeLabel(edge.type, lang)}{" "}
                    {forward ? "→" : "←"} {to && nameIn(to, lang)}
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {result.status !== "idle" && (
        <button type="button" onClick={onClear}>
          {t(M.clear)}
        </button>
      )}
    </section>
  );
}
