/**
 * Checks the input of the generated mutations before they run, because `@neo4j/graphql` cannot express
 * these rules: every relationship written cites at least one source (with one excerpt per source), every
 * new entity cites a source, cited sources exist, ids are slugs and never change, dates are ISO 8601
 * (possibly partial), statuses come from the vocabulary, and updates and deletes say what they touch.
 * The input is walked together with its GraphQL input types, so nested creates and connects are checked too.
 */
import {
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  Kind,
  getArgumentValues,
  getNullableType,
  isInputObjectType,
  isListType,
} from "graphql";
import { ENTITY_KINDS, ID_PATTERN, STATUSES, firstDayOf, isPartialDate } from "../graph-data/index.js";

/** Date-valued fields per input type (besides the Fact's validFrom / validTo). */
const DATE_FIELDS: Record<string, readonly string[]> = {
  Organization: ["founded"],
  Event: ["startDate", "endDate"],
  Source: ["published"],
};
const ENTITY_OR_SOURCE = new Set<string>([...ENTITY_KINDS, "Source"]);
const MAX_EXCERPT_LENGTH = 300;

type InputRecord = Record<string, unknown>;

export interface MutationInputReport {
  readonly problems: string[];
  /** Source ids the input cites, to be checked against the database. */
  readonly citedSourceIds: Set<string>;
  /** Source ids the same operation creates. */
  readonly createdSourceIds: Set<string>;
}

export function checkMutationInput(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): MutationInputReport {
  const report: MutationInputReport = { problems: [], citedSourceIds: new Set(), createdSourceIds: new Set() };
  const mutationType = schema.getMutationType();
  if (!mutationType) return report;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = mutationType.getFields()[selection.name.value];
    if (!field) continue;
    const args = getArgumentValues(field, selection, variables);
    const name = selection.name.value;
    if ((name.startsWith("update") || name.startsWith("delete")) && isEmpty(args.where)) {
      report.problems.push(
        `${name}.where: say which records to ${name.startsWith("update") ? "update" : "delete"}; an empty \`where\` would touch them all`,
      );
    }
    for (const arg of field.args) {
      if (args[arg.name] !== undefined) walk(args[arg.name], arg.type, `${name}.${arg.name}`, report);
    }
  }
  return report;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
}

function walk(value: unknown, type: GraphQLInputType, path: string, report: MutationInputReport): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    (value as unknown[]).forEach((item, index) => walk(item, nullable.ofType, `${path}[${index}]`, report));
    return;
  }
  if (!isInputObjectType(nullable)) return;
  const record = value as InputRecord;
  check(nullable.name, record, path, report);
  const fields = nullable.getFields();
  for (const [key, child] of Object.entries(record)) {
    const fieldType = fields[key]?.type;
    if (fieldType) walk(child, fieldType, `${path}.${key}`, report);
  }
}

function check(typeName: string, input: InputRecord, path: string, report: MutationInputReport): void {
  const match = /^(\w+?)(Create|Update)Input$/.exec(typeName);
  if (!match) return;
  const [, owner = "", action] = match;
  if (owner === "Fact") {
    if (action === "Create") checkFactCreate(input, path, report);
    else checkFactUpdate(input, path, report);
  } else if (ENTITY_OR_SOURCE.has(owner)) {
    if (action === "Create") checkRecordCreate(owner, input, path, report);
    else checkRecordUpdate(owner, input, path, report);
  }
}

/** `{ set: x }` (update inputs) or `x` (create inputs). */
function newValue(value: unknown): unknown {
  return value && typeof value === "object" && !Array.isArray(value) && "set" in value ? value.set : value;
}

function checkDate(value: unknown, path: string, report: MutationInputReport): void {
  if (value !== undefined && value !== null && !(typeof value === "string" && isPartialDate(value))) {
    report.problems.push(`${path}: must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD`);
  }
}

function checkCitations(sourceIds: unknown, excerpts: unknown, path: string, report: MutationInputReport): void {
  const ids = Array.isArray(sourceIds) ? (sourceIds as string[]) : [];
  const texts = Array.isArray(excerpts) ? (excerpts as string[]) : [];
  if (ids.length === 0) report.problems.push(`${path}.sourceIds: every relationship must cite at least one source`);
  if (texts.length !== ids.length) {
    report.problems.push(
      `${path}.excerpts: give one excerpt per source (${ids.length} source(s), ${texts.length} excerpt(s))`,
    );
  }
  texts.forEach((text, index) => {
    if (text.trim() === "" || text.length > MAX_EXCERPT_LENGTH) {
      report.problems.push(`${path}.excerpts[${index}]: must be a short quote of 1–${MAX_EXCERPT_LENGTH} characters`);
    }
  });
  for (const id of ids) report.citedSourceIds.add(id);
}

