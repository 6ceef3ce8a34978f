/**
 * The dashboard view: counts by kind, funders per office, a city's partners by country, and its
 * relationships in force per year by type (`activitySeries`), as bar charts (Chart.js), each with the same
 * numbers as a table for screen readers and copying.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import {
  type DashboardData,
  type KeyCount,
  type YearActivity,
  fetchActivityByType,
  fetchDashboard,
  fetchPartnersByCountry,
} from "./api.js";
import { RELATIONSHIP_TYPES, kindStyle, relationshipLabel, typeColor } from "./kinds.js";
import { PeersActivityCard } from "./peers-activity.js";
import type { Undated } from "./url-state.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** The years the activity chart covers: from the earliest dated fact in the curated graph to now. */
const ACTIVITY_FROM = 1990;

interface DashboardProps {
  /** The city whose partners are counted by country. */
  readonly cityId: string;
  readonly cityName: string;
  readonly asOf: string | null;
  /** What relationships without a start date count as on `asOf`. */
  readonly undated: Undated;
  /** The entities compared with the city (the explorer's peers): charted side by side with it. */
  readonly peers?: readonly { readonly id: string; readonly name: string }[];
  /** The relationship types the reader narrowed to; null: all. */
  readonly types?: readonly string[] | null;
}

export function Dashboard({ cityId, cityName, asOf, undated, peers = [], types = null }: DashboardProps) {
  const compared = useMemo(
    () => [{ id: cityId, name: cityName }, ...peers.filter((peer) => peer.id !== cityId)],
    [cityId, cityName, peers],
  );
  const [data, setData] = useState<DashboardData | null>(null);
  const [partners, setPartners] = useState<KeyCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchDashboard(controller.signal).then(setData, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : "Loading failed.");
    });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setPartners(null);
    fetchPartnersByCountry(cityId, asOf, controller.signal, undated).then(setPartners, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : "Loading failed.");
    });
    return () => controller.abort();
  }, [cityId, asOf, undated]);

  const kinds = useMemo(() => data?.nodesByKind.filter((row) => row.key !== "Source"), [data]);
  const kindRows = useMemo(() => kinds?.map((row) => ({ ...row, key: kindStyle(row.key).label })), [kinds]);
  const kindColors = useMemo(() => kinds?.map((row) => kindStyle(row.key).color), [kinds]);
  const funderRows = useMemo(
    () => data?.fundersPerOffice.map((office) => ({ key: office.name, count: office.funders })),
    [data],
  );
  const typeRows = useMemo(() => data?.edgesByType.filter((row) => row.count > 0), [data]);

  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <div className="dashboard" data-testid="dashboard">
      <ChartCard title="Entities by kind" rows={kindRows} colors={kindColors} />
      <ChartCard title="Funders per office" rows={funderRows} horizontal />
      <ChartCard
        title={`Partners of ${cityName} by country${asOf ? ` on ${asOf}` : ""}`}
        rows={partners ?? undefined}
        horizontal
      />
      <ChartCard title="Relationships by type" rows={typeRows} horizontal />
      <ActivityCard entityId={cityId} name={cityName} />
      {compared.length > 1 && <PeersActivityCard entities={compared} types={types} undated={undated} />}
    </div>
  );
}

/** Relationships of one entity in force on 1 July of each year, stacked by type. */
function ActivityCard({ entityId, name }: { entityId: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [series, setSeries] = useState<Record<string, YearActivity[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toYear = new Date().getFullYear();
  useEffect(() => {
    const controller = new AbortController();
    setSeries(null);
    fetchActivityByType(entityId, RELATIONSHIP_TYPES, ACTIVITY_FROM, toYear, controller.signal).then(
      setSeries,
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : "Loading failed.");
      },
    );
    return () => controller.abort();
  }, [entityId, toYear]);
  // Only types that are ever in force, so the legend and table stay short.
  const used = useMemo(
    () => Object.entries(series ?? {}).filter(([, years]) => years.some((year) => year.active > 0)),
    [series],
  );
  useEffect(() => {
    if (!canvas.current || used.length === 0) return;
    const years = used[0]![1].map((year) => String(year.year));
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels: years,
        datasets: used.map(([type, values]) => ({
          label: relationshipLabel(type),
          data: values.map((year) => year.active),
          backgroundColor: typeColor(type),
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [used]);
  const title = `Relationships of ${name} in force per year, by type`;
  return (
    <section className="chart-card wide" aria-label={title} data-testid="activity-chart">
      <h2>{title}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!series && !error && <p className="muted">Loading…</p>}
      {series && (
        <>
          <div className="chart" style={{ height: 320 }}>
            <canvas ref={canvas} role="img" aria-label={`${title}: stacked bar chart`} />
          </div>
          <details>
            <summary>Table</summary>
            <table data-testid="activity-table">
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  {used.map(([type]) => (
                    <th scope="col" key={type}>
                      {relationshipLabel(type)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(used[0]?.[1] ?? []).map((year, index) => (
                  <tr key={year.year}>
                    <th scope="row">{year.year}</th>
                    {used.map(([type, values]) => (
                      <td key={type}>{values[index]?.active ?? 0}</td>
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

interface ChartCardProps {
  readonly title: string;
  readonly rows: readonly KeyCount[] | undefined;
  readonly colors?: readonly string[] | undefined;
  readonly horizontal?: boolean;
}

function ChartCard({ title, rows, colors, horizontal = false }: ChartCardProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || !rows) return;
    const config: ChartConfiguration<"bar"> = {
      type: "bar",
      data: {
        labels: rows.map((row) => row.key),
        datasets: [
          {
            label: title,
            data: rows.map((row) => row.count),
            backgroundColor: colors ? [...colors] : "#1f6fb4",
          },
        ],
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { enabled: true } },
        scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [rows, colors, horizontal, title]);

  const height = horizontal ? Math.max(160, (rows?.length ?? 4) * 26 + 40) : 240;
  return (
    <section className="chart-card" aria-label={title}>
      <h2>{title}</h2>
      {!rows ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">Nothing to count.</p>
      ) : (
        <>
          <div className="chart" style={{ height }}>
            <canvas ref={canvas} role="img" aria-label={`${title}: bar chart`} />
          </div>
          <details>
            <summary>Table</summary>
            <table>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.key}</th>
                    <td>{row.count}</td>
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
