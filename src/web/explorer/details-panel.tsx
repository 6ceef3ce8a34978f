/**
 * The side panel: the selected entity, with its relationships by type and direction (entity-relationships.tsx),
 * or the selected relationship, with its provenance (source, publisher, date, excerpt, link) and whose word each
 * source is (citation-list.tsx).
 */
import { useEffect, useState } from "react";
import {
  type ChangeEntry,
  type GraphEdge,
  type GraphNode,
  type SourceRecord,
  fetchChanges,
  fetchEntitySources,
} from "./api.js";
import { CitationList } from "./citation-list.js";
import { EntityRelationships } from "./entity-relationships.js";
import { STATUSES } from "../../graph-data/vocabulary.js";
import { recordFieldIn, statusMeaningIn } from "./field-words.js";
import { formatPartialDate, formatValidity } from "./graph-model.js";
import { operationWords, originWords } from "./history-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { kindLabel, kindStyle, typeLabel } from "./kinds.js";
import { isCrowdOnly } from "./whose-word.js";

const M = messages({
  nameFi: { en: "Finnish", fi: "Suomeksi", sv: "På finska" },
  nameSv: { en: "Swedish", fi: "Ruotsiksi", sv: "På svenska" },
  nameEn: { en: "English", fi: "Englanniksi", sv: "På engelska" },
  aliases: { en: "Also known as", fi: "Muut nimet", sv: "Även känd som" },
  id: { en: "Id", fi: "Tunniste", sv: "Identifierare" },
  expand: { en: "Expand", fi: "Laajenna", sv: "Expandera" },
  centre: { en: "Centre here", fi: "Keskitä tähän", sv: "Centrera här" },
  pathFrom: { en: "Path from here", fi: "Polku täältä", sv: "Väg härifrån" },
  pathTo: { en: "Path to here", fi: "Polku tänne", sv: "Väg hit" },
  sources: { en: "Sources", fi: "Lähteet", sv: "Källor" },
  history: { en: "History", fi: "Historia", sv: "Historik" },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  noSources: {
    en: "No source is recorded for this entity itself; its relationships cite theirs.",
    fi: "Tälle kohteelle itselleen ei ole kirjattu lähdettä; sen suhteilla on omat lähteensä.",
    sv: "Ingen källa har registrerats för själva entiteten; dess relationer anger sina egna källor.",
  },
  noChanges: {
    en: "No recorded changes: as loaded with the curated graph.",
    fi: "Ei kirjattuja muutoksia: tiedot ovat sellaisinaan kuratoidusta graafista.",
    sv: "Inga registrerade ändringar: uppgifterna är sådana som de lästes in med den kurerade grafen.",
  },
  aRelationship: { en: "a “{type}” relationship", fi: "suhde ”{type}”", sv: "en relation ”{type}”" },
  someRelationship: { en: "a relationship", fi: "suhde", sv: "en relation" },
  byFrom: { en: "{actor} · from {origin}", fi: "{actor} · lähde: {origin}", sv: "{actor} · från {origin}" },
  relationship: { en: "Relationship", fi: "Suhde", sv: "Relation" },
  type: { en: "Type", fi: "Tyyppi", sv: "Typ" },
  valid: { en: "Valid", fi: "Voimassa", sv: "Giltig" },
  noDates: { en: "No dates recorded", fi: "Päivämääriä ei ole kirjattu", sv: "Inga datum har registrerats" },
  status: { en: "Status", fi: "Tila", sv: "Status" },
  crowdOnly: {
    en: "Only the crowd says so: every source of this relationship is a crowd-sourced dataset.",
    fi: "Tieto on vain joukkoistettu: kaikki tämän suhteen lähteet ovat joukkoistettuja aineistoja.",
    sv: "Bara crowdsourcade uppgifter: alla källor för denna relation är crowdsourcade datamängder.",
  },
});

/** The heading of a name in another language ("Finnish": the name in Finnish). */
const NAME_LANGS: Readonly<Record<string, (typeof M)[keyof typeof M]>> = { fi: M.nameFi, sv: M.nameSv, en: M.nameEn };

/** A status in the reader's words ("in force" → "voimassa"); one the vocabulary does not have, as it is. */
function statusIn(status: string, lang: Parameters<typeof statusMeaningIn>[1]): string {
  return (STATUSES as readonly string[]).includes(status)
    ? statusMeaningIn(status as Parameters<typeof statusMeaningIn>[0], lang)
    : status;
}

interface NodeDetailsProps {
  readonly node: GraphNode;
  /** The day the date control is set to (null: all dates), for the relationships' states. */
  readonly asOf: string | null;
  readonly onSelectNode: (id: string) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
  readonly onExpand: () => void;
  readonly onFocus: () => void;
  readonly onPathFrom: () => void;
  readonly onPathTo: () => void;
}

