import { describe, expect, it } from "vitest";
import { main } from "./dispatch";
import { runCli } from "./cli-test-support";
import { runInProcess } from "@/test/cli";

/** Argument handling needs no database: most of it runs in process, one spawn checks the real exit code. */
const dispatch = (args: string[]) => runInProcess(main, args);

const dbCommands = [["user", "create"], ["token", "create"], ["project", "create"], ["import"], ["members", "add"], ["export"], ["judgments", "import"]];

describe("CLI arguments", () => {
  it("lists the commands for --help (exit 0) and with no command (exit 2, on stderr)", async () => {
    const help = await dispatch(["--help"]);
    expect(help.code).toBe(0);
    for (const name of ["user create", "token create", "project create", "import", "members add", "agreement", "export", "judgments import", "quality"]) expect(help.stdout).toContain(`  ${name} `);
    expect(help.stdout).toMatch(/trusted local tool/);
    const none = await dispatch([]);
    expect(none).toMatchObject({ code: 2, stdout: "", stderr: help.stdout });
  });

  it("has --help for every command, without touching the database", async () => {
    for (const words of [...dbCommands, ["agreement"]]) {
      const result = await dispatch([...words, "--help"]);
      expect(result, words.join(" ")).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(new RegExp(`^usage: ${words.join(" ")} `));
    }
    expect((await dispatch(["import", "-h"])).stdout).toMatch(/--skip-bad-lines/);
  });

  it("refuses unknown commands with exit 2, suggesting the sub-commands of a group", async () => {
    expect(await dispatch(["frobnicate"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown command "frobnicate"\./) });
    expect(await dispatch(["user", "delete", "--email", "x"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown command "user delete"\. Did you mean: user create\?/) });
  });

  it("exits 2 naming the flag for unknown flags, missing flags and bad values", async () => {
    const cases: [string[], RegExp][] = [
      [["user", "create", "--email", "a@b.co", "--password", "long enough", "--role", "admin", "--admin"], /^error: Unknown option '--admin'/],
      [["user", "create", "--email", "a@b.co"], /^error: missing --password, --role\n/],
      [["user", "create", "--email", "nope", "--password", "short", "--role", "owner"], /^error: --email: enter a valid email address; --password: use at least 10 characters; --role: /],
      [["user", "create", "--email"], /^error: Option '--email <value>' argument missing/],
      [["token", "create", "--email", "a@b.co", "--name", "  "], /^error: --name: give the token a name\n/],
      [["project", "create", "--slug", "Bad Slug", "--name", "P", "--scale", "9"], /^error: --slug: use lowercase letters.*; --scale: /],
      [["project", "create", "--slug", "ok", "--name", "P", "--overlap", "two"], /^error: --overlap: must be a whole number\n/],
      [["project", "create", "--slug", "ok", "--name", "P", "--status", "done"], /^error: --status: /],
      [["project", "create", "--slug", "ok", "--name", "P", "--sampling", "random"], /^error: --sampling: must be "uniform" or "leaderboard"\n/],
      [["project", "set", "--project", "p", "--sampling", "best"], /^error: --sampling: must be "uniform" or "leaderboard"\n/],
      [["project", "set", "--project", "p", "--lease-minutes", "0"], /^error: --lease-minutes: /],
      [["project", "create", "--slug", "ok", "--name", "P", "--overlap-min", "6", "--overlap-max", "5"], /^error: --overlap-max: Must be at least the minimum overlap k \(6\)\n/],
      [["project", "create", "--slug", "ok", "--name", "P", "--overlap-min", "2"], /^error: --overlap-max: Set the maximum overlap K too/],
      [["project", "create", "--slug", "ok", "--name", "P", "--overlap-min", "2", "--overlap-max", "4", "--stop-share", "0.5", "--stop-on", "vote"], /^error: --stop-share: must be above 0\.5.*; --stop-on: /],
      [["import", "--project", "p"], /^error: missing FILE\n/],
      [["import", "--project", "p", "a.jsonl", "b.jsonl"], /^error: unexpected argument "b\.jsonl"/],
      [["import", "--project", "p", "items.txt"], /^error: cannot tell the format of items\.txt from its name: pass --format/],
      [["import", "--project", "p", "items.jsonl", "--format", "xml"], /^error: --format: /],
      [["members", "add", "--project", "p", "--email", "a@b.co", "--role", "admin"], /^error: --role: /],
      [["members", "add", "--project", "p", "--email", "a@b.co", "--role", "lead", "--as", "not-an-email"], /^error: --as: enter a valid email address/],
    ];
    for (const [args, message] of cases) {
      const result = await dispatch(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).toMatch(/\(--help for details\)\n$/);
    }
  });

  it("the real CLI exits 2 on a bad flag and 1 on a missing file, without a stack trace", async () => {
    const [badFlag, missingFile] = await Promise.all([
      runCli(["members", "add", "--project", "p", "--email", "a@b.co", "--role", "lead", "--force"]),
      runCli(["import", "--project", "p", "/no/such/items.jsonl"]),
    ]);
    expect(badFlag).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/^error: Unknown option '--force'/) });
    expect(missingFile).toMatchObject({ code: 1, stdout: "", stderr: "error: cannot read /no/such/items.jsonl: no such file\n" });
  });
});
