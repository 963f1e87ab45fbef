// Stands in for node:child_process in the bundle (see scripts/build.mjs). commander requires it
// at load time for stand-alone executable subcommands, which hd does not have; loading it pulls
// in node:net and the stream machinery (~4 ms a run). The real module loads on first use.
let real;
module.exports = new Proxy(
  {},
  {
    get(_, key) {
      real ??= require('node:child_process');
      return real[key];
    },
  },
);
