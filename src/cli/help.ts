// commander's own words in the interface language: help titles, the help and version flags, and
// the usage errors it raises (unknown option, missing argument …), which main.ts prints like any
// other error. English keeps commander's wording.
import { type Command, type CommanderError, Help } from 'commander';
import { language, type MessageKey, t } from '../i18n.ts';

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.title.usage',
  'Options:': 'help.title.options',
  'Commands:': 'help.title.commands',
  'Arguments:': 'help.title.arguments',
  'Global Options:': 'help.title.globalOptions',
};

/** The narrowest description column worth keeping beside its term. */
const MIN_DESCRIPTION = 30;

/** "(default: 50)", "(choices: …)" that commander adds to a description. */
const extras = (text: string) =>
  text
    .replace(/([(,] )?\b(default|choices): /g, (_m, before: string | undefined, word: string) => {
      const said = word === 'default' ? t('help.default') : t('help.choices');
      return `${before ?? ''}${said}: `;
    })
    .replace(/\((?=\S)/, '(');

/** Set on the program before any command is declared: subcommands inherit it. */
export function translateHelp(program: Command): void {
  program.configureHelp({
    styleTitle: (title: string) => (TITLES[title] ? t(TITLES[title]) : title),
    // commander's own words inside a usage line and after a description.
    styleUsage: (usage: string) =>
      usage.replace('[options]', t('help.usage.options')).replace('[command]', t('help.usage.command')),
    styleOptionDescription: (text: string) => extras(text),
    styleArgumentDescription: (text: string) => extras(text),
    // A command list names the commands; each one's arguments are in its own --help. Long
    // terms (`log <ticket> <kind> [text...]`) would leave the descriptions no room at 80 columns.
    subcommandTerm: (command: Command) => command.name(),
    formatItem(term: string, termWidth: number, description: string, helper: Help): string {
      const width = helper.helpWidth ?? 80;
      if (!description || width - termWidth - 4 >= MIN_DESCRIPTION) {
        return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
      }
      // Too narrow for two columns: the term on its line, the description wrapped under it.
      const wrapped = helper.boxWrap(description, width - 6).replace(/\n/g, '\n      ');
      return `  ${term}\n      ${wrapped}`;
    },
  });
  program.helpOption('-h, --help', t('help.option'));
  program.helpCommand('help [command]', t('help.command'));
}

/** "Examples:" and the commands, for the end of a command's help. */
export const examples = (...lines: string[]) =>
  `\n${t('help.examples')}\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** A usage error of commander's, without its "error: " prefix, in the interface language. */
export function usageMessage(error: CommanderError): string {
  const message = error.message.replace(/^error: /, '');
  if (language() === 'en') return message;
  // commander puts the suggestion on a line of its own: "…'lst'\n(Did you mean list?)".
  const suggestion = /\s\(Did you mean (?:one of )?(.+)\?\)$/.exec(message);
  const tail = suggestion ? ` ${t('usage.didYouMean', { word: suggestion[1]! })}` : '';
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  switch (error.code) {
    case 'commander.unknownOption':
      return t('usage.unknownOption', { flag: quoted[0] ?? '' }) + tail;
    case 'commander.unknownCommand':
      return t('usage.unknownCommand', { name: quoted[0] ?? '' }) + tail;
    case 'commander.missingArgument':
      return t('usage.missingArgument', { name: quoted[0] ?? '' });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missingOption', { flag: quoted[0] ?? '' });
    case 'commander.optionMissingArgument':
      return t('usage.optionMissingArgument', { flag: quoted[0] ?? '' });
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(message);
      return t('usage.excessArguments', { expected: counts?.[1] ?? '?', got: counts?.[2] ?? '?' });
    }
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.+)\.$/.exec(message);
      return choices
        ? t('usage.invalidChoice', { flag: quoted[0] ?? '', value: quoted[1] ?? '', choices: choices[1]! })
        : message;
    }
    default:
      return message;
  }
}
