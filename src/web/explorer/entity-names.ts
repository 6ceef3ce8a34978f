/**
 * An entity's name in the reader's language: its name in that language where it has one (Helsinki Centre is
 * "Helsinki-keskus" in Finnish, "Helsingforscentret" in Swedish), else its display name. The graph, the lists
 * and the panels all take names from here.
 */
import type { GraphNode } from "./api.js";
import type { DrawnGraph } from "./graph-model.js";
import type { Lang } from "./i18n-core.js";

export function nameIn(
  entity: { readonly name: string; readonly names?: readonly { readonly lang: string; readonly value: string }[] },
  lang: Lang,
): string {
  const own = entity.names?.find((name) => name.lang === lang && name.value.trim().length > 0);
  return own?.value ?? entity.name;
}

/** The entity with its `name` in `lang` (the same object when that is already its name). */
export function inLang<T extends GraphNode>(node: T, lang: Lang): T {
  const name = nameIn(node, lang);
  return name === node.name ? node : { ...node, name };
}

/** The drawn graph with every entity named in `lang` (the neighbourhoods drawn in part too). */
export function graphInLang(graph: DrawnGraph, lang: Lang): DrawnGraph {
  const nodes = new Map([...graph.nodes].map(([id, node]) => [id, inLang(node, lang)]));
  return { ...graph, nodes, cut: graph.cut.map((cut) => ({ ...cut, name: nodes.get(cut.id)?.name ?? cut.name })) };
}
