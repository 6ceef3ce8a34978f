/**
 * What a request selects below an insights field, so its Cypher fetches only that: a neighbourhood asked for
 * `nodes { id } edges { type fromId toId }` need not read descriptions, names in three languages, aliases
 * or its relationships' sources (on the benchmark's neighbourhoods, decoding unselected fields was a large
 * share of the server's CPU). Fragments and inline fragments are followed; `@include`/`@skip` are
 * ignored, so the answer is a superset of what is needed, never less.
 */
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

/** The field names selected under `path` (e.g. `["nodes"]`) of the field being resolved. */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = fieldsIn(sets, info).flatMap((field) =>
      field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
    );
  }
  return new Set(fieldsIn(sets, info).map((field) => field.name.value));
}

/** The fields of selection sets, with fragments spread in place (each named fragment once). */
function fieldsIn(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo): FieldNode[] {
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const stack = [...sets];
  for (let set = stack.pop(); set; set = stack.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) stack.push(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment) stack.push(fragment.selectionSet);
      }
    }
  }
  return fields;
}
