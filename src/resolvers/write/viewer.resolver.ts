/**
 * `viewer`: who the API takes the caller to be, from the verified token alone — its `sub` and the roles
 * read from the configured claim (JWT_ROLES_CLAIM). The explorer asks this after sign-in instead of reading
 * the access token itself (to a client an access token is opaque), so the page and the API can never
 * disagree about who may edit.
 */
import { Ctx, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { Role } from "../../auth/index.js";
import type { ResolverContext } from "../shared/resolver-context.js";

@ObjectType({ description: "The caller, as the API sees them: from the verified bearer token." })
export class Viewer {
  @Field(() => ID, { description: "The token's `sub`: recorded as the actor of every write." })
  sub!: string;

  @Field(() => [String], {
    description: `The token's roles that the API knows (${Object.values(Role).join(", ")}); others are left out.`,
  })
  roles!: string[];
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: "The caller; null without a bearer token." })
  viewer(@Ctx() { jwt }: ResolverContext): Viewer | null {
    if (!jwt) return null;
    const known: readonly string[] = Object.values(Role);
    return { sub: jwt.sub, roles: jwt.roles.filter((role) => known.includes(role)) };
  }
}
