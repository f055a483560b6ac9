// tests/auth/data/record_tokens.mjs — produced recorded_tokens.json, once; the output is committed.
//
// The tokens are signed by `jose` (panva/jose, the JOSE library the MCP TypeScript SDK depends on),
// not by our own test signer, so the C++ verifier is checked against an independent implementation's
// real bytes: its base64url, its JSON, its raw ES256 r||s signatures. Keys are generated here and only
// their public halves are kept. Do not re-run to "fix" a failing test: the point of the file is that
// it does not change. To regenerate deliberately (e.g. to add a case):
//   node tests/auth/data/record_tokens.mjs > tests/auth/data/recorded_tokens.json
// (`jose` resolves from tests/node_modules, installed by `npm ci` in tests/.)
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, base64url } from 'jose';
import { createHmac } from 'node:crypto';

const issuer = 'https://auth.example.test';
const audience = 'https://mcp.example.test/mcp';
const now = 1767225600; // 2026-01-01T00:00:00Z, the time every case is verified at

const rsa1 = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const rsa2 = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const ec1 = await generateKeyPair('ES256', { extractable: true });
const outsider = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const encKey = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });

const jwk = async (pair, members) => ({ ...(await exportJWK(pair.publicKey)), ...members });
const jwks = {
  keys: [
    await jwk(rsa1, { kid: 'rsa-2026a', use: 'sig', alg: 'RS256' }),
    await jwk(rsa2, { kid: 'rsa-2026b', use: 'sig', alg: 'RS256' }),
    await jwk(ec1, { kid: 'ec-2026a', use: 'sig', alg: 'ES256' }),
    await jwk(encKey, { kid: 'enc-2026a', use: 'enc', alg: 'RSA-OAEP-256' }),
  ],
};

const claims = (extra = {}) => ({
  iss: issuer,
  sub: 'user_01JRECORDED',
  aud: audience,
  client_id: 'client_01JRECORDED',
  sid: 'session_01JRECORDED',
  scope: 'openid profile email offline_access',
  jti: 'jti-recorded-1',
  iat: now - 300,
  exp: now + 3300,
  ...extra,
});

const sign = (pair, kid, alg, body, typ = 'at+jwt') =>
  new SignJWT(body).setProtectedHeader({ alg, kid, typ }).sign(pair.privateKey);

const enc = (obj) => base64url.encode(JSON.stringify(obj));
const parts = (tok) => tok.split('.');

const valid = await sign(rsa1, 'rsa-2026a', 'RS256', claims());
const validEs = await sign(ec1, 'ec-2026a', 'ES256', claims({ jti: 'jti-recorded-es' }));
const [vh, , vs] = parts(valid);
const tampered = `${vh}.${enc(claims({ sub: 'user_01JADMIN' }))}.${vs}`;
const noneInput = `${enc({ alg: 'none', kid: 'rsa-2026a', typ: 'at+jwt' })}.${enc(claims())}`;
const hsInput = `${enc({ alg: 'HS256', kid: 'rsa-2026a', typ: 'at+jwt' })}.${enc(claims())}`;
const pem = await exportSPKI(rsa1.publicKey);
const hs256 = `${hsInput}.${base64url.encode(createHmac('sha256', pem).update(hsInput).digest())}`;
const [eh, ep] = parts(validEs);
const [, , rsSig] = parts(valid);

const cases = [
  { name: 'rs256 valid', token: valid, expect: 'ok', sub: 'user_01JRECORDED', kid: 'rsa-2026a' },
  { name: 'es256 valid (jose raw r||s)', token: validEs, expect: 'ok', sub: 'user_01JRECORDED', kid: 'ec-2026a' },
  {
    name: 'rs256 valid, rotated key, aud array with trailing slash, typ JWT',
    token: await sign(rsa2, 'rsa-2026b', 'RS256', claims({ aud: ['https://other.example.test', `${audience}/`] }), 'JWT'),
    expect: 'ok',
    sub: 'user_01JRECORDED',
    kid: 'rsa-2026b',
  },
  { name: 'expired', token: await sign(rsa1, 'rsa-2026a', 'RS256', claims({ iat: now - 3600, exp: now - 120 })), expect: 'expired' },
  { name: 'not yet valid', token: await sign(rsa1, 'rsa-2026a', 'RS256', claims({ nbf: now + 600 })), expect: 'not_yet_valid' },
  { name: 'issued in the future', token: await sign(ec1, 'ec-2026a', 'ES256', claims({ iat: now + 600, exp: now + 1200 })), expect: 'issued_in_future' },
  { name: 'lifetime of a day', token: await sign(rsa1, 'rsa-2026a', 'RS256', claims({ iat: now - 60, exp: now + 86400 })), expect: 'lifetime_too_long' },
  { name: 'wrong issuer', token: await sign(rsa1, 'rsa-2026a', 'RS256', claims({ iss: 'https://auth.example.test/' })), expect: 'wrong_issuer' },
  { name: 'wrong audience', token: await sign(rsa1, 'rsa-2026a', 'RS256', claims({ aud: 'https://other.example.test/mcp' })), expect: 'wrong_audience' },
  { name: 'tampered payload', token: tampered, expect: 'bad_signature' },
  { name: 'tampered signature (ES256 signature bytes under the RS256 header)', token: `${vh}.${parts(valid)[1]}.${parts(validEs)[2]}`, expect: 'bad_signature' },
  { name: 'RS256 signature on the ES256 token', token: `${eh}.${ep}.${rsSig}`, expect: 'bad_signature' },
  { name: 'alg none, empty signature', token: `${noneInput}.`, expect: 'unsupported_alg' },
  { name: 'alg none, with a signature part', token: `${noneInput}.${vs}`, expect: 'unsupported_alg' },
  { name: 'HS256 keyed with the RSA public key PEM', token: hs256, expect: 'unsupported_alg' },
  { name: 'RS256 header naming the EC key', token: await sign(rsa1, 'ec-2026a', 'RS256', claims()), expect: 'key_mismatch' },
  { name: 'unknown kid', token: await sign(outsider, 'rsa-2025z', 'RS256', claims()), expect: 'unknown_kid' },
  { name: 'encryption key kid', token: await sign(outsider, 'enc-2026a', 'RS256', claims()), expect: 'unknown_kid' },
  { name: 'known kid, outsider key', token: await sign(outsider, 'rsa-2026a', 'RS256', claims()), expect: 'bad_signature' },
  { name: 'two parts', token: noneInput, expect: 'malformed' },
  { name: 'four parts', token: `${valid}.${vs}`, expect: 'malformed' },
];

process.stdout.write(
  `${JSON.stringify(
    {
      generator: 'tests/auth/data/record_tokens.mjs with jose 6 (panva/jose)',
      issuer,
      audience,
      now,
      jwks,
      cases,
    },
    null,
    2,
  )}\n`,
);
