// The demo callers the tests open tickets for (data/demo.json), and the three required intake
// answers.

/** Premium 24x7, Russian, prefers phone and e-mail. */
export const BANK = [
  '--client',
  'C-2021-0147',
  '--contact',
  'Andrei Kovalenko',
  '--service',
  'MSK-IPVPN-00412',
];
/** Standard 24x7, Russian, prefers phone. */
export const EVROOPT = [
  '--client',
  'C-2022-0533',
  '--contact',
  'Sergei Marchenko',
  '--service',
  'BRS-L2-00098',
];
/** Business hours 8x5, English, prefers e-mail. */
export const NORDIC = [
  '--client',
  'C-2023-1102',
  '--contact',
  'Erik Lindqvist',
  '--service',
  'MSK-DIA-03145',
];
/** Premium 24x7; Dmitry has no e-mail address. */
export const HOSPITAL = [
  '--client',
  'C-2020-0089',
  '--contact',
  'Dmitry Lis',
  '--service',
  'MSK-VOICE-00731',
];

export const answers = (since = 'now', symptom = 'no-service') => [
  '--answer',
  `since=${since}`,
  '--answer',
  `symptom=${symptom}`,
  '--answer',
  'scope=one-site',
];

/**
 * `hd open` for a caller; impact down × urgency high unless said otherwise. Tests open several
 * tickets on one service, which hd open refuses without a terminal unless --duplicate-ok gives a
 * reason (issue 14): the reason is given unless `duplicateOk: false` (it is recorded only when the
 * service has a ticket open).
 */
export function openArgs(
  caller: string[],
  summary: string,
  o: { impact?: string; urgency?: string; since?: string; symptom?: string; duplicateOk?: boolean } = {},
): string[] {
  return [
    'open',
    ...caller,
    '--impact',
    o.impact ?? 'down',
    '--urgency',
    o.urgency ?? 'high',
    '--summary',
    summary,
    ...answers(o.since, o.symptom),
    ...(o.duplicateOk === false ? [] : ['--duplicate-ok', DUPLICATE_OK]),
  ];
}

/** The reason the tests give for another ticket on a service with one open. */
export const DUPLICATE_OK = 'another fault on the same service';
