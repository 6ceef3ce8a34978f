/**
 * The record model as GraphQL input types: the same fields as an import file, so an API write and an import
 * are one dialect and get the same checks. Kinds, types and statuses are plain strings here on purpose: the
 * one checker (src/graph-data/check.ts) judges them and answers with the same structured problem an import
 * would get. Only the fields that say which record it is are non-null (ids, an entity's kind, a relationship's
 * type and ends): in mode PATCH any other field may be left out (kept as stored) or null (cleared), and a
 * field the record model requires (a name, a title, sources, citations) is asked for by the checker
 * (REQUIRED) when the record is new, cleared, or written whole (mode REPLACE). Descriptions come from the field tables; a schema test checks these classes list exactly the
 * model's fields.
 */
import { Field, Float, ID, InputType, Int } from "type-graphql";
import {
  CITATION_FIELDS,
  ENTITY_FIELDS,
  ENTITY_KINDS,
  KIND_FIELDS,
  LISTED_SCHEMES,
  RELATIONSHIP_FIELDS,
  RELATIONSHIP_TYPES,
  SOURCE_FIELDS,
} from "../../graph-data/index.js";

const REQUIRED_NOTE = "Required, except when mode PATCH updates a stored record (left out: kept).";
const PATCH_NOTE =
  "With mode PATCH a field left out keeps its stored value and a field set to null is cleared; with mode REPLACE the record as given is the whole record.";

@InputType({
  description: `A source: a document facts come from (as in an import file's \`sources\`). ${PATCH_NOTE}`,
})
export class SourceInput {
  @Field(() => ID, { description: SOURCE_FIELDS.id.description })
  id!: string;
  @Field(() => String, { nullable: true, description: `${SOURCE_FIELDS.title.description} ${REQUIRED_NOTE}` })
  title?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.titleEn.description })
  titleEn?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.publisher.description })
  publisher?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.publisherKind.description })
  publisherKind?: string | null;
  @Field(() => ID, { nullable: true, description: SOURCE_FIELDS.publisherId.description })
  publisherId?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.form.description })
  form?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.published.description })
  published?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.url.description })
  url?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.language.description })
  language?: string | null;
  @Field(() => String, { nullable: true, description: SOURCE_FIELDS.note.description })
  note?: string | null;
}

@InputType({ description: "An identifier of the entity elsewhere: a scheme and a value." })
export class ExternalIdInput {
  @Field(() => String, { description: `The scheme: ${LISTED_SCHEMES.join(", ")}.` })
  scheme!: string;
  @Field(() => String, { description: "The value, e.g. `Q1757` for wikidata." })
  value!: string;
}

@InputType({ description: "Where a place is, in degrees (WGS 84)." })
export class LocationInput {
  @Field(() => Float, { description: "Latitude, -90 to 90." })
  lat!: number;
  @Field(() => Float, { description: "Longitude, -180 to 180." })
  lon!: number;
}

