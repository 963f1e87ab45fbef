// The words operators type for days and durations, in English and in Russian (lower case, ё as е).

/** Days counted from today. */
export const DAY_WORDS: Readonly<Record<string, number>> = {
  today: 0,
  tomorrow: 1,
  yesterday: -1,
  сегодня: 0,
  завтра: 1,
  послезавтра: 2,
  вчера: -1,
  позавчера: -2,
};

/** Weekdays as JavaScript numbers them (0 = Sunday): abbreviations, full names, and the accusative of "в пятницу". */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 0,
  sunday: 0,
  пн: 1,
  пон: 1,
  понедельник: 1,
  вт: 2,
  вторник: 2,
  ср: 3,
  среда: 3,
  среду: 3,
  чт: 4,
  четверг: 4,
  пт: 5,
  пятница: 5,
  пятницу: 5,
  сб: 6,
  суб: 6,
  суббота: 6,
  субботу: 6,
  вс: 0,
  воскр: 0,
  воскресенье: 0,
};

/** Words that only join a day and a time ("завтра в 10:00", "tomorrow at 09:00", "во вторник"). */
export const JOINERS: ReadonlySet<string> = new Set(['в', 'во', 'at', 'on']);

export type DurationUnit = 'd' | 'h' | 'm' | 's';

/** Units after a number: `2h`, `2 часа`, `1,5ч`, `90 мин`, `2д`. Ordered largest first. */
export const UNITS: Readonly<Record<string, DurationUnit>> = {
  d: 'd',
  day: 'd',
  days: 'd',
  д: 'd',
  дн: 'd',
  день: 'd',
  дня: 'd',
  дней: 'd',
  сут: 'd',
  сутки: 'd',
  суток: 'd',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  ч: 'h',
  час: 'h',
  часа: 'h',
  часов: 'h',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  мин: 'm',
  минута: 'm',
  минуту: 'm',
  минуты: 'm',
  минут: 'm',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  сек: 's',
  секунд: 's',
  секунды: 's',
  секунду: 's',
};

/** Whole words that are a duration by themselves: "через час", "через полчаса", "in an hour". */
export const BARE_DURATIONS: Readonly<Record<string, number>> = {
  час: 3_600_000,
  полчаса: 1_800_000,
  минуту: 60_000,
  день: 86_400_000,
  сутки: 86_400_000,
  'an hour': 3_600_000,
  'a day': 86_400_000,
};

export const UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
};
