// Stand-in for pg/lib/stream.js in dist/pg.cjs (scripts/build.mjs): Node's sockets only. pg's own
// first asks whether it runs in a Cloudflare Worker by constructing a fetch Response, which on
// Node 20 loads the whole fetch implementation (undici) on every connection's first use.
module.exports = {
  getStream: () => {
    const net = require('node:net');
    return new net.Socket();
  },
  getSecureStream: (options) => require('node:tls').connect(options),
};
