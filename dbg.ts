import { db, closeDb } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
async function main() {
  let t = Date.now();
  const h = await hashPassword("x"); console.log("hash", Date.now() - t); t = Date.now();
  await db.user.create({ data: { email: "z@z.z", name: "z", passwordHash: h } }); console.log("user", Date.now() - t); t = Date.now();
  await db.project.create({ data: { slug: "p", name: "p", items: { create: [{ externalId: "1", prompt: "hi", responseA: "a", responseB: "b" }] } } }); console.log("project", Date.now() - t);
  await closeDb();
}
main().catch((e) => { console.error("ERR", e); process.exit(1); });
