// Every command's entry point, loaded as one chunk by src/cli.ts when a command runs.
export {
  runClientAdd,
  runClientContact,
  runClientList,
  runClientService,
  runClientShow,
  runClientUpdate,
} from './client.ts';
export { runCompletion } from './completion.ts';
export { runDbCopy } from './db-copy.ts';
export { runDispatch, runDispatchList, runDispatchUpdate, runReplace } from './dispatch.ts';
export { runEngineerAdd, runEngineerList, runEngineerShow, runEngineerUpdate } from './engineer.ts';
export { runEta, runExtend } from './eta.ts';
export { runExport } from './export.ts';
export { runHandover } from './handover.ts';
export { runImport } from './import.ts';
export { runInit } from './init.ts';
export { runList } from './list.ts';
export { runLog, runZone } from './log.ts';
export { runNotify, runOutboxList, runOutboxRetry, runOutboxSend, runOutboxShow } from './notify.ts';
export { runOpen } from './open.ts';
export {
  runOutageAttach,
  runOutageDetach,
  runOutageList,
  runOutageOpen,
  runOutageShow,
} from './outage.ts';
export {
  runOutageEta,
  runOutageExtend,
  runOutageLog,
  runOutageNotify,
  runOutagePending,
  runOutageResolve,
  runOutageResume,
} from './outage-cascade.ts';
export { runReport } from './report.ts';
export { runRulesImport, runRulesList, runRulesShow } from './rules.ts';
export { runSearch } from './search.ts';
export { runServe } from './serve.ts';
export { runShow } from './show.ts';
export { runSla } from './sla.ts';
export {
  runSparesAdjust,
  runSparesFaulty,
  runSparesHistory,
  runSparesList,
  runSparesReceive,
  runSparesReturned,
} from './spares.ts';
export {
  runAssign,
  runCancel,
  runClose,
  runPending,
  runPriority,
  runReopen,
  runResolve,
  runResume,
  runTake,
} from './status.ts';
export { runTokenCreate, runTokenList, runTokenRevoke } from './token.ts';
export { runVerify } from './verify.ts';
