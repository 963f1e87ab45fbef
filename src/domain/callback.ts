// When "we will call you back" is, in words the client hears on the phone: the time alone when
// it is the client's today, otherwise the day too (a Friday-evening ticket on a business-hours
// contract is called back on Monday). Pure: `now` is passed in.
import type { Language } from './types.ts';

const WEEKDAYS: Record<Language, string[]> = {
  // Accusative, after "в/во": в понедельник, во вторник …
  ru: ['в воскресенье', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'],
  en: ['on Sunday', 'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday'],
};

const MONTHS_RU = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface LocalDay {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function localDay(ms: number, timeZone: string): LocalDay {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/**
 * "by 09:30", "tomorrow by 09:30", "on Monday by 09:30", "on 5 January by 09:30" (and the same
 * in Russian: "до 09:30", "завтра до 09:30", "в понедельник до 09:30", "5 января до 09:30"), for
 * a call-back due at `due`, said at `now`, in the client's time zone.
 */
export function callBackWhen(due: number, now: number, language: Language, timeZone: string): string {
  const d = localDay(due, timeZone);
  const n = localDay(now, timeZone);
  const time = `${d.hour}:${d.minute}`;
  const by = language === 'ru' ? `до ${time}` : `by ${time}`;
  const days = Math.round(
    (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(n.year, n.month - 1, n.day)) / 86_400_000,
  );
  if (days <= 0) return by;
  if (days === 1) return language === 'ru' ? `завтра ${by}` : `tomorrow ${by}`;
  if (days < 7)
    return `${WEEKDAYS[language][new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()]} ${by}`;
  const date =
    language === 'ru' ? `${d.day} ${MONTHS_RU[d.month - 1]}` : `on ${d.day} ${MONTHS_EN[d.month - 1]}`;
  return `${date} ${by}`;
}

/**
 * A moment as said on the phone, in the client's time zone: "today at 18:30", "tomorrow at
 * 10:00", "on Monday at 10:00", "on 5 January at 10:00" ("сегодня в 18:30", "завтра в 10:00",
 * "в понедельник в 10:00", "5 января в 10:00"); a moment before today is said with its date.
 */
export function spokenAt(at: number, now: number, language: Language, timeZone: string): string {
  const d = localDay(at, timeZone);
  const n = localDay(now, timeZone);
  const time = language === 'ru' ? `в ${d.hour}:${d.minute}` : `at ${d.hour}:${d.minute}`;
  const days = Math.round(
    (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(n.year, n.month - 1, n.day)) / 86_400_000,
  );
  if (days === 0) return language === 'ru' ? `сегодня ${time}` : `today ${time}`;
  if (days === 1) return language === 'ru' ? `завтра ${time}` : `tomorrow ${time}`;
  if (days === -1) return language === 'ru' ? `вчера ${time}` : `yesterday ${time}`;
  if (days > 1 && days < 7)
    return `${WEEKDAYS[language][new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()]} ${time}`;
  const year = d.year === n.year ? '' : ` ${d.year}`;
  const date =
    language === 'ru'
      ? `${d.day} ${MONTHS_RU[d.month - 1]}${year ? `${year} г.` : ''}`
      : `on ${d.day} ${MONTHS_EN[d.month - 1]}${year}`;
  return `${date} ${time}`;
}
