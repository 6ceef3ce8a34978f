/**
 * The history panel: recent changes grouped by the write that made them (who, when, from where, what), each
 * write with "Undo" for editors — `revertChange` with its write id, previewed as a dry run first and then
 * done as a new recorded write; when later writes changed the same records the API refuses
 * (CHANGED_SINCE) and the refusal is shown as it says it. "Deleted records" lists what is gone
 * (`deletedRecords`), each with "Restore", the same undo of the write that deleted it.
 */
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type GraphNode, fetchNode } from "./api.js";
import {
  type ChangeEntry,
  type WriteReport,
  fetchDeletedRecords,
  fetchRecentChanges,
  revertChange,
} from "./edit-api.js";
import { changeSubject, changedFields, operationWords, originWords, undoable } from "./history-words.js";
import { nameIn } from "./entity-names.js";
import { recordFieldIn } from "./field-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { refusalWords } from "./problem-words.js";
import { ReportList } from "./report-list.js";

const M = messages({
  noFields: { en: "No fields recorded.", fi: "Kenttiä ei ole kirjattu.", sv: "Inga fält har registrerats." },
  field: { en: "Field", fi: "Kenttä", sv: "Fält" },
  before: { en: "Before", fi: "Ennen", sv: "Före" },
  after: { en: "After", fi: "Jälkeen", sv: "Efter" },
  checking: {
    en: "Checking what undoing would do…",
    fi: "Tarkistetaan, mitä peruminen tekisi…",
    sv: "Kontrollerar vad ångrandet skulle göra…",
  },
  undoPreview: { en: "Undo preview", fi: "Perumisen esikatselu", sv: "Förhandsvisning av ångrandet" },
  putsBack: { en: "Undoing this puts back:", fi: "Peruminen palauttaa:", sv: "Att ångra detta återställer:" },
  confirm: { en: "Confirm: {action}", fi: "Vahvista: {action}", sv: "Bekräfta: {action}" },
  keep: { en: "Keep it", fi: "Säilytä", sv: "Behåll" },
  undoing: { en: "Undoing…", fi: "Perutaan…", sv: "Ångrar…" },
  cannotUndo: { en: "This cannot be undone now:", fi: "Tätä ei voi nyt perua:", sv: "Detta kan inte ångras nu:" },
  couldNotLoad: { en: "Could not load.", fi: "Lataus epäonnistui.", sv: "Kunde inte läsa in." },
  history: { en: "History", fi: "Historia", sv: "Historik" },
  historyOf: { en: "History of {name}", fi: "Historia: {name}", sv: "Historik för {name}" },
  close: { en: "Close", fi: "Sulje", sv: "Stäng" },
  signInToUndo: {
    en: "Sign in as an editor to undo changes and restore deleted records.",
    fi: "Kirjaudu sisään muokkaajana, niin voit perua muutoksia ja palauttaa poistettuja tietueita.",
    sv: "Logga in som redaktör för att ångra ändringar och återställa borttagna poster.",
  },
  recent: { en: "Recent changes", fi: "Viimeisimmät muutokset", sv: "Senaste ändringar" },
  deletedRecords: { en: "Deleted records", fi: "Poistetut tietueet", sv: "Borttagna poster" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  noChanges: { en: "No recorded changes.", fi: "Ei kirjattuja muutoksia.", sv: "Inga registrerade ändringar." },
  fromOrigin: { en: "from {origin}", fi: "lähde: {origin}", sv: "från {origin}" },
  undoes: { en: " · undoes {write}…", fi: " · peruu muutoksen {write}…", sv: " · ångrar {write}…" },
  more: { en: "and {count} more", fi: "ja {count} muuta", sv: "och {count} till" },
  undoThis: { en: "Undo this change", fi: "Peru tämä muutos", sv: "Ångra denna ändring" },
  noUndoErasure: {
    en: "An erasure of personal data on request cannot be undone.",
    fi: "Pyynnöstä tehtyä henkilötietojen poistoa ei voi perua.",
    sv: "En radering av personuppgifter på begäran kan inte ångras.",
  },
  nothingDeleted: { en: "Nothing has been deleted.", fi: "Mitään ei ole poistettu.", sv: "Inget har tagits bort." },
  nothingDeletedHere: {
    en: "Nothing has been deleted here.",
    fi: "Täältä ei ole poistettu mitään.",
    sv: "Inget har tagits bort här.",
  },
  deletedBy: {
    en: "deleted {when} by {actor}",
    fi: "poistettu {when}, poistaja {actor}",
    sv: "borttagen {when} av {actor}",
  },
  restore: { en: "Restore", fi: "Palauta", sv: "Återställ" },
});

export interface HistoryPanelProps {
  /** Only changes to this entity and its relationships; everything when null. */
  readonly entityId: string | null;
  readonly entityName: string | null;
  /** The signed-in editor's token, or null (then the history is shown without undo). */
  readonly token: string | null;
  /** Raised after every write, so the list shows it. */
  readonly revision: number;
  readonly onUndone: (report: WriteReport) => void;
  readonly onClose: () => void;
  readonly onTokenRefused: (message: string) => void;
}

/** Changes listed per write before the rest fold away (an import or the seed touches hundreds). */
const SHOWN_CHANGES = 6;

interface WriteGroup {
  readonly writeId: string;
  readonly changes: ChangeEntry[];
}

/** Consecutive changes of one write (the list is newest first, a write's changes share their time). */
function groupByWrite(changes: readonly ChangeEntry[]): WriteGroup[] {
  const groups: WriteGroup[] = [];
  for (const change of changes) {
    const writeId = change.writeId ?? change.id;
    const last = groups.at(-1);
    if (last && last.writeId === writeId) last.changes.push(change);
    else groups.push({ writeId, changes: [change] });
  }
  return groups;
}

/** Marks where an element goes in translated text (`withSlot`). */
const SLOT = "\u0000";

/** The text with `element` where SLOT is (a `<time>` inside a sentence whose word order differs by language). */
function withSlot(text: string, element: ReactNode) {
  const [before = "", after = ""] = text.split(SLOT);
  return (
    <>
      {before}
      {element}
      {after}
    </>
  );
}

function when(at: string): string {
  return at.slice(0, 19).replace("T", " ");
}

/** At most this many entity names are looked up for one listing; the rest are shown by their ids. */
const NAMED_AT_MOST = 40;

/** The names of the entities `changes` touch (their ends, for relationships), looked up once each. */
function useEntityNames(changes: readonly ChangeEntry[] | null): (id: string) => string | undefined {
  const lang = useLang();
  const [names, setNames] = useState<ReadonlyMap<string, GraphNode>>(new Map());
  const key = useMemo(() => {
    const ids = new Set<string>();
    for (const change of changes ?? []) {
      if (change.itemType === "entity") ids.add(change.itemId);
      if (change.fromId) ids.add(change.fromId);
      if (change.toId) ids.add(change.toId);
    }
    return [...ids].slice(0, NAMED_AT_MOST).join("\n");
  }, [changes]);
  useEffect(() => {
    const wanted = key.split("\n").filter((id) => id && !names.has(id));
    if (wanted.length === 0) return;
    const controller = new AbortController();
    Promise.all(wanted.map((id) => fetchNode(id, controller.signal).catch(() => null))).then(
      (nodes) => {
        if (controller.signal.aborted) return;
        setNames((current) => {
          const next = new Map(current);
          for (const node of nodes) if (node) next.set(node.id, node);
          return next;
        });
      },
      () => undefined,
    );
    return () => controller.abort();
    // names: read to skip those known; a lookup adding to it must not start another.
  }, [key]);
  return (id) => {
    const node = names.get(id);
    return node && nameIn(node, lang);
  };
}

/** One change: what, in words; opened, each field it touched before and after. */
function ChangeLine({ change, nameOf }: { change: ChangeEntry; nameOf: (id: string) => string | undefined }) {
  const fields = changedFields(change);
  const t = useT();
  const lang = useLang();
  return (
    <li>
      <details className="change">
        <summary>
          <span className={`operation op-${change.operation}`}>{operationWords(change.operation, lang)}</span>{" "}
          {changeSubject(change, nameOf, lang)}
          {change.operation === "update" && change.fields.length > 0 && (
            <span className="muted">
              {" "}
              ({change.fields.map((field) => recordFieldIn(change.itemType, field, lang)).join(", ")})
            </span>
          )}
        </summary>
        {fields.length === 0 ? (
          <p className="muted">{t(M.noFields)}</p>
        ) : (
          <table className="change-fields">
            <thead>
              <tr>
                <th scope="col">{t(M.field)}</th>
                <th scope="col">{t(M.before)}</th>
                <th scope="col">{t(M.after)}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{recordFieldIn(change.itemType, row.field, lang)}</th>
                  <td>{row.before}</td>
                  <td>{row.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </li>
  );
}

/**
 * A refusal in the reader's words: a problem code's meaning (problem-words.ts), else what the error code
 * means; then the API's own message, which is English and marked so.
 */
function RefusalWords({ problem }: { problem: RefusalLine }) {
  const lang = useLang();
  return (
    <>
      {refusalWords(problem.code, lang)}
      {problem.message && problem.code !== "NETWORK_ERROR" && (
        <>
          {" — "}
          <span lang="en">{problem.message}</span>
        </>
      )}
    </>
  );
}

type UndoState =
  | { status: "idle" }
  | { status: "previewing" }
  | { status: "preview"; report: WriteReport }
  | { status: "undoing" }
  | { status: "refused"; problems: readonly RefusalLine[] };

/** One reason the API gave for refusing an undo: its code (said in the reader's words) and its own message. */
interface RefusalLine {
  readonly code: string | undefined;
  readonly message: string | null;
}

/** "Undo" for one write: a dry run shows what it would put back, then the editor confirms. */
function UndoControl({
  writeId,
  label,
  token,
  onUndone,
  onTokenRefused,
}: {
  writeId: string;
  label: string;
  token: string;
  onUndone: (report: WriteReport) => void;
  onTokenRefused: (message: string) => void;
}) {
  const t = useT();
  const [state, setState] = useState<UndoState>({ status: "idle" });
  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") onTokenRefused(error.message);
    setState({
      status: "refused",
      problems:
        error instanceof ApiError
          ? error.problems.length > 0
            ? error.problems.map((problem) => ({ code: problem.code, message: problem.message }))
            : [{ code: error.code, message: error.message }]
          : [{ code: "NETWORK_ERROR", message: null }],
    });
  };
  const preview = () => {
    setState({ status: "previewing" });
    revertChange(writeId, true, token).then((report) => setState({ status: "preview", report }), fail);
  };
  const confirm = () => {
    setState({ status: "undoing" });
    revertChange(writeId, false, token).then((report) => {
      setState({ status: "idle" });
      onUndone(report);
    }, fail);
  };
  return (
    <div className="undo">
      {(state.status === "idle" || state.status === "refused") && (
        <button type="button" onClick={preview}>
          {label}
        </button>
      )}
      {state.status === "previewing" && <span className="muted">{t(M.checking)}</span>}
      {state.status === "preview" && (
        <div className="undo-preview" role="group" aria-label={t(M.undoPreview)}>
          <p>{t(M.putsBack)}</p>
          <ReportList report={state.report} />
          <button type="button" onClick={confirm}>
            {t(M.confirm, { action: label.toLowerCase() })}
          </button>{" "}
          <button type="button" onClick={() => setState({ status: "idle" })}>
            {t(M.keep)}
          </button>
        </div>
      )}
      {state.status === "undoing" && <span className="muted">{t(M.undoing)}</span>}
      {state.status === "refused" && (
        <div className="undo-refused" role="alert">
          <p>{t(M.cannotUndo)}</p>
          <ul>
            {state.problems.map((problem, index) => (
              <li key={index} data-code={problem.code}>
                <RefusalWords problem={problem} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function HistoryPanel(props: HistoryPanelProps) {
  const { entityId, token, revision } = props;
  const t = useT();
  const lang = useLang();
  const [tab, setTab] = useState<"changes" | "deleted">("changes");
  const [changes, setChanges] = useState<ChangeEntry[] | null>(null);
  const [deleted, setDeleted] = useState<ChangeEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = useEntityNames(tab === "changes" ? changes : deleted);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const failed = (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : t(M.couldNotLoad));
    };
    if (tab === "changes") fetchRecentChanges(entityId, controller.signal).then(setChanges, failed);
    else fetchDeletedRecords(entityId, controller.signal).then(setDeleted, failed);
    return () => controller.abort();
  }, [tab, entityId, revision]);

  const undo = (writeId: string, label: string) =>
    token ? (
      <UndoControl
        key={`${writeId}:${revision}`}
        writeId={writeId}
        label={label}
        token={token}
        onUndone={props.onUndone}
        onTokenRefused={props.onTokenRefused}
      />
    ) : null;

  return (
    <section className="history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <div className="panel-head">
        <h2 id="history-title">{props.entityName ? t(M.historyOf, { name: props.entityName }) : t(M.history)}</h2>
        <button type="button" onClick={props.onClose}>
          {t(M.close)}
        </button>
      </div>
      {!token && <p className="muted">{t(M.signInToUndo)}</p>}
      <div role="tablist" aria-label={t(M.history)} className="segmented">
        <button type="button" role="tab" aria-selected={tab === "changes"} onClick={() => setTab("changes")}>
          {t(M.recent)}
        </button>
        <button type="button" role="tab" aria-selected={tab === "deleted"} onClick={() => setTab("deleted")}>
          {t(M.deletedRecords)}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tab === "changes" ? (
        changes === null ? (
          <p className="muted">{t(M.loading)}</p>
        ) : changes.length === 0 ? (
          <p className="muted">{t(M.noChanges)}</p>
        ) : (
          <ol className="writes" data-testid="history-writes">
            {groupByWrite(changes).map((group) => {
              const first = group.changes[0]!;
              return (
                <li key={group.writeId} className="write" data-write-id={group.writeId}>
                  <p className="write-head">
                    <time dateTime={first.at}>{when(first.at)}</time> · {first.actor} ·{" "}
                    <span className="muted" title={first.origin}>
                      {t(M.fromOrigin, { origin: originWords(first.origin, lang) })}
                    </span>
                    {first.reverts && (
                      <span className="reverts">{t(M.undoes, { write: first.reverts.slice(0, 8) })}</span>
                    )}
                  </p>
                  <ul className="write-changes">
                    {group.changes.slice(0, SHOWN_CHANGES).map((change) => (
                      <ChangeLine key={change.id} change={change} nameOf={nameOf} />
                    ))}
                  </ul>
                  {group.changes.length > SHOWN_CHANGES && (
                    <details>
                      <summary>{t(M.more, { count: group.changes.length - SHOWN_CHANGES })}</summary>
                      <ul className="write-changes">
                        {group.changes.slice(SHOWN_CHANGES).map((change) => (
                          <ChangeLine key={change.id} change={change} nameOf={nameOf} />
                        ))}
                      </ul>
                    </details>
                  )}
                  {undoable(group.changes) ? (
                    undo(group.writeId, t(M.undoThis))
                  ) : (
                    <p className="muted">{t(M.noUndoErasure)}</p>
                  )}
                </li>
              );
            })}
          </ol>
        )
      ) : deleted === null ? (
        <p className="muted">{t(M.loading)}</p>
      ) : deleted.length === 0 ? (
        <p className="muted">{t(props.entityName ? M.nothingDeletedHere : M.nothingDeleted)}</p>
      ) : (
        <ul className="deleted" data-testid="deleted-records">
          {deleted.map((change) => (
            <li key={change.id}>
              <p>
                <strong>{changeSubject(change, nameOf, lang)}</strong>
              </p>
              <p className="muted">
                {withSlot(
                  t(M.deletedBy, { when: SLOT, actor: change.actor }),
                  <time dateTime={change.at}>{when(change.at)}</time>,
                )}
              </p>
              {change.writeId && undo(change.writeId, t(M.restore))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
