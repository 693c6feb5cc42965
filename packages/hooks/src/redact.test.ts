import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactAll, redactProse } from './redact.js';
import { PLANTED_KEY, PLANTED_PASSWORD } from './testing/fixtures.js';
import { LOOK_ALIKES, SECRET_SHAPES } from './testing/secretCorpus.js';

const chars = (alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64URL = `${ALNUM}_-`;

/** Generated secrets of the kinds we promise to catch, and the part that must not survive. */
const secret: fc.Arbitrary<{ text: string; hidden: string }> = fc.oneof(
  chars(B64URL, 40, 90).map((k) => ({ text: `sk-ant-api03-${k}`, hidden: k })),
  chars(B64URL, 20, 60).map((k) => ({ text: `sk-proj-${k}`, hidden: k })),
  fc
    .tuple(fc.constantFrom('ghp', 'gho', 'ghu', 'ghs'), chars(ALNUM, 36, 40))
    .map(([p, k]) => ({ text: `${p}_${k}`, hidden: k })),
  chars(UPPER_NUM, 16, 16).map((k) => ({ text: `AKIA${k}`, hidden: k })),
  chars(ALNUM, 24, 40).map((k) => ({ text: `sk_live_${k}`, hidden: k })),
  chars(`${ALNUM}_-`, 20, 30).map((k) => ({ text: `glpat-${k}`, hidden: k })),
  chars(ALNUM, 34, 34).map((k) => ({ text: `hf_${k}`, hidden: k })),
  chars(`${ALNUM}._~+/-`, 12, 60).map((k) => ({ text: `Authorization: Bearer ${k}`, hidden: k })),
  chars(`${ALNUM}+/`, 12, 60).map((k) => ({ text: `Authorization: Basic ${k}==`, hidden: k })),
  fc
    .tuple(
      fc.constantFrom('password', 'DB_PASS', 'db_password', 'client_secret', 'GITHUB_TOKEN'),
      fc.constantFrom('=', ': ', ' = ', '="', '": "'),
      chars(`${ALNUM}!#$%*+-_./@`, 8, 30),
    )
    .map(([name, sep, value]) => {
      const close = sep.endsWith('"') ? '"' : '';
      const open = sep.startsWith('"') ? '"' : '';
      return { text: `${open}${name}${sep}${value}${close}`, hidden: value };
    }),
  fc
    .tuple(fc.constantFrom('postgres', 'https', 'redis', 'mongodb+srv'), chars(ALNUM, 8, 30))
    .map(([scheme, pw]) => ({
      text: `${scheme}://admin:${pw}@db.example.com:5432/app`,
      hidden: pw,
    })),
  chars(ALNUM, 8, 20).map((pw) => ({ text: `mysql -uroot -p${pw} app`, hidden: pw })),
  chars(ALNUM, 8, 20).map((pw) => ({ text: `curl -u ann:${pw} https://x`, hidden: pw })),
  fc
    .tuple(fc.constantFrom('RSA ', 'EC ', 'OPENSSH ', 'PGP '), chars(`${ALNUM}+/=\n`, 64, 300))
    .map(([kind, body]) => {
      const tail = kind === 'PGP ' ? 'PRIVATE KEY BLOCK' : 'PRIVATE KEY';
      return {
        text: `-----BEGIN ${kind}${tail}-----\nMII${body}\n-----END ${kind}${tail}-----`,
        hidden: `MII${body}`,
      };
    }),
);

/** Prose around a secret: anything, separated from it by whitespace. */
const prose = fc.string({ maxLength: 60 });

describe('redact: the corpus', () => {
  it('has at least 40 secret shapes', () => {
    expect(SECRET_SHAPES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SECRET_SHAPES.map((s) => s.name)).size).toBe(SECRET_SHAPES.length);
  });

  it.each(SECRET_SHAPES.map((s) => [s.name, s] as const))('hides %s', async (_name, shape) => {
    expect(shape.text).toContain(shape.secret);
    const out = await redact(shape.text);
    expect(out).not.toContain(shape.secret);
    expect(out).toContain(REDACTED);
    expect(await redact(out)).toBe(out);
  });

  it('hides every shape at once, also when many strings are redacted together', async () => {
    const all = SECRET_SHAPES.map((s) => s.text);
    const one = await redact(all.join('\n\n'));
    const each = await redactAll(all);
    for (const shape of SECRET_SHAPES) {
      expect(one).not.toContain(shape.secret);
      expect(each.join('\n')).not.toContain(shape.secret);
    }
  });

  it.each(LOOK_ALIKES.map((t) => [t]))('leaves %j alone', async (text) => {
    expect(await redact(text)).toBe(text);
    expect(await redactAll([text, text])).toEqual([text, text]);
  });

  it('is not switched off by a secretlint-disable comment in the text', async () => {
    const text = '// secretlint-disable\nconst t = "ghp_4bN8cM2dK6fJ9gH1jL3kP5qR7sT0uV2wX4yZ";';
    expect(await redact(text)).not.toContain('ghp_4bN8');
  });
});

