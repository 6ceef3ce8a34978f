/**
 * The history panel: recent changes grouped by the write that made them (who, when, from where, what), each
 * write with "Undo" for editors — `revertChange` with its write id, previewed as a dry run first and then
 * done as a new recorded write; when later writes changed the same records the API refuses
 * (CHANGED_SINCE) and the refusal is shown as it says it. "Deleted records" lists what is gone
 * (`deletedRecords`), each with "Restore", the same undo of the write that deleted it.
 */
import { useEffect, useMemo, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { fetchNode } from "./api.js";
import {
  type ChangeEntry,
  type WriteReport,
  fetchDeletedRecords,
  fetchRecentChanges,
  revertChange,
} from "./edit-api.js";
import { changeSubject, changedFields, operationWords, originWords, undoable } from "./history-words.js";
import { ReportList } from "./report-list.js";

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

function when(at: string): string {
  return at.slice(0, 19).replace("T", " ");
}

/** At most this many entity names are looked up for one listing; the rest are shown by their ids. */
const NAMED_AT_MOST = 40;

/** The names of the entities `changes` touch (their ends, for relationships), looked up once each. */
function useEntityNames(changes: readonly ChangeEntry[] | null): (id: string) => string | undefined {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
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
          for (const node of nodes) if (node) next.set(node.id, node.name);
          return next;
        });
      },
      () => undefined,
    );
    return () => controller.abort();
    // names: read to skip those known; a lookup adding to it must not start another.
  }, [key]);
  return (id) => names.get(id);
}

/** One change: what, in words; opened, each field it touched before and after. */
function ChangeLine({ change, nameOf }: { change: ChangeEntry; nameOf: (id: string) => string | undefined }) {
  const fields = changedFields(change);
  return (
    <li>
      <details className="change">
        <summary>
          <span className={`operation op-${change.operation}`}>{operationWords(change.operation)}</span>{" "}
          {changeSubject(change, nameOf)}
          {change.operation === "update" && change.fields.length > 0 && (
            <span className="muted"> ({change.fields.join(", ")})</span>
          )}
        </summary>
        {fields.length === 0 ? (
          <p className="muted">No fields recorded.</p>
        ) : (
          <table className="change-fields">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{row.field}</th>
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

type UndoState =
  | { status: "idle" }
  | { status: "previewing" }
  | { status: "preview"; report: WriteReport }
  | { status: "undoing" }
  | { status: "refused"; messages: string[] };

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
  const [state, setState] = useState<UndoState>({ status: "idle" });
  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") onTokenRefused(error.message);
    setState({
      status: "refused",
      messages:
        error instanceof ApiError
          ? error.problems.length > 0
            ? error.problems.map((problem) => `${problem.message} (${problem.code})`)
            : [error.message]
          : ["The API cannot be reached."],
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
      {state.status === "previewing" && <span className="muted">Checking what undoing would do…</span>}
      {state.status === "preview" && (
        <div className="undo-preview" role="group" aria-label="Undo preview">
          <p>Undoing this puts back:</p>
          <ReportList report={state.report} />
          <button type="button" onClick={confirm}>
            Confirm: {label.toLowerCase()}
          </button>{" "}
          <button type="button" onClick={() => setState({ status: "idle" })}>
            Keep it
          </button>
        </div>
      )}
      {state.status === "undoing" && <span className="muted">Undoing…</span>}
      {state.status === "refused" && (
        <div className="undo-refused" role="alert">
          <p>This cannot be undone now:</p>
          <ul>
            {state.messages.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function HistoryPanel(props: HistoryPanelProps) {
  const { entityId, token, revision } = props;
  const [tab, setTab] = useState<"changes" | "deleted">("changes");
  const [changes, setChanges] = useState<ChangeEntry[] | null>(null);
  const [deleted, setDeleted] = useState<ChangeEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = useEntityNames(tab === "changes" ? changes : deleted);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const failed = (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof ApiError ? failure.message : "Could not load.");
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
        <h2 id="history-title">History{props.entityName ? ` of ${props.entityName}` : ""}</h2>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {!token && <p className="muted">Sign in as an editor to undo changes and restore deleted records.</p>}
      <div role="tablist" aria-label="History" className="segmented">
        <button type="button" role="tab" aria-selected={tab === "changes"} onClick={() => setTab("changes")}>
          Recent changes
        </button>
        <button type="button" role="tab" aria-selected={tab === "deleted"} onClick={() => setTab("deleted")}>
          Deleted records
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tab === "changes" ? (
        changes === null ? (
          <p className="muted">Loading…</p>
        ) : changes.length === 0 ? (
          <p className="muted">No recorded changes.</p>
        ) : (
          <ol className="writes" data-testid="history-writes">
            {groupByWrite(changes).map((group) => {
              const first = group.changes[0]!;
              return (
                <li key={group.writeId} className="write" data-write-id={group.writeId}>
                  <p className="write-head">
                    <time dateTime={first.at}>{when(first.at)}</time> · {first.actor} ·{" "}
                    <span className="muted" title={first.origin}>
                      from {originWords(first.origin)}
                    </span>
                    {first.reverts && <span className="reverts"> · undoes {first.reverts.slice(0, 8)}…</span>}
                  </p>
                  <ul className="write-changes">
                    {group.changes.slice(0, SHOWN_CHANGES).map((change) => (
                      <ChangeLine key={change.id} change={change} nameOf={nameOf} />
                    ))}
                  </ul>
                  {group.changes.length > SHOWN_CHANGES && (
                    <details>
                      <summary>and {group.changes.length - SHOWN_CHANGES} more</summary>
                      <ul className="write-changes">
                        {group.changes.slice(SHOWN_CHANGES).map((change) => (
                          <ChangeLine key={change.id} change={change} nameOf={nameOf} />
                        ))}
                      </ul>
                    </details>
                  )}
                  {undoable(group.changes) ? (
                    undo(group.writeId, "Undo this change")
                  ) : (
                    <p className="muted">An erasure of personal data on request cannot be undone.</p>
                  )}
                </li>
              );
            })}
          </ol>
        )
      ) : deleted === null ? (
        <p className="muted">Loading…</p>
      ) : deleted.length === 0 ? (
        <p className="muted">Nothing has been deleted{props.entityName ? " here" : ""}.</p>
      ) : (
        <ul className="deleted" data-testid="deleted-records">
          {deleted.map((change) => (
            <li key={change.id}>
              <p>
                <strong>{changeSubject(change, nameOf)}</strong>
              </p>
              <p className="muted">
                deleted <time dateTime={change.at}>{when(change.at)}</time> by {change.actor}
              </p>
              {change.writeId && undo(change.writeId, "Restore")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
