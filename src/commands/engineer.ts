// hd engineer: the field staff who go to client sites.
import type { Context } from '../context.ts';
import { normalizeEmail, normalizePhone } from '../domain/contact.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { UsageError } from '../errors.ts';
import {
  addEngineer,
  type Dispatch,
  type Engineer,
  getEngineer,
  listEngineers,
  openJobs,
  updateEngineer,
} from '../store/field.ts';
import { jobNumber } from '../ui/jobsheet.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, refuseMissing, requireText, str } from './common.ts';

const skillsOf = (text: string | undefined) =>
  text
    ?.split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

export async function runEngineerAdd(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  refuseMissing(['name', 'depot', 'region'].filter((f) => !str(opts, f)).map((f) => `--${f}`));
  const engineer = {
    name: requireText(str(opts, 'name'), 'The name', '--name', 200),
    phone: str(opts, 'phone') ? await normalizePhone(str(opts, 'phone')!) : null,
    email: str(opts, 'email') ? normalizeEmail(str(opts, 'email')!) : null,
    depot: requireText(str(opts, 'depot'), 'The depot', '--depot', 100),
    region: requireText(str(opts, 'region'), 'The region', '--region', 100),
    skills: skillsOf(str(opts, 'skills')) ?? [],
    onDuty: !bool(opts, 'offDuty'),
  };
  if (!engineer.phone) refuseMissing(['--phone (the dispatcher must be able to call the engineer)']);
  const store = await ctx.store();
  const created = await store.tx((q) => addEngineer(q, engineer, ctx.now().getTime()));
  await show(ctx, created, bool(opts, 'json'));
}

export async function runEngineerUpdate(args: string[], opts: Opts, ctx: Context): Promise<void> {
  if (bool(opts, 'onDuty') && bool(opts, 'offDuty'))
    throw new UsageError('Choose one of --on-duty or --off-duty.');
  const change: Partial<Engineer> = {};
  if (str(opts, 'phone')) change.phone = await normalizePhone(str(opts, 'phone')!);
  if (str(opts, 'email')) change.email = normalizeEmail(str(opts, 'email')!);
  if (str(opts, 'depot')) change.depot = requireText(str(opts, 'depot'), 'The depot', '--depot', 100);
  if (str(opts, 'region')) change.region = requireText(str(opts, 'region'), 'The region', '--region', 100);
  if (str(opts, 'skills') !== undefined) change.skills = skillsOf(str(opts, 'skills'));
  if (bool(opts, 'onDuty')) change.onDuty = true;
  if (bool(opts, 'offDuty')) change.onDuty = false;
  if (Object.keys(change).length === 0)
    refuseMissing(['one of --on-duty, --off-duty, --phone, --email, --depot, --region, --skills']);
  const store = await ctx.store();
  const engineer = await getEngineer(store, args[0]!);
  const updated = await store.tx((q) => updateEngineer(q, engineer.id, change));
  await show(ctx, updated, bool(opts, 'json'));
}

export async function runEngineerShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  await show(ctx, await getEngineer(store, args[0]!), bool(opts, 'json'));
}

const activeJobsJson = (jobs: Dispatch[]) =>
  jobs.map((j) => ({
    job: jobNumber(j.id),
    ticket: formatTicketNumber(j.ticketId),
    status: j.status,
    onsiteDue: iso(j.onsiteDue),
  }));

async function show(ctx: Context, e: Engineer, json: boolean): Promise<void> {
  const jobs = await openJobs(await ctx.store(), e.id);
  if (json) {
    printJson(ctx.io, {
      ...e,
      activeJobs: activeJobsJson(jobs),
    });
    return;
  }
  const c = colours(ctx.io);
  const lines = [
    `${c.bold(sanitizeLine(e.name))}  ${e.onDuty ? c.green('on duty') : c.dim('off duty')}`,
    `  Phone ${e.phone ?? '—'} · e-mail ${e.email ?? '—'} · depot ${sanitizeLine(e.depot)} · region ${sanitizeLine(e.region)}`,
    `  Skills: ${e.skills.map(sanitizeLine).join(', ') || '—'}`,
    `  Active jobs: ${jobs.length ? '' : 'none'}`,
    ...jobs.map(
      (j) =>
        `    ${jobNumber(j.id)} ${formatTicketNumber(j.ticketId)} ${j.status}, on site by ${formatTime(j.onsiteDue, ctx.timeZone)}`,
    ),
  ];
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
}

export async function runEngineerList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const engineers = await listEngineers(store);
  const jobs = new Map(
    await Promise.all(engineers.map(async (e) => [e.id, await openJobs(store, e.id)] as const)),
  );
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      engineers.map((e) => ({
        ...e,
        activeJobs: activeJobsJson(jobs.get(e.id)!),
      })),
    );
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Engineer', value: (e: Engineer) => e.name },
      { header: 'Duty', value: (e: Engineer) => (e.onDuty ? 'on' : 'off') },
      { header: 'Depot', value: (e: Engineer) => e.depot },
      { header: 'Region', value: (e: Engineer) => e.region },
      { header: 'Phone', value: (e: Engineer) => e.phone ?? '' },
      {
        header: 'Active jobs',
        value: (e: Engineer) =>
          jobs
            .get(e.id)!
            .map((j) => `${jobNumber(j.id)} ${formatTicketNumber(j.ticketId)} ${j.status}`)
            .join('; ') || '—',
        flexible: true,
      },
    ],
    engineers,
  );
}
