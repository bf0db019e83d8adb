// Runs in: CLI (Node). What every `anyfill <command>` does before its own work: where its output goes,
// how it reports a usage error (exit 2, pointing at --help), and `--help` itself.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AnyfillError } from '../../src-shared/contract/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Out {
  write(text: string): unknown;
}

/** A string option, the usual kind. */
export const STR = { type: 'string' } as const;

export interface CommandIo {
  readonly stdout: Out;
  readonly stderr: Out;
  /** One line on stderr, prefixed with the command's name. */
  fail(line: string): void;
}

export function commandIo(name: string, io: { stdout?: Out; stderr?: Out } = {}): CommandIo {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return { stdout, stderr, fail: (line) => void stderr.write(`anyfill ${name}: ${line}\n`) };
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION }>>['values'] & {
  help?: boolean;
};

/**
 * The parsed options, or the exit code when the command should stop here: 0 after printing `help`,
 * 2 after a usage error. `required` names the options that must be present.
 */
export function parseCommandArgs<O extends Options, R extends keyof O & string>(
  name: string,
  argv: string[],
  options: O,
  io: CommandIo,
  usage: { help: string; required: readonly R[]; missing: string },
): (Values<O> & Record<R, string>) | number {
  let values: Values<O>;
  try {
    values = parseArgs({ args: argv, options: { ...options, ...HELP_OPTION } }).values as Values<O>;
  } catch (err) {
    io.fail(`${(err as Error).message}. Run "anyfill ${name} --help".`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${usage.help}\n`);
    return 0;
  }
  if (usage.required.some((k) => (values as Record<string, unknown>)[k] === undefined)) {
    io.fail(`${usage.missing} Run "anyfill ${name} --help".`);
    return 2;
  }
  return values as Values<O> & Record<R, string>;
}

/** A command's failure: its message on stderr, and the exit code (130 when the user cancelled, else 1). */
export function exitWithError(io: Pick<CommandIo, 'fail'>, err: unknown): number {
  io.fail(err instanceof Error ? err.message : String(err));
  return err instanceof AnyfillError && err.code === 'CANCELLED' ? 130 : 1;
}

/** A NEEDS_CONFIRMATION refusal as the CLI says it: the engine's sentence plus how to go ahead. */
export function largeHint(err: unknown): unknown {
  if (!(err instanceof AnyfillError) || err.code !== 'NEEDS_CONFIRMATION') return err;
  return new AnyfillError('NEEDS_CONFIRMATION', `${err.message} Run again with --allow-large to open it anyway.`, err.detail);
}
