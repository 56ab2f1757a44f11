import { describe } from "vitest";
import { cliSuite } from "./cli-suite";
import { postgresTarget } from "./cli-test-support";

const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)("CLI on a fresh PostgreSQL database", () => {
  cliSuite("postgres", () => postgresTarget(base!));
});
