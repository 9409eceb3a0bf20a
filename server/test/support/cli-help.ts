// Prints the CLI's --help page for each argument list given as JSON in argv[2], as JSON.
// Each page is a fresh import of the real CLI entry point in this one process, so the
// heavy dependencies load once instead of once per page (a Node process costs seconds).

export {};

const pages = JSON.parse(process.argv[2] ?? '[]') as string[][];
const write = process.stdout.write.bind(process.stdout);
const results: { args: string[]; stdout: string; exitCode: number }[] = [];

for (const [i, args] of pages.entries()) {
  let stdout = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.argv = [process.argv[0]!, 'lagverk', ...args];
  process.exitCode = undefined;
  try {
    await import(`../../src/cli/index.ts?page=${i}`);
  } finally {
    process.stdout.write = write;
  }
  results.push({ args, stdout, exitCode: Number(process.exitCode ?? 0) });
}
process.exitCode = 0;
write(JSON.stringify(results));
