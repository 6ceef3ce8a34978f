/** The pages talk to the public API only: `POST /graphql` on the same origin, standard GraphQL over HTTP. */

/**
 * One problem of a refused write, as the API's one write path reports it (src/graph-data/problems.ts):
 * `index` is the record's place in its list, `field` a dotted path (`citations.0.excerpt`).
 */
export interface WriteProblem {
  item: string;
  index?: number | null;
  id?: string | null;
  field?: string | null;
  code: string;
  message: string;
}

/** A GraphQL or HTTP failure, with the API's `extensions.code` (and a refused write's problems) when it gave them. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly problems: readonly WriteProblem[] = [],
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; problems?: WriteProblem[] } }[];
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  /** A bearer token: sent only by the calls that need one (writes, `viewer`), so reads never fail on an expired one. */
  readonly token?: string | null | undefined;
}

export const GRAPHQL_PATH = "/graphql";

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  signalOrOptions?: AbortSignal | RequestOptions,
): Promise<T> {
  const options: RequestOptions =
    signalOrOptions instanceof AbortSignal ? { signal: signalOrOptions } : (signalOrOptions ?? {});
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("The API cannot be reached.", "NETWORK_ERROR");
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The API answered ${response.status} without a GraphQL body.`, undefined);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code, first.extensions?.problems ?? []);
  if (!body.data) throw new ApiError(`The API answered ${response.status} without data.`, undefined);
  return body.data;
}
