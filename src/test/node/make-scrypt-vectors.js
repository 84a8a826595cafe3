// Makes password hashes exactly as Medusa's @medusajs/auth-emailpass stores them (scrypt-kdf 2.0.1,
// base64 of the 96-byte blob), for the import tests. Run once and commit the output:
//   cd src/test/node && npm install && node make-scrypt-vectors.js > ../resources/medusaimport/scrypt-kdf-vectors.json
// The Java tests read the JSON file; they never need Node.
const scryptKdf = require('scrypt-kdf');

const cases = [
  { password: 'medusa-default-params-1', params: { logN: 15, r: 8, p: 1 } },      // Medusa's default hashConfig
  { password: 'Ünïcödé pässwörd ✓ 密码', params: { logN: 15, r: 8, p: 1 } },       // UTF-8 bytes go into scrypt
  { password: 'other-store-config-22', params: { logN: 14, r: 8, p: 2 } },        // a store's own hashConfig
  { password: 'cheap-params-for-tests', params: { logN: 10, r: 4, p: 1 } },
];

(async () => {
  const vectors = [];
  for (const c of cases) {
    const hash = (await scryptKdf.kdf(c.password, c.params)).toString('base64');
    if (!(await scryptKdf.verify(Buffer.from(hash, 'base64'), c.password))) throw new Error('self-check failed');
    vectors.push({ password: c.password, logN: c.params.logN, r: c.params.r, p: c.params.p, hash });
  }
  process.stdout.write(JSON.stringify({ generator: 'scrypt-kdf@2.0.1', node: process.version, vectors }, null, 2) + '\n');
})();
