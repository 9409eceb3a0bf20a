import type { Account, AccountPage, MySurveyInvitationList } from '@lagverk/shared';
import { api, baseUrl, demoAccounts, type ApiSession } from './browser.ts';

// A person's own survey link, found the way they find it: the administrator gives them a
// member account, they sign in and open their invitations (GET /me/survey-invitations).
// Nobody else can list the links, so a test that must answer as many people signs in as each.

/** The password of the member accounts made here (strong enough for the server's rules). */
export const invitedMemberPassword = 'e2e-invitert-medarbeider-lagvik-2026';

const sessions = new Map<string, Promise<ApiSession | null>>();

/** Signs in as `email`; null when the server refuses (not our password, not active). */
async function signInAs(email: string, password: string): Promise<ApiSession | null> {
  const response = await fetch(`${baseUrl}/api/v1/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Lagverk browser tests' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status === 401) return null;
  if (response.status !== 201) throw new Error(`Signing in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * A session of the person's member account, making the account first when they have none.
 * An account made elsewhere is left as it is (nothing is reset): a demo account, or one
 * whose password is not ours, gives null, and the caller picks someone else.
 */
async function sessionOf(personId: string, email: string): Promise<ApiSession | null> {
  const created = await api<Account>('/accounts', {
    method: 'POST', body: { personId, email, roles: ['member'], password: invitedMemberPassword },
  });
  if (created.status === 201) return signInAs(created.body.email, invitedMemberPassword);
  if (created.status !== 409) throw new Error(`Creating an account for ${email} failed: ${created.status} ${JSON.stringify(created.body)}`);
  const found = await api<AccountPage>(`/accounts?q=${encodeURIComponent(email)}&limit=50`);
  const account = found.body.items.find((a) => a.personId === personId);
  // Made elsewhere (or the email is another person's): not ours to sign in to.
  if (!account || !account.active || !account.hasPassword) return null;
  // A demo account: other tests sign in as it and count its sessions; leave it be.
  if ((Object.values(demoAccounts) as string[]).includes(account.email.toLowerCase())) return null;
  // Most likely made here by an earlier call (another test file): try our password, once.
  return signInAs(account.email, invitedMemberPassword);
}

/**
 * The invitation token the person has in round `roundId`, as they see it signed in; null
 * when they are not invited, have answered already, or cannot be signed in as (see above).
 */
export async function invitationToken(personId: string, email: string, roundId: string): Promise<string | null> {
  const key = `${personId} ${email.toLowerCase()}`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (!sessions.has(key)) sessions.set(key, sessionOf(personId, email));
    const session = await sessions.get(key)!;
    if (!session) return null;
    const list = await api<MySurveyInvitationList>('/me/survey-invitations', { as: session });
    // The session ended meanwhile: sign in again.
    if (list.status === 401) {
      sessions.delete(key);
      continue;
    }
    if (list.status !== 200) throw new Error(`Listing the invitations of ${email} failed: ${list.status} ${JSON.stringify(list.body)}`);
    const invitation = list.body.items.find((item) => item.roundId === roundId);
    return invitation ? invitation.link.split('#')[1]! : null;
  }
  return null;
}
