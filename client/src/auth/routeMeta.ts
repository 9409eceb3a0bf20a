import type { Permission } from '@lagverk/shared';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session (the sign-in page). Every other route needs one. */
    public?: boolean;
    /** What the route's page is for; without it the user gets the no-access page. */
    permission?: Permission;
  }
}
