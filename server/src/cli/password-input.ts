import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { passwordRules } from '@lagverk/shared';
import { assertAcceptablePassword } from '../auth/passwords.ts';

// A new password reaches the CLI on standard input (for scripts: `--password-stdin`) or
// typed at a prompt, twice, without echo. Never as an argument: arguments end up in the
// shell history and in every other user's `ps`.

/** The new password, checked against the same rules as in the web client. */
export async function readNewPassword(options: { fromStdin: boolean; email: string }): Promise<string> {
  const password = options.fromStdin ? await readStdin() : await promptTwice();
  const length = [...password].length;
  if (length < passwordRules.minLength) throw new Error(`The password is too short: use at least ${passwordRules.minLength} characters.`);
  if (length > passwordRules.maxLength) throw new Error(`The password is too long: use at most ${passwordRules.maxLength} characters.`);
  // Throws an HttpProblem whose message says why (too common, or the email itself).
  assertAcceptablePassword(password, options.email);
  return password;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // `echo secret |` and a file saved by an editor both end in a newline that is no part of it.
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password === '') throw new Error('No password on standard input.');
  return password;
}

async function promptTwice(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error('There is no terminal to ask for the password: pipe it in and pass --password-stdin.');
  }
  const first = await askHidden('New password: ');
  const second = await askHidden('The same password again: ');
  if (first !== second) throw new Error('The two passwords differ; nothing was changed.');
  return first;
}

/** Asks on the terminal with echo off: readline echoes into a sink, the prompt goes to stderr. */
function askHidden(prompt: string): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: sink, terminal: true });
  process.stderr.write(prompt);
  return new Promise<string>((resolve, reject) => {
    rl.on('SIGINT', () => rl.close());
    // Ctrl+C or Ctrl+D before Enter: the promise is still open, so this cancels.
    rl.on('close', () => reject(new Error('Cancelled; nothing was changed.')));
    rl.question('', (answer) => {
      resolve(answer);
      rl.close();
    });
  }).finally(() => process.stderr.write('\n'));
}
