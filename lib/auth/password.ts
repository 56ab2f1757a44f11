import bcrypt from "bcryptjs";

// bcryptjs is plain JavaScript (no native build, no download). 11 rounds is
// about 150 ms here: slow enough against guessing, fast enough to sign in.
const ROUNDS = Number(process.env.BCRYPT_ROUNDS ?? 11);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, ROUNDS);
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  // Compare against a fixed hash when the user has none, so a missing account
  // takes as long as a wrong password.
  return bcrypt.compare(password, hash ?? "$2b$11$C6UzMDM.H6dfI/f/IKxGhu0QzC3vlhSnD7v9dwcE1rj0D7hAtT5Ky");
}

export function generatePassword(length = 16): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
