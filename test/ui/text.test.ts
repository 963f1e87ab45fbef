import { describe, expect, it } from 'vitest';
import { parseTemplate, render } from '../../src/domain/template.ts';
import { parseMailFrom } from '../../src/mail/address.ts';
import { smtpSettings } from '../../src/mail/smtp.ts';
import { csvCell, csvLine } from '../../src/ui/csv.ts';
import { type FdSystem, fdOutput } from '../../src/ui/fd-output.ts';
import { markdownText } from '../../src/ui/markdown.ts';
import {
  clean,
  safeJson,
  sanitize,
  sanitizeLine,
  shown,
  stripUnsafe,
  truncateKeepingCode,
} from '../../src/ui/text.ts';

const ESC = '\u001b';
const x40 = (c: string) => c.repeat(40);

/** Every class the cleaner removes: [name, hostile text, what a multi-line view keeps]. */
const CLASSES: [string, string, string][] = [
  ['SGR colour (7-bit)', `a${ESC}[31mred${ESC}[0m`, 'ared'],
  ['SGR with many parameters', `a${ESC}[1;38;5;196mb`, 'ab'],
  ['CSI clear screen and cursor home', `a${ESC}[2J${ESC}[Hb`, 'ab'],
  ['CSI with intermediate byte', `a${ESC}[1 qb`, 'ab'],
  ['CSI private mode (hide cursor)', `a${ESC}[?25lb`, 'ab'],
  ['CSI cut off at the end', `a${ESC}[12;`, 'a'],
  ['CSI in its 8-bit C1 form', 'a\u009b31mb\u009b2Jc', 'abc'],
  ['OSC title ended by BEL', `a${ESC}]0;pwned\u0007b`, 'ab'],
  ['OSC hyperlink ended by ST', `a${ESC}]8;;http://evil.example${ESC}\\link${ESC}]8;;${ESC}\\b`, 'alinkb'],
  ['OSC 52 clipboard write', `a${ESC}]52;c;ZWNobyBwd25lZA==\u0007b`, 'ab'],
  ['OSC in its 8-bit C1 form, ended by 8-bit ST', 'a\u009d0;pwned\u009cb', 'ab'],
  ['OSC never ended loses its ESC and is shown as text', `a${ESC}]0;pwned`, 'a0;pwned'],
  ['DCS never ended loses its ESC', `a${ESC}Pq#0 b`, 'aq#0 b'],
  ['DCS ended by ST', `a${ESC}P1$r0m${ESC}\\b`, 'ab'],
  ['DCS in its 8-bit C1 form', 'a\u0090q#0;2;0;0;0\u009cb', 'ab'],
  ['SOS string', `a${ESC}Xsecret${ESC}\\b`, 'ab'],
  ['PM string', `a${ESC}^private${ESC}\\b`, 'ab'],
  ['APC string', `a${ESC}_Gf=100;AAAA${ESC}\\b`, 'ab'],
  ['APC in its 8-bit C1 form', 'a\u009fapc\u009cb', 'ab'],
  ['ESC c (full reset)', `a${ESC}cb`, 'ab'],
  ['ESC 7 / ESC 8 (save, restore cursor)', `a${ESC}7b${ESC}8c`, 'abc'],
  ['ESC ( 0 (line drawing charset)', `a${ESC}(0b`, 'ab'],
  ['ESC # 8 (screen alignment test)', `a${ESC}#8b`, 'ab'],
  ['a lone ESC at the end', `a${ESC}`, 'a'],
  ['BEL, BS, NUL, VT, FF, DEL', 'a\u0007\u0008\u0000\u000b\u000c\u007fb', 'ab'],
  ['other C1 controls (NEL, IND, RI, ST)', 'a\u0085\u0084\u008d\u009cb', 'ab'],
  ['CR overwriting a line', 'paid\rUNPAID', 'paid UNPAID'],
  ['CR LF', 'one\r\ntwo', 'one\ntwo'],
  ['bidi overrides (RLO, LRO, PDF)', 'a\u202eevil\u202c\u202db', 'aevilb'],
  ['bidi embeddings (LRE, RLE)', 'a\u202a\u202bb', 'ab'],
  ['bidi isolates (LRI, RLI, FSI, PDI)', 'a\u2066\u2067\u2068\u2069b', 'ab'],
  ['LRM, RLM and the Arabic letter mark', 'a\u200e\u200f\u061cb', 'ab'],
  ['line and paragraph separators', 'a\u2028b\u2029c', 'a\nb\nc'],
  ['newline and tab stay in multi-line text', 'a\n\tb', 'a\n\tb'],
  ['Cyrillic, emoji and joiners are text', 'Кириллица 👩‍🔧 ok', 'Кириллица 👩‍🔧 ok'],
  ['zero-width space, non-joiner, word joiner, BOM', 'a\u200bb\u200cc\u2060d\ufeffe', 'abcde'],
  ['a zero-width joiner outside an emoji', 'pay\u200dpal \u200d👍 👍\u200d', 'paypal 👍 👍'],
  ['a joiner inside emoji, skin tone and VS16 kept', '👨🏽\u200d💻 🏳️\u200d🌈', '👨🏽\u200d💻 🏳️\u200d🌈'],
];

