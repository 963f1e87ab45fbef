// A text that is not JSON, said for people: the line and column (the parser's own position where
// it gives one, else hd's: "Unexpected token 'o'" names none) and what is wrong — the parser's
// words in English, Russian words in Russian.
import { jsonFault } from '../domain/json-fault.ts';
import { language, t } from '../i18n.ts';

export interface JsonProblem {
  line: number;
  column: number;
  problem: string;
}

export function jsonProblem(text: string, error: Error): JsonProblem {
  const fault = jsonFault(text);
  const at = /at position (\d+)/.exec(error.message);
  let line: number;
  let column: number;
  if (at || !fault) {
    const before = text.slice(0, at ? Number(at[1]) : text.length).split('\n');
    line = before.length;
    column = before.at(-1)!.length + 1;
  } else ({ line, column } = fault);
  if (language() !== 'en') {
    const problem =
      !fault || fault.end
        ? t('json.fault.end')
        : t('json.fault.found', { found: JSON.stringify(fault.found) });
    return { line, column, problem };
  }
  const words = error.message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ of JSON input$/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  return { line, column, problem: `${words.charAt(0).toLowerCase()}${words.slice(1)}` };
}
