// Stands in for chalk's vendored supports-color in the bundle (see scripts/build.mjs): hd decides
// colour itself (--no-color, NO_COLOR, FORCE_COLOR, a terminal: src/main.ts) and gives every
// Chalk instance its level, so chalk's own detection, which loads node:tty and node:net, is unused.
export default { stdout: false, stderr: false };
