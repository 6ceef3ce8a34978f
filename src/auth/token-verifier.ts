/**
 * Verifies bearer tokens (JWT, RFC 7519) with `jose`: signature, expiry (`exp` is required), `nbf`, the
 * algorithm (only the configured ones; `none` never), and issuer and audience when configured. A token that
 * fails any check is refused with UNAUTHENTICATED — it is never treated as anonymous.
 */
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from "jose";
import type { AuthSettings } from "../config/index.js";
import { UnauthenticatedError } from "../errors/index.js";
import type { TokenClaims } from "./roles.js";

export interface TokenVerifier {
  /** False when no key is configured: the server is then read-only. */
  readonly configured: boolean;
  /** The claims of a valid token; throws UnauthenticatedError otherwise. */
  verify(token: string): Promise<TokenClaims>;
}

/** Allowed clock difference between this server and the token issuer. */
const CLOCK_TOLERANCE_SECONDS = 30;

export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey | undefined = settings.secret
    ? new TextEncoder().encode(settings.secret)
    : settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl))
      : undefined;
  if (!key) {
    return {
      configured: false,
      verify: () =>
        Promise.reject(
          new UnauthenticatedError("This server accepts no tokens: no JWT key is configured, so it is read-only."),
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
        throw new UnauthenticatedError(describeFailure(error));
      }
      const roles = payload.roles;
      if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === "string"))) {
        throw new UnauthenticatedError("The token's `roles` claim must be a list of strings.");
      }
      return { ...payload, sub: payload.sub!, roles: roles ?? [] };
    },
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
