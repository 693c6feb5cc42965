/** What a secret is replaced with; chosen so that it never matches a pattern itself. */
export const REDACTED = '[REDACTED]';

interface Rule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const whole = (): string => REDACTED;

/**
 * The value after a flag: quoted (up to its closing quote, spaces and all) or bare (up to the
 * next space); one already redacted is left alone, so that redacting again changes nothing.
 */
const FLAG_VALUE = String.raw`(?:(["'])(?!\[REDACTED\]\2)[^\n]*?\2|(?!\[REDACTED\])[^\s"']+)`;

/** A password glued to `-p` (`-phunter2`, `-p'two words'`). */
const GLUED_PASSWORD = new RegExp(String.raw`(\s-p)` + FLAG_VALUE, 'g');

/** Keeps the flag and the quotes around the secret. */
const keepFlagAndQuotes = (_m: string, flag = '', quote = ''): string =>
  `${flag}${quote}${REDACTED}${quote}`;

/** Keeps the group before the secret (a flag, a header name, a scheme) and drops the secret. */
const keepPrefix = (_m: string, prefix = ''): string => `${prefix}${REDACTED}`;

/**
 * Token formats with a fixed prefix. secretlint's preset knows some of them too; these are the
 * ones it misses (Stripe, GitLab, Hugging Face, PyPI...) and the ones it only accepts in a
 * stricter shape than people paste (AWS key ids ending in EXAMPLE, OpenAI keys of any length).
 */
const TOKENS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{20,}/g, // OpenAI, Anthropic and their imitators
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g, // Stripe secret and restricted keys
  /\bwhsec_[A-Za-z0-9+/=]{20,}/g, // Stripe webhook signing secret
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bgl(?:pat|ptt|dt|rt|cbt|imt|soat|ffct|agent)-[A-Za-z0-9_-]{20,}/g, // GitLab
  /\bGR1348941[A-Za-z0-9_-]{20,}/g, // GitLab runner registration
  /\bhf_[A-Za-z0-9]{30,}/g, // Hugging Face
  /\bnpm_[A-Za-z0-9]{30,}/g,
  /\bpypi-[A-Za-z0-9_-]{40,}/g,
  /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API key
  /\bGOCSPX-[A-Za-z0-9_-]{20,}/g, // Google OAuth client secret
  /\bya29\.[A-Za-z0-9_-]{20,}/g, // Google OAuth access token
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, // SendGrid
  /\bSK[0-9a-f]{32}\b/g, // Twilio API key
  /\bkey-[0-9a-z]{32}\b/g, // Mailgun
  /\bdo[por]_v1_[a-f0-9]{64}\b/g, // DigitalOcean
  /\bdapi[a-f0-9]{32}\b/g, // Databricks
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, // Shopify
  /\blin_api_[A-Za-z0-9]{40}\b/g, // Linear
  /\bhvs\.[A-Za-z0-9_-]{24,}/g, // HashiCorp Vault
  /\bdp\.(?:st|ct|sa|scim|audit|pt)\.(?:[a-z0-9_-]{1,35}\.)?[A-Za-z0-9]{20,}/g, // Doppler
  /\bAGE-SECRET-KEY-1[0-9A-Z]{50,}/g, // age
  /\b\d{8,10}:AA[A-Za-z0-9_-]{30,}/g, // Telegram bot token
  /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, // JWT
];

/** Names whose value is a secret: `DB_PASSWORD=`, `"api_key": "..."`, `client-secret: ...`. */
const SECRET_NAME =
  '[A-Za-z0-9_.-]*(?:passw(?:or)?d|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|account[_-]?key|credentials?)[A-Za-z0-9_.-]*';
/** The separator stays on one line, so a bare "token:" heading never eats the next line. */
const SEPARATOR = `["']?[ \\t]*[:=][ \\t]*`;
/** A quoted value, or an unquoted one up to the first space or closing punctuation. */
const VALUE = `\\[REDACTED\\]|"[^"\\n]*"|'[^'\\n]*'|[^\\s,;&'"\`)}\\]]+`;

/** Replaces an assignment's value, keeping its name, separator and quotes. */
function assignment(match: string, name = '', sep = '', value = ''): string {
  const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
  // Two shapes are common in coding summaries and hold no secret: token counts
  // (`max_tokens: 4096`) and function calls (`const tokens = countTokens(text)`).
  // A reference such as `$TOKEN` is still dropped: it cannot be told from a literal,
  // and a leaked literal costs more than a lost hint.
  const harmless = /tokens$/i.test(name) || /^[A-Za-z_$][\w$.]*\(/.test(value);
  return harmless || value === REDACTED || value === `${quote}${REDACTED}${quote}`
    ? match
    : `${name}${sep}${quote}${REDACTED}${quote}`;
}

/** Whether a 40-character run looks like an AWS secret key rather than a hash or a word. */
const looksLikeAwsSecret = (s: string): boolean =>
  /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9/+]/.test(s);

