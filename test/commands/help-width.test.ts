// Every command's --help, in both interface languages, at 80 columns (issue 15, points 1 and 3):
// no line wider than the terminal, and the Russian help is in Russian.
import { describe, expect, it } from 'vitest';
import { harness, type TestHarness } from '../helpers/context.ts';

/** The subcommands a help text lists under its commands heading. */
function listed(help: string): string[] {
  const section = /^(?:Commands|Команды):\n([\s\S]*?)(?:\n\S|\n*(?![\s\S]))/m.exec(help)?.[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
}

/** Every command's help, from `hd --help` down through each group's own list. */
async function allHelp(h: TestHarness, path: string[] = []): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  expect(await h.run([...path, '--help']), `hd ${path.join(' ')} --help`).toBe(0);
  const help = h.stdout();
  found.set(`hd ${path.join(' ')}`.trim(), help);
  for (const name of listed(help)) for (const [k, v] of await allHelp(h, [...path, name])) found.set(k, v);
  return found;
}

describe.each(['en', 'ru'] as const)('hd … --help in %s', (lang) => {
  it('fits 80 columns for every command', async () => {
    const helps = await allHelp(await harness({ terminal: 80, lang }));
    // Every command a helpdesk uses, groups and their members included.
    for (const name of ['hd open', 'hd show', 'hd client add', 'hd outage open', 'hd spares receive'])
      expect([...helps.keys()]).toContain(name);
    const wide = [...helps].flatMap(([name, help]) =>
      help
        .split('\n')
        .filter((line) => line.length > 80)
        .map((line) => `${name}: ${line}`),
    );
    expect(wide).toEqual([]);
  });
});

describe('hd … --help in ru', () => {
  it('is written in Russian, command by command', async () => {
    const helps = await allHelp(await harness({ terminal: 80, lang: 'ru' }));
    // The command's description, under the usage line, and each flag's description.
    const english = [...helps].flatMap(([name, help]) => {
      const lines = help.split('\n');
      const untranslated = [lines[2] ?? '', ...lines.filter((l) => /^ {2}-\S.* {2}\S/.test(l))].filter(
        (l) => !/[а-яё]{3}/i.test(l),
      );
      return untranslated.map((l) => `${name}: ${l}`);
    });
    expect(english).toEqual([]);
  });
});
