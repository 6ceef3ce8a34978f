/**
 * The corroboration classes as a plain enum: the rules (corroboration.query.ts) decide them, the GraphQL type
 * (corroboration.type.ts) registers them; neither imports the other for it.
 */
/** How the claims about one tie stand against each other. */
export enum CorroborationClass {
  CONTRADICTED = "CONTRADICTED",
  OUTDATED = "OUTDATED",
  BACKED = "BACKED",
  BACKED_AS_OTHER_KIND = "BACKED_AS_OTHER_KIND",
  CROWD_ONLY = "CROWD_ONLY",
  THIRD_PARTY_ONLY = "THIRD_PARTY_ONLY",
  OFFICIAL_ONLY = "OFFICIAL_ONLY",
  DENIED = "DENIED",
}
