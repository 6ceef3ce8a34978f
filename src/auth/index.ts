/** Who is asking: bearer tokens, their verification, and the roles they grant. */
export { Role, hasRole, type TokenClaims } from "./roles.js";
export { createTokenVerifier, bearerToken, subjectProblem, type TokenVerifier } from "./token-verifier.js";
export { mintToken, type TokenRequest } from "./mint-token.js";
