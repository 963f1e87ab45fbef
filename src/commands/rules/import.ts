// hd rules import: profiles added or updated from a JSON file, all or nothing; a change is a new
// version, and open tickets keep the targets of the version they were opened under.
import { readFileSync } from 'node:fs';
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { checkProfileCalendar } from '../../domain/calendar.ts';
import { decodeUtf8 } from '../../domain/limits.ts';
import { parseProfile } from '../../domain/profile.ts';
import { HdError, RefusedError, UsageError } from '../../errors.ts';
import { language, t } from '../../i18n.ts';
import { saveProfile } from '../../store/reference.ts';
import { jsonProblem } from '../../ui/json-problem.ts';
import { printJson } from '../../ui/output.ts';
import { formatTime } from '../../ui/time.ts';
import { unit } from '../unit.ts';
import { profileJson } from './profile.ts';

export interface RulesImportOptions {
  file: string;
  json: boolean;
}

export const rulesImport = unit<RulesImportOptions>({
  declare: (parent) =>
    parent
      .command('import')
      .description(t('rules.import.describe'))
      .argument('<file>', t('rules.arg.file'))
      .option('--json', t('opt.json'))
      .addHelpText('after', `${examples('hd rules import gold-24x7.json')}\n${t('rules.import.help')}\n`),
  options: (input) => {
    const file = input.arg(0);
    if (!file) throw new UsageError(t('rules.err.noFile'));
    return { file, json: input.flag('json') };
  },
  run: runRulesImport,
});

/** A message as one sentence: its own full stop, never a second one. */
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

/** The refusal, and that nothing was imported. */
const refused = (message: string) => new RefusedError(`${sentence(message)} ${t('rules.import.nothing')}`);

/** The profiles in a rules file: a folder, an empty file and broken JSON are named as such. */
function readRules(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw refused(t('rules.import.folder', { file }));
    if (code === 'ENOENT') throw refused(t('rules.import.missing', { file }));
    if (code === 'EACCES' || code === 'EPERM') throw refused(t('rules.import.unreadable', { file }));
    throw refused(t('rules.import.cannotRead', { file, why: code ?? (error as Error).message }));
  }
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (error) {
    if (!(error instanceof HdError)) throw error;
    throw refused(error.message);
  }
  if (text.trim() === '') throw refused(t('rules.import.empty', { file }));
  try {
    return JSON.parse(text);
  } catch (error) {
    const { line, column, problem } = jsonProblem(text, error as Error);
    throw refused(t('rules.import.invalid', { file, line, column, problem }));
  }
}

export async function runRulesImport(opts: RulesImportOptions, ctx: Context): Promise<void> {
  const { file } = opts;
  const parsed = readRules(file);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0) throw refused(t('rules.import.emptyList', { file }));
  const where = (i: number) => (list.length > 1 ? t('rules.import.where', { n: i + 1, file }) : file);
  const now = ctx.now().getTime();
  // Every profile is checked, calendars included, before the database is touched.
  for (const [i, definition] of list.entries()) {
    try {
      // English names the moment as ISO, as it always has; Russian reads 31.12.2026 23:59.
      await checkProfileCalendar(parseProfile(definition), now, (ms, zone) =>
        language() === 'ru' ? formatTime(ms, zone, 'ru') : new Date(ms).toISOString(),
      );
    } catch (error) {
      if (!(error instanceof HdError)) throw error;
      throw refused(`${where(i)}: ${error.message}`);
    }
  }
  const store = await ctx.store();
  // All or nothing: a bad profile anywhere in the file imports none of them.
  const results = await store.tx(async (q) => {
    const out = [];
    for (const [i, definition] of list.entries()) {
      try {
        out.push(await saveProfile(q, definition, now));
      } catch (error) {
        if (!(error instanceof HdError)) throw error;
        throw refused(`${where(i)}: ${error.message}`);
      }
    }
    return out;
  });
  if (opts.json) {
    printJson(
      ctx.io,
      results.map((r) => ({ ...profileJson(r.profile), created: r.created })),
    );
    return;
  }
  for (const r of results) {
    const { name, version } = r.profile;
    ctx.io.stdout.write(
      `${
        r.created
          ? t('rules.import.saved', { name, version, note: version > 1 ? t('rules.import.keepEarlier') : '' })
          : t('rules.import.unchanged', { name, version })
      }\n`,
    );
  }
}
