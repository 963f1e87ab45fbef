// SMTP delivery with nodemailer. Loaded only by commands that send mail.
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
}

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
  };
}

export interface Outgoing {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export type SendResult = { ok: true } | { ok: false; permanent: boolean; error: string };

export interface Mailer {
  send(m: Outgoing): Promise<SendResult>;
  close(): void;
}

export async function createMailer(s: SmtpSettings): Promise<Mailer> {
  const { default: nodemailer } = await importExternal<typeof import('nodemailer')>('nodemailer');
  const transport = nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Loopback test servers and internal relays often use self-signed certificates.
    tls: { rejectUnauthorized: false },
  });
  return {
    async send(m) {
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
        return classify(error as Error & { code?: string; responseCode?: number; response?: string }, s);
      }
    },
    close: () => transport.close(),
  };
}

/** 5xx replies and authentication failures are final; refused connections and 4xx are retried. */
function classify(
  e: Error & { code?: string; responseCode?: number; response?: string },
  s: SmtpSettings,
): SendResult {
  const server = e.response?.trim();
  if (e.code === 'EAUTH' || e.responseCode === 535) {
    return {
      ok: false,
      permanent: true,
      error: `authentication failed at ${s.display}${server ? `: ${server}` : ''} (check HD_SMTP_USER / HD_SMTP_PASS)`,
    };
  }
  if (e.responseCode && e.responseCode >= 500)
    return { ok: false, permanent: true, error: `server refused: ${server ?? e.message}` };
  if (e.responseCode && e.responseCode >= 400)
    return { ok: false, permanent: false, error: `server deferred: ${server ?? e.message}` };
  const text = `${e.code ?? ''} ${e.message}`;
  const reason = /ECONNREFUSED/.test(text)
    ? 'connection refused'
    : /ETIMEDOUT|ETIMEOUT|timeout/i.test(text)
      ? 'timed out'
      : /ENOTFOUND|EAI_AGAIN/.test(text)
        ? 'host not found'
        : e.message;
  // Never echo the URL as given: it may hold the password.
  return {
    ok: false,
    permanent: false,
    error: `cannot reach ${s.display}: ${reason.replaceAll(s.pass ?? '\u0000', '***')}`,
  };
}
