import { UsageError, worded } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { checkText, LIMITS } from './limits.ts';

export interface Choice {
  value: string;
  label: string;
  /** The label in Russian; the English one where the file has none. */
  labelRu?: string;
}

/**
 * One item of the preliminary-analysis questionnaire, as defined in data/questionnaire.json: its
 * words in English and Russian (`questionRu`, `hintRu`, a choice's `labelRu`, as zones.json has
 * `nameRu`); the operator reads them in the interface language. Answers are stored as typed or as
 * the choice's value, whatever the language.
 */
export interface Question {
  key: string;
  question: string;
  questionRu?: string;
  type: 'text' | 'select';
  required: boolean;
  hint?: string;
  hintRu?: string;
  choices?: Choice[];
}

type Lang = 'ru' | 'en';

/** The question in `lang` (English where the file has no Russian). */
export const questionText = (q: Question, lang: Lang = 'en'): string =>
  (lang === 'ru' && q.questionRu) || q.question;

export const hintText = (q: Question, lang: Lang = 'en'): string | undefined =>
  (lang === 'ru' && q.hintRu) || q.hint;

export const choiceLabel = (c: Choice, lang: Lang = 'en'): string => (lang === 'ru' && c.labelRu) || c.label;

export function validateAnswer(q: Question, value: string): string {
  const question = questionText(q, language());
  const trimmed = checkText(value, t('intake.answerTo', { question, key: q.key }), LIMITS.answer).trim();
  if (q.type === 'select') {
    const choice = q.choices?.find(
      (c) =>
        c.value === trimmed ||
        c.label.toLowerCase() === trimmed.toLowerCase() ||
        c.labelRu?.toLowerCase() === trimmed.toLowerCase(),
    );
    if (!choice) {
      throw worded(UsageError, 'intake.err.notChoice', {
        value,
        question,
        key: q.key,
        choices: q.choices?.map((c) => c.value).join(', ') ?? '',
      });
    }
    return choice.value;
  }
  if (q.required && trimmed === '')
    throw worded(UsageError, 'intake.err.needsAnswer', { question, key: q.key });
  return trimmed;
}

/** `--answer since=14:20 --answer scope=one-site` → checked answers keyed by question. */
export function parseAnswerFlags(flags: string[], questions: Question[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq > 0 ? flag.slice(0, eq).trim() : '';
    const q = questions.find((item) => item.key === key);
    if (!q) {
      throw worded(UsageError, 'intake.err.noQuestion', {
        flag,
        keys: questions.map((item) => item.key).join(', '),
      });
    }
    answers[key] = validateAnswer(q, flag.slice(eq + 1));
  }
  return answers;
}

export function missingAnswers(questions: Question[], answers: Record<string, string>): Question[] {
  return questions.filter((q) => q.required && !answers[q.key]);
}

/** A stored answer as the operator reads it: a choice's label in `lang`, else the answer as typed. */
export function answerLabel(q: Question | undefined, value: string, lang: Lang = 'en'): string {
  const choice = q?.choices?.find((c) => c.value === value);
  return choice ? choiceLabel(choice, lang) : value;
}
