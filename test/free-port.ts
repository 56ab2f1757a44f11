import net from "node:net";

/**
 * A TCP port the OS says is free on 127.0.0.1 right now: listen on port 0,
 * read the port it picked, close. (A guessed random port collides with other
 * test runs or worktrees on the same machine.)
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port assigned"))));
    });
  });
}
