import { describe } from "vitest";
import { cliSuite } from "./cli-suite";
import { pgliteTarget } from "./cli-test-support";

describe("CLI on a fresh embedded database (PGlite folder)", () => {
  cliSuite("pglite", async () => pgliteTarget());
});
