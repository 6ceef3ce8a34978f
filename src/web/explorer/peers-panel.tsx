/**
 * Entities side by side (`peers`): the focused entity and the ones picked here — what all of them have, what
 * some have (with three or more), what only one has — grouped by relationship type in plain words, each row
 * naming since when each has it, its relationships and sources a click away. The picks live in the address
 * (`peers=stockholm,oslo`) and the date control's day is passed on.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../shared/graphql-client.js";
import { type GraphEdge, type GraphNode, type PeerComparison, type PeerConnection, fetchPeers } from "./api.js";
import { CitationList } from "./citation-list.js";
import { validityIn } from "./date-words.js";
import { messages, useLang, useT } from "./i18n.js";
import { type TypeGroup, groupByType, sinceText, uniqueByPeer } from "./peers-model.js";
import { SearchBox } from "./search-box.js";
import { MAX_PEERS } from "./url-state.js";

const M = messages({
  loadFailed: {
    en: "Something went wrong while loading.",
    fi: "Lataamisessa tapahtui virhe.",
    sv: "Något gick fel vid inläsningen.",
  },
  title: {
    en: "Side by side: {name} and others",
    fi: "Rinnakkain: {name} ja muut",
    sv: "Sida vid sida: {name} och andra",
  },
  compareWith: { en: "Compare {name} with", fi: "Vertaa kohdetta {name} kohteeseen", sv: "Jämför {name} med" },
  another: {
    en: "Another city, network or body",
    fi: "Toinen kaupunki, verkosto tai toimija",
    sv: "En annan stad, ett nätverk eller ett organ",
  },
  comparedWith: { en: "Compared with", fi: "Verrattavat", sv: "Jämförs med" },
  remove: { en: "Remove {name}", fi: "Poista {name}", sv: "Ta bort {name}" },
  clear: { en: "Clear", fi: "Tyhjennä", sv: "Rensa" },
  atMost: {
    en: "At most {count} entities side by side.",
    fi: "Rinnakkain enintään {count} kohdetta.",
    sv: "Högst {count} entiteter sida vid sida.",
  },
  pick: {
    en: "Pick one or more entities to compare with {name}.",
    fi: "Valitse yksi tai useampi kohde verrattavaksi kohteeseen {name}.",
    sv: "Välj en eller flera entiteter att jämföra med {name}.",
  },
  loading: { en: "Loading…", fi: "Ladataan…", sv: "Läser in…" },
  asOf: { en: "{names}, as of {day}.", fi: "{names}, tilanne {day}.", sv: "{names}, per {day}." },
  anyDate: { en: "{names}, at any date.", fi: "{names}, kaikki päivät.", sv: "{names}, alla datum." },
  sharedByAll: { en: "Shared by all ({count})", fi: "Yhteistä kaikille ({count})", sv: "Gemensamt för alla ({count})" },
  nothingAll: {
    en: "Nothing all of them have.",
    fi: "Ei mitään, mikä olisi kaikilla.",
    sv: "Inget som alla har.",
  },
  sharedBySome: {
    en: "Shared by some ({count})",
    fi: "Yhteistä osalle ({count})",
    sv: "Gemensamt för några ({count})",
  },
  nothingSome: {
    en: "Nothing more than one but not all of them have.",
    fi: "Ei mitään, mikä olisi useammalla mutta ei kaikilla.",
    sv: "Inget som fler än en men inte alla har.",
  },
  unique: { en: "Unique to each ({count})", fi: "Vain yhdellä ({count})", sv: "Unikt för var och en ({count})" },
  only: { en: "Only {name} ({count})", fi: "Vain {name} ({count})", sv: "Bara {name} ({count})" },
  none: { en: "None.", fi: "Ei yhtään.", sv: "Inga." },
  sources: {
    one: { en: "Sources ({count} relationship)", fi: "Lähteet ({count} suhde)", sv: "Källor ({count} relation)" },
    other: {
      en: "Sources ({count} relationships)",
      fi: "Lähteet ({count} suhdetta)",
      sv: "Källor ({count} relationer)",
    },
  },
  noDates: { en: "no dates recorded", fi: "päivämääriä ei ole kirjattu", sv: "inga datum registrerade" },
});

interface PeersPanelProps {
  readonly focusId: string | null;
  readonly focusName: string;
  readonly peers: readonly string[];
  readonly asOf: string | null;
  readonly name: (id: string) => string;
  readonly onChange: (peers: string[]) => void;
  readonly onSelectEdge: (edge: GraphEdge) => void;
  readonly onSelectNode: (id: string) => void;
}

export function PeersPanel({
  focusId,
  focusName,
  peers,
  asOf,
  name,
  onChange,
  onSelectEdge,
  onSelectNode,
}: PeersPanelProps) {
  const t = useT();
  const lang = useLang();
  const [answer, setAnswer] = useState<PeerComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compared = focusId ? [focusId, ...peers.filter((id) => id !== focusId)] : [];
  const comparedKey = compared.join(",");
  useEffect(() => {
    setAnswer(null);
    setError(null);
    const ids = comparedKey.split(",").filter(Boolean);
    if (ids.length < 2) return;
    const controller = new AbortController();
    fetchPeers(ids, asOf, controller.signal).then(setAnswer, (failure: unknown) => {
      if (controller.signal.aborted) return;
      setError(failure instanceof ApiError ? failure.message : t(M.loadFailed));
    });
    return () => controller.abort();
  }, [comparedKey, asOf]);

  const add = (node: GraphNode) => {
    if (node.id === focusId || peers.includes(node.id) || peers.length >= MAX_PEERS) return;
    onChange([...peers, node.id]);
  };
  const rows = (groups: TypeGroup[], level: "h4" | "h5") =>
    groups.map((group) => {
      const Heading = level;
      return (
        <div key={group.type} className="peer-group" data-type={group.type}>
          <Heading>
            {group.label} ({group.connections.length})
          </Heading>
          <ul>
            {group.connections.map((connection) => (
              <ConnectionRow
                key={`${connection.type}|${connection.node.id}`}
                connection={connection}
                onSelectEdge={onSelectEdge}
                onSelectNode={onSelectNode}
              />
            ))}
          </ul>
        </div>
      );
    });

  return (
    <section className="peers wide" aria-labelledby="peers-title" data-testid="peers">
      <h2 id="peers-title">{t(M.title, { name: focusName })}</h2>
      <SearchBox
        label={t(M.compareWith, { name: focusName })}
        placeholder={t(M.another)}
        onPick={add}
        testId="peer-search"
      />
      {peers.length > 0 && (
        <ul className="peer-chosen" aria-label={t(M.comparedWith)}>
          {peers.map((id) => (
            <li key={id}>
              {name(id)}{" "}
              <button
                type="button"
                className="link"
                aria-label={t(M.remove, { name: name(id) })}
                onClick={() => onChange(peers.filter((other) => other !== id))}
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="link" onClick={() => onChange([])}>
              {t(M.clear)}
            </button>
          </li>
        </ul>
      )}
      {peers.length >= MAX_PEERS && <p className="muted">{t(M.atMost, { count: MAX_PEERS + 1 })}</p>}
      <div aria-live="polite" data-testid="peers-result">
        {compared.length < 2 && <p className="muted">{t(M.pick, { name: focusName })}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {compared.length >= 2 && !answer && !error && <p className="muted">{t(M.loading)}</p>}
        {answer && (
          <>
            <p className="muted">
              {asOf
                ? t(M.asOf, { names: answer.peers.map((peer) => peer.name).join(", "), day: asOf })
                : t(M.anyDate, { names: answer.peers.map((peer) => peer.name).join(", ") })}
            </p>
            <section data-testid="shared-by-all" aria-labelledby="shared-by-all-title">
              <h3 id="shared-by-all-title">{t(M.sharedByAll, { count: answer.sharedByAll.length })}</h3>
              {answer.sharedByAll.length === 0 ? (
                <p className="muted">{t(M.nothingAll)}</p>
              ) : (
                rows(groupByType(answer.sharedByAll, lang), "h4")
              )}
            </section>
            {answer.peers.length > 2 && (
              <section data-testid="shared-by-some" aria-labelledby="shared-by-some-title">
                <h3 id="shared-by-some-title">{t(M.sharedBySome, { count: answer.sharedBySome.length })}</h3>
                {answer.sharedBySome.length === 0 ? (
                  <p className="muted">{t(M.nothingSome)}</p>
                ) : (
                  rows(groupByType(answer.sharedBySome, lang), "h4")
                )}
              </section>
            )}
            <section data-testid="unique" aria-labelledby="unique-title">
              <h3 id="unique-title">{t(M.unique, { count: answer.unique.length })}</h3>
              {uniqueByPeer(answer.peers, answer.unique, lang).map(({ peer, groups }) => (
                <div key={peer.id} data-testid={`unique-${peer.id}`}>
                  <h4>
                    {t(M.only, {
                      name: peer.name,
                      count: groups.reduce((sum, group) => sum + group.connections.length, 0),
                    })}
                  </h4>
                  {groups.length === 0 ? <p className="muted">{t(M.none)}</p> : rows(groups, "h5")}
                </div>
              ))}
            </section>
          </>
        )}
      </div>
    </section>
  );
}

function ConnectionRow({
  connection,
  onSelectEdge,
  onSelectNode,
}: {
  connection: PeerConnection;
  onSelectEdge: (edge: GraphEdge) => void;
  onSelectNode: (id: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <li data-testid="peer-connection" data-node={connection.node.id}>
      <button type="button" className="link strong" onClick={() => onSelectNode(connection.node.id)}>
        {connection.node.name}
      </button>
      <ul className="peer-links">
        {connection.links.map((link) => (
          <li key={link.peer.id}>
            {link.peer.name}: {sinceText(link, lang)}
            <details>
              <summary>{t(M.sources, { count: link.relationships.length })}</summary>
              <ul>
                {link.relationships.map((relationship) => (
                  <li key={relationship.id}>
                    <button type="button" className="link" onClick={() => onSelectEdge(relationship)}>
                      {[relationship.kind, relationship.status, validityIn(relationship, lang) ?? t(M.noDates)]
                        .filter(Boolean)
                        .join(" · ")}
                    </button>
                    <CitationList citations={relationship.sources} />
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </li>
  );
}
