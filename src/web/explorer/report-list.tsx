/**
 * A write report as a list: what saving (or undoing) would change, or changed — each record with its fields,
 * named in the reader's language (field-words.ts).
 */
import type { WriteReport } from "./edit-api.js";
import { recordFieldIn } from "./field-words.js";
import { type Message, messages, useLang, useT } from "./i18n.js";

const CHANGE_WORDS: Readonly<Record<string, Message>> = messages({
  new: { en: "New", fi: "Uusi", sv: "Ny" },
  changed: { en: "Changed", fi: "Muutettu", sv: "Ändrad" },
  corroborated: {
    en: "Corroborated (a further source)",
    fi: "Vahvistettu (uusi lähde)",
    sv: "Bekräftad (ytterligare en källa)",
  },
  conflict: {
    en: "Kept beside a conflicting claim",
    fi: "Säilytetty ristiriitaisen väitteen rinnalla",
    sv: "Behålls bredvid ett motstridigt påstående",
  },
  deleted: { en: "Deleted", fi: "Poistettu", sv: "Borttagen" },
});

/** What kind of record an item is, in lower case after the change word ("New relationship"). */
const ITEM_WORDS: Readonly<Record<string, Message>> = messages({
  source: { en: "source", fi: "lähde", sv: "källa" },
  entity: { en: "entity", fi: "kohde", sv: "entitet" },
  relationship: { en: "relationship", fi: "suhde", sv: "relation" },
});

const M = messages({
  nothing: {
    en: "Nothing would change: the graph already says this.",
    fi: "Mikään ei muuttuisi: graafissa on jo tämä tieto.",
    sv: "Inget skulle ändras: grafen säger redan detta.",
  },
  removes: { en: " — removes {fields}", fi: " — poistaa: {fields}", sv: " — tar bort {fields}" },
  more: { en: "… and more.", fi: "… ja muita.", sv: "… och fler." },
});

/**
 * What saving would change (or changed): the write report's records, each with its changed fields and,
 * named apart so nobody removes data unknowingly, the fields that held data and go.
 */
export function ReportList({ report }: { report: WriteReport }) {
  const t = useT();
  const lang = useLang();
  const fieldsOf = (item: string, names: readonly string[]) =>
    names.map((name) => recordFieldIn(item, name, lang)).join(", ");
  const changeWords = (change: string) => {
    const words = CHANGE_WORDS[change];
    return words ? t(words) : change;
  };
  const itemWords = (item: string) => {
    const words = ITEM_WORDS[item];
    return words ? t(words) : item;
  };
  if (report.items.length === 0) return <p className="muted">{t(M.nothing)}</p>;
  return (
    <ul className="report-items">
      {report.items.map((item) => (
        <li key={`${item.item}:${item.id}:${item.change}`} data-change={item.change}>
          <strong>{changeWords(item.change)}</strong> {itemWords(item.item)} <code>{item.id}</code>
          {item.fields.length > 0 && item.change !== "new" && <span> — {fieldsOf(item.item, item.fields)}</span>}
          {(item.removed ?? []).length > 0 && (
            <span className="removed-note" data-testid="removed-fields">
              {t(M.removes, { fields: fieldsOf(item.item, item.removed) })}
            </span>
          )}
          {item.conflict && <span className="conflict-note"> ({item.conflict})</span>}
        </li>
      ))}
      {report.truncated && <li className="muted">{t(M.more)}</li>}
    </ul>
  );
}