describe('the cleaner: every class', () => {
  it.each(CLASSES)('%s', (_name, hostile, kept) => {
    expect(sanitize(hostile)).toBe(kept);
    // One line: every line break and tab is a space, nothing else differs.
    expect(sanitizeLine(hostile)).toBe(kept.replace(/[\t\n]+/g, ' '));
    for (const out of [sanitize(hostile), sanitizeLine(hostile), stripUnsafe(hostile, false)]) {
      expect(out).not.toMatch(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/,
      );
    }
  });

  it('a value echoed in a message is cleaned first, then shortened, on one line', () => {
    const link = `${ESC}]8;;http://evil.example/${'0'.repeat(60)}${ESC}\\X`;
    expect(shown(`mc${link}`, 20)).toBe('mcX');
    expect(shown(`mc${link.slice(0, -3)}`, 20)).toBe('mc8;;http://evil.ex…');
    expect(shown('ev3@x.by\r\nBcc: v@x.by')).toBe('ev3@x.by Bcc: v@x.by');
    expect(shown(x40('a'), 10)).toBe('aaaaaaaaa…');
  });

  it('an escape never ended in the middle of a message cannot swallow the words after it', () => {
    // A value put into a message raw (without shown), cut so its hyperlink is never ended; main.ts
    // prints every error message through sanitizeLine.
    const message = `--depot "mc${ESC}]8;;http://evil.e…" is 90 characters long; Shorten it.\r\nBcc: x`;
    expect(sanitizeLine(message)).toBe(
      '--depot "mc8;;http://evil.e…" is 90 characters long; Shorten it. Bcc: x',
    );
  });

  it('raw bytes of 8-bit C1 controls, read as UTF-8, never come out as C1', () => {
    // 0x9b alone is not UTF-8: it decodes to U+FFFD; C2 9B is U+009B and is removed.
    const text = Buffer.from([0x61, 0x9b, 0x33, 0x31, 0x6d, 0xc2, 0x9b, 0x32, 0x4a, 0x62]).toString('utf8');
    const out = Buffer.from(sanitizeLine(text));
    expect(out.includes(0x9b)).toBe(false);
    expect(sanitizeLine(text)).toBe('a\ufffd31mb');
  });

  it('at the output, only colour may pass, and only while hd colours', () => {
    const coloured = `${ESC}[1m${ESC}[31mP1${ESC}[39m${ESC}[22m ok\n`;
    expect(stripUnsafe(coloured, true)).toBe(coloured);
    expect(stripUnsafe(coloured, false)).toBe('P1 ok\n');
    expect(stripUnsafe(`x${ESC}]0;t\u0007${ESC}[2J\u009b31m\u202e\ry\r\n`, true)).toBe('xy\n');
    // An ESC that does not open a whole colour code cannot pair with what follows.
    expect(stripUnsafe(`${ESC}${ESC}[31mx`, true)).toBe(`${ESC}[31mx`);
    expect(clean(`a${ESC}[31mb`, 'output-colour')).toBe(`a${ESC}[31mb`);
    expect(clean(`a${ESC}[31mb`, 'line')).toBe('ab');
  });

  it('the writer drops stored colour when hd is not colouring', () => {
    const written: string[] = [];
    const sys: FdSystem = {
      writeSync: (_fd, data, offset) => {
        written.push(Buffer.from(data.subarray(offset)).toString());
        return data.length - offset;
      },
      isatty: () => false,
      stream: () => ({ write: () => true }),
      closed: () => {},
    };
    let colour = false;
    const out = fdOutput(1, sys, () => colour);
    out.write(`${ESC}[31mred${ESC}[0m\u202e\n`);
    colour = true;
    out.write(`${ESC}[31mred${ESC}[0m\u202e\n`);
    expect(written).toEqual(['red\n', `${ESC}[31mred${ESC}[0m\n`]);
  });

  it('JSON keeps the stored text exactly, with no raw control character', () => {
    const value = { s: `a${ESC}[2J\u009b\u202e\u2028\u0085\r\n` };
    const text = safeJson(value, 2);
    expect(text).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/,
    );
    expect(JSON.parse(text)).toEqual(value);
    expect(safeJson({ plain: 'Кириллица' })).toBe('{"plain":"Кириллица"}');
  });
});

describe('Markdown for a wiki or a chat', () => {
  it('escapes what Markdown reads and every HTML tag, on one line', () => {
    expect(markdownText('a | b [click](http://evil.example) <img src=x onerror=alert(1)>')).toBe(
      'a \\| b \\[click\\](http://evil.example) &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(markdownText('*bold* _it_ `code` ~~s~~ # h \\ & "q"\nline')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\# h \\\\ &amp; &quot;q&quot; line',
    );
    expect(markdownText(`${ESC}]8;;x${ESC}\\L\u202e`)).toBe('L');
  });
});

