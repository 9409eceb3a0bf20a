import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { roles } from '@lagverk/shared';
import { permissionTableMarkdown, securityDoc, tableEnd, tableIn, tableStart } from '../scripts/security-doc.ts';

// docs/security.md tells administrators who may do what. Its table must be the one the
// server decides by, so it is regenerated from `permissionTable` and compared.

const page = await readFile(securityDoc, 'utf8');

describe('docs/security.md', () => {
  it('prints the permission table the server decides by', () => {
    const printed = tableIn(page);
    const expected = permissionTableMarkdown();
    expect(printed, `docs/security.md needs ${tableStart} and ${tableEnd} around the permission table`).not.toBeNull();
    if (printed !== expected) {
      console.log(`The permission table in docs/security.md is out of date. Run \`pnpm docs:security\`, or paste:\n\n${expected}\n`);
    }
    expect(printed).toBe(expected);
  });

  it('names every role and every setting it tells administrators about', () => {
    for (const word of [...roles, 'SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS', 'SECURE_COOKIES', 'TRUST_PROXY', 'X-CSRF-Token', 'ASVS']) {
      expect(page, word).toContain(word);
    }
  });
});