describe('redact: laws', () => {
  it('law: a generated secret never survives, whatever surrounds it', async () => {
    await fc.assert(
      fc.asyncProperty(prose, secret, prose, async (before, s, after) => {
        const out = await redact(`${before} ${s.text}\n${after}`);
        expect(out).not.toContain(s.hidden);
        expect(out).toContain(REDACTED);
      }),
      { numRuns: 200 },
    );
  });

  it('redacts every password glued to -p after mysql on a line, in one pass', async () => {
    // Found by the idempotence law: the second -p was reached only by a second pass.
    const once = await redact('mysql -uroot -paaaaaaaa app -p#');
    expect(once).toBe(`mysql -uroot -p${REDACTED} app -p${REDACTED}`);
    expect(await redact(once)).toBe(once);
  });

  it('hides a quoted flag value whole, spaces and all', async () => {
    for (const [text, shown] of [
      ["mariadb -u me -p'two words' db", `mariadb -u me -p'${REDACTED}' db`],
      ['sshpass -p "open sesame" ssh host', `sshpass -p "${REDACTED}" ssh host`],
      ["deploy --password 'correct horse' --yes", `deploy --password '${REDACTED}' --yes`],
    ]) {
      expect(await redact(text!)).toBe(shown);
      expect(await redact(shown!)).toBe(shown);
    }
  });

  it('law: redaction is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            prose,
            secret.map((s) => s.text),
          ),
        ),
        async (parts) => {
          const once = await redact(parts.join(' '));
          expect(await redact(once)).toBe(once);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('law: text with no secret-shaped token is left exactly as it was', () => {
    fc.assert(
      fc.property(
        chars('abcdefghijklmnopqrstuvwxyz .,!?\n', 0, 200).filter((s) => !/bearer/.test(s)),
        (text) => {
          expect(redactProse(text)).toBe(text);
        },
      ),
    );
  });

  it('law: redactAll agrees with redact on single lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .oneof(
              prose,
              secret.map((s) => s.text),
            )
            .map((t) => t.replace(/[\r\n]/g, ' ')),
        ),
        async (texts) => {
          expect(await redactAll(texts)).toEqual(await Promise.all(texts.map(redact)));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('redact: details', () => {
  it.each([
    [`key ${PLANTED_KEY} here`, `key ${REDACTED} here`],
    ['export DB_PASSWORD=hunter2secret && npm test', `export DB_PASSWORD=${REDACTED} && npm test`],
    ['{"password": "hunter2secret", "user": "ann"}', `{"password": "${REDACTED}", "user": "ann"}`],
    [
      'curl -H "Authorization: Bearer abc.def-123456"',
      `curl -H "Authorization: Bearer ${REDACTED}"`,
    ],
    [
      'git clone https://bob:s3cr3tpass@github.com/x/y',
      `git clone https://bob:${REDACTED}@github.com/x/y`,
    ],
    ['curl -u admin:pw123456 https://x', `curl -u admin:${REDACTED} https://x`],
    ['redis-cli --password Zq8xWv2L ping', `redis-cli --password ${REDACTED} ping`],
    ['token: abcdef123 and more', `token: ${REDACTED} and more`],
  ])('redacts %j', async (input, expected) => {
    expect(await redact(input)).toBe(expected);
  });

  it('keeps a heading such as "token:" from eating the next line', async () => {
    expect(await redact('token:\nthe next line')).toBe('token:\nthe next line');
  });

  it('redacts a private key cut off before its END line', async () => {
    const out = await redact('here:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7v');
    expect(out).not.toContain('MIIEow');
    expect(out).toContain(`-----BEGIN RSA PRIVATE KEY----- ${REDACTED}`);
  });

  it('drops a reference such as $TOKEN, which cannot be told from a literal', async () => {
    expect(await redact('export GH_TOKEN=$MY_TOKEN')).toBe(`export GH_TOKEN=${REDACTED}`);
    expect(await redact(PLANTED_PASSWORD)).toBe(PLANTED_PASSWORD);
  });
});
