/** The GraphQL schema: generated API + insights fields, merged. */
export { buildApiSchema, readTypeDefs, SDL_DIR, type ApiSchema } from "./build-schema.js";
