import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Client secrets must be readable by the server (it sends them to the provider), so they
// cannot be hashed like passwords. With SECRETS_KEY set they are sealed with AES-256-GCM
// before they reach the database, so a database dump or backup alone does not give them
// away; the key lives only in the servers' environment. Without a key they are stored as
// given (docs/single-sign-on.md says to protect the database accordingly).
//
// Stored form: `aes256gcm:<iv>:<tag>:<ciphertext>` (base64url parts) or `plain:<secret>`.
// The row's organisation and id are bound in as associated data, so a sealed secret
// copied into another row does not open there.

const sealedPrefix = 'aes256gcm:';
const plainPrefix = 'plain:';

export class SecretUnavailable extends Error {}

export function sealSecret(secret: string, key: Buffer | undefined, boundTo: string): string {
  if (!key) return plainPrefix + secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return sealedPrefix + [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url')).join(':');
}

/** The secret as given; SecretUnavailable when it was sealed with a key this server lacks. */
export function openSecret(stored: string, key: Buffer | undefined, boundTo: string): string {
  if (stored.startsWith(plainPrefix)) return stored.slice(plainPrefix.length);
  if (!stored.startsWith(sealedPrefix)) throw new SecretUnavailable('the stored secret has an unknown form');
  if (!key) throw new SecretUnavailable('the secret is encrypted, but SECRETS_KEY is not set');
  const [iv, tag, ciphertext] = stored.slice(sealedPrefix.length).split(':').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !ciphertext) throw new SecretUnavailable('the stored secret is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnavailable('the secret does not open with this SECRETS_KEY (was the key changed?)');
  }
}
