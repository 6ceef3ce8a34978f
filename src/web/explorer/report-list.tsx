/** A write report as a list: what saving (or undoing) would change, or changed — each record with its fields. */
import type { WriteReport } from "./edit-api.js";

const CHANGE_WORDS: Record<string, string> = {
  new: "New",
  changed: "Changed",
  corroborated: "Corroborated (a further source)",
  conflict: "Kept beside a conflicting claim",
  deleted: "Deleted",
};

/**
 * What saving would change (or changed): the write report's records, each with its changed fields and,
 * named apart so nobody removes data unknowingly, the fields that held data and go.
 */
export function ReportList({ report }: { report: WriteReport }) {
  if (report.items.length === 0) return <p className="muted">Nothing would change: the graph already says this.</p>;
  return (
    <ul className="report-items">
      {report.items.map((item) => (
        <li key={`${item.item}:${item.id}:${item.change}`} data-change={item.change}>
          <strong>{CHANGE_WORDS[item.change] ?? item.change}</strong> {item.item} <code>{item.id}</code>
          {item.fields.length > 0 && item.change !== "new" && <span> — {item.fields.join(", ")}</span>}
          {(item.removed ?? []).length > 0 && (
            <span className="removed-note" data-testid="removed-fields">
              {" "}
              — removes {item.removed.join(", ")}
            </span>
          )}
          {item.conflict && <span className="conflict-note"> ({item.conflict})</span>}
        </li>
      ))}
      {report.truncated && <li className="muted">… and more.</li>}
    </ul>
  );
}
