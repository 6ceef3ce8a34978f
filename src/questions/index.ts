/**
 * Saved questions: named, reviewed GraphQL operations with typed parameters and a table for each answer,
 * served as CSV and JSON at `/questions` (src/server/questions-route.ts) and as persisted documents on
 * `GET /graphql?documentId=…`. Pure: no HTTP, no database.
 */
export { SAVED_QUESTIONS, savedQuestion } from "./catalogue.js";
export {
  type Cell,
  type OutputOptions,
  type ParameterValue,
  type QuestionParameter,
  type QuestionRow,
  type SavedQuestion,
  RESERVED_PARAMETERS,
  defaultOf,
  describeType,
  documentHash,
  formatValue,
  outputOptions,
  parseParameter,
  questionValues,
} from "./question.js";
export {
  SOURCE_COLUMNS,
  SOURCES_CELL_RULE,
  type Table,
  type TableMeta,
  questionTable,
  tableCsv,
  tableJson,
} from "./table.js";
export { type SavedDocument, type SavedDocuments, savedDocuments } from "./persisted.js";
