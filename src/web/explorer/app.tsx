/**
 * The explorer: a search box, the graph of an entity's neighbourhood (click a node to expand it), a path
 * finder with the shared connections of its two ends, a date control, the selected entity's timeline,
 * comparing two days, centrality and communities, whose word backs the focus's ties (corroboration), the focus
 * side by side with other entities (peers), and a side panel with the selection's details and
 * sources; or the same entities and relationships on a map (map-view.tsx); or the dashboard. Everything it shows follows from `ExplorerState`, which lives in the address
 * (url-state.ts).
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import {
  type AnalysisScope,
  type Community,
  type GraphDiff,
  type GraphEdge,
  type GraphNode,
  type NodeScore,
  type SharedConnection,
  type Subgraph,
  fetchCentrality,
  fetchCommunities,
  fetchCompare,
  fetchNeighbourhood,
  fetchNode,
  fetchSharedConnections,
  fetchShortestPath,
  fetchTimeline,
} from "./api.js";
import { CentralityPanel } from "./centrality-panel.js";
import { ClaimsPanel } from "./claims-panel.js";
import { changeMarks } from "./compare-model.js";
import { ComparePanel } from "./compare-panel.js";
import { CorroborationPanel } from "./corroboration-panel.js";
import { Dashboard } from "./dashboard.js";
import { DateControl } from "./date-control.js";
import { EdgeDetails, NodeDetails } from "./details-panel.js";
import { EditActions } from "./edit-actions.js";
import { PeriodButton } from "./entity-relationships.js";
import { GraphLegend } from "./graph-legend.js";
import { drawnTies } from "./relationship-groups.js";
import { RECORD_WORDS } from "./relationship-words.js";
import { dayWithSomething } from "./empty-states.js";
import { type EditMode, storeEditing, storedEditing } from "./edit-drafts.js";
import { GraphView } from "./graph-view.js";
import { type DrawnGraph, mergeGraphs } from "./graph-model.js";
import { HistoryPanel } from "./history-panel.js";
import { narrowingWords, publisherKindsOf, typesToOffer } from "./hub.js";
import { HubPanel } from "./hub-panel.js";
import { communityColor, kindStyle, stateWords, typeLabel } from "./kinds.js";
import { type Lang, LangContext, format, messages, useLang, useT } from "./i18n.js";
import { graphInLang, inLang } from "./entity-names.js";
import { CHOOSER_ORDER, LANG_NAMES, chooseLang, storeLang, storedLang } from "./language-choice.js";
import { MapView } from "./map-view.js";
import { PathFinder, type PathResult } from "./path-finder.js";
import { PeersPanel } from "./peers-panel.js";
import { SearchBox } from "./search-box.js";
import { SharedConnections } from "./shared-connections.js";
import { canEdit, tokenRefused } from "./sign-in.js";
import { SignInControl, useSignIn } from "./sign-in-control.js";
import { TimelineView } from "./timeline-view.js";
import { type ExplorerState, type Selection, formatState, parseState } from "./url-state.js";

const LOAD_DELAY_MS = 120;

// The edit forms (and the record model they are derived from) load only when an editor opens one.
const EditPanel = lazy(() => import("./edit-form.js").then((module) => ({ default: module.EditPanel })));

const M = messages({
  title: {
    en: "Explorer · Helsinki international relations",
    fi: "Tutkimusnäkymä · Helsingin kansainväliset suhteet",
    sv: "Utforskaren · Helsingfors internationella relationer",
  },
  heading: {
    en: "Helsinki international relations",
    fi: "Helsingin kansainväliset suhteet",
    sv: "Helsingfors internationella relationer",
  },
  loadFailed: {
    en: "Something went wrong while loading.",
    fi: "Lataamisessa tapahtui virhe.",
    sv: "Något gick fel vid inläsningen.",
  },
  search: { en: "Search", fi: "Hae", sv: "Sök" },
  searchHint: {
    en: "Name in any language, or an abbreviation ( / )",
    fi: "Nimi millä tahansa kielellä tai lyhenne ( / )",
    sv: "Namn på vilket språk som helst, eller en förkortning ( / )",
  },
  views: { en: "Views", fi: "Näkymät", sv: "Vyer" },
  graph: { en: "Graph", fi: "Graafi", sv: "Graf" },
  map: { en: "Map", fi: "Kartta", sv: "Karta" },
  dashboard: { en: "Dashboard", fi: "Koontinäkymä", sv: "Översikt" },
  history: { en: "History", fi: "Historia", sv: "Historik" },
  language: { en: "Language", fi: "Kieli", sv: "Språk" },
  accessibility: { en: "Accessibility statement", fi: "Saavutettavuusseloste", sv: "Tillgänglighetsutlåtande" },
  couldNotLoad: { en: "Could not load: {error}", fi: "Lataus epäonnistui: {error}", sv: "Kunde inte läsa in: {error}" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  nothingAsOf: { en: "Nothing in force as of {day}", fi: "Mikään ei ole voimassa {day}", sv: "Inget gäller {day}" },
  entities: {
    one: { en: "{count} entity", fi: "{count} kohde", sv: "{count} entitet" },
    other: { en: "{count} entities", fi: "{count} kohdetta", sv: "{count} entiteter" },
  },
  relationships: {
    one: { en: "{count} relationship", fi: "{count} suhde", sv: "{count} relation" },
    other: { en: "{count} relationships", fi: "{count} suhdetta", sv: "{count} relationer" },
  },
  counts: { en: "{entities}, {relationships}", fi: "{entities}, {relationships}", sv: "{entities}, {relationships}" },
  drawnInPart: {
    en: " (drawn in part: see below)",
    fi: " (piirretty osittain: ks. alla)",
    sv: " (delvis ritad: se nedan)",
  },
  depth: { en: "Depth", fi: "Syvyys", sv: "Djup" },
  hops: {
    one: { en: "{count} hop", fi: "{count} askel", sv: "{count} steg" },
    other: { en: "{count} hops", fi: "{count} askelta", sv: "{count} steg" },
  },
  resetView: { en: "Reset view", fi: "Palauta näkymä", sv: "Återställ vyn" },
  noneInForce: {
    en: "No relationship of {name} is in force as of {day}.",
    fi: "Yksikään kohteen {name} suhde ei ole voimassa {day}.",
    sv: "Ingen relation för {name} gäller {day}.",
  },
  noneInForceNarrowed: {
    en: "No relationship of {name} is in force as of {day} among those the narrowing keeps.",
    fi: "Yksikään kohteen {name} rajauksen mukainen suhde ei ole voimassa {day}.",
    sv: "Ingen av de relationer för {name} som avgränsningen behåller gäller {day}.",
  },
  lookingForDay: {
    en: "Looking for a day that has some…",
    fi: "Etsitään päivää, jolloin suhteita on voimassa…",
    sv: "Söker en dag då relationer gäller…",
  },
  showDay: { en: "Show {day}", fi: "Näytä {day}", sv: "Visa {day}" },
  noDay: { en: "No day has any.", fi: "Yhtenäkään päivänä ei ole voimassa suhteita.", sv: "Ingen dag har några." },
  allDates: { en: "Show all dates", fi: "Näytä kaikki päivät", sv: "Visa alla datum" },
  graphDescription: {
    en: "Graph of {name}: {entities} and {relationships}. The same elements are listed in the side panel.",
    fi: "Graafi kohteesta {name}: {entities} ja {relationships}. Samat osat on lueteltu sivupaneelissa.",
    sv: "Graf över {name}: {entities} och {relationships}. Samma element listas i sidopanelen.",
  },
  nothingYet: { en: "nothing yet", fi: "ei vielä mitään", sv: "inget ännu" },
  theFocus: { en: "the focus", fi: "valittu kohde", sv: "fokus" },
  details: { en: "Details", fi: "Tiedot", sv: "Detaljer" },
  loadingEditor: { en: "Loading the editor…", fi: "Ladataan muokkainta…", sv: "Läser in redigeraren…" },
  notInView: {
    en: "The selection is not in the current view (try another date).",
    fi: "Valinta ei ole nykyisessä näkymässä (kokeile toista päivää).",
    sv: "Det valda finns inte i den aktuella vyn (prova ett annat datum).",
  },
  startHint: {
    en: "Search for an entity, or click a node or a relationship in the graph to see its details and sources.",
    fi: "Hae kohdetta tai napsauta graafin solmua tai suhdetta, niin näet sen tiedot ja lähteet.",
    sv: "Sök efter en entitet, eller klicka på en nod eller en relation i grafen för att se dess uppgifter och källor.",
  },
  legend: { en: "Legend", fi: "Selite", sv: "Teckenförklaring" },
  inView: {
    en: "In view: {entities}, {relationships}",
    fi: "Näkymässä: {entities}, {relationships}",
    sv: "I vyn: {entities}, {relationships}",
  },
  entitiesHeading: { en: "Entities", fi: "Kohteet", sv: "Entiteter" },
  relationshipsHeading: { en: "Relationships", fi: "Suhteet", sv: "Relationer" },
});

function errorMessage(error: unknown, lang: Lang): string {
  return error instanceof ApiError ? error.message : format(lang, M.loadFailed);
}

/** "12 entities, 30 relationships" in `lang`. */
function countWords(lang: Lang, entities: number, relationships: number) {
  return {
    entities: format(lang, M.entities, { count: entities }),
    relationships: format(lang, M.relationships, { count: relationships }),
  };
}

