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
import { validityIn } from "./date-words.js";
import { messages, useLang, useT } from "./i18n.js";
import {
  classCounts,
  classesOfClaim,
  corroborationFileName,
  corroborationRows,
  tiesByVerdict,
  toCsv,
  classWords,
} from "./whose-word.js";

const M = messages({
  loadFailed: {
    en: "Something went wrong while loading.",
    fi: "Lataamisessa tapahtui virhe.",
    sv: "Något gick fel vid inläsningen.",
  },
  title: {
    en: "Whose word backs {name}’s ties",
    fi: "Kenen tietoon kohteen {name} suhteet perustuvat",
    sv: "Vems ord som stöder relationerna för {name}",
  },
  hide: { en: "Hide whose word", fi: "Piilota lähteiden erittely", sv: "Dölj vems ord" },
  show: {
    en: "Show whose word backs {name}’s partnerships and twinnings",
    fi: "Näytä, kenen tietoon kohteen {name} kumppanuudet ja ystävyyskaupunkisuhteet perustuvat",
    sv: "Visa vems ord som stöder partnerskapen och vänortsförbindelserna för {name}",
  },
  download: { en: "Download the table (CSV)", fi: "Lataa taulukko (CSV)", sv: "Ladda ner tabellen (CSV)" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  noneRecorded: {
    en: "No partnership or twinning of {name} is recorded.",
    fi: "Kohteelle {name} ei ole kirjattu kumppanuuksia eikä ystävyyskaupunkisuhteita.",
    sv: "Inga partnerskap eller vänortsförbindelser för {name} har registrerats.",
  },
  ties: {
    one: {
      en: "{count} tie with other cities and bodies; a tie may be in more than one class.",
      fi: "{count} suhde muihin kaupunkeihin ja toimijoihin; suhde voi kuulua useampaan luokkaan.",
      sv: "{count} relation med andra städer och organ; en relation kan höra till fler än en klass.",
    },
    other: {
      en: "{count} ties with other cities and bodies; a tie may be in more than one class.",
      fi: "{count} suhdetta muihin kaupunkeihin ja toimijoihin; suhde voi kuulua useampaan luokkaan.",
      sv: "{count} relationer med andra städer och organ; en relation kan höra till fler än en klass.",
    },
  },
  firstListed: {
    en: " The first {count} are listed.",
    fi: " Ensimmäiset {count} on lueteltu.",
    sv: " De första {count} listas.",
  },
  perClass: { en: "Ties per class", fi: "Suhteet luokittain", sv: "Relationer per klass" },
  also: { en: "also:", fi: "myös:", sv: "även:" },
  partnership: { en: "partnership", fi: "kumppanuus", sv: "partnerskap" },
  behind: { en: " — behind: {classes}", fi: " — perustana: {classes}", sv: " — bakom: {classes}" },
});

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
  const t = useT();
  const lang = useLang();
  const classLabel = (name: Parameters<typeof classWords>[0]) => classWords(name, lang).label;
  const [answer, setAnswer] = useState<Corroboration | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAnswer(null);
    setError(null);
    if (!open || !entityId) return;
    const controller = new AbortController();
    fetchCorroboration(entityId, controller.signal).then(setAnswer, (failure: unknown) => {
      if (controller.signal.aborted) return;
      setError(failure instanceof ApiError ? failure.message : t(M.loadFailed));
    });
    return () => controller.abort();
  }, [open, entityId, revision]);

  const other = (tie: TieCorroboration) => (tie.fromId === entityId ? tie.toName : tie.fromName);
  return (
    <section className="corroboration wide" aria-labelledby="corroboration-title" data-testid="corroboration">
      <h2 id="corroboration-title">{t(M.title, { name: entityName })}</h2>
      <div className="actions">
        <button type="button" aria-expanded={open} onClick={() => onOpen(!open)}>
          {open ? t(M.hide) : t(M.show, { name: entityName })}
        </button>
        {answer && answer.ties.length > 0 && entityId && (
          <button
            type="button"
            onClick={() => download(corroborationFileName(entityId), toCsv(corroborationRows(answer.ties)))}
          >
            {t(M.download)}
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
              {t(M.loading)}
            </p>
          )}
          {answer && (
            <>
              <p role="status">
                {answer.total === 0 ? t(M.noneRecorded, { name: entityName }) : t(M.ties, { count: answer.total })}
                {answer.ties.length < answer.total && t(M.firstListed, { count: answer.ties.length })}
              </p>
              <h3>{t(M.perClass)}</h3>
              <dl className="class-counts" data-testid="corroboration-counts">
                {classCounts(answer).map((count) => (
                  <div key={count.class} className={count.ties === 0 ? "muted" : undefined}>
                    <dt>{classLabel(count.class)}</dt>
                    <dd>
                      <span data-testid={`count-${count.class}`}>{count.ties}</span> —{" "}
                      {classWords(count.class, lang).explanation}
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
                            ({t(M.also)}{" "}
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
                              classes={classesOfClaim(tie, claim.id).map((name) => classLabel(name))}
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
  const t = useT();
  const lang = useLang();
  const validity = validityIn(claim, lang);
  const what = [claim.kind ?? t(M.partnership), claim.status, validity].filter(Boolean).join(" · ");
  return (
    <li>
      <button type="button" className="link" onClick={onSelect}>
        {what}
      </button>
      {classes.length > 0 && <span className="muted">{t(M.behind, { classes: classes.join("; ") })}</span>}
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
