import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { unprocessable } from '../http/problem.ts';

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum
// recommendation). Passwords are never logged: the logger redacts `password` fields and
// no error carries one.

// The library's default algorithm is argon2id.
export const hashPassword = (password: string) => hash(password);

/** A real hash of nothing in particular, verified when no account matches, so a
 * failed sign-in takes as long whether or not the email exists. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, given: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('decoy password that never matches');
    await verify(await decoy, given).catch(() => false);
    return false;
  }
  return verify(stored, given).catch(() => false);
}

// The ~50,000 most used passwords, from zxcvbn's list. The schema already demands 12+
// characters; this catches "passwordpassword" and friends.
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Refuses a new password that is common or is the account's own email (422). */
export function assertAcceptablePassword(password: string, email: string, path = '/body/password'): void {
  const lower = password.toLowerCase();
  if (common.has(lower) || lower === email.toLowerCase() || lower === email.toLowerCase().split('@')[0]) {
    throw unprocessable('weak-password', 'This password is too common or too easy to guess. Choose another, for example a few unrelated words.', [
      { path, message: 'is too common or too easy to guess', code: 'weak-password' },
    ]);
  }
}