// Order matters: blocks and structured forms first, so that a later, looser rule
// (an assignment, a bare key) never sees half of something an earlier rule owns.
const RULES: readonly Rule[] = [
  {
    // A private key (PEM, OpenSSH, PGP's "PRIVATE KEY BLOCK"), also one cut off before its END
    // line: transcripts and summaries are truncated.
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: (_m, kind = '', block = '') =>
      `-----BEGIN ${kind}PRIVATE KEY${block}----- ${REDACTED} -----END ${kind}PRIVATE KEY${block}-----`,
  },
  {
    // Webhook URLs are credentials in themselves: whoever has one can post.
    pattern: /\b(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/gi,
    replace: keepPrefix,
  },
  {
    pattern:
      /\b(https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/)[A-Za-z0-9_.-]+/gi,
    replace: keepPrefix,
  },
  {
    // Credentials inside a URL: keep the scheme and user so the line stays readable.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@[\]]*):([^\s/?#@]+)@/gi,
    replace: (_m, scheme = '', user = '') => `${scheme}${user}:${REDACTED}@`,
  },
  {
    // A bare token as a URL's user (`https://ghp_...@github.com`).
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[A-Za-z0-9_~+/-]{20,}@/gi,
    replace: (_m, scheme = '') => `${scheme}${REDACTED}@`,
  },
  ...TOKENS.map((pattern) => ({ pattern, replace: whole })),
  {
    // `Authorization: Basic dXNlcjpwdw==`, `Proxy-Authorization: Bearer ...`, in headers or JSON.
    pattern:
      /\b((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:basic|bearer|token|digest|negotiate)[ \t]+)?)(?!\[REDACTED\]|(?:basic|bearer|token|digest|negotiate)\b)[^\s"',;]+/gi,
    replace: keepPrefix,
  },
  {
    pattern: /\b(bearer[ \t]+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: keepPrefix,
  },
  {
    // `curl -u user:pw`, `--user user:pw`: keep the user. A uid:gid pair (`docker -u 1000:1000`)
    // is not a credential.
    pattern: /((?:^|\s)(?:-u[ \t]*|--user[ \t=]+)["']?)([^\s:"']+):(?!\[REDACTED\])([^\s"']+)/g,
    replace: (match, flag = '', user = '', secret = '') =>
      /^\d+$/.test(user) && /^\d+$/.test(secret) ? match : `${flag}${user}:${REDACTED}`,
  },
  {
    // MySQL and MariaDB clients take the password glued to -p (`mysql -uroot -phunter2`). Every
    // `-p<pw>` after the command on its line, in one pass, so that redacting again finds nothing
    // new (a pattern stopping at the first would reach the second only on the next pass).
    pattern: /\b(?:mysql\w*|mariadb\w*)\b[^\n]*/g,
    replace: (line) => line.replace(GLUED_PASSWORD, keepFlagAndQuotes),
  },
  {
    pattern: new RegExp(String.raw`(\bsshpass[ \t]+-p[ \t]*)` + FLAG_VALUE, 'g'),
    replace: keepFlagAndQuotes,
  },
  {
    // `--password hunter2`, `--token=abc`, `--api-key "k"`; not `--password-stdin`.
    pattern: new RegExp(
      String.raw`(--(?:password|passwd|pass|token|secret|api[-_]?key|auth[-_]?token|access[-_]?token|client[-_]?secret)(?:=|[ \t]+))` +
        FLAG_VALUE,
      'gi',
    ),
    replace: keepFlagAndQuotes,
  },
  {
    // `DB_PASS=...`, `smtp.pass: ...`: a name ending in pass after a separator (not "bypass").
    pattern: new RegExp(
      `\\b([A-Za-z0-9_.-]*[_.-](?:pass|PASS|Pass)|PASS)(${SEPARATOR})(${VALUE})`,
      'g',
    ),
    replace: assignment,
  },
  {
    pattern: new RegExp(`\\b(${SECRET_NAME})(${SEPARATOR})(${VALUE})`, 'gi'),
    replace: assignment,
  },
  {
    // An AWS secret key in prose ("the aws secret is wJalr..."): 40 characters of base64 near
    // the words aws or secret. A git SHA (lower-case hex) never looks like one.
    pattern:
      /\b(aws|secret)([^\n]{0,60}?)(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    replace: (match, word = '', between = '', candidate = '') =>
      looksLikeAwsSecret(candidate) ? `${word}${between}${REDACTED}` : match,
  },
];

/**
 * Our own rules for secrets as they appear in prose and commands (private key blocks,
 * `*_PASSWORD=` and `*_PASS=` values, `-u user:pw`, `-p<pw>`, `--password <pw>`, Authorization
 * headers, URL credentials, Slack and Discord webhooks, and token formats with a known prefix),
 * replaced by {@link REDACTED}. Synchronous and idempotent; `redact` runs secretlint first.
 */
export function redactProse(text: string): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
  }
  return out;
}