describe('CSV for spreadsheets', () => {
  it.each([
    ['plain text', 'Evroopt', 'Evroopt'],
    ['a comma', 'Smith, John', '"Smith, John"'],
    ['a quote', 'the "best" client', '"the ""best"" client"'],
    ['a line break', 'one\ntwo', 'one two'],
    ['CR LF', 'one\r\ntwo', 'one two'],
    ['a formula', '=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['a plus', '+375 29 000', "'+375 29 000"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "' =1"],
    ['a leading CR', '\r=1', "' =1"],
    ['a formula hidden behind an escape', `${ESC}[0m=1+1`, "'=1+1"],
    ['escapes and bidi', `a${ESC}]0;t\u0007\u202eb\u0000`, 'ab'],
    ['a formula sign later on', 'a=b', 'a=b'],
  ])('%s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('numbers hd writes stay numbers, negative ones included; nothing is empty', () => {
    expect(csvLine(['P1', 3, -5, 97.5, null, undefined])).toBe('P1,3,-5,97.5,,');
  });
});

describe('HD_MAIL_FROM', () => {
  it.each([
    'hd@example.by',
    'Helpdesk <hd@example.by>',
    '"Helpdesk" <hd@example.by>',
    '"Helpdesk, Minsk" <hd@example.by>',
    'Служба поддержки <helpdesk@hd-demo.by>',
    'first.last+tag@mail.example.by',
  ])('one address is accepted: %s', (from) => {
    expect(parseMailFrom(from)).toBe(from);
  });

  it.each([
    ['a@example.by, b@example.by', 'more than one address'],
    ['A <a@example.by>, B <b@example.by>', 'more than one address'],
    ['Helpdesk, Minsk <hd@example.by>', 'put the name in double quotes'],
    ['a@example.by; b@example.by', 'more than one address'],
    ['hd@example.by\r\nBcc: all@example.by', 'line break'],
    ['Helpdesk\n <hd@example.by>', 'line break'],
    ['hd@example.by\u0000', 'control character'],
    ['helpdesk', 'no valid e-mail address'],
    ['Helpdesk <>', 'no valid e-mail address'],
    ['hd@', 'no valid e-mail address'],
    ['hd@@example.by', 'more than one address'],
    ['hd @example.by', 'no valid e-mail address'],
    ['hd@exa mple.by', 'no valid e-mail address'],
    ['Helpdesk <hd@example.by', 'no valid e-mail address'],
    ['  ', 'is empty'],
    ['"unterminated <a@b.by>', 'double quote is not closed'],
    ['"Help\\" desk <a@b.by>', 'double quote is not closed'],
  ])('%j is refused: %s', (from, why) => {
    expect(() => parseMailFrom(from)).toThrow(why);
    expect(() => parseMailFrom(from)).toThrow(/^HD_MAIL_FROM=.*Write it like hd@example\.by/);
  });

  it('is checked where the SMTP settings are read, and unset means the default sender', () => {
    const env = { HD_SMTP_URL: 'smtp://127.0.0.1:2525' };
    expect(smtpSettings(env, 'Helpdesk <hd@hd.local>')!.from).toBe('Helpdesk <hd@hd.local>');
    expect(smtpSettings({ ...env, HD_MAIL_FROM: '"HD" <hd@example.by>' }, 'x')!.from).toBe(
      '"HD" <hd@example.by>',
    );
    expect(() => smtpSettings({ ...env, HD_MAIL_FROM: 'a@x.by,b@x.by' }, 'x')).toThrow('HD_MAIL_FROM');
  });
});

describe('e-mail templates', () => {
  const template = parseTemplate(
    'Subject: {{number}} for {{name}}\n\nDear {{name}},\nfault: {{summary}}\n',
    't',
  );
  it('a value cannot add lines to the body or the subject, nor carry escapes', () => {
    const r = render(
      template,
      { number: 'HD-000001', name: 'Ivan\r\nBcc: all@example.by', summary: `down${ESC}]0;x\u0007\u202e\rok` },
      't',
    );
    expect(r.subject).toBe('HD-000001 for Ivan Bcc: all@example.by');
    expect(r.body).toBe('Dear Ivan Bcc: all@example.by,\nfault: down ok\n');
  });
});

describe('truncateKeepingCode (the client picker of hd open)', () => {
  it('shortens the name and keeps the code after the last " · " whole', () => {
    const choice = 'Белорусская республиканская сеть аптек «Здоровье» · C-2026-0042';
    expect(truncateKeepingCode(choice, 40)).toBe('Белорусская республиканск… · C-2026-0042');
    expect([...truncateKeepingCode(choice, 40)].length).toBe(40);
    expect(truncateKeepingCode(choice, 200)).toBe(choice);
  });

  it('is plain truncate without a code, or without room for one', () => {
    expect(truncateKeepingCode('Evroopt Logistics warehouse link', 10)).toBe('Evroopt L…');
    expect(truncateKeepingCode('Evroopt · C-2022-0533', 12)).toBe('Evroopt · C…');
  });
});
