/**
 * Verifies bearer tokens (JWT, RFC 7519) with `jose`: signature, expiry (`exp` is required), `nbf`, the
 * algorithm (only the configured ones; `none` never), and issuer and audience when configured. Then the
 * claims the API keeps or shows are type-checked: `sub` (recorded as the actor of every write, shown by
 * `viewer` and in the public history) must be text a reader can see — a non-empty string of at most
 * MAX_SUBJECT_LENGTH characters, not blank, without control, format (bidi, zero-width) or unpaired surrogate
 * characters — and the roles claim a list of strings. A token that fails any check is refused with
 * UNAUTHENTICATED — it is never treated as anonymous.
 */
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from "jose";
import type { AuthSettings } from "../config/index.js";
import { ServiceUnavailableError, UnauthenticatedError } from "../errors/index.js";
import { KeySourceUnavailable, discoveredKeySet, isKeyFetchFailure } from "./oidc-discovery.js";
import type { TokenClaims } from "./roles.js";

export interface TokenVerifier {
  /** False when no key is configured: the server is then read-only. */
  readonly configured: boolean;
  /** The claims of a valid token; throws UnauthenticatedError otherwise. */
  verify(token: string): Promise<TokenClaims>;
}

/** Allowed clock difference between this server and the token issuer. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** The longest `sub` accepted: OpenID Connect Core 1.0 §2 bounds it at 255 ASCII characters. */
export const MAX_SUBJECT_LENGTH = 255;

/** Characters a reader cannot see or that rewrite what follows: controls, format (bidi, zero-width), lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** Why `sub` cannot be the actor of a write; undefined when it can. */
export function subjectProblem(sub: unknown): string | undefined {
  if (typeof sub !== "string") return `The token's \`sub\` claim must be a string, not ${describeType(sub)}.`;
  if (sub.trim() === "") return "The token's `sub` claim must not be empty or blank.";
  if (sub.length > MAX_SUBJECT_LENGTH)
    return `The token's \`sub\` claim must be at most ${MAX_SUBJECT_LENGTH} characters (it has ${sub.length}).`;
  if (INVISIBLE.test(sub))
    return "The token's `sub` claim must not hold control, formatting (bidi, zero-width) or unpaired surrogate characters.";
  return undefined;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey | undefined = settings.secret
    ? new TextEncoder().encode(settings.secret)
    : settings.jwksUrl
      ? outageAware(createRemoteJWKSet(new URL(settings.jwksUrl)))
      : settings.discoveryIssuer
        ? discoveredKeySet(settings.discoveryIssuer)
        : undefined;
  if (!key) {
    return {
      configured: false,
      verify: () =>
        Promise.reject(
          new UnauthenticatedError(
            "This server accepts no tokens: no JWT key is configured (JWT_SECRET, JWT_JWKS_URL or OIDC_ISSUER), so it is read-only.",
          ),
        ),
    };
  }
  const options = {
    algorithms: [...settings.algorithms],
    requiredClaims: ["exp", "sub"],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  return {
    configured: true,
    async verify(token) {
      let payload: JWTPayload;
      try {
        // Two calls because jose's overloads take a key or a key-getter, not their union.
        payload =
          typeof key === "function"
            ? (await jwtVerify(token, key, options)).payload
            : (await jwtVerify(token, key, options)).payload;
      } catch (error) {
        if (error instanceof KeySourceUnavailable) {
          throw new ServiceUnavailableError(
            "The identity provider's signing keys cannot be fetched right now, so the token cannot be checked; try again shortly.",
          );
        }
        throw new UnauthenticatedError(
          describeFailure(error),
          error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired
            ? error.claim
            : undefined,
        );
      }
      const sub: unknown = payload.sub;
      const problem = subjectProblem(sub);
      if (problem !== undefined) throw new UnauthenticatedError(problem, "sub");
      const roles = claimAt(payload, settings.rolesClaim);
      if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === "string"))) {
        throw new UnauthenticatedError(
          `The token's \`${settings.rolesClaim}\` claim must be a list of strings.`,
          settings.rolesClaim,
        );
      }
      return { ...payload, sub: sub as string, roles: roles ?? [] };
    },
  };
}

/**
 * The value of a claim named `path`: the claim of that exact name when there is one (Auth0's namespaced
 * `https://example.org/roles`), else the dotted path into nested objects (Keycloak's `realm_access.roles`).
 */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const step of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, step)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** A key set whose fetch failures (the provider down) are told apart from tokens it rejects. */
function outageAware(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (!isKeyFetchFailure(error)) throw error;
      throw new KeySourceUnavailable(String(error));
    }
  };
}

/** A reason a client can act on, without echoing the token or library internals. */
function describeFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The token has expired.";
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "The token is signed with an algorithm this server does not accept.";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The token's signature is not valid.";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's \`${error.claim}\` claim is missing or not valid.`;
  if (error instanceof errors.JWKSNoMatchingKey) return "No key of this server matches the token.";
  return "The token is not a valid JWT.";
}

/** The token in an `Authorization: Bearer …` header; undefined when there is no such header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <token>`.");
  return match[1];
}
