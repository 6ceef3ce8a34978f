/** Signs HS256 tokens with JWT_SECRET, for local use and tests (`npm run token`). */
import { SignJWT } from "jose";

export interface TokenRequest {
  readonly sub: string;
  readonly roles: readonly string[];
  /** A `jose` duration such as `8h` or `30m`, or seconds since the epoch. */
  readonly expiresIn?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
}

export async function mintToken(secret: string, request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ roles: [...request.roles] })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? "8h");
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
