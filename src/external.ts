/**
 * import() of an external package (inquirer, nodemailer, date-holidays, libphonenumber,
 * pg, fastify). bin/hd runs the bundle from V8's code cache, and on Node 20 an import() inside
 * cached code has no loader ("A dynamic import callback was not specified"), so the launcher
 * lends one from its own, normally compiled, module. Elsewhere (tests, node dist/hd.cjs) the
 * plain import() works.
 */
export function importExternal<T>(specifier: string): Promise<T> {
  const lent = (globalThis as { __hdImport?: (s: string) => Promise<unknown> }).__hdImport;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
