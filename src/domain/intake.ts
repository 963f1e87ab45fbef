import { UsageError } from '../errors.ts';
import { checkText, LIMITS } from './limits.ts';

export interface Choice {
  value: string;
  label: string;
}

/** One item of the preliminary-analysis questionnaire, as defined in data/questionnaire.json. */
export interface Question {
  key: string;
  question: string;
  type: 'text' | 'select';
  required: boolean;
  hint?: string;
  choices?: Choice[];
}

export function validateAnswer(q: Question, value: string): string {
  const trimmed = checkText(
    value,
    `The answer to "${q.question}" (--answer ${q.key}=…)`,
    LIMITS.answer,
  ).trim();
  if (q.type === 'select') {
    const choice = q.choices?.find(
      (c) => c.value === trimmed || c.label.toLowerCase() === trimmed.toLowerCase(),
    );
    if (!choice) {
      throw new UsageError(
        `"${value}" is not an answer to "${q.question}" (--answer ${q.key}=…). Choose one of: ${q.choices?.map((c) => c.value).join(', ')}.`,
      );
    }
    return choice.value;
  }
  if (q.required && trimmed === '')
    throw new UsageError(`"${q.question}" needs an answer (--answer ${q.key}=…).`);
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
      throw new UsageError(
        `--answer "${flag}" does not name a question. Write KEY=VALUE with KEY one of: ${questions.map((item) => item.key).join(', ')}.`,
      );
    }
    answers[key] = validateAnswer(q, flag.slice(eq + 1));
  }
  return answers;
}

export function missingAnswers(questions: Question[], answers: Record<string, string>): Question[] {
  return questions.filter((q) => q.required && !answers[q.key]);
}

export function answerLabel(q: Question | undefined, value: string): string {
  return q?.choices?.find((c) => c.value === value)?.label ?? value;
}
