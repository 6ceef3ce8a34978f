/**
 * The dashboard view: counts by kind, funders per office, and a city's partners by country, as bar charts
 * (Chart.js), each with the same numbers as a table for screen readers and copying.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  Tooltip,
} from "chart.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type DashboardData, type KeyCount, fetchDashboard, fetchPartnersByCountry } from "./api.js";
import { kindStyle } from "./kinds.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface DashboardProps {
  /** The city whose partners are counted by country. */
  readonly cityId: string;
  readonly cityName: string;
  readonly asOf: string | null;
}

export function Dashboard({ cityId, cityName, asOf }: DashboardProps) {
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
    fetchPartnersByCountry(cityId, asOf, controller.signal).then(setPartners, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : "Loading failed.");
    });
    return () => controller.abort();
  }, [cityId, asOf]);

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
    </div>
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
