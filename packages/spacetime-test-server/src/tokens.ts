/**
 * Identities and tokens as a SpacetimeDB host issues them (`crates/client-api/src/routes/
 * identity.rs`, `crates/core/src/auth`): a token is a JWT the server signs (ES256 here, as
 * SpacetimeDB's keys are), carrying `iss`, `sub` and `hex_identity`; the identity is derived
 * from the issuer and subject, so a token used again is the same identity. The short-lived
 * token `POST /v1/identity/websocket-token` returns expires after 60 seconds, as there.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { Identity } from 'spacetimedb';

/** Claims the module can read through `ctx.senderAuth.jwt`. */
export interface Claims {
  readonly iss: string;
  readonly sub: string;
  readonly hex_identity: string;
  readonly aud: string[];
  readonly iat: number;
  readonly exp?: number;
}

/** A verified token: who it names, and its claims as JSON. */
export interface Verified {
  readonly identity: Identity;
  readonly payload: string;
}

/** A token that is malformed, not ours, or expired. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

/**
 * The identity of an issuer and subject. SpacetimeDB hashes the two claims (with blake3, and a
 * `c200` prefix and checksum); this server hashes them with SHA-256 under the same prefix. The
 * exact bytes differ from a real server's, which no client can observe: identities are opaque.
 */
export function identityOf(issuer: string, subject: string): Identity {
  const digest = createHash('sha256').update(`${issuer}|${subject}`).digest('hex');
  return new Identity(`c200${digest.slice(0, 60)}`);
}

/** Issues and checks the tokens of one server; the signing key lives as long as the server. */
export class Tokens {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly issuer: string,
  ) {}

  static async create(issuer = 'spacetime-test-server'): Promise<Tokens> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new Tokens(privateKey, publicKey, issuer);
  }

  /** A new identity and its token (`POST /v1/identity`). */
  async issue(): Promise<{ identity: Identity; token: string }> {
    return this.sign(randomUUID());
  }

  /** A token for the same identity that expires in 60 seconds (`websocket-token`). */
  async shortLived(token: string): Promise<string> {
    const { claims } = await this.check(token);
    return (await this.sign(claims.sub, 60)).token;
  }

  /** Checks a token's signature, expiry and identity. */
  async verify(token: string): Promise<Verified> {
    const { identity, claims } = await this.check(token);
    return { identity, payload: JSON.stringify(claims) };
  }

  /** The public key tokens are checked with, as PEM (`GET /v1/identity/public-key`). */
  publicKeyPem(): Promise<string> {
    return exportSPKI(this.publicKey);
  }

  private async sign(subject: string, expiresInSeconds?: number) {
    const identity = identityOf(this.issuer, subject);
    let jwt = new SignJWT({ hex_identity: identity.toHexString() })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(this.issuer)
      .setSubject(subject)
      .setAudience(['spacetimedb'])
      .setIssuedAt();
    if (expiresInSeconds !== undefined) jwt = jwt.setExpirationTime(`${expiresInSeconds}s`);
    return { identity, token: await jwt.sign(this.privateKey) };
  }

  private async check(token: string): Promise<{ identity: Identity; claims: Claims }> {
    let claims: Claims;
    try {
      claims = (await jwtVerify(token, this.publicKey, { issuer: this.issuer })).payload as never;
    } catch (e) {
      throw new TokenError(`invalid token: ${(e as Error).message}`);
    }
    if (typeof claims.sub !== 'string') throw new TokenError('invalid token: no subject');
    const identity = identityOf(claims.iss, claims.sub);
    if (claims.hex_identity !== undefined && claims.hex_identity !== identity.toHexString())
      throw new TokenError('invalid token: hex_identity does not match its issuer and subject');
    return { identity, claims };
  }
}
