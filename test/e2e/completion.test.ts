// The bash completion script loads in a real bash and completes commands and ticket numbers by
// calling the built bin/hd.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, hd, hdEnv, OPEN_FLAGS } from '../helpers/e2e.ts';

/** Loads `hd completion bash` into bash and presses Tab after `words` (the last one being typed). */
function tab(db: string, words: string[]): { reply: string[]; registered: string } {
  const script = [
    `eval "$(${JSON.stringify(BIN)} completion bash)"`,
    `COMP_WORDS=(${[BIN, ...words].map((w) => JSON.stringify(w)).join(' ')})`,
    `COMP_CWORD=${words.length}`,
    '_hd_complete',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash expansion, not a template
    'printf "%s\\n" "${COMPREPLY[@]}"',
    'complete -p hd >&2',
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { env: hdEnv(db), encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { reply: r.stdout.split('\n').filter(Boolean), registered: r.stderr.trim() };
}

describe('bash completion through bin/hd', () => {
  it('completes a command, then an open ticket number', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'hd-compl-')), 'hd.db');
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    for (let i = 0; i < 3; i++) expect(hd(db, ['open', ...OPEN_FLAGS]).code).toBe(0);
    const first = tab(db, ['ta']);
    expect(first.reply).toEqual(['take']);
    expect(first.registered).toBe('complete -o default -F _hd_complete hd');
    expect(tab(db, ['take', '']).reply).toEqual(['HD-000003', 'HD-000002', 'HD-000001']);
    expect(tab(db, ['log', '2', '']).reply).toEqual(['test', 'action', 'call', 'note']);
  });

  it('inserts a name with a space escaped, or as it is after an opening quote', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'hd-compl-')), 'hd.db');
    expect(hd(db, ['init', '--demo']).code).toBe(0);
    expect(tab(db, ['engineer', 'show', 'Iv']).reply).toEqual(['Ivan\\ Petrov']);
    expect(tab(db, ['engineer', 'show', 'Ivan\\ P']).reply).toEqual(['Ivan\\ Petrov']);
    expect(tab(db, ['engineer', 'show', "'Iv"]).reply).toEqual(['Ivan Petrov']);
    expect(tab(db, ['dispatch', '1', '--engineer', 'Iv']).reply).toEqual(['Ivan\\ Petrov']);
  });

  it('pressing Tab against a database that is not there creates nothing', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'hd-compl-')), 'none.db');
    expect(tab(db, ['take', '']).reply).toEqual([]);
    expect(spawnSync('test', ['-e', db]).status).toBe(1);
  });
});
