// The outbox's delivery error as stored (English, the system's words after hd's: "cannot reach
// smtp://host:25: connection refused") shown in the interface language: hd's lead in Russian, the
// server's or system's words after it as they came.
import { type Rewording, reworded, t } from '../i18n.ts';

const LEADS: Rewording[] = [
  [/^cannot reach (\S+): (.*)$/s, (m) => t('outbox.error.reach', { server: m[1]!, why: m[2]! })],
  [/^server refused: (.*)$/s, (m) => t('outbox.error.refused', { why: m[1]! })],
  [/^server deferred: (.*)$/s, (m) => t('outbox.error.deferred', { why: m[1]! })],
  [
    /^authentication failed at (\S+?)(?:: (.*))? \(check HD_SMTP_USER \/ HD_SMTP_PASS\)$/s,
    (m) => t('outbox.error.auth', { server: m[1]!, why: m[2] ?? '—' }),
  ],
  [
    /^no reply from (\S+) after the whole message was handed over \((.*)\)$/s,
    (m) => t('outbox.error.noReply', { server: m[1]!, why: m[2]! }),
  ],
];

export function mailErrorWords(error: string): string {
  return reworded(error, LEADS);
}
