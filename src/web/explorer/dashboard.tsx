/**
 * The dashboard view: counts by kind, funders per office, a city's partners by country, and its
 * relationships in force per year by type (`activitySeries`), as bar charts (Chart.js), each with the same
 * numbers as a table for screen readers and copying, and a caption saying what is counted, for whom and as of
 * when (dashboard-words.ts).
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
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { RequestError } from "./check-and-save.js";
import {
  type DashboardData,
  type KeyCount,
  type YearActivity,
  fetchActivityByType,
  fetchDashboard,
  fetchPartnersByCountry,
} from "./api.js";
import {
  type ChartWords,
  DASHBOARD_WORDS,
  activityChart,
  fundersChart,
  kindsChart,
  partnerRows,
  partnersChart,
  typesChart,
} from "./dashboard-words.js";
import { useLang, useT } from "./i18n.js";
import { RELATIONSHIP_TYPES, kindLabel, kindStyle, typeColor, typeLabel } from "./kinds.js";
import type { PartnerCount } from "../../graph-data/partner-count.js";
import { PeersActivityCard } from "./peers-activity.js";
import { QuestionDownloads } from "./question-downloads.js";
import { DASHBOARD_QUESTIONS, type QuestionLink } from "./question-links.js";
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

/** A failed load: the API's code (said in the reader's words) and its own message. */
interface Failure {
  readonly code: string | undefined;
  readonly message: string;
}

function failureOf(failure: unknown): Failure {
  return failure instanceof ApiError
    ? { code: failure.code, message: failure.message }
    : { code: "NETWORK_ERROR", message: "" };
}

export function Dashboard({ cityId, cityName, asOf, undated, peers = [], types = null }: DashboardProps) {
  const compared = useMemo(
    () => [{ id: cityId, name: cityName }, ...peers.filter((peer) => peer.id !== cityId)],
    [cityId, cityName, peers],
  );
  const [data, setData] = useState<DashboardData | null>(null);
  const [partners, setPartners] = useState<PartnerCount | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const lang = useLang();

  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    fetchDashboard(asOf, undated, controller.signal).then(setData, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failureOf(failure));
    });
    return () => controller.abort();
  }, [asOf, undated]);

  useEffect(() => {
    const controller = new AbortController();
    setPartners(null);
    fetchPartnersByCountry(cityId, asOf, controller.signal, undated).then(setPartners, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failureOf(failure));
    });
    return () => controller.abort();
  }, [cityId, asOf, undated]);

  const kinds = useMemo(() => data?.nodesByKind.filter((row) => row.key !== "Source"), [data]);
  const kindRows = useMemo(() => kinds?.map((row) => ({ ...row, key: kindLabel(row.key, lang) })), [kinds, lang]);
  const kindColors = useMemo(() => kinds?.map((row) => kindStyle(row.key).color), [kinds]);
  const funderRows = useMemo(
    () => data?.fundersPerOffice.map((office) => ({ key: office.name, count: office.funders })),
    [data],
  );
  const typeRows = useMemo(
    () => data?.edgesByType.filter((row) => row.count > 0).map((row) => ({ ...row, key: typeLabel(row.key, lang) })),
    [data, lang],
  );
  const typeColors = useMemo(
    () => data?.edgesByType.filter((row) => row.count > 0).map((row) => typeColor(row.key)),
    [data],
  );
  const partnersRows = useMemo(() => (partners ? partnerRows(lang, partners) : undefined), [lang, partners]);

  if (error) {
    return (
      <p className="error" role="alert">
        <RequestError code={error.code} message={error.message} />
      </p>
    );
  }
  return (
    <div className="dashboard" data-testid="dashboard">
      <ChartCard
        words={kindsChart(lang)}
        rows={kindRows}
        colors={kindColors}
        testId="kinds-chart"
        download={DASHBOARD_QUESTIONS.kinds()}
      />
      <ChartCard
        words={fundersChart(lang, asOf, undated)}
        rows={funderRows}
        horizontal
        testId="funders-chart"
        download={DASHBOARD_QUESTIONS.funders(asOf, undated)}
      />
      <ChartCard
        words={partnersChart(lang, cityName, asOf, undated, partners)}
        rows={partnersRows}
        horizontal
        testId="partners-chart"
        download={DASHBOARD_QUESTIONS.partners(cityId, asOf, undated)}
      />
      <ChartCard
        words={typesChart(lang)}
        rows={typeRows}
        colors={typeColors}
        horizontal
        testId="types-chart"
        download={DASHBOARD_QUESTIONS.types()}
      />
      <ActivityCard entityId={cityId} name={cityName} undated={undated} />
      {compared.length > 1 && <PeersActivityCard entities={compared} types={types} undated={undated} />}
    </div>
  );
}

