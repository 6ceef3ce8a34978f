/**
 * The form that ends or suspends a relationship: a new period, cited. Ended, the relationship gets an end
 * date and the status `ended`; suspended, this period ends and a new one with the status `suspended` starts.
 * Saved as edit-write.ts's `endWrite` says (the API's `endRelationship`).
 */
import { useMemo } from "react";
import type { GraphEdge } from "./api.js";
import { CheckAndSave, type WriteRequest, useSave, useWriteCheck } from "./check-and-save.js";
import { CitationsEditor } from "./citations-editor.js";
import { endRelationship } from "./edit-api.js";
import { draftKeyOf, useDraft } from "./edit-drafts.js";
import { ProblemText, inputId, useDatePlaceholder } from "./edit-fields.js";
import type { EditPanelProps } from "./edit-panel-props.js";
import {
  type CitationDraft,
  EMPTY_CITATION,
  endFormProblems,
  endWrite,
  problemsOf,
  shownProblems,
} from "./edit-write.js";
import { problemFieldIn } from "./field-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { relationshipFormFields } from "./record-fields.js";
import { RelationshipHeading } from "./relationship-form.js";

const M = messages({
  what: { en: "What happens", fi: "Mitä tapahtuu", sv: "Vad händer" },
  ended: {
    en: "It ended: it gets an end date and the status {status}",
    fi: "Se päättyi: se saa päättymispäivän ja tilan {status}",
    sv: "Den upphörde: den får ett slutdatum och statusen {status}",
  },
  suspended: {
    en: "It was suspended: this period ends, and a new period with the status {status} starts",
    fi: "Se keskeytettiin: tämä jakso päättyy, ja alkaa uusi jakso, jonka tila on {status}",
    sv: "Den avbröts: denna period upphör, och en ny period med statusen {status} börjar",
  },
  date: { en: "From (required)", fi: "Alkaen (pakollinen)", sv: "Från och med (obligatoriskt)" },
  dateHint: {
    en: "The day, month or year it stops holding (its {field}; exclusive).",
    fi: "Päivä, kuukausi tai vuosi, josta alkaen se ei enää ole voimassa (sen {field}; päivä ei sisälly).",
    sv: "Den dag, månad eller det år då den slutar gälla (dess {field}; dagen ej inräknad).",
  },
  end: { en: "End it", fi: "Päätä se", sv: "Avsluta den" },
  suspend: { en: "Suspend it", fi: "Keskeytä se", sv: "Avbryt den" },
});

/**
 * Puts `{name}` in `text` as the given node (an emphasised status, a field's code): `t` leaves a placeholder
 * it is not given a value for in place.
 */
function withNode(text: string, name: string, node: React.ReactNode): React.ReactNode {
  const [before, after] = text.split(`{${name}}`);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

export function EndForm({
  edge,
  mode,
  token,
  nameOf,
  onSaved,
  onCancel,
  onTokenRefused,
}: EditPanelProps & { edge: GraphEdge }) {
  const t = useT();
  const lang = useLang();
  const placeholder = useDatePlaceholder();
  const draft = draftKeyOf(mode);
  const [status, setStatus] = useDraft<"ended" | "suspended">(`${draft}:status`, "ended");
  const [date, setDate] = useDraft(`${draft}:date`, "");
  const [citation, setCitation] = useDraft<CitationDraft>(`${draft}:citation`, EMPTY_CITATION);
  const request = useMemo<WriteRequest | null>(() => {
    if (!token) return null;
    const write = endWrite({ id: edge.id, date, status, citation });
    return { key: write.key, run: (dryRun, signal) => endRelationship(write.input, dryRun, token, signal) };
  }, [edge, date, status, citation, token]);
  const [check, setCheck] = useWriteCheck(request, onTokenRefused);
  const [saving, save] = useSave(request, setCheck, (report) => {
    const next = report.items.find((item) => item.item === "relationship" && item.change === "new");
    onSaved(report, { type: "edge", id: next?.id ?? edge.id });
  });
  const problems = shownProblems(check);
  // endRelationship names the relationship's own problems by its argument (`date`, `status`), and the
  // citation's as the ended period's citations.
  const own = problemsOf(problems, "relationship", 0);
  const prefix = "edit-end";
  const dateId = inputId(prefix, "date");
  const dateProblems = [...(own.get("date") ?? []), ...(own.get("validTo") ?? [])];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <RelationshipHeading edge={edge} nameOf={nameOf} />
      <fieldset className="field">
        <legend>{t(M.what)}</legend>
        <label>
          <input type="radio" name="end-status" checked={status === "ended"} onChange={() => setStatus("ended")} />{" "}
          {withNode(t(M.ended), "status", <em>ended</em>)}
        </label>
        <label>
          <input
            type="radio"
            name="end-status"
            checked={status === "suspended"}
            onChange={() => setStatus("suspended")}
          />{" "}
          {withNode(t(M.suspended), "status", <em>suspended</em>)}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={dateId}>{t(M.date)}</label>
        <input
          id={dateId}
          value={date}
          placeholder={placeholder}
          aria-required
          aria-invalid={dateProblems.length > 0 ? true : undefined}
          aria-describedby={[`${dateId}-hint`, dateProblems.length > 0 ? `${dateId}-problem` : null]
            .filter(Boolean)
            .join(" ")}
          onChange={(event) => setDate(event.target.value)}
        />
        <span className="hint" id={`${dateId}-hint`}>
          {withNode(t(M.dateHint), "field", <code>validTo</code>)}
        </span>
        <ProblemText id={`${dateId}-problem`} messages={dateProblems} />
      </div>
      <CitationsEditor
        prefix={prefix}
        citations={[citation]}
        onChange={(next) => next[0] && setCitation(next[0])}
        problems={endFormProblems(problems)}
        item="relationship"
        index={0}
      />
      <CheckAndSave
        check={check}
        saving={saving}
        onSave={save}
        onCancel={onCancel}
        saveLabel={status === "ended" ? t(M.end) : t(M.suspend)}
        targetOf={(problem) => (problem.field === "date" ? dateId : null)}
        fieldWordsOf={(problem) => problemFieldIn(problem, relationshipFormFields(), lang)}
      />
    </form>
  );
}
