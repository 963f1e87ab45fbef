import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  raw: string;
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: accepts, rejects with a code, or requires a login.
 * `received` holds the messages it accepted (answered 250). `hold` runs when a message has
 * arrived whole, before the reply: a slow or stalled server. A message whose client went away
 * meanwhile is dropped, unless `keepWhenClientGone` (a server that accepted it but whose reply
 * came too late). `holdGreeting` delays the greeting.
 */
export async function startSmtp(
  options: {
    reject?: { code: number; message: string };
    auth?: { user: string; pass: string };
    port?: number;
    hold?: (mail: ParsedMail) => Promise<void>;
    keepWhenClientGone?: boolean;
    holdGreeting?: () => Promise<void>;
  } = {},
): Promise<TestSmtp> {
  const received: Received[] = [];
  const gone = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onConnect(_session, callback) {
      if (!options.holdGreeting) return callback();
      options.holdGreeting().then(() => callback());
    },
    onClose(session) {
      gone.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = await simpleParser(raw);
        await options.hold?.(mail);
        if (options.reject) {
          callback(Object.assign(new Error(options.reject.message), { responseCode: options.reject.code }));
          return;
        }
        if (gone.has(session.id) && !options.keepWhenClientGone) return;
        received.push({ raw, mail });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth ? `${options.auth.user}:${options.auth.pass}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const probe = await startSmtp();
  await probe.close();
  return probe.port;
}