/** Relationships of one entity in force on 1 July of each year, stacked by type. */
function ActivityCard({ entityId, name, undated }: { entityId: string; name: string; undated: Undated }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [series, setSeries] = useState<Record<string, YearActivity[]> | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const lang = useLang();
  const toYear = new Date().getFullYear();
  useEffect(() => {
    const controller = new AbortController();
    setSeries(null);
    fetchActivityByType(entityId, RELATIONSHIP_TYPES, ACTIVITY_FROM, toYear, undated, controller.signal).then(
      setSeries,
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failureOf(failure));
      },
    );
    return () => controller.abort();
  }, [entityId, toYear, undated]);
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
          label: typeLabel(type, lang),
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
  }, [used, lang]);
  const t = useT();
  const words = activityChart(lang, name, undated, ACTIVITY_FROM, toYear);
  const title = words.title;
  const captionId = useId();
  return (
    <section className="chart-card wide" aria-label={title} aria-describedby={captionId} data-testid="activity-chart">
      <h2>{title}</h2>
      <Caption id={captionId} words={words} />
      {error && (
        <p className="error" role="alert">
          <RequestError code={error.code} message={error.message} />
        </p>
      )}
      {!series && !error && <p className="muted">{t(DASHBOARD_WORDS.loading)}</p>}
      {series && (
        <>
          <div className="chart" style={{ height: 320 }}>
            <canvas ref={canvas} role="img" aria-label={t(DASHBOARD_WORDS.stackedChart, { title })} />
          </div>
          <details>
            <summary>{t(DASHBOARD_WORDS.table)}</summary>
            <table data-testid="activity-table">
              <thead>
                <tr>
                  <th scope="col">{t(DASHBOARD_WORDS.year)}</th>
                  {used.map(([type]) => (
                    <th scope="col" key={type}>
                      {typeLabel(type, lang)}
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
          <QuestionDownloads
            link={DASHBOARD_QUESTIONS.activity(entityId, undated, ACTIVITY_FROM, toYear)}
            title={title}
          />
        </>
      )}
    </section>
  );
}

/** What a chart counts, for whom and as of when, under its title. */
function Caption({ id, words }: { id: string; words: ChartWords }) {
  return (
    <div className="chart-caption" id={id} data-testid="chart-caption">
      {words.caption.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}

interface ChartCardProps {
  readonly words: ChartWords;
  readonly rows: readonly KeyCount[] | undefined;
  readonly colors?: readonly string[] | undefined;
  readonly horizontal?: boolean;
  readonly testId: string;
  /** The saved question that answers the same numbers, offered as CSV and JSON. */
  readonly download?: QuestionLink;
}

function ChartCard({ words, rows, colors, horizontal = false, testId, download }: ChartCardProps) {
  const title = words.title;
  const canvas = useRef<HTMLCanvasElement>(null);
  const captionId = useId();
  const t = useT();
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
        // One series, named by the card's title: a legend would only repeat it (in one colour, beside bars of several).
        plugins: { tooltip: { enabled: true }, legend: { display: false } },
        scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [rows, colors, horizontal, title]);

  const height = horizontal ? Math.max(160, (rows?.length ?? 4) * 26 + 40) : 240;
  return (
    <section className="chart-card" aria-label={title} aria-describedby={captionId} data-testid={testId}>
      <h2>{title}</h2>
      <Caption id={captionId} words={words} />
      {!rows ? (
        <p className="muted">{t(DASHBOARD_WORDS.loading)}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t(DASHBOARD_WORDS.nothing)}</p>
      ) : (
        <>
          <div className="chart" style={{ height }}>
            <canvas ref={canvas} role="img" aria-label={t(DASHBOARD_WORDS.barChart, { title })} />
          </div>
          <details>
            <summary>{t(DASHBOARD_WORDS.table)}</summary>
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
          {download && <QuestionDownloads link={download} title={title} />}
        </>
      )}
    </section>
  );
}
