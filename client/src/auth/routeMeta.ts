import type { Permission } from '@lagverk/shared';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without a session (the sign-in page). Every other route needs one. */
    public?: boolean;
    /**
     * Public, and about nobody: the survey answer page. The session is not loaded for it and
     * the header shows no name, so the page holds nothing that says who is answering.
     */
    anonymous?: boolean;
    /** What the route's page is for; without it the user gets the no-access page. */
    permission?: Permission;
  }
}
