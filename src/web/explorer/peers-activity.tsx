/**
 * The dashboard's comparison of the chosen cities (the focus and the peers compared with it): relationships
 * in force on 1 July of each year, one series per city, as grouped bars with the same numbers as a table.
 * What is counted is said in the title (the types, the undated choice), so a figure can be quoted as it is.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type YearActivity, fetchActivityByEntity } from "./api.js";
import { peersActivityTitle } from "./analysis-scope.js";
import { messages, useLang, useT } from "./i18n.js";
import type { Undated } from "./url-state.js";

const M = messages({
  loadingFailed: { en: "Loading failed.", fi: "Lataus epäonnistui.", sv: "Inläsningen misslyckades." },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  chart: {
    en: "{title}: grouped bar chart",
    fi: "{title}: ryhmitelty pylväskaavio",
    sv: "{title}: grupperat stapeldiagram",
  },
  table: { en: "Table", fi: "Taulukko", sv: "Tabell" },
  year: { en: "Year", fi: "Vuosi", sv: "År" },
});

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Colours told apart in print and by most colour-blind readers (Okabe–Ito). */
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"];
const FROM_YEAR = 1990;

interface PeersActivityProps {
  /** The focus first, then the compared entities. */
  readonly entities: readonly { readonly id: string; readonly name: string }[];
  /** Relationship types counted; null: every type. */
  readonly types: readonly string[] | null;
  readonly undated: Undated;
}

export function PeersActivityCard({ entities, types, undated }: PeersActivityProps) {
  const t = useT();
  const lang = useLang();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [series, setSeries] = useState<Record<string, YearActivity[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toYear = new Date().getFullYear();
  const key = JSON.stringify([entities.map((entity) => entity.id), types, undated]);
  useEffect(() => {
    const controller = new AbortController();
    setSeries(null);
    setError(null);
    fetchActivityByEntity(
      entities.map((entity) => entity.id),
      types,
      FROM_YEAR,
      toYear,
      undated,
      controller.signal,
    ).then(setSeries, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : t(M.loadingFailed));
    });
    return () => controller.abort();
  }, [key, toYear]);
  useEffect(() => {
    if (!canvas.current || !series) return;
    const years = (series[entities[0]!.id] ?? []).map((year) => String(year.year));
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: years,
        datasets: entities.map((entity, index) => ({
          label: entity.name,
          data: (series[entity.id] ?? []).map((year) => year.active),
          backgroundColor: PALETTE[index % PALETTE.length]!,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [series, entities]);
  const title = peersActivityTitle(
    entities.map((entity) => entity.name),
    types,
    undated,
    lang,
  );
  return (
    <section className="chart-card wide" aria-label={title} data-testid="peers-activity">
      <h2>{title}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!series && !error && <p className="muted">{t(M.loading)}</p>}
      {series && (
        <>
          <div className="chart" style={{ height: 320 }}>
            <canvas ref={canvas} role="img" aria-label={t(M.chart, { title })} />
          </div>
          <details>
            <summary>{t(M.table)}</summary>
            <table data-testid="peers-activity-table">
              <thead>
                <tr>
                  <th scope="col">{t(M.year)}</th>
                  {entities.map((entity) => (
                    <th scope="col" key={entity.id}>
                      {entity.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(series[entities[0]!.id] ?? []).map((year, index) => (
                  <tr key={year.year}>
                    <th scope="row">{year.year}</th>
                    {entities.map((entity) => (
                      <td key={entity.id}>{series[entity.id]?.[index]?.active ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
