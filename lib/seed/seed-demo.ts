import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { importItems } from "@/lib/import/import-items";
import { fileSource } from "@/lib/import/sources";

export type DemoAccount = { email: string; password: string; role: "ADMIN" | "ANNOTATOR" };

const DEMO_DIR = path.resolve(process.cwd(), "prisma/demo");

/**
 * First run on an empty database: an admin, two annotators and a demo project
 * of real pairs, so a new user can try the whole loop at once. Passwords are
 * generated here and returned to be printed once; only hashes are stored.
 */
export async function seedDemoIfEmpty(): Promise<DemoAccount[] | null> {
  if ((await db.user.count()) > 0) return null;
  const accounts: DemoAccount[] = [
    { email: "admin@pairwise.local", password: generatePassword(), role: "ADMIN" },
    { email: "ada@pairwise.local", password: generatePassword(), role: "ANNOTATOR" },
    { email: "grace@pairwise.local", password: generatePassword(), role: "ANNOTATOR" },
  ];
  const names = ["Admin", "Ada", "Grace"];
  const users = [];
  for (const [index, account] of accounts.entries()) {
    users.push(
      await db.user.create({
        data: { email: account.email, name: names[index]!, role: account.role, passwordHash: await hashPassword(account.password) },
        select: { id: true },
      }),
    );
  }
  const guidelines = fs.readFileSync(path.join(DEMO_DIR, "guidelines.md"), "utf8");
  const project = await db.project.create({
    data: {
      slug: "demo",
      name: "Demo: assistant responses",
      description: "Coding, reasoning, refusals, chats and long answers from four models.",
      guidelines,
      status: "ACTIVE",
      scale: 3,
      allowTie: true,
      overlap: 2,
      guidelineVersions: { create: { version: 1, text: guidelines } },
      memberships: {
        create: users.map((user, index) => ({ userId: user.id, role: index === 0 ? ("LEAD" as const) : ("ANNOTATOR" as const) })),
      },
    },
    select: { id: true, scale: true },
  });
  const report = await importItems({
    projectId: project.id,
    scale: project.scale,
    source: () => fileSource(path.join(DEMO_DIR, "items.jsonl")),
    format: "jsonl",
    onError: "abort",
  });
  if (report.errors.length) throw new Error(`The demo items did not import: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return accounts;
}