export function NodeDetails({
  node,
  asOf,
  onSelectNode,
  onSelectEdge,
  onExpand,
  onFocus,
  onPathFrom,
  onPathTo,
}: NodeDetailsProps) {
  const [sources, setSources] = useState<SourceRecord[] | null>(null);
  const [changes, setChanges] = useState<ChangeEntry[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setSources(null);
    setChanges(null);
    fetchEntitySources(node.id, controller.signal).then(setSources, () => setSources([]));
    fetchChanges(node.id, controller.signal).then(setChanges, () => setChanges([]));
    return () => controller.abort();
  }, [node.id]);
  const t = useT();
  const lang = useLang();
  const style = kindStyle(node.kind);
  return (
    <section className="details" aria-labelledby="details-title" data-testid="details">
      <p className="kind-tag" style={{ borderColor: style.color }}>
        {kindLabel(node.kind, lang)}
      </p>
      <h2 id="details-title">{node.name}</h2>
      {node.description && <p>{node.description}</p>}
      <dl>
        {node.names.map((name) => (
          <div key={name.lang}>
            <dt>{NAME_LANGS[name.lang] ? t(NAME_LANGS[name.lang]!) : name.lang}</dt>
            <dd lang={name.lang}>{name.value}</dd>
          </div>
        ))}
        {node.aliases.length > 0 && (
          <div>
            <dt>{t(M.aliases)}</dt>
            <dd>{node.aliases.join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>{t(M.id)}</dt>
          <dd>
            <code>{node.id}</code>
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" onClick={onExpand}>
          {t(M.expand)}
        </button>
        <button type="button" onClick={onFocus}>
          {t(M.centre)}
        </button>
        <button type="button" onClick={onPathFrom}>
          {t(M.pathFrom)}
        </button>
        <button type="button" onClick={onPathTo}>
          {t(M.pathTo)}
        </button>
      </div>
      <EntityRelationships entityId={node.id} asOf={asOf} onSelectNode={onSelectNode} onSelectEdge={onSelectEdge} />
      <h3>{t(M.sources)}</h3>
      {sources === null ? (
        <p className="muted">{t(M.loading)}</p>
      ) : sources.length === 0 ? (
        <p className="muted">{t(M.noSources)}</p>
      ) : (
        <ul className="citations">
          {sources.map((source) => (
            <li key={source.id}>
              <SourceLine source={source} />
            </li>
          ))}
        </ul>
      )}
      <h3>{t(M.history)}</h3>
      {changes === null ? (
        <p className="muted">{t(M.loading)}</p>
      ) : changes.length === 0 ? (
        <p className="muted">{t(M.noChanges)}</p>
      ) : (
        <ul className="history" data-testid="history">
          {changes.map((change, index) => (
            <li key={`${change.at}-${change.itemId}-${index}`}>
              <time dateTime={change.at}>{formatPartialDate(change.at.slice(0, 10), lang)}</time>{" "}
              {operationWords(change.operation, lang).toLowerCase()}{" "}
              {change.itemType === "relationship"
                ? change.itemKind
                  ? t(M.aRelationship, { type: typeLabel(change.itemKind, lang) })
                  : t(M.someRelationship)
                : change.itemType === "entity"
                  ? node.name
                  : change.itemType}
              {change.fields.length > 0 &&
                change.operation === "update" &&
                ` (${change.fields.map((field) => recordFieldIn(change.itemType, field, lang)).join(", ")})`}
              <span className="muted">
                {" "}
                · {t(M.byFrom, { actor: change.actor, origin: originWords(change.origin, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface EdgeDetailsProps {
  readonly edge: GraphEdge;
  readonly from: GraphNode | undefined;
  readonly to: GraphNode | undefined;
  readonly onSelectNode: (id: string) => void;
}

export function EdgeDetails({ edge, from, to, onSelectNode }: EdgeDetailsProps) {
  const t = useT();
  const lang = useLang();
  const validity = formatValidity(edge, lang);
  return (
    <section className="details" aria-labelledby="details-title" data-testid="details">
      <p className="kind-tag">{t(M.relationship)}</p>
      <h2 id="details-title">
        <button type="button" className="link" onClick={() => onSelectNode(edge.fromId)}>
          {from?.name ?? edge.fromId}
        </button>{" "}
        <span className="relationship-type">{typeLabel(edge.type, lang)}</span>{" "}
        <button type="button" className="link" onClick={() => onSelectNode(edge.toId)}>
          {to?.name ?? edge.toId}
        </button>
      </h2>
      <dl>
        <div>
          <dt>{t(M.type)}</dt>
          <dd>
            <code>{edge.type}</code>
            {edge.kind && ` (${edge.kind})`}
          </dd>
        </div>
        <div>
          <dt>{t(M.valid)}</dt>
          <dd>{validity ?? t(M.noDates)}</dd>
        </div>
        {edge.status && (
          <div>
            <dt>{t(M.status)}</dt>
            <dd>{statusIn(edge.status, lang)}</dd>
          </div>
        )}
      </dl>
      <h3>{t(M.sources)}</h3>
      {isCrowdOnly(edge) && (
        <p className="crowd-note" data-testid="crowd-only-note">
          {t(M.crowdOnly)}
        </p>
      )}
      <CitationList citations={edge.sources} testId="citations" />
    </section>
  );
}

function SourceLine({ source }: { source: SourceRecord }) {
  const lang = useLang();
  const published = formatPartialDate(source.published, lang);
  return (
    <p className="source">
      {source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer noopener">
          {source.title}
        </a>
      ) : (
        <strong>{source.title}</strong>
      )}
      {source.publisher && <span> · {source.publisher}</span>}
      {published && <span> · {published}</span>}
    </p>
  );
}
