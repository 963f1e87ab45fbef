// Issue 15, "Done when": a Russian-speaking operator on an 80-column terminal takes a call from a
// known client and from a new one, and sets `завтра 10:00` as the ETA — all in Russian, nothing
// wrapped or cut, nothing recorded that the client did not say. bin/hd runs in a real
// pseudo-terminal; what it draws is replayed into a headless 80-column terminal, whose buffer says
// whether any line was wrapped.
import { spawn } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../helpers/context.ts';
import { BIN, hd, hdEnv } from '../helpers/e2e.ts';

const ENTER = '\r';
const DOWN = '\u001b[B';
const COLS = 80;

function terminal(db: string, args: string[]) {
  const pty = spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: COLS,
    rows: 40,
    env: hdEnv(db, {
      TERM: 'xterm-256color',
      HD_NOW: '2026-11-25T07:00:00Z',
      HD_LANG: 'ru',
      LANG: 'ru_RU.UTF-8',
    }) as Record<string, string>,
  });
  const screen = new xterm.Terminal({ cols: COLS, rows: 40, scrollback: 5000, allowProposedApi: true });
  let raw = '';
  let seen = 0;
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  pty.onData((d) => {
    raw += d;
    screen.write(d);
  });
  const plain = () => raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return {
    exited,
    output: plain,
    async expect(text: string, timeout = 10_000): Promise<void> {
      const start = Date.now();
      for (;;) {
        const index = plain().slice(seen).indexOf(text);
        if (index >= 0) {
          seen += index + 1;
          return;
        }
        if (Date.now() - start > timeout)
          throw new Error(`timed out waiting for ${text}; screen:\n${plain().slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async type(keys: string): Promise<void> {
      pty.write(keys);
      await new Promise((r) => setTimeout(r, 60));
    },
    /** Every line the terminal had to wrap (a line hd drew wider than 80 columns). */
    async wrapped(): Promise<string[]> {
      await new Promise<void>((resolve) => screen.write('', resolve));
      const buffer = screen.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        if (line?.isWrapped)
          out.push(`${buffer.getLine(i - 1)?.translateToString(true)}⏎${line.translateToString(true)}`);
      }
      return out;
    },
  };
}

describe('hd open in Russian on an 80-column terminal', () => {
  it('a known client: questions, choices and the summary in Russian, nothing wrapped, nothing invented', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const t = terminal(db, ['open']);
    await t.expect('Клиент (название, договор, ID услуги, телефон):');
    await t.type('C-2022-05');
    await t.expect('❯ Evroopt Logistics');
    await t.type(ENTER);
    await t.expect('У клиента Evroopt Logistics нет открытых заявок.');
    await t.expect('Кто звонит?');
    await t.expect('— выберите звонящего —');
    await t.type(DOWN + ENTER);
    await t.expect('Какая услуга пострадала?');
    await t.type(DOWN + DOWN + ENTER); // MSK-DIA-02210
    await t.expect('С какого времени неисправность?');
    await t.type(`10:15${ENTER}`);
    await t.expect('Что именно не работает?');
    await t.expect('Медленно / низкая скорость');
    await t.type(DOWN + DOWN + ENTER);
    await t.expect('Сколько площадок затронуто?');
    await t.type(DOWN + ENTER);
    for (const q of ['роутер/модем', 'индикаторы линии', 'перезагружал']) {
      await t.expect(q);
      await t.expect('— не спрашивали —');
      await t.type(ENTER);
    }
    await t.expect('Что ещё работает на площадке?');
    await t.type(`IP-телефоны работают, а интернет еле-еле, страницы открываются минутами${ENTER}`);
    await t.expect('Кто и когда даст инженерам доступ?');
    await t.type(ENTER);
    await t.expect('Влияние на услугу:');
    await t.type(ENTER); // no default: the neutral answer is refused
    await t.expect('На вопрос «Влияние на услугу» нужен ответ');
    await t.type(DOWN + DOWN + ENTER); // degraded
    await t.expect('Срочность для клиента:');
    await t.type(DOWN + DOWN + ENTER); // medium
    await t.expect('Приоритет по матрице: P2. Оставить?');
    await t.type(ENTER);
    await t.expect('Кратко, одной строкой:');
    await t.type(`Медленный интернет в офисе с 10:15${ENTER}`);
    await t.expect('Описание');
    await t.type(ENTER);
    await t.expect('Новая заявка');
    await t.expect('С какого времени неисправность?  10:15');
    await t.expect('Что именно не работает?  Медленно / низкая скорость');
    await t.expect('Сохранить заявку?');
    await t.type(DOWN.repeat(7) + ENTER); // Discard: asked first
    await t.expect('Отказаться от этой анкеты? Ничего не сохранится.');
    await t.type(ENTER); // No
    await t.expect('Сохранить заявку?');
    await t.type(`${'\u001b[A'.repeat(7)}${ENTER}`);
    await t.expect('HD-000001 открыта: P2, Evroopt Logistics, MSK-DIA-02210.');
    await t.expect('Скажите клиенту: «Номер вашей заявки HD-000001.');
    expect(await t.exited).toBe(0);
    expect(t.output()).not.toMatch(/Client|Who is calling|Save this ticket|Impact on the service/);
    expect(await t.wrapped()).toEqual([]);
    const ticket = JSON.parse(hd(db, ['show', '1', '--json']).stdout);
    expect(ticket).toMatchObject({ priority: 'P2', impact: 'degraded', urgency: 'medium' });
    // Only what was asked and answered: no CPE power, link lights or reboot.
    expect(ticket.answers).toEqual({
      since: '10:15',
      symptom: 'slow',
      scope: 'one-site',
      worksOnSite: 'IP-телефоны работают, а интернет еле-еле, страницы открываются минутами',
    });

    // The ETA the client is told: завтра 10:00, the call script and the outcome in Russian.
    const eta = terminal(db, ['eta', '1', 'завтра', '10:00']);
    await eta.expect('Позвоните: Sergei Marchenko');
    await eta.expect('Звонок клиенту: чем закончился?');
    await eta.expect('дозвонились (reached)');
    await eta.type(ENTER); // on «— выберите —»: nothing recorded, the question again
    await eta.expect('пока не выбрано, ничего не записано');
    await eta.type(DOWN + ENTER); // дозвонились
    await eta.expect('HD-000001: срок восстановления 26.11.2026 10:00 (клиенту сообщено по телефону).');
    expect(await eta.exited).toBe(0);
    expect(await eta.wrapped()).toEqual([]);
    expect(JSON.parse(hd(db, ['show', '1', '--json']).stdout).eta).toBe('2026-11-26T07:00:00.000Z');
  }, 90_000);

  it('a new client entered inline, in Russian, nothing wrapped', async () => {
    const db = tempDbPath();
    hd(db, ['init', '--demo']);
    const t = terminal(db, ['open']);
    const answer = async (question: string, keys: string) => {
      await t.expect(question);
      await t.type(keys);
    };
    await t.expect('Клиент');
    await t.type('ОАО Гомельский мясокомбинат');
    await t.expect('❯ Новый клиент: ещё нет в базе');
    await t.type(ENTER);
    await answer('Название организации:', ENTER); // what was searched for
    await answer('Номер договора:', `Д-2026-0101${ENTER}`);
    await answer('Профиль правил приоритета по договору:', DOWN + DOWN + DOWN + ENTER); // standard-24x7
    await answer('Язык сообщений клиенту:', DOWN + ENTER); // русский
    await answer('ID услуги / канала:', `GML-DIA-00777${ENTER}`);
    await answer('Вид услуги', `Интернет 100M${ENTER}`);
    await answer('Адрес площадки:', `Гомель, ул. Советская 1${ENTER}`);
    await answer('Модель оборудования', ENTER);
    await answer('Имя звонящего:', `Ирина Ковальчук${ENTER}`);
    await answer('Телефон', `+375 29 611-22-33${ENTER}`);
    await answer('E-mail', ENTER);
    await answer('С какого времени неисправность?', `с 9 утра${ENTER}`);
    await answer('Что именно не работает?', DOWN + ENTER);
    await answer('Сколько площадок затронуто?', DOWN + ENTER);
    for (const q of ['роутер/модем', 'индикаторы линии', 'перезагружал', 'Что ещё работает', 'доступ'])
      await answer(q, ENTER);
    await answer('Влияние на услугу:', DOWN + ENTER); // down
    await answer('Срочность для клиента:', DOWN + ENTER); // high
    await answer('Оставить?', ENTER);
    await answer('Кратко, одной строкой:', `Нет интернета на площадке в Гомеле${ENTER}`);
    await answer('Описание', ENTER);
    await answer('(новый клиент)', '');
    await answer('Ирина Ковальчук · +375296112233 (новый)', '');
    await answer('Сохранить заявку?', ENTER);
    await t.expect('HD-000001 открыта: P1, ОАО Гомельский мясокомбинат, GML-DIA-00777.');
    expect(await t.exited).toBe(0);
    expect(await t.wrapped()).toEqual([]);
    expect(JSON.parse(hd(db, ['client', 'show', 'Д-2026-0101', '--json']).stdout)).toMatchObject({
      name: 'ОАО Гомельский мясокомбинат',
      language: 'ru',
    });
    const ticket = JSON.parse(hd(db, ['show', '1', '--json']).stdout);
    expect(ticket.answers).toEqual({ since: 'с 9 утра', symptom: 'no-service', scope: 'one-site' });
  }, 90_000);
});