@InputType({
  description: `An entity (as in an import file's \`entities\`). Fields of other kinds must be left out: \`location\` (City, Office, Place), \`isoCode\` (Country), \`category\`, \`founded\`, \`staffCount\` (Organization), \`email\`, \`phone\` (Person, role \`staff\`), \`category\`, \`startDate\`, \`endDate\` (Event). ${PATCH_NOTE} A list given (aliases, externalIds, sources) is the whole list.`,
})
export class EntityInput {
  @Field(() => String, { description: `The kind: ${ENTITY_KINDS.join(", ")}.` })
  kind!: string;
  @Field(() => ID, { description: ENTITY_FIELDS.id.description })
  id!: string;
  @Field(() => String, { nullable: true, description: `${ENTITY_FIELDS.name.description} ${REQUIRED_NOTE}` })
  name?: string | null;
  @Field(() => String, { nullable: true, description: ENTITY_FIELDS.nameFi.description })
  nameFi?: string | null;
  @Field(() => String, { nullable: true, description: ENTITY_FIELDS.nameSv.description })
  nameSv?: string | null;
  @Field(() => String, { nullable: true, description: ENTITY_FIELDS.nameEn.description })
  nameEn?: string | null;
  @Field(() => [String], { nullable: true, description: ENTITY_FIELDS.aliases.description })
  aliases?: string[] | null;
  @Field(() => String, { nullable: true, description: ENTITY_FIELDS.description.description })
  description?: string | null;
  @Field(() => [ExternalIdInput], { nullable: true, description: ENTITY_FIELDS.externalIds.description })
  externalIds?: ExternalIdInput[] | null;
  @Field(() => [ID], { nullable: true, description: `${ENTITY_FIELDS.sources.description} ${REQUIRED_NOTE}` })
  sources?: string[] | null;
  @Field(() => LocationInput, { nullable: true, description: KIND_FIELDS.City.location.description })
  location?: LocationInput | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Country.isoCode.description })
  isoCode?: string | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Organization.category.description })
  category?: string | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Organization.founded.description })
  founded?: string | null;
  @Field(() => Int, { nullable: true, description: KIND_FIELDS.Organization.staffCount.description })
  staffCount?: number | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Person.email.description })
  email?: string | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Person.phone.description })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Event.startDate.description })
  startDate?: string | null;
  @Field(() => String, { nullable: true, description: KIND_FIELDS.Event.endDate.description })
  endDate?: string | null;
}

@InputType({ description: "A source cited for a relationship, with the words that support it." })
export class CitationInput {
  @Field(() => ID, { description: CITATION_FIELDS.source.description })
  source!: string;
  @Field(() => String, { nullable: true, description: CITATION_FIELDS.excerpt.description })
  excerpt?: string | null;
  @Field(() => String, { nullable: true, description: CITATION_FIELDS.locator.description })
  locator?: string | null;
}

@InputType({
  description: `A relationship (as in an import file's \`relationships\`). ${PATCH_NOTE} Citations given are the whole list.`,
})
export class RelationshipInput {
  @Field(() => String, { description: `The relationship type: ${RELATIONSHIP_TYPES.join(", ")}.` })
  type!: string;
  @Field(() => ID, { nullable: true, description: RELATIONSHIP_FIELDS.id.description })
  id?: string | null;
  @Field(() => ID, { description: RELATIONSHIP_FIELDS.from.description })
  from!: string;
  @Field(() => ID, { description: RELATIONSHIP_FIELDS.to.description })
  to!: string;
  @Field(() => String, { nullable: true, description: RELATIONSHIP_FIELDS.kind.description })
  kind?: string | null;
  @Field(() => String, { nullable: true, description: RELATIONSHIP_FIELDS.status.description })
  status?: string | null;
  @Field(() => String, { nullable: true, description: RELATIONSHIP_FIELDS.validFrom.description })
  validFrom?: string | null;
  @Field(() => String, { nullable: true, description: RELATIONSHIP_FIELDS.validTo.description })
  validTo?: string | null;
  @Field(() => String, { nullable: true, description: RELATIONSHIP_FIELDS.premises.description })
  premises?: string | null;
  @Field(() => [CitationInput], {
    nullable: true,
    description: `${RELATIONSHIP_FIELDS.citations.description} ${REQUIRED_NOTE}`,
  })
  citations?: CitationInput[] | null;
}

/**
 * An input object as a raw record, as an import file would hold it: absent fields left out, a null kept as
 * null — mode PATCH reads it as "clear this field", mode REPLACE (and the checker) as an absent field, as a
 * file's `nameFi: null` is.
 */
export function toRawRecord(input: object): Record<string, unknown> {
  const plain = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(plain)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, entry]) => entry !== undefined)
              .map(([key, entry]) => [key, plain(entry)]),
          )
        : value;
  return plain(input) as Record<string, unknown>;
}
