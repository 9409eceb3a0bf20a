import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

// A real SMTP server on 127.0.0.1 (a free port) that keeps what it receives, parsed. It
// can refuse messages (`reject = true`) to show the sender retries, and slow down
// (`delayMs`) to make two drains overlap. It asks for a login, as a real relay would.

export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  reject: boolean;
  delayMs: number;
  close(): Promise<void>;
}

export const sinkUser = 'lagverk';
export const sinkPassword = 'hemmelig-smtp-passord';

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: Omit<SmtpSink, 'url' | 'close'> = { received: [], reject: false, delayMs: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === sinkUser && auth.password === sinkPassword) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        setTimeout(() => {
          if (sink.reject) {
            const error = new Error('Mailbox unavailable, try later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            sink.received.push(mail);
            callback();
          }, callback);
        }, sink.delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://${sinkUser}:${sinkPassword}@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as SmtpSink;
}
