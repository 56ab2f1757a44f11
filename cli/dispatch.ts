/**
 * The dispatcher behind `npm run --silent cli -- <command> …` (cli/index.ts):
 * a thin layer over cli/commands/*.ts (each exports `run(args, io)` returning
 * an exit code, and most a `usage`). Commands load lazily, so `agreement`
 * never opens the database or loads Prisma, and each command's module is
 * the only one read.
 *
 * The CLI is a trusted local tool: it runs on the server with the database's
 * own credentials (DATABASE_URL, else the embedded database in ./data/pglite),
 * so it needs no sign-in. Commands that act on projects act as the first
 * admin account, or as `--as EMAIL` with that user's exact permissions.
 *
 * Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 bad arguments.
 */
import fs from "node:fs";
import path from "node:path";
import { EXIT_OK, EXIT_USAGE, type Io } from "./shared/errors";

type Entry = { name: string; file: string; summary: string; usage?: string };

const commands: Entry[] = [
  { name: "user create", file: "user-create", summary: "create a user who signs in with a password" },
  { name: "token create", file: "token-create", summary: "create an API token for a user (prints the token alone)" },
  { name: "project create", file: "project-create", summary: "create a project" },
  { name: "project set", file: "project-set", summary: "change a project's settings (sampling, overlap, status, lease length)" },
  { name: "import", file: "import-items", summary: "import items into a project from a JSONL, JSON or CSV file, or an hh, trl or ratings dataset" },
  { name: "members add", file: "members-add", summary: "add an existing user to a project, or change their role" },
  { name: "export", file: "export", summary: "export a project's judgments (raw, trl, hh, card)" },
  { name: "source-agreement", file: "source-agreement", summary: "agreement of a project's judgments with an imported dataset's own labels" },
  { name: "judgments import", file: "import-judgments", summary: "merge judgments made elsewhere (raw format)" },
  { name: "verify-counts", file: "verify-counts", summary: "recompute the kept counts and agreement statistics from the rows; report (and with --fix repair) differences" },
  { name: "quality", file: "quality", summary: "a project's per-annotator quality figures as JSON (reliability, gold, re-checks)" },
  {
    name: "agreement",
    file: "agreement",
    summary: "agreement metrics of a judgments JSONL file (no database)",
    usage: `usage: agreement --input FILE [--scale S]

Reads raw judgments JSONL (at least item_id, annotator, preference per line)
and prints one JSON object with every agreement metric. Needs no database.

  --input FILE   the judgments file
  --scale S      the preference scale (default: from the data)
`,
  },
];

type CommandModule = { run: (args: string[], io: Io) => Promise<number>; usage?: string };

function commandFile(entry: Entry): string | undefined {
  const base = path.join(__dirname, "commands", entry.file);
  return [".ts", ".js"].map((ext) => base + ext).find((file) => fs.existsSync(file));
}

function available(): Entry[] {
  return commands.filter((entry) => commandFile(entry));
}

function overview(): string {
  const list = available();
  const width = Math.max(...list.map((entry) => entry.name.length));
  return [
    "usage: npm run --silent cli -- <command> [options]",
    "",
    "Commands:",
    ...list.map((entry) => `  ${entry.name.padEnd(width)}   ${entry.summary}`),
    "",
    "Run a command with --help for its options. The CLI works on DATABASE_URL's database",
    "(else the embedded one in ./data/pglite) with the database's own access: it is a",
    "trusted local tool. Exit codes: 0 done, 1 refused or failed, 2 bad arguments.",
    "",
  ].join("\n");
}

/** The longest command name the arguments start with: "user create" before "user". */
function match(args: string[]): { entry: Entry; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(" ");
    const entry = commands.find((candidate) => candidate.name === name);
    if (entry && args.length >= words) return { entry, rest: args.slice(words) };
  }
  return undefined;
}

export async function main(args: string[], io: Io): Promise<number> {
  const [first] = args;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    (first === undefined ? io.stderr : io.stdout).write(overview());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const found = match(args);
  const file = found && commandFile(found.entry);
  if (!found || !file) {
    const typed = args.filter((arg) => !arg.startsWith("-")).slice(0, 2).join(" ");
    const group = available().filter((entry) => entry.name.startsWith(`${first} `)).map((entry) => entry.name);
    io.stderr.write(`error: unknown command "${typed || first}".${group.length ? ` Did you mean: ${group.join(", ")}?` : ""}\n\n${overview()}`);
    return EXIT_USAGE;
  }
  const command = (await import(file)) as CommandModule;
  const usage = command.usage ?? found.entry.usage;
  // Commands that export no usage of their own (agreement) get the one kept in this table.
  if (usage && !command.usage && found.rest.some((arg) => arg === "--help" || arg === "-h")) {
    io.stdout.write(usage);
    return EXIT_OK;
  }
  return command.run(found.rest, io);
}
