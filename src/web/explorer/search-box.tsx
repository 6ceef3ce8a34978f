/**
 * A search combobox over every name in every language and every alias (the API's `search`): suggestions
 * appear as you type; arrow keys move, Enter picks, Escape closes (the WAI-ARIA combobox pattern). Text that
 * matches nothing says so, with names spelled like it to pick instead ("did you mean Helsinki?").
 */
import { useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type GraphNode, searchEntities, suggestEntities } from "./api.js";
import { inLang } from "./entity-names.js";
import { messages, useLang, useT } from "./i18n.js";
import { kindLabel, kindStyle } from "./kinds.js";

const M = messages({
  failed: { en: "Search failed.", fi: "Haku epäonnistui.", sv: "Sökningen misslyckades." },
  suggestions: { en: "{label} suggestions", fi: "{label}: ehdotukset", sv: "{label}: förslag" },
  noMatch: { en: "No match for “{query}”.", fi: "Ei osumia haulle ”{query}”.", sv: "Inga träffar för ”{query}”." },
  looking: { en: "Looking for similar names…", fi: "Etsitään samankaltaisia nimiä…", sv: "Söker liknande namn…" },
  didYouMean: { en: "Did you mean", fi: "Tarkoititko", sv: "Menade du" },
  or: { en: " or ", fi: " tai ", sv: " eller " },
  tryAnother: {
    en: "Try another spelling, the name in Finnish, Swedish or English, or an abbreviation.",
    fi: "Kokeile toista kirjoitusasua, nimeä suomeksi, ruotsiksi tai englanniksi tai lyhennettä.",
    sv: "Prova en annan stavning, namnet på finska, svenska eller engelska, eller en förkortning.",
  },
});

interface SearchBoxProps {
  readonly label: string;
  readonly placeholder?: string;
  readonly onPick: (node: GraphNode) => void;
  /** Shown in the box when nothing is being typed (e.g. the picked entity's name). */
  readonly value?: string;
  readonly inputRef?: React.Ref<HTMLInputElement>;
  readonly testId?: string;
  /** Ids of the elements that describe the box (a form's problem message), and whether it holds a problem. */
  readonly describedBy?: string | undefined;
  readonly invalid?: boolean;
  /** The input's id, when a form's problem summary links to it. */
  readonly id?: string;
}

const DEBOUNCE_MS = 150;

export function SearchBox({
  label,
  placeholder,
  onPick,
  value = "",
  inputRef,
  testId,
  describedBy,
  invalid,
  id,
}: SearchBoxProps) {
  const [text, setText] = useState(value);
  const [hits, setHits] = useState<GraphNode[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The text that found nothing, and names spelled like it (null while looked for).
  const [miss, setMiss] = useState<{ query: string; like: GraphNode[] | null } | null>(null);
  const listId = useId();
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const typed = useRef(false);
  const t = useT();
  const lang = useLang();

  useEffect(() => {
    if (!typed.current) setText(value);
  }, [value]);

  useEffect(() => {
    const query = text.trim();
    setMiss(null);
    if (!typed.current || query.length === 0) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchEntities(query, controller.signal).then(
        (nodes) => {
          setHits(nodes.map((node) => inLang(node, lang)));
          setActive(0);
          setOpen(true);
          setError(null);
          if (nodes.length > 0) return;
          setMiss({ query, like: null });
          suggestEntities(query, controller.signal).then(
            (like) => setMiss({ query, like: like.map((node) => inLang(node, lang)) }),
            () => !controller.signal.aborted && setMiss({ query, like: [] }),
          );
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setHits([]);
          setError(failure instanceof ApiError ? failure.message : t(M.failed));
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The language is read when the answer comes; a change of language alone need not search again.
  }, [text]);

  const pick = (node: GraphNode) => {
    typed.current = false;
    setText(node.name);
    setOpen(false);
    setHits([]);
    setMiss(null);
    onPick(node);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, hits.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      const hit = hits[active];
      if (open && hit) {
        event.preventDefault();
        pick(hit);
      }
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };

  const expanded = open && hits.length > 0;
  return (
    <div className="search-box" data-testid={testId}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        ref={inputRef}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => hits.length > 0 && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="search-miss" role="status" data-testid={testId ? `${testId}-miss` : undefined}>
        {miss && <MissNote query={miss.query} like={miss.like} onPick={pick} />}
      </div>
      <ul
        id={listId}
        role="listbox"
        className="suggestions"
        hidden={!expanded}
        aria-label={t(M.suggestions, { label })}
      >
        {hits.map((node, index) => (
          <li
            key={node.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(node)}
          >
            <span className="kind-dot" style={{ background: kindStyle(node.kind).color }} aria-hidden="true" />
            <span className="hit-name">{node.name}</span>
            <span className="hit-kind">{kindLabel(node.kind, lang)}</span>
            {otherNames(node) && <span className="hit-aliases">{otherNames(node)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The names a researcher may have typed that differ from the display name. */
function otherNames(node: GraphNode): string {
  const names = new Set([...node.names.map((n) => n.value), ...node.aliases]);
  names.delete(node.name);
  return [...names].join(" · ");
}

/** What a search that found nothing says: that it found nothing, and what to try (names spelled alike). */
function MissNote({
  query,
  like,
  onPick,
}: {
  readonly query: string;
  readonly like: readonly GraphNode[] | null;
  readonly onPick: (node: GraphNode) => void;
}) {
  const t = useT();
  return (
    <p>
      {t(M.noMatch, { query })}{" "}
      {like === null ? (
        t(M.looking)
      ) : like.length > 0 ? (
        <>
          {t(M.didYouMean)}{" "}
          {like.map((node, index) => (
            <span key={node.id}>
              {index > 0 && (index === like.length - 1 ? t(M.or) : ", ")}
              <button type="button" className="link" onClick={() => onPick(node)}>
                {node.name}
              </button>
            </span>
          ))}
          ?
        </>
      ) : (
        t(M.tryAnother)
      )}
    </p>
  );
}
