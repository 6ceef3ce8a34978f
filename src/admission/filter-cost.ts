/**
 * What a `where` filter costs the database, measured on the argument's value (a literal or a variable,
 * already coerced) against its input type, before anything runs. The list-size cost (query-limits.ts)
 * prices what a query returns; filters cost in another currency — planning and evaluating predicates —
 * and were unpriced: a 461-byte filter nesting `partners: { some: … }` 20 deep ran for 48–73 s, an `OR` of
 * 2000 `contains` for 17–62 s, `NOT` nested 500 deep for 41–75 s, on a 38-node graph, untouched by the
 * transaction timeout (measured here: each `OR` term adds about 5 ms, each relationship level doubles the time).
 *
 * A filter is measured by
 * - **depth**: how deep AND / OR / NOT and relationship filters (`some`, `all`, `none`, `single`,
 *   `aggregate`, on a relationship or its connection) nest;
 * - **terms**: its predicates (`name: { contains: "x" }` is one, `{ eq, startsWith }` two);
 * - **cost**: each predicate weighs 1, plus 1 per 100 characters of string operand and 1 per 10 list
 *   entries, times the fan-out (FILTER_FANOUT) once for every relationship filter around it — what
 *   evaluating it for one candidate may visit.
 * The walk uses an explicit stack: values nested past any limit cannot overflow it.
 */
import {
  type GraphQLInputObjectType,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
} from "graphql";

export interface FilterMeasure {
  readonly depth: number;
  readonly terms: number;
  readonly cost: number;
}

const BOOLEAN_OPERATORS = new Set(["AND", "OR", "NOT"]);
const QUANTIFIERS = ["some", "all", "none", "single"];

/** `CityRelationshipFilters`, `CityPartnersConnectionFilters`: each of its fields crosses a relationship. */
function crossesRelationship(type: GraphQLInputObjectType): boolean {
  const fields = type.getFields();
  return QUANTIFIERS.some((name) => name in fields);
}

/** `StringScalarFilters`, `IntScalarFilters`, `StringListFilters`: each field set is one predicate. */
const predicateTypes = new WeakMap<GraphQLInputObjectType, boolean>();
function isPredicateType(type: GraphQLInputObjectType): boolean {
  let known = predicateTypes.get(type);
  if (known === undefined) {
    known = Object.values(type.getFields()).every((field) => isLeafType(getNamedType(field.type)));
    predicateTypes.set(type, known);
  }
  return known;
}

/** What one operand adds: strings by length, lists by entries. */
function operandWeight(value: unknown): number {
  const items = Array.isArray(value) ? value : [value];
  let characters = 0;
  for (const item of items) if (typeof item === "string") characters += item.length;
  return 1 + Math.floor(characters / 100) + (Array.isArray(value) ? Math.floor(value.length / 10) : 0);
}

interface Frame {
  readonly value: unknown;
  readonly type: GraphQLInputType;
  readonly depth: number;
  readonly weight: number;
}

export function measureFilter(value: unknown, type: GraphQLInputType, fanout: number): FilterMeasure {
  let depth = 0;
  let terms = 0;
  let cost = 0;
  const stack: Frame[] = [{ value, type, depth: 0, weight: 1 }];
  const predicate = (operand: unknown, frame: Frame): void => {
    terms += 1;
    cost += frame.weight * operandWeight(operand);
    depth = Math.max(depth, frame.depth);
  };
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.value === null || frame.value === undefined) continue;
    const type = getNullableType(frame.type);
    if (isListType(type)) {
      const items: unknown[] = Array.isArray(frame.value) ? frame.value : [frame.value];
      for (const item of items) stack.push({ ...frame, value: item, type: type.ofType });
      continue;
    }
    if (!isInputObjectType(type) || typeof frame.value !== "object") {
      predicate(frame.value, frame);
      continue;
    }
    const fields = type.getFields();
    const predicates = isPredicateType(type);
    const relationship = crossesRelationship(type);
    for (const [name, inner] of Object.entries(frame.value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field || inner === null || inner === undefined) continue;
      if (predicates) {
        predicate(inner, frame);
      } else if (relationship) {
        stack.push({ value: inner, type: field.type, depth: frame.depth + 1, weight: frame.weight * fanout });
      } else if (BOOLEAN_OPERATORS.has(name)) {
        stack.push({ value: inner, type: field.type, depth: frame.depth + 1, weight: frame.weight });
      } else {
        stack.push({ value: inner, type: field.type, depth: frame.depth, weight: frame.weight });
      }
    }
    depth = Math.max(depth, frame.depth);
  }
  return { depth, terms, cost };
}

/**
 * The filters of one operation, added up as the cost walk meets each field (so a filter in a fragment spread
 * three times counts three times, as it runs three times). A variable's value is one object however often
 * it is used: measured once.
 */
export class FilterTally {
  depth = 0;
  terms = 0;
  cost = 0;
  private readonly measured = new WeakMap<object, FilterMeasure>();

  constructor(private readonly fanout: number) {}

  add(value: unknown, type: GraphQLInputType): void {
    if (value === null || typeof value !== "object") return;
    let measure = this.measured.get(value);
    if (!measure) {
      measure = measureFilter(value, type, this.fanout);
      this.measured.set(value, measure);
    }
    this.depth = Math.max(this.depth, measure.depth);
    this.terms += measure.terms;
    this.cost += measure.cost;
  }
}
