/**
 * Command-line flags with environment twins: `--turn-secret S` or `--turn-secret=S`, else
 * `DESKBRIDGE_TURN_SECRET`. Pure: argv and env come in, raw values and problems go out; each
 * command validates its own values (options.ts, turn-config-options.ts).
 */

export type FlagKind = 'string' | 'list' | 'boolean';

export interface FlagSpec {
  kind: FlagKind;
  /** One line for `--help`. */
  help: string;
  /** Shown after the flag in `--help`, e.g. `PORT`. */
  value?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** Where a value came from, to name it in a message: `--port` or `DESKBRIDGE_PORT`. */
export interface RawValue {
  source: string;
  values: string[];
}

export interface RawFlags {
  values: Map<string, RawValue>;
  problems: string[];
  help: boolean;
}

export const envName = (flag: string) => `DESKBRIDGE_${flag.toUpperCase().replaceAll('-', '_')}`;

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off', ''];

export function readFlags(
  specs: FlagSpecs,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): RawFlags {
  const values = new Map<string, RawValue>();
  const problems: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1] ?? '';
    const spec = specs[name];
    if (!match || !spec) {
      problems.push(`${arg}: unknown ${arg.startsWith('-') ? 'flag' : 'argument'} (see --help)`);
      continue;
    }
    const source = `--${name}`;
    let value = match[2];
    if (spec.kind === 'boolean') {
      if (value !== undefined) problems.push(`${source}: takes no value`);
      values.set(name, { source, values: ['true'] });
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        problems.push(`${source}: needs a value`);
        continue;
      }
      i++;
    }
    const before = values.get(name);
    if (before && spec.kind === 'string') problems.push(`${source}: given more than once`);
    values.set(name, { source, values: [...(before?.values ?? []), value] });
  }
  for (const [name, spec] of Object.entries(specs)) {
    const variable = envName(name);
    const text = env[variable];
    if (values.has(name) || text === undefined) continue;
    if (spec.kind === 'boolean') {
      const word = text.trim().toLowerCase();
      if (TRUE.includes(word)) values.set(name, { source: variable, values: ['true'] });
      else if (!FALSE.includes(word))
        problems.push(`${variable}: "${text}" is not 1/0 or true/false`);
    } else if (spec.kind === 'list') {
      const items = text.split(/[\s,]+/).filter(Boolean);
      if (items.length > 0) values.set(name, { source: variable, values: items });
    } else if (text !== '') {
      values.set(name, { source: variable, values: [text] });
    }
  }
  return { values, problems, help };
}

/** `--help` text: one line per flag with its environment twin. */
export function usage(title: string, specs: FlagSpecs): string {
  const lines = Object.entries(specs).map(([name, spec]) => {
    const flag = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
    const repeat = spec.kind === 'list' ? ' (repeatable)' : '';
    return `  ${flag.padEnd(30)} ${spec.help}${repeat}\n  ${''.padEnd(30)} env ${envName(name)}`;
  });
  return `${title}\n\n${lines.join('\n')}\n`;
}
