// Preloaded into measured processes (node --require): writes the peak RSS in KB on exit.
// VmHWM is this process image's own high-water mark; process.resourceUsage().maxRSS is not,
// because Linux folds the parent's peak into it across exec.
const { appendFileSync, readFileSync } = require('node:fs');
process.on('exit', () => {
  if (!process.env.HD_BENCH_RSS_FILE) return;
  const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  appendFileSync(process.env.HD_BENCH_RSS_FILE, `${hwm ? hwm[1] : process.resourceUsage().maxRSS}\n`);
});
