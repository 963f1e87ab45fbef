// Stand-in for pg/lib/crypto/utils.js in dist/pg.cjs (scripts/build.mjs): the same functions on
// node:crypto. pg's own reaches them through the Web Crypto API, whose loading costs a CLI run
// several milliseconds before the first byte is sent; the results are the same bytes (Buffers
// where pg's gives ArrayBuffers: sasl.js wraps each in Buffer.from either way).
const nodeCrypto = require('node:crypto');

const hashOf = (name) => name.replace('-', '').toLowerCase(); // 'SHA-256' → 'sha256'

module.exports = {
  postgresMd5PasswordHash: async (user, password, salt) => {
    const inner = nodeCrypto
      .createHash('md5')
      .update(password + user, 'utf-8')
      .digest('hex');
    const outer = nodeCrypto
      .createHash('md5')
      .update(Buffer.concat([Buffer.from(inner), salt]))
      .digest('hex');
    return `md5${outer}`;
  },
  randomBytes: (length) => nodeCrypto.randomBytes(length),
  deriveKey: async (password, salt, iterations) =>
    nodeCrypto.pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256'),
  sha256: async (data) => nodeCrypto.createHash('sha256').update(Buffer.from(data)).digest(),
  hashByName: async (name, data) => nodeCrypto.createHash(hashOf(name)).update(Buffer.from(data)).digest(),
  hmacSha256: async (key, msg) =>
    nodeCrypto.createHmac('sha256', Buffer.from(key)).update(msg, 'utf8').digest(),
  md5: async (string) => nodeCrypto.createHash('md5').update(string, 'utf-8').digest('hex'),
};
