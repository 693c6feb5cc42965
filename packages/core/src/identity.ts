/** True for a 64-character lowercase hex identity. */
export function isIdentity(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** A short, readable form of an identity for default user names. */
export function shortIdentity(identity: string): string {
  return identity.slice(0, 12);
}