/** Suomi / Svenska / English, each named in itself (and marked with its `lang`, for screen readers). */
function LanguageChooser({ lang, onChoose }: { lang: Lang; onChoose: (lang: Lang) => void }) {
  const t = useT();
  return (
    <div className="language-chooser" role="group" aria-label={t(M.language)} data-testid="language-chooser">
      {CHOOSER_ORDER.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === lang}
          onClick={() => onChoose(option)}
        >
          {LANG_NAMES[option]}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const [state, setState] = useState<ExplorerState>(() => parseState(window.location.search));
  // ── The reader's language: the address's, else the one chosen before, else the browser's (language-choice.ts).
  const [otherwiseLang, setOtherwiseLang] = useState<Lang>(() =>
    chooseLang({ address: null, stored: storedLang(), browser: navigator.languages }),
  );
  const lang = state.lang ?? otherwiseLang;
  const langRef = useRef(lang);
  langRef.current = lang;
  const t = useCallback(
    (message: Parameters<typeof format>[1], vars?: Parameters<typeof format>[2]) => format(lang, message, vars),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = format(lang, M.title);
    if (state.lang) storeLang(state.lang);
  }, [lang, state.lang]);
  const searchInput = useRef<HTMLInputElement>(null);
  // ── Editing (issue 13): who is signed in, the open form or history, and a counter raised by every write.
  const signIn = useSignIn();
  const editor = canEdit(signIn) ? signIn : null;
  const [editing, setEditingState] = useState<EditMode | null>(storedEditing);
  const setEditing = useCallback((mode: EditMode | null) => {
    storeEditing(mode);
    setEditingState(mode);
  }, []);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [revision, setRevision] = useState(0);

  /** Changes the state and the address: a new history entry, except for moves of the date control. */
  const update = useCallback((change: Partial<ExplorerState>, mode: "push" | "replace" = "push") => {
    setState((current) => {
      const next = { ...current, ...change };
      const url = `${window.location.pathname}${formatState(next)}`;
      if (url !== `${window.location.pathname}${window.location.search}`) {
        if (mode === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
      return next;
    });
  }, []);

  useEffect(() => {
    const onPop = () => setState(parseState(window.location.search));
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA");
      if (event.key === "/" && !typing) {
        event.preventDefault();
        searchInput.current?.focus();
      }
    };
    window.addEventListener("popstate", onPop);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("popstate", onPop);
      window.removeEventListener("keydown", onKey);
    };
  }, []);

  // ── The neighbourhoods drawn: the focus at the chosen depth, each expanded entity one hop out, each at most
  // `limit` entities (150 unless the address says) and narrowed by the API (relationship types, whose word, the date).
  const [parts, setParts] = useState<Subgraph[]>([]);
  // The relationship types met around the focus, offered for narrowing even once narrowed away.
  const [seenTypes, setSeenTypes] = useState<{ focus: string | null; types: ReadonlySet<string> }>({
    focus: null,
    types: new Set(),
  });
  // Loading from the first render when the address names something to draw (never "0 entities" meanwhile).
  const [loading, setLoading] = useState(() => state.focus !== null || state.expand.length > 0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const expandKey = state.expand.join(",");
  const typesKey = state.types?.join(",") ?? "";
  useEffect(() => {
    const ids = [state.focus, ...state.expand].filter((id): id is string => id !== null);
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      Promise.all(
        ids.map((id, index) =>
          fetchNeighbourhood(
            id,
            {
              depth: index === 0 ? state.depth : 1,
              asOf: state.asOf,
              undated: state.undated,
              relationshipTypes: state.types,
              publisherKinds: publisherKindsOf(state.sources),
              limit: state.limit,
            },
            controller.signal,
          ),
        ),
      ).then(
        (loaded) => {
          setParts(loaded);
          setSeenTypes((current) => {
            const types = new Set(current.focus === state.focus ? current.types : []);
            for (const part of loaded) {
              for (const type of part.firstHopTypes) types.add(type.key);
              for (const edge of part.edges) types.add(edge.type);
            }
            return { focus: state.focus, types };
          });
          setLoadError(null);
          setLoading(false);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setLoadError(errorMessage(error, langRef.current));
          setLoading(false);
        },
      );
    }, LOAD_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // expandKey and typesKey stand for state.expand and state.types (arrays, new on every parse of the
    // address); revision: a write.
  }, [state.focus, expandKey, state.depth, state.asOf, state.undated, typesKey, state.sources, state.limit, revision]);

  // ── A day with nothing in force around the focus: say so, and find the nearest day that has something.
  const nothingInForce =
    state.asOf !== null &&
    state.focus !== null &&
    !loading &&
    !loadError &&
    parts.length > 0 &&
    parts[0]?.edges.length === 0;
  const [otherDay, setOtherDay] = useState<{ key: string; day: string | null } | null>(null);
  const otherDayKey = `${state.focus ?? ""} ${state.asOf ?? ""} ${state.undated}`;
  useEffect(() => {
    if (!nothingInForce || !state.focus || !state.asOf) return;
    const asOf = state.asOf;
    const controller = new AbortController();
    fetchTimeline(state.focus, controller.signal).then(
      (entries) =>
        setOtherDay({
          key: otherDayKey,
          day: dayWithSomething(
            asOf,
            entries.map((entry) => entry.edge),
            state.undated,
          ),
        }),
      () => !controller.signal.aborted && setOtherDay({ key: otherDayKey, day: null }),
    );
    return () => controller.abort();
  }, [nothingInForce, otherDayKey, state.focus, state.asOf, state.undated]);

  // ── The path between `from` and `to`, as of the same date.
  const [path, setPath] = useState<PathResult>({ status: "idle" });
  useEffect(() => {
    if (!state.from || !state.to) {
      setPath({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setPath({ status: "loading" });
    fetchShortestPath(state.from, state.to, state.asOf, controller.signal, state.undated).then(
      (found) => setPath(found ? { status: "found", ...found } : { status: "none" }),
      (error: unknown) => {
        if (!controller.signal.aborted) setPath({ status: "error", message: errorMessage(error, langRef.current) });
      },
    );
    return () => controller.abort();
  }, [state.from, state.to, state.asOf, state.undated]);

  // ── Compare two days: the focused entity's relationships that started or ended between them.
  const [diff, setDiff] = useState<GraphDiff | null>(null);
  const [diffError, setDiffError] = useState<string | null>(null);
  useEffect(() => {
    setDiff(null);
    setDiffError(null);
    if (!state.compareFrom || !state.compareTo) return;
    const controller = new AbortController();
    fetchCompare(state.compareFrom, state.compareTo, state.focus, controller.signal, state.undated).then(
      setDiff,
      (error: unknown) => {
        if (!controller.signal.aborted) setDiffError(errorMessage(error, langRef.current));
      },
    );
    return () => controller.abort();
  }, [state.compareFrom, state.compareTo, state.focus, state.undated]);

  // ── Centrality and communities, as of the chosen day, over the chosen part of the graph, following the
  // narrowing of the drawing (types, whose word).
  const scopeKey = JSON.stringify([state.scope, state.focus, state.peers, state.types, state.sources]);
  const analysisScope = useMemo<AnalysisScope>(
    () => ({
      around: state.scope > 0 && state.focus ? [state.focus, ...state.peers] : null,
      hops: Math.max(state.scope, 1),
      relationshipTypes: state.types,
      publisherKinds: publisherKindsOf(state.sources),
    }),
    [scopeKey],
  );
  const [scores, setScores] = useState<NodeScore[] | null>(null);
  const [communities, setCommunities] = useState<Community[] | null>(null);
  const [analysisError, setAnalysisError] = useState<string | null>(null);
  useEffect(() => {
    setScores(null);
    setAnalysisError(null);
    if (!state.measure) return;
    const controller = new AbortController();
    fetchCentrality(state.measure, state.asOf, controller.signal, state.undated, analysisScope).then(
      setScores,
      (error: unknown) => {
        if (!controller.signal.aborted) setAnalysisError(errorMessage(error, langRef.current));
      },
    );
    return () => controller.abort();
  }, [state.measure, state.asOf, state.undated, analysisScope]);
  useEffect(() => {
    setCommunities(null);
    if (!state.communities) return;
    const controller = new AbortController();
    fetchCommunities(state.asOf, controller.signal, state.undated, analysisScope).then(
      setCommunities,
      (error: unknown) => {
        if (!controller.signal.aborted) setAnalysisError(errorMessage(error, langRef.current));
      },
    );
    return () => controller.abort();
  }, [state.communities, state.asOf, state.undated, analysisScope]);

  // ── What the path finder's two ends share.
  const [shared, setShared] = useState<SharedConnection[] | null>(null);
  const [sharedError, setSharedError] = useState<string | null>(null);
  useEffect(() => {
    setShared(null);
    setSharedError(null);
    if (!state.from || !state.to || state.from === state.to) return;
    const controller = new AbortController();
    fetchSharedConnections(state.from, state.to, state.asOf, controller.signal, state.undated).then(
      setShared,
      (error: unknown) => {
        if (!controller.signal.aborted) setSharedError(errorMessage(error, langRef.current));
      },
    );
    return () => controller.abort();
  }, [state.from, state.to, state.asOf, state.undated]);

  // Relationships opened from a list (timeline, compare, shared) that the graph may not draw.
  const [listedEdges, setListedEdges] = useState<ReadonlyMap<string, GraphEdge>>(new Map());
  const selectListedEdge = useCallback(
    (edge: GraphEdge) => {
      setListedEdges((current) => new Map(current).set(edge.id, edge));
      update({ select: { type: "edge", id: edge.id } });
    },
    [update],
  );

  const graph: DrawnGraph = useMemo(
    () =>
      graphInLang(
        mergeGraphs(
          // Relationships that ended between the compared days are drawn too, where both ends are drawn.
          diff ? [...parts, { nodes: [], edges: diff.ended }] : parts,
          path.status === "found" ? path : null,
          state.limit,
        ),
        lang,
      ),
    [parts, path, diff, lang, state.limit],
  );
  const offeredTypes = useMemo(
    () => typesToOffer(seenTypes.focus === state.focus ? seenTypes.types : [], state.types),
    [seenTypes, state.focus, state.types],
  );
  // How many entities each type reaches from the focus (its first hop), beside the type's checkbox.
  const typeCounts = useMemo(
    () => new Map((parts[0]?.firstHopTypes ?? []).map((type) => [type.key, type.count])),
    [parts],
  );
  // Above every neighbourhood, folded until wanted; open while something is cut short or narrowed (so the
  // narrowing can be undone where it was made), and kept while a narrowing loads (the control keeps its focus).
  const hubPanel =
    state.focus !== null || graph.cut.length > 0 || state.types !== null || state.sources !== null ? (
      <HubPanel
        cut={graph.cut}
        offeredTypes={offeredTypes}
        typeCounts={typeCounts}
        types={state.types}
        sources={state.sources}
        asOf={state.asOf}
        undated={state.undated}
        onTypes={(types) => update({ types })}
        onSources={(sources) => update({ sources })}
        onAsOf={(asOf) => update({ asOf }, "replace")}
        onUndated={(undated) => update({ undated }, "replace")}
        limit={state.limit}
        onLimit={(limit) => update({ limit })}
      />
    ) : null;
  const edgeMarks = useMemo(() => changeMarks(diff), [diff]);
  // Once two days are compared, the answer sits in the side panel beside the drawing it marks.
  const comparing = state.compareFrom !== null && state.compareTo !== null && state.view === "graph";
  const comparePanel = (
    <ComparePanel
      from={state.compareFrom}
      to={state.compareTo}
      diff={diff}
      error={diffError}
      name={(id) => names.get(id)?.name ?? id}
      onCompare={(compareFrom, compareTo) => update({ compareFrom, compareTo })}
      onClear={() => update({ compareFrom: null, compareTo: null })}
      onSelectEdge={selectListedEdge}
    />
  );
  const nodeSizes = useMemo(() => {
    if (!scores || scores.length === 0) return undefined;
    const top = Math.max(...scores.map((row) => row.score), Number.MIN_VALUE);
    return new Map(scores.map((row) => [row.node.id, 16 + 44 * (row.score / top)]));
  }, [scores]);
  const nodeColors = useMemo(
    () =>
      communities
        ? new Map(
            communities.flatMap((community) => community.members.map((m) => [m.id, communityColor(community.id)])),
          )
        : undefined,
    [communities],
  );

  const selectedEdge =
    state.select?.type === "edge" ? (graph.edges.get(state.select.id) ?? listedEdges.get(state.select.id)) : undefined;
  // ── Names for ids that may not be drawn (a shared link's path ends, a selection outside the view, the ends
  // of a relationship opened from a list).
  const names = useNodeNames(graph, lang, [
    state.from,
    state.to,
    state.focus,
    state.select?.type === "node" ? state.select.id : null,
    selectedEdge?.fromId ?? null,
    selectedEdge?.toId ?? null,
    ...state.peers,
  ]);

  const onSelect = useCallback(
    (selection: Selection) => {
      if (selection.type === "node" && selection.id !== state.focus && !state.expand.includes(selection.id)) {
        update({ select: selection, expand: [...state.expand, selection.id] });
      } else {
        update({ select: selection });
      }
    },
    [state.focus, state.expand, update],
  );

  const pickFromSearch = (node: GraphNode) =>
    update({ focus: node.id, expand: [], select: { type: "node", id: node.id }, view: "graph" });

  const selectedNode =
    state.select?.type === "node" ? (graph.nodes.get(state.select.id) ?? names.get(state.select.id)) : undefined;
  const focusNode = state.focus ? (graph.nodes.get(state.focus) ?? names.get(state.focus)) : undefined;
  const dashboardCity = focusNode?.kind === "City" ? focusNode : undefined;
  // The peers compared with the focus, by name where the drawing knows it, for the dashboard's comparison.
  const peerEntities = useMemo(
    () => state.peers.map((id) => ({ id, name: names.get(id)?.name ?? id })),
    [state.peers, names],
  );

  const chooseLanguage = (chosen: Lang) => {
    storeLang(chosen);
    setOtherwiseLang(chosen);
    update({ lang: chosen }, "replace");
  };

  return (
    <LangContext.Provider value={lang}>
      <div className="layout">
        <header className="top">
          <h1>
            <a href={`/explorer${state.lang ? `?lang=${state.lang}` : ""}`}>{t(M.heading)}</a>
          </h1>
          <SearchBox
            label={t(M.search)}
            placeholder={t(M.searchHint)}
            onPick={pickFromSearch}
            inputRef={searchInput}
            testId="search"
          />
          <nav className="views" aria-label={t(M.views)}>
            <button type="button" aria-pressed={state.view === "graph"} onClick={() => update({ view: "graph" })}>
              {t(M.graph)}
            </button>
            <button type="button" aria-pressed={state.view === "map"} onClick={() => update({ view: "map" })}>
              {t(M.map)}
            </button>
            <button
              type="button"
              aria-pressed={state.view === "dashboard"}
              onClick={() => update({ view: "dashboard" })}
            >
              {t(M.dashboard)}
            </button>
            <a href="/graphiql">GraphiQL</a>
            <a href={`/accessibility?lang=${lang}`} data-testid="accessibility-link">
              {t(M.accessibility)}
            </a>
          </nav>
          <DateControl
            asOf={state.asOf}
            onChange={(asOf) => update({ asOf }, "replace")}
            undated={state.undated}
            onUndatedChange={(undated) => update({ undated }, "replace")}
          />
          <button type="button" aria-pressed={historyOpen} onClick={() => setHistoryOpen((open) => !open)}>
            {t(M.history)}
          </button>
          <SignInControl onSignOut={() => setEditing(null)} />
          <LanguageChooser lang={lang} onChoose={chooseLanguage} />
        </header>

        <main className="content">
          {state.view === "graph" ? (
            <section className="graph-pane" aria-label={t(M.graph)}>
              <div className="graph-head">
                <div className="toolbar">
                  <span data-testid="graph-status" aria-live="polite">
                    {loadError
                      ? t(M.couldNotLoad, { error: loadError })
                      : loading
                        ? t(M.loading)
                        : nothingInForce
                          ? t(M.nothingAsOf, { day: state.asOf ?? "" })
                          : `${t(M.counts, countWords(lang, graph.nodes.size, graph.edges.size))}${graph.truncated ? t(M.drawnInPart) : ""}`}
                  </span>
                  <label>
                    {t(M.depth)}{" "}
                    <select
                      value={state.depth}
                      onChange={(event) => update({ depth: event.target.value === "2" ? 2 : 1 })}
                    >
                      <option value="1">{t(M.hops, { count: 1 })}</option>
                      <option value="2">{t(M.hops, { count: 2 })}</option>
                    </select>
                  </label>
                  <button type="button" onClick={() => update({ expand: [], from: null, to: null })}>
                    {t(M.resetView)}
                  </button>
                </div>
                {hubPanel}
              </div>
              {nothingInForce ? (
                <div className="graph-empty" data-testid="graph-empty">
                  <p>
                    {t(state.types !== null || state.sources !== null ? M.noneInForceNarrowed : M.noneInForce, {
                      name: focusNode?.name ?? state.focus ?? "",
                      day: state.asOf ?? "",
                    })}
                  </p>
                  <p>
                    {otherDay?.key !== otherDayKey ? (
                      t(M.lookingForDay)
                    ) : otherDay.day ? (
                      <button type="button" onClick={() => update({ asOf: otherDay.day }, "replace")}>
                        {t(M.showDay, { day: otherDay.day })}
                      </button>
                    ) : (
                      t(M.noDay)
                    )}{" "}
                    <button type="button" onClick={() => update({ asOf: null }, "replace")}>
                      {t(M.allDates)}
                    </button>
                  </p>
                </div>
              ) : (
                <GraphView
                  graph={graph}
                  selection={state.select}
                  onSelect={onSelect}
                  description={t(M.graphDescription, {
                    name: focusNode?.name ?? t(M.nothingYet),
                    ...countWords(lang, graph.nodes.size, graph.edges.size),
                  })}
                  nodeSizes={nodeSizes}
                  nodeColors={nodeColors}
                  edgeMarks={edgeMarks}
                  asOf={state.asOf}
                  focusId={state.focus}
                />
              )}
              <GraphLegend communities={state.communities ? communities : null} focus={state.focus} />
              <TimelineView
                entity={selectedNode ?? focusNode}
                asOf={state.asOf}
                selectedEdgeId={state.select?.type === "edge" ? state.select.id : null}
                onSelectEdge={selectListedEdge}
              />
              <div className="research-panels">
                {!comparing && comparePanel}
                <CentralityPanel
                  measure={state.measure}
                  communities={state.communities}
                  scores={scores}
                  communityList={communities}
                  focusId={state.focus}
                  focusName={focusNode?.name ?? state.focus}
                  scope={state.scope}
                  around={[state.focus, ...state.peers]
                    .filter((id): id is string => id !== null)
                    .map((id) => names.get(id)?.name ?? id)}
                  narrowing={narrowingWords(state.types, state.sources)}
                  asOf={state.asOf}
                  undated={state.undated}
                  error={analysisError}
                  onScope={(scope) => update({ scope })}
                  onMeasure={(measure) => update({ measure })}
                  onCommunities={(on) => update({ communities: on })}
                  onSelectNode={(id) => onSelect({ type: "node", id })}
                />
                <CorroborationPanel
                  entityId={state.focus}
                  entityName={focusNode?.name ?? state.focus ?? t(M.theFocus)}
                  open={state.corroboration}
                  revision={revision}
                  onOpen={(corroboration) => update({ corroboration })}
                  onSelectEdge={selectListedEdge}
                />
                <PeersPanel
                  focusId={state.focus}
                  focusName={focusNode?.name ?? state.focus ?? t(M.theFocus)}
                  peers={state.peers}
                  asOf={state.asOf}
                  name={(id) => names.get(id)?.name ?? id}
                  onChange={(peers) => update({ peers })}
                  onSelectEdge={selectListedEdge}
                  onSelectNode={(id) => onSelect({ type: "node", id })}
                />
              </div>
            </section>
          ) : state.view === "map" ? (
            <section className="map-section" aria-label={t(M.map)}>
              {hubPanel}
              <MapView graph={graph} selection={state.select} onSelect={onSelect} asOf={state.asOf} />
            </section>
          ) : (
            <Dashboard
              cityId={dashboardCity?.id ?? "helsinki"}
              cityName={dashboardCity?.name ?? "Helsinki"}
              asOf={state.asOf}
              undated={state.undated}
              peers={peerEntities}
              types={state.types}
            />
          )}

          <aside className="side" aria-label={t(M.details)}>
            {/* Shown to an editor, and kept (with its draft) when the sign-in ends, until they sign in again. */}
            {editing && (editor || signIn.kind === "signed-out") && (
              <Suspense fallback={<p className="muted">{t(M.loadingEditor)}</p>}>
                <EditPanel
                  key={JSON.stringify(editing)}
                  mode={editing}
                  token={editor?.token ?? null}
                  staff={editor?.viewer.roles.includes("staff") ?? false}
                  nameOf={(id) => names.get(id)?.name ?? id}
                  onCancel={() => setEditing(null)}
                  onTokenRefused={(message) => void tokenRefused(message)}
                  onSaved={(_report, select) => {
                    setEditing(null);
                    setRevision((count) => count + 1);
                    if (select?.type === "node" && !state.focus) update({ focus: select.id, select });
                    else if (select) update({ select });
                  }}
                />
              </Suspense>
            )}
            {!editing && historyOpen && (
              <HistoryPanel
                entityId={selectedNode?.id ?? null}
                entityName={selectedNode?.name ?? null}
                token={editor?.token ?? null}
                revision={revision}
                onClose={() => setHistoryOpen(false)}
                onTokenRefused={(message) => void tokenRefused(message)}
                onUndone={() => setRevision((count) => count + 1)}
              />
            )}
            {comparing && comparePanel}
            {editor && !editing && (
              <EditActions node={selectedNode} edge={selectedEdge} onEdit={(mode) => setEditing(mode)} />
            )}
            {selectedNode && (
              <NodeDetails
                key={`${selectedNode.id}:${revision}`}
                node={selectedNode}
                asOf={state.asOf}
                onSelectNode={(id) => onSelect({ type: "node", id })}
                onSelectEdge={selectListedEdge}
                onExpand={() => onSelect({ type: "node", id: selectedNode.id })}
                onFocus={() => update({ focus: selectedNode.id, expand: [], view: "graph" })}
                onPathFrom={() => update({ from: selectedNode.id })}
                onPathTo={() => update({ to: selectedNode.id })}
              />
            )}
            {selectedEdge && (
              <EdgeDetails
                edge={selectedEdge}
                from={names.get(selectedEdge.fromId)}
                to={names.get(selectedEdge.toId)}
                onSelectNode={(id) => onSelect({ type: "node", id })}
              />
            )}
            {selectedEdge && <ClaimsPanel key={`${selectedEdge.id}:${revision}`} edge={selectedEdge} />}
            {state.select && !selectedNode && !selectedEdge && !loading && <p className="muted">{t(M.notInView)}</p>}
            {!state.select && <p className="muted">{t(M.startHint)}</p>}
            <PathFinder
              fromName={state.from ? (names.get(state.from)?.name ?? state.from) : ""}
              toName={state.to ? (names.get(state.to)?.name ?? state.to) : ""}
              result={path}
              onFrom={(node) => update({ from: node.id })}
              onTo={(node) => update({ to: node.id })}
              onClear={() => update({ from: null, to: null })}
              onSelectEdge={(id) => update({ select: { type: "edge", id }, view: "graph" })}
              asOf={state.asOf}
              onAllDates={() => update({ asOf: null }, "replace")}
            />
            {state.from && state.to && state.from !== state.to && (
              <SharedConnections
                fromId={state.from}
                fromName={names.get(state.from)?.name ?? state.from}
                toId={state.to}
                toName={names.get(state.to)?.name ?? state.to}
                connections={shared}
                error={sharedError}
                onSelectEdge={selectListedEdge}
                onSelectNode={(id) => onSelect({ type: "node", id })}
              />
            )}
            {state.view !== "dashboard" && (
              <ElementList graph={graph} selection={state.select} onSelect={onSelect} asOf={state.asOf} />
            )}
          </aside>
        </main>
      </div>
    </LangContext.Provider>
  );
}

/** Entities named by id, from the drawn graph or (for ids not drawn) from the API. */
function useNodeNames(graph: DrawnGraph, lang: Lang, ids: readonly (string | null)[]): Map<string, GraphNode> {
  const [fetched, setFetched] = useState<Map<string, GraphNode>>(new Map());
  const missing = ids.filter((id): id is string => id !== null && !graph.nodes.has(id) && !fetched.has(id));
  const missingKey = [...new Set(missing)].sort().join(",");
  useEffect(() => {
    if (!missingKey) return;
    const controller = new AbortController();
    Promise.all(missingKey.split(",").map((id) => fetchNode(id, controller.signal))).then(
      (nodes) =>
        setFetched((current) => {
          const next = new Map(current);
          for (const node of nodes) if (node) next.set(node.id, node);
          return next;
        }),
      () => undefined,
    );
    return () => controller.abort();
  }, [missingKey]);
  return useMemo(
    () => new Map([...[...fetched].map(([id, node]) => [id, inLang(node, lang)] as const), ...graph.nodes]),
    [fetched, graph, lang],
  );
}

/** Every drawn element as a button: the keyboard's (and screen readers') way into the graph. */
function ElementList({
  graph,
  selection,
  onSelect,
  asOf,
}: {
  graph: DrawnGraph;
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
  asOf: string | null;
}) {
  const nodes = [...graph.nodes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  const edges = [...graph.edges.values()];
  const ties = drawnTies(edges, asOf);
  const name = (id: string) => graph.nodes.get(id)?.name ?? id;
  const t = useT();
  const lang = useLang();
  return (
    <details className="element-list" data-testid="element-list">
      <summary>{t(M.inView, countWords(lang, nodes.length, edges.length))}</summary>
      <h3>{t(M.entitiesHeading)}</h3>
      <ul data-testid="entity-list">
        {nodes.map((node) => (
          <li key={node.id}>
            <button
              type="button"
              className="link"
              aria-current={selection?.type === "node" && selection.id === node.id}
              onClick={() => onSelect({ type: "node", id: node.id })}
            >
              <span className="kind-dot" style={{ background: kindStyle(node.kind).color }} aria-hidden="true" />
              {node.name}
            </button>
          </li>
        ))}
      </ul>
      <h3>{t(M.relationshipsHeading)}</h3>
      <ul data-testid="relationship-list">
        {ties.map((tie) => {
          const first = tie.periods[0]!;
          const words = `${name(tie.fromId)} — ${typeLabel(tie.type, lang)} → ${name(tie.toId)}`;
          return (
            <li key={tie.key} className={tie.periods.some((p) => graph.onPath.has(p.edge.id)) ? "on-path" : undefined}>
              <button
                type="button"
                className="link"
                data-type={tie.type}
                aria-current={selection?.type === "edge" && tie.periods.some((p) => p.edge.id === selection.id)}
                onClick={() => onSelect({ type: "edge", id: first.edge.id })}
              >
                {words}
              </button>
              {tie.periods.length === 1 && first.state !== "CURRENT" && (
                <span className="muted" data-state={first.state}>
                  {" "}
                  · {stateWords(first.state, lang)}
                </span>
              )}
              {/* Several records of one tie (its periods, or several sources' claims) are one line. */}
              {tie.periods.length > 1 && (
                <>
                  <span className="muted" title={t(RECORD_WORDS.why)}>
                    {" "}
                    · {t(RECORD_WORDS.count, { count: tie.periods.length })}:
                  </span>{" "}
                  <span className="periods">
                    {tie.periods.map((period) => (
                      <PeriodButton
                        key={period.edge.id}
                        period={period}
                        heading={`${name(tie.fromId)} ${typeLabel(tie.type, lang)}`}
                        name={name(tie.toId)}
                        onOpen={() => onSelect({ type: "edge", id: period.edge.id })}
                      />
                    ))}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