function checkValidity(
  validFrom: unknown,
  validTo: unknown,
  status: unknown,
  path: string,
  report: MutationInputReport,
): void {
  checkDate(validFrom, `${path}.validFrom`, report);
  checkDate(validTo, `${path}.validTo`, report);
  if (
    typeof validFrom === "string" &&
    typeof validTo === "string" &&
    isPartialDate(validFrom) &&
    isPartialDate(validTo)
  ) {
    if (firstDayOf(validTo) <= firstDayOf(validFrom)) report.problems.push(`${path}.validTo: must be after validFrom`);
  }
  if (status !== undefined && status !== null && !(STATUSES as readonly unknown[]).includes(status)) {
    report.problems.push(`${path}.status: must be one of ${STATUSES.join(", ")}`);
  }
}

function checkFactCreate(input: InputRecord, path: string, report: MutationInputReport): void {
  checkCitations(input.sourceIds, input.excerpts, path, report);
  checkValidity(input.validFrom, input.validTo, input.status, path, report);
}

function checkFactUpdate(input: InputRecord, path: string, report: MutationInputReport): void {
  const touchesCitations = input.sourceIds !== undefined || input.excerpts !== undefined;
  if (touchesCitations) {
    const sourceIds = input.sourceIds as InputRecord | undefined;
    const excerpts = input.excerpts as InputRecord | undefined;
    if (
      !sourceIds ||
      !excerpts ||
      !("set" in sourceIds) ||
      !("set" in excerpts) ||
      Object.keys({ ...sourceIds, ...excerpts }).length > 1
    ) {
      report.problems.push(`${path}: replace sourceIds and excerpts together, each with \`set\``);
    } else {
      checkCitations(sourceIds.set, excerpts.set, path, report);
    }
  }
  checkValidity(newValue(input.validFrom), newValue(input.validTo), newValue(input.status), path, report);
}

function checkRecordCreate(owner: string, input: InputRecord, path: string, report: MutationInputReport): void {
  if (typeof input.id !== "string" || !ID_PATTERN.test(input.id)) {
    report.problems.push(`${path}.id: must be a lowercase slug such as \`helsinki-eu-office\``);
  }
  const title = owner === "Source" ? "title" : "name";
  if (typeof input[title] !== "string" || input[title].trim() === "") {
    report.problems.push(`${path}.${title}: must not be blank`);
  }
  if (owner === "Source") {
    if (typeof input.id === "string") report.createdSourceIds.add(input.id);
    if (typeof input.url === "string" && !URL.canParse(input.url))
      report.problems.push(`${path}.url: must be a web address`);
  } else {
    const ids = Array.isArray(input.sourceIds) ? (input.sourceIds as string[]) : [];
    if (ids.length === 0) report.problems.push(`${path}.sourceIds: cite at least one source`);
    for (const id of ids) report.citedSourceIds.add(id);
  }
  for (const field of DATE_FIELDS[owner] ?? []) checkDate(input[field], `${path}.${field}`, report);
}

function checkRecordUpdate(owner: string, input: InputRecord, path: string, report: MutationInputReport): void {
  if (input.id !== undefined)
    report.problems.push(`${path}.id: ids are stable and cannot change; create a new record instead`);
  const title = owner === "Source" ? "title" : "name";
  const renamed = newValue(input[title]);
  if (input[title] !== undefined && (typeof renamed !== "string" || renamed.trim() === "")) {
    report.problems.push(`${path}.${title}: must not be blank`);
  }
  const sourceIds = input.sourceIds as InputRecord | undefined;
  if (sourceIds) {
    if ("pop" in sourceIds) {
      report.problems.push(`${path}.sourceIds: use \`set\` to replace the citations, not \`pop\``);
    }
    const next = [sourceIds.set, sourceIds.push].flat().filter((id): id is string => typeof id === "string");
    if ("set" in sourceIds && (!Array.isArray(sourceIds.set) || sourceIds.set.length === 0)) {
      report.problems.push(`${path}.sourceIds: cite at least one source`);
    }
    for (const id of next) report.citedSourceIds.add(id);
  }
  for (const field of DATE_FIELDS[owner] ?? []) checkDate(newValue(input[field]), `${path}.${field}`, report);
}
