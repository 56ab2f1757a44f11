import { parseArgs } from "node:util";
import { z } from "zod";
import { EXIT_OK, reportError, UsageError, type Io } from "./errors";

export type { Io } from "./errors";

type OptionSpec = { type: "string" | "boolean"; short?: string; required?: boolean };

export type CommandSpec<S extends z.ZodType> = {
  /** Printed by --help and after a usage error. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Named positional arguments, all required (e.g. ["file"] for `import … FILE`). */
  positionals?: string[];
  /** Validates the flag values, keyed by flag name (without --) and positional name. */
  schema: S;
  handler: (input: z.output<S>, io: Io) => Promise<number | void>;
};

export type Command = { usage: string; run: (args: string[], io: Io) => Promise<number> };

/** A zod failure as a usage error naming the flags: `--email: enter a valid email address`. */
export function usageErrorFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, flagFor: (key: string) => string): UsageError {
  const lines = issues.map((issue) => {
    const key = issue.path[0];
    const rest = issue.path.slice(1).map(String).join(".");
    return key === undefined ? issue.message : `${flagFor(String(key))}${rest ? `.${rest}` : ""}: ${issue.message}`;
  });
  return new UsageError(lines.join("; "));
}

const asFlag = (key: string) => (key.startsWith("--") ? key : `--${key}`);

/**
 * One command: strict argument parsing (an unknown flag is an error, not
 * ignored), --help, required flags, zod validation of the values, and every
 * error turned into a message and an exit code (2 bad arguments, 1 refused).
 */
export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): Command {
  const positionalNames = spec.positionals ?? [];
  const run = async (args: string[], io: Io): Promise<number> => {
    try {
      let parsed;
      try {
        parsed = parseArgs({
          args,
          options: { ...spec.options, help: { type: "boolean", short: "h" } },
          strict: true,
          allowPositionals: positionalNames.length > 0,
        });
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const values = parsed.values as Record<string, string | boolean | undefined>;
      if (values.help) {
        io.stdout.write(spec.usage);
        return EXIT_OK;
      }
      const missing = Object.entries(spec.options)
        .filter(([name, option]) => option.required && values[name] === undefined)
        .map(([name]) => `--${name}`);
      if (parsed.positionals.length < positionalNames.length) missing.push(...positionalNames.slice(parsed.positionals.length).map((n) => n.toUpperCase()));
      if (missing.length) throw new UsageError(`missing ${missing.join(", ")}`);
      if (parsed.positionals.length > positionalNames.length) {
        throw new UsageError(`unexpected argument "${parsed.positionals[positionalNames.length]}"`);
      }
      const raw: Record<string, unknown> = { ...values };
      delete raw.help;
      positionalNames.forEach((name, index) => (raw[name] = parsed.positionals[index]));
      const input = spec.schema.safeParse(raw);
      if (!input.success) {
        throw usageErrorFromZod(input.error.issues, (key) => (positionalNames.includes(key) ? key.toUpperCase() : asFlag(key)));
      }
      return (await spec.handler(input.data, io)) ?? EXIT_OK;
    } catch (error) {
      return reportError(error, io, spec.usage);
    }
  };
  return { usage: spec.usage, run };
}

/** A whole number given as a flag value ("3"), as a number. */
export const intFlag = z
  .string()
  .regex(/^-?\d+$/, "must be a whole number")
  .transform(Number);
