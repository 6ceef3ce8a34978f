/**
 * What every edit form shares once its draft is a write (edit-write.ts): the API's dry-run check while the
 * editor types, the footer with the problems as a linked summary, the preview of what saving would change,
 * Save and Cancel, and the save itself. The API's messages stay English; what each problem's code means, the
 * field it concerns and everything else here are in the reader's language.
 */
import { useEffect, useRef, useState } from "react";
import { ApiError, type WriteProblem } from "../shared/graphql-client.js";
import type { WriteReport } from "./edit-api.js";
import { type Check, refusedCheck, shownProblems } from "./edit-write.js";
import { messages, useLang, useT } from "./i18n.js";
import { problemCodeWords, requestErrorWords } from "./problem-words.js";
import { ReportList } from "./report-list.js";

const M = messages({
  checking: { en: "Checking with the API…", fi: "Tarkistetaan rajapinnassa…", sv: "Kontrolleras av API:t…" },
  ok: { en: "No problems found.", fi: "Ongelmia ei löytynyt.", sv: "Inga problem hittades." },
  problems: {
    one: {
      en: "{count} problem to fix before saving.",
      fi: "{count} ongelma korjattava ennen tallentamista.",
      sv: "{count} problem att åtgärda innan du sparar.",
    },
    other: {
      en: "{count} problems to fix before saving.",
      fi: "{count} ongelmaa korjattava ennen tallentamista.",
      sv: "{count} problem att åtgärda innan du sparar.",
    },
  },
  toFix: { en: "To fix", fi: "Korjattavaa", sv: "Att åtgärda" },
  problem: { en: "{field}: {what}", fi: "{field}: {what}", sv: "{field}: {what}" },
  preview: { en: "What saving will change", fi: "Mitä tallentaminen muuttaa", sv: "Vad som ändras när du sparar" },
  previewLater: {
    en: "Shown once the API has checked the form without problems.",
    fi: "Näytetään, kun rajapinta on tarkistanut lomakkeen eikä ongelmia löytynyt.",
    sv: "Visas när API:t har kontrollerat formuläret utan problem.",
  },
  saving: { en: "Saving…", fi: "Tallennetaan…", sv: "Sparar…" },
  cancel: { en: "Cancel", fi: "Peruuta", sv: "Avbryt" },
});

/** How long typing must pause before a draft is checked. */
const CHECK_DELAY_MS = 450;

/** A draft as the write it would be: run as a dry run to check it, for real to save it. */
export interface WriteRequest {
  /** Identifies the draft's content: a new key is a new check. */
  readonly key: string;
  run(dryRun: boolean, signal?: AbortSignal): Promise<WriteReport>;
}

/** Checks the draft (a dry run) whenever it changes, after a pause in typing. */
export function useWriteCheck(
  request: WriteRequest | null,
  onTokenRefused: (message: string) => void,
): [Check, (c: Check) => void] {
  const [check, setCheck] = useState<Check>({ status: "idle" });
  const refusedRef = useRef(onTokenRefused);
  refusedRef.current = onTokenRefused;
  const key = request?.key ?? null;
  useEffect(() => {
    if (!request) {
      setCheck({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setCheck((current) => ({
      status: "checking",
      previous: current.status === "checking" ? current.previous : current,
    }));
    const timer = setTimeout(() => {
      request.run(true, controller.signal).then(
        (report) => setCheck({ status: "ok", report }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.code === "UNAUTHENTICATED") refusedRef.current(error.message);
          setCheck(refusedCheck(error));
        },
      );
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for the request's content.
  }, [key]);
  return [check, setCheck];
}

/** Runs the save; a refusal (someone changed the graph since the check) shows its problems. */
export function useSave(
  request: WriteRequest | null,
  setCheck: (check: Check) => void,
  onSaved: (report: WriteReport) => void,
): [boolean, () => void] {
  const [saving, setSaving] = useState(false);
  const save = () => {
    if (!request || saving) return;
    setSaving(true);
    request.run(false).then(
      (report) => {
        setSaving(false);
        onSaved(report);
      },
      (error: unknown) => {
        setSaving(false);
        setCheck(refusedCheck(error));
      },
    );
  };
  return [saving, save];
}

/** The form's footer: the problems as a linked summary, the preview, and Save. */
export function CheckAndSave({
  check,
  targetOf,
  fieldWordsOf,
  saving,
  onSave,
  onCancel,
  saveLabel,
}: {
  check: Check;
  /** The element id of the control a problem concerns, when the form shows one. */
  targetOf: (problem: WriteProblem) => string | null;
  /** The field a problem concerns, in the reader's words ("Valid from"); null for the record as a whole. */
  fieldWordsOf: (problem: WriteProblem) => string | null;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  saveLabel: string;
}) {
  const t = useT();
  const lang = useLang();
  const problems = shownProblems(check);
  const canSave = check.status === "ok" && !saving;
  return (
    <>
      <div className="check-status" aria-live="polite" data-testid="check-status">
        {check.status === "checking" && t(M.checking)}
        {check.status === "ok" && t(M.ok)}
        {check.status === "problems" && t(M.problems, { count: check.problems.length })}
        {check.status === "error" && <RequestError code={check.code} message={check.message} />}
      </div>
      {problems.length > 0 && (
        <section className="problem-summary" aria-labelledby="problem-summary-title" data-testid="problems">
          <h3 id="problem-summary-title">{t(M.toFix)}</h3>
          <ul>
            {problems.map((problem, index) => {
              const target = targetOf(problem);
              const field = fieldWordsOf(problem);
              // What the code means in the reader's words, then the API's message: English, and marked so.
              const what = problemCodeWords(problem.code, lang);
              const text = (
                <>
                  {field ? t(M.problem, { field, what }) : what} — <span lang="en">{problem.message}</span>
                </>
              );
              return (
                <li key={index} data-code={problem.code}>
                  {target ? <a href={`#${target}`}>{text}</a> : text}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section className="preview" aria-labelledby="preview-title" data-testid="preview">
        <h3 id="preview-title">{t(M.preview)}</h3>
        {check.status === "ok" ? <ReportList report={check.report} /> : <p className="muted">{t(M.previewLater)}</p>}
      </section>
      <div className="actions">
        <button type="submit" disabled={!canSave} onClick={onSave}>
          {saving ? t(M.saving) : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t(M.cancel)}
        </button>
      </div>
    </>
  );
}

/**
 * A failed request: what its code means in the reader's language, then the API's own (English) words when it
 * gave any beyond "cannot be reached".
 */
export function RequestError({ code, message }: { code: string | undefined; message: string }) {
  const lang = useLang();
  const reached = code !== "NETWORK_ERROR";
  return (
    <span className="error">
      {requestErrorWords(code, lang)}
      {reached && message && (
        <>
          {" "}
          <span lang="en">{message}</span>
        </>
      )}
    </span>
  );
}
