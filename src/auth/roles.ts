/** The roles a token can grant (its `roles` claim). Reads need none. */
export const Role = {
  /** May create, change and delete entities, sources and relationships. */
  Editor: "editor",
  /** May read and write personal contact details (`Person.email`, `Person.phone`). */
  Staff: "staff",
  /** May delete more records in one write than an editor may (MAX_EDITOR_DELETES). */
  Admin: "admin",
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The verified claims the API uses. */
export interface TokenClaims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly [claim: string]: unknown;
}

export function hasRole(claims: TokenClaims | undefined, role: Role): boolean {
  return claims?.roles.includes(role) ?? false;
}
