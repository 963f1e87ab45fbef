// hd outage: one network fault, many clients (issue 14) — the record (open, list, show, attach,
// detach) and one update for every linked ticket (eta, extend, notify, log, pending, resume,
// resolve).
import { t } from '../../i18n.ts';
import type { CommandGroup } from '../unit.ts';
import { outageAttach } from './attach.ts';
import { outageDetach } from './detach.ts';
import { outageEta } from './eta.ts';
import { outageExtend } from './extend.ts';
import { outageList } from './list.ts';
import { outageLog } from './log.ts';
import { outageNotify } from './notify.ts';
import { outageOpen } from './open.ts';
import { outagePending } from './pending.ts';
import { outageResolve } from './resolve.ts';
import { outageResume } from './resume.ts';
import { outageShow } from './show.ts';

export const outage: CommandGroup = {
  declare: (parent) => parent.command('outage').description(t('outage.describe')),
  units: [
    outageOpen,
    outageList,
    outageShow,
    outageAttach,
    outageDetach,
    outageEta,
    outageExtend,
    outageNotify,
    outageLog,
    outagePending,
    outageResume,
    outageResolve,
  ],
};
