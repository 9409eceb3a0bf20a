import type { FastifyRequest } from 'fastify';
import { grantFor, type Grant, type Permission, type Role } from '@lagverk/shared';

/**
 * Who makes a request: a signed-in person (session cookie) or an integration (bearer
 * token). Every route reads the organisation from here and nowhere else.
 */
export interface Actor {
  organisationId: string;
  via: 'session' | 'token';
  accountId: string | null;
  personId: string | null;
  tokenId: string | null;
  /** The person's or the token's name, for the audit trail. */
  name: string;
  /** Effective roles of an account (granted, plus unitManager/coordinator from the data). */
  roles: Role[];
  /** A token's scopes; null for a person. */
  scopes: Permission[] | null;
  session: { id: string; csrfToken: string; expiresAt: Date } | null;
}

/** What `actor` may do with `permission`: everywhere, within their scope, or not at all. */
export function grantOf(actor: Actor, permission: Permission): Grant | null {
  if (actor.scopes) return actor.scopes.includes(permission) ? 'all' : null;
  return grantFor(permission, actor.roles);
}

/**
 * The permission a route needs, declared in its config. `public`: no caller needed
 * (sign-in, health); `authenticated`: any signed-in caller, acting on their own things
 * (their sessions, their password). A test fails if a route declares none.
 */
export type RoutePermission = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every route but `public` ones; read it through `actorOf`. */
    actor: Actor | null;
    /** The grant the caller holds for the route's permission (scoped: check the resource). */
    grant: Grant | null;
    /** Set by `scopeChecked` when a `scope: 'handler'` route has checked a scoped grant. */
    scopeChecked: boolean;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * Where a scoped grant is checked: `team` means the `id` path parameter is a team;
     * `handler` means the handler checks the resource itself and calls `scopeChecked`
     * (a success answered without that call is turned into a 500: see access.ts).
     */
    scope?: 'team' | 'handler';
    /**
     * The handler lets only the resource's owner (its author) or a moderator change it;
     * anyone else holding the permission gets 403 `not-owner` (see `notOwner` in scope.ts).
     */
    owner?: boolean;
    idempotent?: boolean;
  }
}

/** The caller of a route that requires one (the access hook has made sure). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`route ${request.routeOptions.url} used the actor without requiring one`);
  return request.actor;
}
