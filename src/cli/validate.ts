// The parse layer's checks on every value typed on the command line, before any command runs:
// text is valid UTF-8 without NUL and within its limit, identifiers can be typed back, whole
// numbers are digits within range. One table per kind of field; limits live in domain/limits.ts.
import type { Command } from 'commander';
import {
  checkIdentifier,
  checkLine,
  checkText,
  LIMITS,
  MAX_COUNT,
  MAX_QUANTITY,
  parseWhole,
} from '../domain/limits.ts';
import { type MessageKey, t } from '../i18n.ts';

type Rule =
  | { kind: 'text'; limit: number }
  | { kind: 'line'; limit: number }
  | { kind: 'identifier' }
  | { kind: 'whole'; min: number; max: number; signed?: boolean; hint?: MessageKey };

const text = (limit: number): Rule => ({ kind: 'text', limit });
/** One-line text: no control characters (names, summaries, addresses, lookups, short values). */
const line = (limit: number): Rule => ({ kind: 'line', limit });
const identifier: Rule = { kind: 'identifier' };

/** Options by `command attribute` or attribute name (camelCase); one not listed is short text. */
const OPTION_RULES: Record<string, Rule> = {
  'sla limit': { kind: 'whole', min: 0, max: MAX_COUNT, hint: 'input.whole.all' },
  name: line(LIMITS.name),
  contact: line(LIMITS.name),
  party: line(LIMITS.name),
  confirmedBy: line(LIMITS.name),
  engineer: line(LIMITS.name),
  assignee: line(LIMITS.name),
  summary: text(LIMITS.summary),
  reason: text(LIMITS.note),
  note: text(LIMITS.note),
  overrideReason: text(LIMITS.note),
  priorityReason: text(LIMITS.note),
  skipReason: text(LIMITS.note),
  duplicateOk: text(LIMITS.note),
  // Lists of network elements or service IDs (an outage may take hundreds).
  elements: line(LIMITS.description),
  services: line(LIMITS.description),
  description: text(LIMITS.description),
  address: line(LIMITS.address),
  db: text(4096),
  contract: identifier,
  service: identifier,
  depot: identifier,
  part: identifier,
  faultySerial: identifier,
  newSerial: identifier,
  limit: { kind: 'whole', min: 0, max: MAX_COUNT },
  minimum: { kind: 'whole', min: 0, max: MAX_QUANTITY },
  minutes: { kind: 'whole', min: 1, max: 7 * 24 * 60 },
  watch: { kind: 'whole', min: 1, max: 24 * 3600 },
};

/** Positional arguments by their declared name; one not listed is short text. */
const ARGUMENT_RULES: Record<string, Rule> = {
  'search text': line(LIMITS.short),
  text: text(LIMITS.description),
  sku: identifier,
  serial: identifier,
  file: text(4096),
};

function check(value: string, field: string, rule: Rule): void {
  if (rule.kind === 'text') checkText(value, field, rule.limit);
  else if (rule.kind === 'line') checkLine(value, field, rule.limit);
  else if (rule.kind === 'identifier') checkIdentifier(value, field);
  else parseWhole(value, field, { ...rule, hint: rule.hint && t(rule.hint) });
}

/** `hd spares adjust --qty -2` takes a sign; `hd spares receive --qty 5` does not. */
function qtyRule(command: Command): Rule {
  return {
    kind: 'whole',
    min: command.name() === 'adjust' ? -MAX_QUANTITY : 1,
    max: MAX_QUANTITY,
    signed: command.name() === 'adjust',
  };
}

/** Throws a UsageError naming the first value that breaks its rule. */
export function checkInput(command: Command, opts: Record<string, unknown>): void {
  for (let c: Command | null = command; c?.parent; c = c.parent) {
    for (const option of c.options) {
      const key = option.attributeName();
      const value = opts[key];
      const field = option.long ?? key;
      const rule =
        key === 'qty'
          ? qtyRule(c)
          : (OPTION_RULES[`${c.name()} ${key}`] ?? OPTION_RULES[key] ?? line(LIMITS.short));
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string') continue;
        if (key === 'answer') checkAnswer(item, field);
        else if (key === 'spare') checkSpare(item, field);
        else check(item, field, rule);
      }
    }
  }
  command.registeredArguments.forEach((argument, i) => {
    const value = command.processedArgs[i] as unknown;
    const name = argument.name();
    const rule = ARGUMENT_RULES[`${command.name()} ${name}`] ?? ARGUMENT_RULES[name] ?? line(LIMITS.short);
    const field = name === 'text' ? t('input.field.text') : name.toUpperCase();
    if (Array.isArray(value)) {
      if (rule.kind === 'text') checkText(value.join(' '), field, rule.limit);
      else if (rule.kind === 'line') checkLine(value.join(' '), field, rule.limit);
      else for (const item of value) check(String(item), field, rule);
    } else if (typeof value === 'string') check(value, field, rule);
  });
}

/** `--answer KEY=VALUE`: the value is held to the answer limit (the key is checked by the intake). */
function checkAnswer(value: string, field: string): void {
  const eq = value.indexOf('=');
  checkText(value.slice(0, Math.max(eq, 0)), field, LIMITS.short);
  checkText(value.slice(eq + 1), `${field} ${value.slice(0, Math.max(eq, 0))}=…`, LIMITS.answer);
}

/** `--spare SKU[:QTY]`: the SKU is an identifier, the quantity a whole number. */
function checkSpare(value: string, field: string): void {
  const colon = value.lastIndexOf(':');
  const sku = colon < 0 ? value : value.slice(0, colon);
  checkIdentifier(sku, `${field} SKU`);
  if (colon >= 0) parseWhole(value.slice(colon + 1), `${field} ${sku}:QTY`, { min: 1, max: MAX_QUANTITY });
}

/**
 * A value asked for on a terminal instead of given as `flag` ("--reason TEXT", or "the text …" for
 * the positional text): held to the same rule as the flag.
 */
export function checkPrompted(flag: string, value: string): string {
  const name = flag.split(' ')[0]!;
  if (!name.startsWith('--')) {
    check(value, t('input.field.text'), ARGUMENT_RULES.text!);
    return value;
  }
  const key = name.slice(2).replace(/-([a-z])/g, (_m, ch: string) => ch.toUpperCase());
  check(value, name, OPTION_RULES[key] ?? line(LIMITS.short));
  return value;
}
