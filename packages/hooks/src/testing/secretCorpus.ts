/**
 * Secret shapes the hooks must never let out, and look-alikes they must leave alone. Every value
 * is made up for these tests. Test-only; not exported from the package.
 */

/** A secret in context: `text` is what a hook might see, `secret` what must not come out. */
export interface SecretShape {
  name: string;
  text: string;
  secret: string;
}

const pem = (kind: string, body: string, end = true): string =>
  `-----BEGIN ${kind}-----\n${body}\n${end ? `-----END ${kind}-----` : ''}`;
const KEY_BODY =
  'MIIEowIBAAKCAQEA7Zq3mKfL9xVbN2pQ8sT4uW1yZ6aC0dE5gH7jK3lM9nO2pR4t\nV6wX8yZ1aB3cD5eF7gH9iJ0kL2mN4oP6qR8sT0uV2wX4yZ6aB8cD0eF2gH4iJ6k';

/** Secret shapes, each in the kind of sentence or command it turns up in. */
export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    name: 'PGP private key block',
    text: `Here is the key:\n${pem('PGP PRIVATE KEY BLOCK', 'lQdGBGXk2ZEBEADJ8q3Vw7tNf9sP0bYcQ1mR6uLz\n=Zx9Q')}\nkeep it safe`,
    secret: 'lQdGBGXk2ZEBEADJ8q3Vw7tNf9sP0bYcQ1mR6uLz',
  },
  {
    name: 'RSA private key',
    text: pem('RSA PRIVATE KEY', KEY_BODY),
    secret: 'MIIEowIBAAKCAQEA7Zq3',
  },
  {
    name: 'OpenSSH private key',
    text: pem(
      'OPENSSH PRIVATE KEY',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz',
    ),
    secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmU',
  },
  {
    name: 'EC private key',
    text: pem('EC PRIVATE KEY', 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5RqXtXhN7q2aXoAoGCCqGSM49'),
    secret: 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpY',
  },
  {
    name: 'PKCS#8 private key cut off before its END line',
    text: `cat key.pem\n${pem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', false)}`,
    secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw',
  },
  {
    name: 'encrypted private key',
    text: pem(
      'ENCRYPTED PRIVATE KEY',
      'MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIpZ3fQ4RrNjYCAggA',
    ),
    secret: 'MIIFHDBOBgkqhkiG9w0BBQ0wQTAp',
  },
  {
    name: 'AWS access key id',
    text: 'use AKIAZ7QW3RT5YU8IOP2L for the bucket',
    secret: 'AKIAZ7QW3RT5YU8IOP2L',
  },
  {
    name: 'AWS secret key in prose',
    text: 'The AWS secret key is wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Kd3mN2p, rotate it.',
    secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Kd3mN2p',
  },
  {
    name: 'AWS secret key in an env file',
    text: 'AWS_SECRET_ACCESS_KEY=Hq7vT2kLp9XzR4mN8bW1cY6dF3gJ5sA0eU7iO2qZ',
    secret: 'Hq7vT2kLp9XzR4mN8bW1cY6dF3gJ5sA0eU7iO2qZ',
  },
  { name: 'DB_PASS=', text: 'set DB_PASS=Tr0ub4dor&3 in .env', secret: 'Tr0ub4dor' },
  {
    name: 'DB_PASSWORD=',
    text: 'export DB_PASSWORD=correct-horse-battery',
    secret: 'correct-horse-battery',
  },
  {
    name: 'password in JSON',
    text: '{"user": "ann", "password": "p4ssw0rd!xyz"}',
    secret: 'p4ssw0rd!xyz',
  },
  {
    name: 'client_secret in YAML',
    text: 'oauth:\n  client_secret: 8f3KzQ1vW9xY2bN7',
    secret: '8f3KzQ1vW9xY2bN7',
  },
  { name: 'a *_TOKEN= export', text: 'export SENTRY_AUTH_TOKEN=5e1d9c7b3a', secret: '5e1d9c7b3a' },
  { name: 'smtp.pass', text: 'smtp.pass: mailpw-2024-x', secret: 'mailpw-2024-x' },
  {
    name: 'PGPASSWORD before psql',
    text: 'PGPASSWORD=s3cretPG psql -h db -U app',
    secret: 's3cretPG',
  },
  {
    name: 'Stripe live secret key',
    text: 'stripe key sk_live_51HxQ2eK8vT4mN7bW1cY6dF3g',
    secret: 'sk_live_51HxQ2eK8vT4mN7bW1cY6dF3g',
  },
  {
    name: 'Stripe restricted key',
    text: 'rk_live_51HxQ2eK8vT4mN7bW1cY6dF3gJ5sA',
    secret: 'rk_live_51HxQ2eK8vT4mN7bW1cY6dF3gJ5sA',
  },
  {
    name: 'Stripe webhook secret',
    text: 'STRIPE_WEBHOOK=whsec_9kXq2LmN7pR4tV8wY1zB3cD6',
    secret: 'whsec_9kXq2LmN7pR4tV8wY1zB3cD6',
  },
  {
    name: 'GitLab personal token',
    text: 'token glpat-xR7kP2mN9qL4vT8wY1zB set',
    secret: 'glpat-xR7kP2mN9qL4vT8wY1zB',
  },
  {
    name: 'Hugging Face token',
    text: 'login with 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',
    secret: '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',
  },
  {
    name: 'npm token',
    text: '//registry.npmjs.org/:_authToken=npm_Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6',
    secret: 'npm_Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6',
  },
  {
    name: 'PyPI token',
    text: 'password = pypi-AgEIcHlwaS5vcmcCJGE0ZjEyZDNmLTk4NzYtNDMyMS1hYmNkLWVmMDEyMzQ1Njc4OQ',
    secret: 'AgEIcHlwaS5vcmcCJGE0ZjEyZDNm',
  },
  {
    name: 'GitHub classic token',
    text: 'GH ghp_4bN8cM2dK6fJ9gH1jL3kP5qR7sT0uV2wX4yZ',
    secret: 'ghp_4bN8cM2dK6fJ9gH1jL3kP5qR7sT0uV2wX4yZ',
  },
  {
    name: 'GitHub fine-grained token',
    text: 'github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ012',
    secret: 'mNoPqRsTuVwXyZ0123456789',
  },
  {
    name: 'GitHub OAuth token',
    text: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
    secret: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  },
  {
    name: 'Slack bot token',
    text: 'SLACK=xoxb-2048-409671-RkT8mN2pQ7vW4xY1zB3cD6eF',
    secret: 'RkT8mN2pQ7vW4xY1zB3cD6eF',
  },
  {
    name: 'Slack webhook URL',
    text: 'posts to https://hooks.slack.com/services/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 daily',
    secret: 'kX9mN2pQ7vW4xY1zB3cD6eF8',
  },
  {
    name: 'Discord webhook URL',
    text: 'https://discord.com/api/webhooks/1187234567890123456/aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6kL9nO2qR5',
    secret: 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hI6kL9nO2qR5',
  },
  {
    name: 'curl -u user:pw',
    text: 'curl -u admin:Sup3rS3cret! https://api.example.com/v1',
    secret: 'Sup3rS3cret',
  },
  {
    name: 'curl --user user:pw',
    text: 'curl --user deploy:hx8Kq2Lm https://ci.example.com',
    secret: 'hx8Kq2Lm',
  },
  {
    name: 'mysql -p<pw>',
    text: 'mysql -h db -uroot -pR00tPassw0rd app < dump.sql',
    secret: 'R00tPassw0rd',
  },
  { name: 'mysqldump -p<pw>', text: "mysqldump -u app -p'dump-pw-77' shop", secret: 'dump-pw-77' },
  { name: '--password <pw>', text: 'redis-cli --password Zq8xWv2L ping', secret: 'Zq8xWv2L' },
  { name: '--password=<pw>', text: 'psql --password=Kp4nT7qX', secret: 'Kp4nT7qX' },
  { name: '--token <t>', text: 'vercel deploy --token vT8kQ2mN4pR7', secret: 'vT8kQ2mN4pR7' },
  { name: 'sshpass -p', text: 'sshpass -p Ssh!pass99 ssh root@host', secret: 'Ssh!pass99' },
  {
    name: 'Authorization: Basic',
    text: 'curl -H "Authorization: Basic YWRtaW46c2VjcmV0cGFzcw==" ...',
    secret: 'YWRtaW46c2VjcmV0cGFzcw',
  },
  {
    name: 'Authorization: Bearer',
    text: 'Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
  {
    name: 'Proxy-Authorization',
    text: 'Proxy-Authorization: Basic cHJveHk6cHJveHlwYXNz',
    secret: 'cHJveHk6cHJveHlwYXNz',
  },
  {
    name: 'Postgres URL',
    text: 'DATABASE_URL=postgres://app:pg-Pass-42@db.internal:5432/app',
    secret: 'pg-Pass-42',
  },
  { name: 'Redis URL without user', text: 'redis://:r3d1sPW@cache:6379/0', secret: 'r3d1sPW' },
  {
    name: 'MongoDB SRV URL',
    text: 'mongodb+srv://ann:M0ngoPw77@cluster0.mongodb.net/db',
    secret: 'M0ngoPw77',
  },
  {
    name: 'HTTPS URL with credentials',
    text: 'git clone https://bob:gitpw-9921@git.example.com/x.git',
    secret: 'gitpw-9921',
  },
  {
    name: 'token as a URL user',
    text: 'git remote set-url origin https://Xq7vT2kLp9XzR4mN8bW1cY6dF3gJ@github.com/o/r.git',
    secret: 'Xq7vT2kLp9XzR4mN8bW1cY6dF3gJ',
  },
  {
    name: 'Anthropic key',
    text: 'ANTHROPIC=sk-ant-api03-Qm9vK2xL7pN4rT8wY1zB3cD6eF0gH2jK5mN8pQ1sT4vW7yZ0bC3eF6hI9kL2nO5qR8tU1wX4zA7dG0jM3pS6vY9-AbCdEfAA',
    secret: 'Qm9vK2xL7pN4rT8wY1zB3cD6eF0gH2jK',
  },
  {
    name: 'OpenAI project key',
    text: 'sk-proj-Tn4Kq8Lm2Xv7Rb1Wc9Yd3Fg6Hj0Ps5Uz',
    secret: 'Tn4Kq8Lm2Xv7Rb1Wc9Yd3Fg6Hj0Ps5Uz',
  },
  {
    name: 'Google API key',
    text: 'maps key AIzaSyD3kQ8mN2pL7vT4wX9yZ1bC6eF0gH5jK3m',
    secret: 'AIzaSyD3kQ8mN2pL7vT4wX9yZ1bC6eF0gH5jK3m',
  },
  {
    name: 'Google OAuth client secret',
    text: 'GOCSPX-4kQ8mN2pL7vT4wX9yZ1bC6eF0gH',
    secret: 'GOCSPX-4kQ8mN2pL7vT4wX9yZ1bC6eF0gH',
  },
  {
    name: 'JWT',
    text: 'cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    secret: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  },
  {
    name: 'SendGrid key',
    text: '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',
    secret: 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc',
  },
  {
    name: 'Twilio API key',
    text: 'twilio SK2b8f3c9d4e5a6b7c8d9e0f1a2b3c4d5e',
    secret: 'SK2b8f3c9d4e5a6b7c8d9e0f1a2b3c4d5e',
  },
  {
    name: 'Mailgun key',
    text: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
    secret: '3ax6xnjp29jd6fds4gc373sgvjxteol0',
  },
  {
    name: 'DigitalOcean token',
    text: 'doctl auth init -t dop_v1_4f2c8a1e9b7d3f6a0c5e8b2d7f1a4c9e6b3d8f2a7c1e5b9d4f8a2c6e0b7d3f1a',
    secret: '4f2c8a1e9b7d3f6a0c5e8b2d7f1a4c9e6b3d8f2a',
  },
  {
    name: 'Databricks token',
    text: 'DATABRICKS=dapi1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
    secret: 'dapi1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  },
  {
    name: 'Shopify token',
    text: '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',
    secret: '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',
  },
  {
    name: 'Linear key',
    text: 'lin_api_Qm9vK2xL7pN4rT8wY1zB3cD6eF0gH2jK5mN8pQ1s',
    secret: 'Qm9vK2xL7pN4rT8wY1zB3cD6eF0gH2jK5mN8pQ1s',
  },
  {
    name: 'Vault token',
    text: 'VAULT hvs.CAESIJx7kQ8mN2pL7vT4wX9yZ1bC6eF0gH5j',
    secret: 'CAESIJx7kQ8mN2pL7vT4wX9yZ1bC6eF0gH5j',
  },
  {
    name: 'Telegram bot token',
    text: 'bot 5827364910:AAHk3mN8pQ1sT4vW7yZ0bC3eF6hI9kL2nO5',
    secret: 'AAHk3mN8pQ1sT4vW7yZ0bC3eF6hI9kL2nO5',
  },
  {
    name: 'age secret key',
    text: 'AGE-SECRET-KEY-1QZ8X7V6C5B4N3M2L1K0J9H8G7F6D5S4A3P2O1I0U9Y8T7R6E5W4Q3Z2X',
    secret: 'QZ8X7V6C5B4N3M2L1K0J9H8G7F6D5S4A3P2O1I0U9Y8T7R6E5W4Q3Z2X',
  },
  {
    name: 'Doppler token',
    text: 'dp.st.dev.Xq7vT2kLp9XzR4mN8bW1cY6dF3gJ',
    secret: 'Xq7vT2kLp9XzR4mN8bW1cY6dF3gJ',
  },
  { name: 'X-Api-Key header', text: 'X-Api-Key: 7c2e9f4a1b8d3e6f', secret: '7c2e9f4a1b8d3e6f' },
];

/** Text that looks a little like a secret but is not one: it must come out exactly as it went in. */
export const LOOK_ALIKES: readonly string[] = [
  'merged 3f786850e387550fdab836ed7e6dc881de23001b into main',
  'aws commit 3f786850e387550fdab836ed7e6dc881de23001b',
  'short sha 3f78685, tag v1.4.2',
  'session 5d8f3c2a-1b7e-4c9a-9f61-2e4b8a7c0d13 started',
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'image@sha256:9b2a4c6e8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e',
  'edited /home/dev/.ssh/id_ed25519.pub and ~/.aws/credentials',
  'src/auth/password-reset.ts, src/secrets/vault.test.ts, docs/tokens.md',
  'SGVsbG8sIHdvcmxkISBUaGlzIGlzIG5vdCBhIGtleS4=',
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk',
  'max_tokens: 4096, input_tokens=12, tokens: 1234',
  'const tokens = countTokens(text); password = readPassword(file)',
  'see https://example.com:8080/a/b?c=d#e and http://localhost:3000/',
  'git@github.com:spaces/hooks.git',
  'mail ann@example.com about it',
  'docker run -u 1000:1000 -p 8080:80 image',
  'mysql -u root -p shop',
  'echo "$PW" | docker login --password-stdin ghcr.io',
  'ssh -p 2222 deploy@host',
  'curl -u alice https://api.example.com',
  'at 2025-06-01T10:00:00.000Z on 192.168.1.10:5432',
  'AWS access key ids start with AKIA; OpenAI keys with sk-',
  'bypass=true compass: north',
  'he was the bearer of bad news',
  'Authorization header missing; Basic auth is off',
  '@secretlint/core@11.7.1 and vitest@4.1.12',
  'aws s3 cp s3://bucket/reports/2025.csv .',
  'the secret of the design is one table',
  'Tests pass: 42 of 42',
];
