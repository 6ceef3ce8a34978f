/**
 * The query text's shape, checked before Apollo parses or validates it. graphql-js parses and validates
 * recursively: a literal nested 2,000 deep overflowed the parser's stack, and a chain of 2,400 fragments each
 * spreading the next overflowed a validation rule (both answered with a stack-overflow message or a 500).
 * A fragment "bomb" — 22 levels of fragments that each spread both fragments of the next level, 1.7 KB of
 * text — expands to 4 million selections and blocked the process for seconds in `@neo4j/graphql`'s
 * translation, although depth, alias and cost limits all passed it.
 *
 * So, in order, each step bounded by the one before:
 * 1. one pass of graphql-js's lexer (iterative) counts tokens (MAX_QUERY_TOKENS) and the nesting of
 *    braces, brackets and parentheses (MAX_QUERY_NESTING);
 * 2. the text is parsed (its recursion now bounded by the nesting limit);
 * 3. the selections each operation has once every fragment is expanded (MAX_QUERY_SELECTIONS) and how deep
 *    fragment spreads nest (MAX_QUERY_NESTING) are computed without expanding anything: each definition's
 *    own fields and spreads are counted once, then each fragment's expanded size is memoised, walking the
 *    fragment graph with an explicit stack. Work is linear in the text, whatever the expansion.
 * A syntax error is left to the parser, which reports it with its position.
 */
import { type DocumentNode, Kind, Lexer, type SelectionSetNode, Source, TokenKind, parse } from "graphql";

export interface ShapeLimits {
  readonly maxTokens: number;
  readonly maxNesting: number;
  readonly maxSelections: number;
}

/**
 * A limit the request went over: which (`extensions.limit`), a message that names the variable, and the
 * numbers for `extensions` (`maxTokens`, `maxNesting`, `selections` and `maxSelections`, …).
 */
export interface ShapeProblem {
  readonly limit: "tokens" | "nesting" | "selections";
  readonly message: string;
  readonly measured: Record<string, number>;
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** Checks a query text; undefined when it is within every limit (or not valid GraphQL: the parser says why). */
export function checkQueryText(query: string, limits: ShapeLimits): ShapeProblem | undefined {
  const lexical = checkTokens(query, limits);
  if (lexical !== "ok") return lexical;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch {
    return undefined;
  }
  return checkFragments(document, limits);
}

function checkTokens(query: string, limits: ShapeLimits): ShapeProblem | "ok" | undefined {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) {
        return {
          limit: "tokens",
          measured: { maxTokens: limits.maxTokens },
          message: `The query has more than ${limits.maxTokens} tokens (MAX_QUERY_TOKENS): send a shorter query, with values in variables.`,
        };
      }
      if (OPENING.has(token.kind)) {
        nesting += 1;
        if (nesting > limits.maxNesting) {
          return {
            limit: "nesting",
            measured: { maxNesting: limits.maxNesting },
            message: `The query nests braces, brackets or parentheses more than ${limits.maxNesting} deep (MAX_QUERY_NESTING).`,
          };
        }
      } else if (CLOSING.has(token.kind)) {
        nesting -= 1;
      }
    }
  } catch {
    return undefined; // a syntax error: the parser reports it
  }
  return "ok";
}

/** What one operation or fragment holds itself: its fields, inline fragments, and spreads by fragment name. */
interface OwnSelections {
  count: number;
  spreads: Map<string, number>;
}

function ownSelections(selectionSet: SelectionSetNode): OwnSelections {
  const own: OwnSelections = { count: 0, spreads: new Map() };
  const pending: SelectionSetNode[] = [selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const selection of set.selections) {
      own.count += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        own.spreads.set(name, (own.spreads.get(name) ?? 0) + 1);
      } else if (selection.selectionSet) {
        pending.push(selection.selectionSet);
      }
    }
  }
  return own;
}

interface Expanded {
  /** Selections once every spread is expanded (saturating far above any limit). */
  readonly size: number;
  /** The longest chain of fragment spreads below (0: spreads nothing). */
  readonly depth: number;
}

const SATURATED = Number.MAX_SAFE_INTEGER;

export function checkFragments(document: DocumentNode, limits: ShapeLimits): ShapeProblem | undefined {
  const fragments = new Map<string, OwnSelections>();
  const operations: OwnSelections[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, ownSelections(definition.selectionSet));
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations.push(ownSelections(definition.selectionSet));
    }
  }

  // Post-order over the fragment graph with an explicit stack. A fragment met again while it is being
  // expanded is a cycle (a validation error reported later): it counts as empty here.
  const expanded = new Map<string, Expanded>();
  const inProgress = new Set<string>();
  const expand = (root: string): void => {
    const stack: string[] = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1]!;
      if (expanded.has(name)) {
        stack.pop();
        continue;
      }
      const own = fragments.get(name);
      if (!own) {
        expanded.set(name, { size: 0, depth: 0 });
        stack.pop();
        continue;
      }
      if (!inProgress.has(name)) {
        inProgress.add(name);
        for (const target of own.spreads.keys()) {
          if (!expanded.has(target) && !inProgress.has(target)) stack.push(target);
        }
        continue;
      }
      stack.pop();
      inProgress.delete(name);
      expanded.set(name, combine(own, expanded));
    }
  };
  for (const name of fragments.keys()) expand(name);

  let depth = 0;
  for (const fragment of expanded.values()) depth = Math.max(depth, fragment.depth);
  if (depth > limits.maxNesting) {
    return {
      limit: "nesting",
      measured: { nesting: depth, maxNesting: limits.maxNesting },
      message: `Fragments spread each other ${depth} deep, over the limit of ${limits.maxNesting} (MAX_QUERY_NESTING).`,
    };
  }
  for (const operation of operations) {
    const { size } = combine(operation, expanded);
    if (size > limits.maxSelections) {
      const shown = size >= SATURATED ? "too many" : String(size);
      return {
        limit: "selections",
        measured: { ...(size < SATURATED ? { selections: size } : {}), maxSelections: limits.maxSelections },
        message:
          `With its fragments expanded the operation has ${shown} selections, over the limit of ` +
          `${limits.maxSelections} (MAX_QUERY_SELECTIONS): select fewer fields, or spread fragments fewer times.`,
      };
    }
  }
  return undefined;
}

function combine(own: OwnSelections, expanded: ReadonlyMap<string, Expanded>): Expanded {
  let size = own.count;
  let depth = 0;
  for (const [target, times] of own.spreads) {
    const inner = expanded.get(target) ?? { size: 0, depth: 0 };
    size = Math.min(SATURATED, size + times * inner.size);
    depth = Math.max(depth, inner.depth + 1);
  }
  return { size, depth };
}

/**
 * How deep objects and lists nest in a request's variables, walked with an explicit stack (JSON.stringify
 * and graphql-js's coercion both recurse, and overflowed on variables nested 10,000 deep). Stops counting
 * once past `limit`.
 */
export function variablesNesting(variables: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value, depth } = frame;
    if (value === null || typeof value !== "object") continue;
    const inner = depth + 1;
    deepest = Math.max(deepest, inner);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: inner });
    }
  }
  return deepest;
}
