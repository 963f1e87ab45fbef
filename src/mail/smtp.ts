// SMTP delivery with nodemailer. Loaded only by commands that send mail.
import { Transform } from 'node:stream';
import { UsageError } from '../errors.ts';
import { importExternal } from '../external.ts';
import { parseMailFrom } from './address.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
  /** The URL with the password hidden, for messages. */
  display: string;
  /** How long to wait for any reply or progress of the server before giving up. */
  timeoutMs: number;
}

/** RFC 5321 asks for minutes; a cron run should not hang that long on one message. */
const SOCKET_TIMEOUT_MS = 30_000;

/** HD_SMTP_URL (smtp:// or smtps://, credentials in it or in HD_SMTP_USER / HD_SMTP_PASS), HD_MAIL_FROM. */
export function smtpSettings(env: NodeJS.ProcessEnv, defaultFrom: string): SmtpSettings | null {
  const raw = env.HD_SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      'HD_SMTP_URL does not parse. Write it like smtp://mail.example.by:587 or smtps://user:password@mail.example.by:465.',
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new UsageError(`HD_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new UsageError('HD_SMTP_URL has no host name.');
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username) || env.HD_SMTP_USER || undefined;
  const pass = decodeURIComponent(url.password) || env.HD_SMTP_PASS || undefined;
  const display = `${url.protocol}//${user ? `${user}:***@` : ''}${url.host}`;
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    user,
    pass,
    from: env.HD_MAIL_FROM ? parseMailFrom(env.HD_MAIL_FROM) : defaultFrom,
    display,
    // Tests only: a time-out in milliseconds instead of half a minute.
    timeoutMs: Number(env.HD_TEST_SMTP_TIMEOUT_MS) || SOCKET_TIMEOUT_MS,
  };
}

export interface Outgoing {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/**
 * `uncertain`: the whole message had been handed to the server and its reply never came (a
 * time-out or a dropped connection): the server may have accepted it.
 */
export type SendResult = { ok: true } | { ok: false; permanent: boolean; uncertain: boolean; error: string };

export interface Mailer {
  /** `onHandedOver` runs once the whole message has gone to the server, before its reply. */
  send(m: Outgoing, onHandedOver?: () => void): Promise<SendResult>;
  close(): void;
}

export async function createMailer(s: SmtpSettings): Promise<Mailer> {
  const { default: nodemailer } = await importExternal<typeof import('nodemailer')>('nodemailer');
  const transport = nodemailer.createTransport({
    // One connection for the whole run, messages one after another.
    pool: true,
    maxConnections: 1,
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
    connectionTimeout: Math.min(10_000, s.timeoutMs),
    greetingTimeout: Math.min(10_000, s.timeoutMs),
    socketTimeout: s.timeoutMs,
    // Loopback test servers and internal relays often use self-signed certificates.
    tls: { rejectUnauthorized: false },
  });
  // Sends are one at a time per mailer: the hand-over hook of the message being sent.
  let handingOver: { done: boolean; hook?: () => void } = { done: false };
  transport.use('stream', (mail, next) => {
    const current = handingOver;
    // A stage of the message stream: its flush runs when the whole text has passed through it.
    mail.message.transform(
      new Transform({
        transform: (chunk, _encoding, callback) => callback(null, chunk),
        flush: (callback) => {
          try {
            // Recorded before the end of the data goes out; if recording fails, nothing does.
            current.hook?.();
            current.done = true;
            callback();
          } catch (error) {
            callback(error as Error);
          }
        },
      }),
    );
    next();
  });
  return {
    async send(m, onHandedOver) {
      const attempt = { done: false, hook: onHandedOver };
      handingOver = attempt;
      try {
        await transport.sendMail({
          from: s.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: m.messageId,
          date: new Date(),
          textEncoding: 'quoted-printable',
        });
        return { ok: true };
      } catch (error) {
        return classify(
          error as Error & { code?: string; responseCode?: number; response?: string },
          s,
          attempt.done,
        );
      }
    },
    close: () => transport.close(),
  };
}

/**
 * 5xx replies and authentication failures are final; refused connections and 4xx are retried.
 * Without a reply after the whole message was handed over, nobody knows whether it was delivered.
 */
function classify(
  e: Error & { code?: string; responseCode?: number; response?: string },
  s: SmtpSettings,
  handedOver: boolean,
): SendResult {
  const server = e.response?.trim();
  if (e.code === 'EAUTH' || e.responseCode === 535) {
    return {
      ok: false,
      permanent: true,
      uncertain: false,
      error: `authentication failed at ${s.display}${server ? `: ${server}` : ''} (check HD_SMTP_USER / HD_SMTP_PASS)`,
    };
  }
  if (e.responseCode && e.responseCode >= 500)
    return { ok: false, permanent: true, uncertain: false, error: `server refused: ${server ?? e.message}` };
  if (e.responseCode && e.responseCode >= 400)
    return {
      ok: false,
      permanent: false,
      uncertain: false,
      error: `server deferred: ${server ?? e.message}`,
    };
  const text = `${e.code ?? ''} ${e.message}`;
  const reason = /ECONNREFUSED/.test(text)
    ? 'connection refused'
    : /ETIMEDOUT|ETIMEOUT|timeout/i.test(text)
      ? 'timed out'
      : /ENOTFOUND|EAI_AGAIN/.test(text)
        ? 'host not found'
        : e.message;
  // Never echo the URL as given: it may hold the password.
  const said = reason.replaceAll(s.pass ?? '\u0000', '***');
  if (handedOver)
    return {
      ok: false,
      permanent: false,
      uncertain: true,
      error: `no reply from ${s.display} after the whole message was handed over (${said})`,
    };
  return { ok: false, permanent: false, uncertain: false, error: `cannot reach ${s.display}: ${said}` };
}
