// Every command of hd, in the order `hd --help` lists them. Each is a unit (src/commands/unit.ts):
// its flags, typed options and run function live in its own file under src/commands/.
import type { Command } from 'commander';
import { agent } from '../commands/agent/index.ts';
import { assign } from '../commands/assign.ts';
import { cancel } from '../commands/cancel.ts';
import { client } from '../commands/client/index.ts';
import { close } from '../commands/close.ts';
import { completion } from '../commands/completion.ts';
import { db } from '../commands/db/index.ts';
import { dispatch, dispatchList, dispatchUpdate } from '../commands/dispatch/index.ts';
import { engineer } from '../commands/engineer/index.ts';
import { eta } from '../commands/eta.ts';
import { extend } from '../commands/extend.ts';
import { handover } from '../commands/handover.ts';
import { init } from '../commands/init.ts';
import { list } from '../commands/list.ts';
import { log } from '../commands/log.ts';
import { notify } from '../commands/notify.ts';
import { open } from '../commands/open.ts';
import { outage } from '../commands/outage/index.ts';
import { outbox } from '../commands/outbox/index.ts';
import { pending } from '../commands/pending.ts';
import { priority } from '../commands/priority.ts';
import { reopen } from '../commands/reopen.ts';
import { replace } from '../commands/replace.ts';
import { report } from '../commands/report.ts';
import { resolve } from '../commands/resolve.ts';
import { resume } from '../commands/resume.ts';
import { rules } from '../commands/rules/index.ts';
import { search } from '../commands/search.ts';
import { serve } from '../commands/serve.ts';
import { show } from '../commands/show.ts';
import { sla } from '../commands/sla.ts';
import { spares } from '../commands/spares/index.ts';
import { take } from '../commands/take.ts';
import { exportTickets, importTickets } from '../commands/tmf-units.ts';
import { token } from '../commands/token/index.ts';
import { verify } from '../commands/verify.ts';
import { zone } from '../commands/zone.ts';
import type { Mount } from './shared.ts';

export function mountCommands(program: Command, mount: Mount): void {
  const under = (name: string) => program.commands.find((c) => c.name() === name)!;
  // Taking the call and finding tickets.
  for (const unit of [init, client, open, show, list, search]) mount(program, unit);
  // Working a ticket.
  for (const unit of [log, zone, take, assign, pending, resume, eta, extend, resolve, close, reopen, cancel])
    mount(program, unit);
  // Deadlines and the shift. `hd sla` and `hd dispatch` run on their own and have subcommands too.
  mount(program, sla);
  mount(under('sla'), report);
  for (const unit of [handover, rules, priority, engineer, dispatch]) mount(program, unit);
  mount(under('dispatch'), dispatchUpdate);
  mount(under('dispatch'), dispatchList);
  for (const unit of [
    replace,
    spares,
    notify,
    outbox,
    outage,
    verify,
    db,
    agent,
    serve,
    token,
    exportTickets,
    importTickets,
    completion,
  ])
    mount(program, unit);
}
