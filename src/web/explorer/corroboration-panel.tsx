/**
 * Whose word backs each of the focused entity's ties (`corroboration`): how many ties are in each class, in
 * plain words, then the ties grouped by verdict, each with every claim about it and who says so (party or
 * third party, city, news media or the crowd), and the whole table as CSV to cite. Loaded only when opened:
 * the address keeps it open (`corroboration=1`).
 */
import { useEffect, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type Corroboration, type GraphEdge, type TieCorroboration, fetchCorroboration } from "./api.js";
import { WhoseWord } from "./citation-list.js";
import { formatValidity } from "./graph-model.js";
import {
  CLASS_WORDS,
  classCounts,
  classLabel,
  classesOfClaim,
  corroborationFileName,
  corroborationRows,
  tiesByVerdict,
  toCsv,
} from "./whose-word.js";

interface CorroborationPanelProps {
  readonly entityId: string | null;
  readonly entityName: string;
  readonly open: boolean;
  /** Raised by every write, so the table is asked again. */
  readonly revision: number;
  readonly onOpen: (open: boolean) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
}

/** Hands the table to the browser as a file (UTF-8 with a byte-order mark, which spreadsheets read as UTF-8). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CorroborationPanel({
  entityId,
  entityName,
  open,
  revision,
  onOpen,
  onSelectEdge,
}: CorroborationPanelProps) {
  const [answer, setAnswer] = useState<Corroboration | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAnswer(null);
    setError(null);
    if (!open || !entityId) return;
    const controller = new AbortController();
    fetchCorroboration(entityId, controller.signal).then(setAnswer, (failure: unknown) => {
      if (controller.signal.aborted) return;
      setError(failure instanceof ApiError ? failure.message : "Something went wrong while loading.");
    });
    return () => controller.abort();
  }, [open, entityId, revision]);

  const other = (tie: TieCorroboration) => (tie.fromId === entityId ? tie.toName : tie.fromName);
  return (
    <section className="corroboration wide" aria-labelledby="corroboration-title" data-testid="corroboration">
      <h2 id="corroboration-title">Whose word backs {entityName}’s ties</h2>
      <div className="actions">
        <button type="button" aria-expanded={open} onClick={() => onOpen(!open)}>
          {open ? "Hide whose word" : `Show whose word backs ${entityName}’s partnerships and twinnings`}
        </button>
        {answer && answer.ties.length > 0 && entityId && (
          <button
            type="button"
            onClick={() => download(corroborationFileName(entityId), toCsv(corroborationRows(answer.ties)))}
          >
            Download the table (CSV)
          </button>
        )}
      </div>
      {open && (
        <div data-testid="corroboration-result">
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {!answer && !error && (
            <p className="muted" role="status">
              Loading…
            </p>
          )}
          {answer && (
            <>
              <p role="status">
                {answer.total === 0
                  ? `No partnership or twinning of ${entityName} is recorded.`
                  : `${answer.total} ${answer.total === 1 ? "tie" : "ties"} with other cities and bodies; a tie may be in more than one class.`}
                {answer.ties.length < answer.total && ` The first ${answer.ties.length} are listed.`}
              </p>
              <h3>Ties per class</h3>
              <dl className="class-counts" data-testid="corroboration-counts">
                {classCounts(answer).map((count) => (
                  <div key={count.class} className={count.ties === 0 ? "muted" : undefined}>
                    <dt>{classLabel(count.class)}</dt>
                    <dd>
                      <span data-testid={`count-${count.class}`}>{count.ties}</span> —{" "}
                      {CLASS_WORDS[count.class].explanation}
                    </dd>
                  </div>
                ))}
              </dl>
              {tiesByVerdict(answer.ties).map((group) => (
                <section
                  key={group.verdict}
                  className="tie-group"
                  aria-labelledby={`verdict-${group.verdict}`}
                  data-testid={`verdict-${group.verdict}`}
                >
                  <h3 id={`verdict-${group.verdict}`}>
                    {classLabel(group.verdict)} ({group.ties.length})
                  </h3>
                  <ul>
                    {group.ties.map((tie) => (
                      <li key={`${tie.fromId}|${tie.toId}`} data-testid="tie">
                        <strong>{other(tie)}</strong>
                        {tie.classes.length > 1 && (
                          <span className="muted">
                            {" "}
                            (also:{" "}
                            {tie.classes
                              .filter((found) => found.class !== tie.verdict)
                              .map((found) => classLabel(found.class))
                              .join("; ")}
                            )
                          </span>
                        )}
                        <ul className="tie-claims">
                          {tie.claims.map((claim) => (
                            <TieClaim
                              key={claim.id}
                              claim={claim}
                              classes={classesOfClaim(tie, claim.id).map(classLabel)}
                              onSelect={() => onSelectEdge(claim)}
                            />
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          )}
        </div>
      )}
    </section>
  );
}

function TieClaim({
  claim,
  classes,
  onSelect,
}: {
  claim: GraphEdge;
  classes: readonly string[];
  onSelect: () => void;
}) {
  const validity = formatValidity(claim);
  const what = [claim.kind ?? "partnership", claim.status, validity].filter(Boolean).join(" · ");
  return (
    <li>
      <button type="button" className="link" onClick={onSelect}>
        {what}
      </button>
      {classes.length > 0 && <span className="muted"> — behind: {classes.join("; ")}</span>}
      <ul className="change-sources">
        {claim.sources.map((source) => (
          <li key={source.sourceId}>
            <cite>{source.title}</cite>
            {source.publisher && ` · ${source.publisher}`}
            <WhoseWord citation={source} />
          </li>
        ))}
      </ul>
    </li>
  );
}
