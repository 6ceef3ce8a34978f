/**
 * The saved questions' documents as persisted documents: an allow-list a GraphQL client addresses by id
 * (`GET /graphql?documentId=<name or sha256>&variables=…`, the GraphQL over HTTP persisted-documents
 * convention) instead of sending the text. Apollo Server's own safelisting needs Apollo's hosted registry
 * (GraphOS persisted query lists); automatic persisted queries register any text a client sends, which is
 * no allow-list. So the list is this catalogue, read when the server starts.
 */
import { SAVED_QUESTIONS } from "./catalogue.js";
import { type SavedQuestion, documentHash } from "./question.js";

export interface SavedDocument {
  readonly id: string;
  readonly sha256: string;
  readonly query: string;
  readonly operationName: string;
}

export interface SavedDocuments {
  /** The document a `documentId` names: a question's name, its sha256 hex, or `sha256:<hex>`. */
  byId(id: string): SavedDocument | undefined;
  /** Whether this text is exactly one of the saved documents. */
  hasText(query: string): boolean;
  /** Whether this SHA-256 (hex) is one of the saved documents' (an automatic persisted query's hash). */
  hasHash(sha256: string): boolean;
  readonly all: readonly SavedDocument[];
}

export function savedDocuments(questions: readonly SavedQuestion[] = SAVED_QUESTIONS): SavedDocuments {
  const all = questions.map((question) => ({
    id: question.name,
    sha256: documentHash(question.document),
    query: question.document,
    operationName: question.operationName,
  }));
  const byKey = new Map<string, SavedDocument>();
  for (const document of all) {
    byKey.set(document.id, document);
    byKey.set(document.sha256, document);
    byKey.set(`sha256:${document.sha256}`, document);
  }
  const hashes = new Set(all.map((document) => document.sha256));
  return {
    all,
    byId: (id) => byKey.get(id.toLowerCase().startsWith("sha256:") ? id.toLowerCase() : id),
    hasText: (query) => hashes.has(documentHash(query)),
    hasHash: (sha256) => hashes.has(sha256.toLowerCase()),
  };
}
